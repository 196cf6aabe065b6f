# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.partner_network.tests.common import PageAssertions

from .common import ApplicationCommon

DIRECTORY = "/partner-program/directory"


class DirectoryCommon(PageAssertions, ApplicationCommon):
    """A published active reseller with private data, and partners the
    directory must never show."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # only the partners of the tests are published
        Partner.search([("network_published", "=", True)]).network_published = False
        cls.reseller.write(
            {
                "city": "Madrid",
                "country_id": cls.spain.id,
                "website": "https://reseller-uno.example.com",
                "email": "private@reseller-uno.example.com",
                "phone": "+34 600 111 222",
                "vat": "ESB24680134",
                "network_country_ids": [Command.set((cls.spain | cls.uruguay).ids)],
                "network_industry_ids": [Command.set(cls.industry_retail.ids)],
                "network_published": True,
                "network_description": "<p>We sell <b>retail</b> software.</p>",
            }
        )
        cls.sponsor.write(
            {
                "network_state": "active",
                "country_id": cls.argentina.id,
                "network_published": True,
                "network_industry_ids": [Command.set(cls.industry_it.ids)],
            }
        )
        # reseller_two is active but not published
        published = {"network_published": True, "is_company": True}
        reseller = {"network_category_ids": [Command.set(cls.category_reseller.ids)]}
        cls.hidden = {
            "unpublished": cls.reseller_two,
            "candidate": Partner.create(
                {"name": "Candidato SL", **published, **reseller}
            ),
            "suspended": Partner.create(
                {
                    "name": "Suspendido SL",
                    "network_state": "suspended",
                    **published,
                    **reseller,
                }
            ),
            "terminated": Partner.create(
                {
                    "name": "Terminado SL",
                    "network_state": "terminated",
                    **published,
                    **reseller,
                }
            ),
            "archived": Partner.create(
                {
                    "name": "Archivado SL",
                    "network_state": "active",
                    "active": False,
                    **published,
                    **reseller,
                }
            ),
            "other company": Partner.create(
                {
                    "name": "Otra Empresa SL",
                    "network_state": "active",
                    "network_master_company_id": cls.company_b.id,
                    **published,
                    **reseller,
                }
            ),
            "not in the network": Partner.create(
                {"name": "Cliente SL", "network_published": True, "is_company": True}
            ),
        }
        cls.private = (
            "private@reseller-uno.example.com",
            "+34 600 111 222",
            "ESB24680134",
            "B24680134",
        )

    def _url(self, partner):
        return f"{DIRECTORY}/{partner._network_directory_slug()}"


@tagged("post_install", "-at_install")
class TestDirectory(DirectoryCommon, HttpCase):
    def test_directory_lists_published_active_partners(self):
        """The directory lists the published active partners with their
        city, country, tier and categories, and nobody else."""
        page = self.url_open(DIRECTORY)
        self.assertEqual(page.status_code, 200)
        self.assertInPage(self._url(self.reseller), page.text)
        self.assertInPage(self._url(self.sponsor), page.text)
        self.assertInPage("Madrid", page.text)
        self.assertInPage(self.tier_silver.name, page.text)
        self.assertInPage("We sell retail software.", page.text)
        for reason, partner in self.hidden.items():
            with self.subTest(reason=reason):
                self.assertNotInPage(partner.name, page.text)
        for value in self.private:
            self.assertNotInPage(value, page.text)

    def test_partner_page(self):
        """A partner's page shows its description, territory, sectors,
        website and tier, with a title and a meta description; no private
        field."""
        page = self.url_open(self._url(self.reseller))
        self.assertEqual(page.status_code, 200)
        self.assertInPage("<b>retail</b>", page.text)
        self.assertInPage(self.uruguay.name, page.text)
        self.assertInPage(self.industry_retail.name, page.text)
        self.assertInPage('href="https://reseller-uno.example.com"', page.text)
        self.assertInPage(self.tier_silver.name, page.text)
        self.assertInPage(f"<title>{self.reseller.name} | ", page.text)
        self.assertInPage(
            '<meta name="description" content="We sell retail software."', page.text
        )
        for value in self.private:
            self.assertNotInPage(value, page.text)

    @mute_logger("odoo.http")
    def test_hidden_partners_answer_404(self):
        """The page and the logo of a partner the directory does not show
        answer 404, as an id that does not exist."""
        for reason, partner in self.hidden.items():
            with self.subTest(reason=reason):
                for url in (self._url(partner), f"{DIRECTORY}/{partner.id}/logo"):
                    response = self.url_open(url, allow_redirects=False)
                    self.assertEqual(response.status_code, 404, url)
        for url in (f"{DIRECTORY}/nobody-999999", f"{DIRECTORY}/999999/logo"):
            self.assertEqual(self.url_open(url).status_code, 404)

    def test_unpublish_hides(self):
        """Unpublishing or suspending a partner takes it out at once."""
        url = self._url(self.reseller)
        self.assertEqual(self.url_open(url).status_code, 200)
        self.reseller.network_published = False
        self.assertEqual(self.url_open(url).status_code, 404)
        self.reseller.network_published = True
        self.reseller.action_network_suspend()
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_old_slug_redirects(self):
        """A page under a former name moves to the current one."""
        response = self.url_open(
            f"{DIRECTORY}/former-name-{self.reseller.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response.headers["Location"].endswith(self._url(self.reseller)))

    def test_logo(self):
        """The logo of a partner of the directory is served to visitors."""
        response = self.url_open(f"{DIRECTORY}/{self.reseller.id}/logo")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("image/"))

    def test_filters_and_search(self):
        """Category, tier, country (own or territory), sector and a search
        narrow the list; a malformed filter is ignored."""
        cases = [
            (f"category={self.category_sponsor.id}", self.sponsor),
            (f"tier={self.tier_silver.id}", self.reseller),
            (f"country={self.uruguay.id}", self.reseller),
            (f"country={self.argentina.id}", self.sponsor),
            (f"industry={self.industry_it.id}", self.sponsor),
            ("search=retail", self.reseller),
            ("search=Sof%C3%ADa", self.sponsor),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                page = self.url_open(f"{DIRECTORY}?{query}").text
                self.assertInPage(self._url(expected), page)
                other = (self.reseller | self.sponsor) - expected
                self.assertNotInPage(self._url(other), page)
        for query in (
            "category=abc",
            "tier=-1",
            "country=1e3",
            "industry=%C2%B2",
            "category=99999999999999999999",
            "search=%00",
        ):
            with self.subTest(query=query):
                response = self.url_open(f"{DIRECTORY}?{query}")
                self.assertEqual(response.status_code, 200)
        page = self.url_open(f"{DIRECTORY}?search=nobody-matches").text
        self.assertInPage("No partner matches your search.", page)

    def test_javascript_website_not_linked(self):
        """Only web addresses are linked as the partner's website."""
        self.reseller.website = "javascript:alert(1)"
        page = self.url_open(self._url(self.reseller)).text
        self.assertNotInPage("javascript:alert", page)

    def test_pagination(self):
        """The directory pages 24 partners at a time."""
        self._published_partners(30)
        first = self.url_open(DIRECTORY).text
        second = self.url_open(f"{DIRECTORY}/page/2").text
        self.assertEqual(first.count("o_partner_directory_card"), 24)
        # the 30 new ones, the reseller and the sponsor
        self.assertEqual(second.count("o_partner_directory_card"), 8)
        self.assertInPage(f'href="{DIRECTORY}/page/2"', first)

    def test_sitemap(self):
        """The sitemap lists the program pages and the partners shown."""
        # a sitemap is kept for hours: build it afresh
        self.env["ir.attachment"].search([("url", "=like", "/sitemap-%")]).unlink()
        sitemap = self.url_open("/sitemap.xml").text
        self.assertInPage("/partner-program/apply", sitemap)
        self.assertInPage(self._url(self.reseller), sitemap)
        for partner in self.hidden.values():
            self.assertNotInPage(f"-{partner.id}<", sitemap)

    def test_description_translated(self):
        """Each language has its own description, translated term by term as
        the website's translation mode does."""
        self._spanish()
        self.reseller.update_field_translations(
            "network_description",
            {"es_ES": {"We sell <b>retail</b> software.": "Vendemos <b>software</b>."}},
        )
        self.assertEqual(
            self.reseller.with_context(lang="es_ES").network_description,
            "<p>Vendemos <b>software</b>.</p>",
        )
        self.assertEqual(
            self.reseller.with_context(lang="en_US").network_description,
            "<p>We sell <b>retail</b> software.</p>",
        )
        page = self.url_open(f"/es{self._url(self.reseller)}").text
        self.assertInPage("Vendemos <b>software</b>.", page)

    def _published_partners(self, count):
        return self.env["res.partner"].create(
            [
                {
                    "name": f"Partner {index:03d}",
                    "is_company": True,
                    "city": f"City {index}",
                    "country_id": self.spain.id,
                    "network_country_ids": [Command.set(self.spain.ids)],
                    "network_category_ids": [
                        Command.set((self.category_reseller | self.category_isv).ids)
                    ],
                    "network_tier_id": self.tier_gold.id,
                    "network_state": "active",
                    "network_published": True,
                    "network_description": f"<p>Partner number {index}</p>",
                }
                for index in range(count)
            ]
        )

    def test_query_count_does_not_grow(self):
        """The directory costs as many queries for 2 partners as for 20: no
        query per partner."""

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            response = self.url_open(DIRECTORY)
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before, response.text.count(
                "o_partner_directory_card"
            )

        queries()  # warm the caches of the views and assets
        with_two, cards = queries()
        self.assertEqual(cards, 2)
        self._published_partners(18)
        self.env.flush_all()
        self.env.invalidate_all()
        queries()
        with self.assertQueryCount(with_two):
            response = self.url_open(DIRECTORY)
        self.assertEqual(response.text.count("o_partner_directory_card"), 20)


@tagged("post_install", "-at_install")
class TestProgramPage(ApplicationCommon, HttpCase):
    def test_program_page(self):
        """The program page shows the active categories, their roles and
        tiers with their benefits, and calls to apply."""
        self.category_alliance.active = False
        self.tier_silver.description = "<p>Joint marketing fund.</p>"
        page = self.url_open("/partner-program")
        self.assertEqual(page.status_code, 200)
        text = page.text
        for record in (
            self.category_reseller,
            self.category_sponsor,
            self.role_orientador,
            self.role_mediador,
            self.tier_silver,
            self.tier_gold,
        ):
            self.assertIn(record.name, text)
        self.assertNotIn(f">{self.category_alliance.name}<", text)
        self.assertIn("protected for", text)
        self.assertIn(
            f"{self.tier_silver.protection_days} days", " ".join(text.split())
        )
        self.assertIn("Joint marketing fund.", text)
        self.assertIn('href="/partner-program/apply"', text)


@tagged("post_install", "-at_install")
class TestPublicationRights(DirectoryCommon):
    def test_only_managers_publish(self):
        """Only network managers publish a partner or write its directory
        description; publishing is tracked."""
        for vals in ({"network_published": True}, {"network_description": "<p>x</p>"}):
            with self.subTest(vals=vals):
                with self.assertRefused(AccessError, "Only Network Managers publish"):
                    self.reseller_two.with_user(self.user_a).write(vals)
                with self.assertRefused(AccessError, "Only Network Managers publish"):
                    self.env["res.partner"].with_user(self.user_a).create(
                        {"name": "Self Published", **vals}
                    )
        with self.assertRefused(AccessError, "Only Network Managers publish"):
            self.reseller.with_user(self.user_a).network_published = False
        # other changes of a published partner stay open to network users
        self.reseller.with_user(self.user_a).phone = "+34 600 999 999"
        self.assertTrue(self.reseller.network_published)
        partner = self.reseller_two.with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(partner)
        partner.with_user(self.manager_a).network_published = True
        self._track(partner)
        self.assertIn(
            "network_published",
            partner.message_ids.tracking_value_ids.field_id.mapped("name"),
        )

    def test_description_sanitized(self):
        """The description is stored sanitized: no script reaches a page."""
        self.reseller.with_user(
            self.manager_a
        ).network_description = '<p onclick="alert(1)">Hi</p><script>alert(2)</script>'
        self.assertNotIn("script", self.reseller.network_description)
        self.assertNotIn("onclick", self.reseller.network_description)


@tagged("post_install", "-at_install")
class TestDirectoryRequest(DirectoryCommon, HttpCase):
    """A partner asks from its portal to be listed in the directory."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sponsor.write(
            {"network_published": False, "network_manager_id": cls.manager_a.id}
        )
        cls.portal_sponsor = cls._new_portal_user("pnw_sponsor", cls.sponsor)

    def _request(self):
        return self.url_open(
            "/my/partner-directory/request",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )

    def _requests(self, partner):
        return partner.activity_ids.filtered(
            lambda activity: activity.activity_type_id
            == self.env.ref(
                "partner_network_website.mail_activity_type_directory_request"
            )
        )

    def test_request_listing(self):
        """An active partner not listed asks once: its account executive gets
        one activity, and the portal says the listing is reviewed."""
        self.authenticate("pnw_sponsor", "pnw_sponsor")
        home = self.url_open("/my").text
        self.assertInPage("o_partner_directory_request", home)
        self.assertEqual(self._request().status_code, 303)
        self.assertEqual(self._requests(self.sponsor).user_id, self.manager_a)
        self.assertEqual(self._request().status_code, 303)
        self.assertEqual(len(self._requests(self.sponsor)), 1)
        self.assertIn(
            "asked to list the partner",
            self.sponsor.message_ids[0].body,
        )
        home = self.url_open("/my").text
        self.assertInPage("o_partner_directory_requested", home)
        self.sponsor.network_published = True
        self.assertInPage(self._url(self.sponsor), self.url_open("/my").text)

    def test_only_active_partners_ask(self):
        """A candidate, or a listed partner, cannot ask."""
        candidate = self.hidden["candidate"]
        self._new_portal_user("pnw_candidate", candidate)
        self.authenticate("pnw_candidate", "pnw_candidate")
        self.assertNotInPage("o_partner_directory_status", self.url_open("/my").text)
        response = self._request()
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertFalse(self._requests(candidate))
        with self.assertRaisesRegex(UserError, "Only active partners"):
            self.env["res.partner"].with_user(
                self._new_portal_user("pnw_reseller", self.reseller)
            )._network_directory_request()

    @mute_logger("odoo.http")
    def test_request_needs_csrf(self):
        self.authenticate("pnw_sponsor", "pnw_sponsor")
        response = self.url_open(
            "/my/partner-directory/request",
            data={"csrf_token": "forged"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._requests(self.sponsor))
