# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.partner_network.tests.common import PageAssertions

from .common import CommissionCommon

EMPTY_CARD = "No commission rate applies to you today."


@tagged("post_install", "-at_install")
class TestPortalRateCard(PageAssertions, CommissionCommon, HttpCase):
    """The rate card of the sponsor (one role, in the reseller's sub-network)
    and of the reseller (its leader): each rule is given a rate of its own,
    so that a page shows which rules it tells about."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_sponsor = cls._new_portal_user(
            "portal_sponsor", cls.sponsor, cls.company
        )
        cls.portal_reseller = cls._new_portal_user(
            "portal_reseller", cls.reseller, cls.company
        )
        cls.portal_customer = cls._new_portal_user(
            "portal_customer", cls.customer, cls.company
        )
        Category = cls.env["product.category"]
        cls.software = Category.create({"name": "Rate Card Software"})
        cls.services = Category.create({"name": "Rate Card Services"})
        cls.product_a.write({"name": "Rate Card Licence", "categ_id": cls.software.id})
        cls.product_b.name = "Rate Card Support Pack"
        rule = cls._new_rule
        # the sponsor's winners: by category (any product), by role, naming
        # it (with validity dates), by tier
        cls.sponsor_role = rule(
            partner_role_id=cls.role_orientador.id,
            product_categ_id=cls.services.id,
            rate=11.1,
        )
        cls.sponsor_named = rule(
            partner_id=cls.sponsor.id,
            product_categ_id=cls.software.id,
            rate=12.5,
            date_from="2020-01-01",
            date_to="2099-12-31",
        )
        cls.sponsor_tier = rule(
            partner_tier_id=cls.tier_sponsor.id, product_id=cls.product_b.id, rate=13.75
        )
        # the reseller's winners, as registrant and as leader
        cls.reseller_category = rule(
            partner_category_id=cls.category_reseller.id, rate=8.6
        )
        cls.reseller_named = rule(
            partner_id=cls.reseller.id, product_id=cls.product_a.id, rate=9.9
        )
        cls.leader_role = rule(
            beneficiary="upline", partner_role_id=cls.role_orientador.id, rate=3.4
        )
        cls.leader_named = rule(
            beneficiary="upline",
            partner_id=cls.reseller.id,
            product_id=cls.product_b.id,
            rate=4.1,
        )
        # rules that must never show: each would win if it applied
        cls.hidden_rates = ("22.20", "33.30", "44.40", "55.50", "56.60", "66.60")
        rule(
            partner_id=cls.sponsor.id,
            product_id=cls.product_b.id,
            rate=22.2,
            active=False,
        )
        rule(
            partner_id=cls.sponsor.id,
            product_id=cls.product_a.id,
            rate=33.3,
            date_from="2999-01-01",
        )
        rule(
            partner_id=cls.sponsor.id,
            product_id=cls.product_a.id,
            rate=44.4,
            date_to="2000-12-31",
        )
        cls.company_b_rule = rule(
            company_id=cls.company_b.id,
            partner_category_id=cls.category_sponsor.id,
            rate=55.5,
        )
        rule(company_id=cls.company_b.id, partner_id=cls.reseller.id, rate=56.6)
        for beneficiary in ("registrant", "upline"):
            rule(beneficiary=beneficiary, partner_id=cls.reseller_two.id, rate=66.6)
        # rules that apply but lose, as in the ledger
        cls.losing_rates = ("77.70", "88.80")
        rule(
            partner_category_id=cls.category_sponsor.id,
            product_id=cls.product_b.id,
            rate=77.7,
        )
        rule(
            beneficiary="upline",
            partner_category_id=cls.category_reseller.id,
            product_id=cls.product_b.id,
            rate=88.8,
        )

    @classmethod
    def _new_rule(cls, **values):
        return (
            cls.env["partner.commission.rule"]
            .sudo()
            .create({"name": "Rate Card Rule", "rate": 1.0, **values})
        )

    def _card(self, user):
        """The rate card of ``user``: (beneficiary, rule, rate) per line."""
        card = self.env["partner.commission.rule"].with_user(user)._portal_rate_card()
        return [(line["beneficiary"], line["rule"], line["rate"]) for line in card]

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_setup(self):
        self.assertEqual(self.sponsor.network_master_company_id, self.company)
        self.assertEqual(self.reseller.network_master_company_id, self.company)
        self.assertEqual(self.sponsor.network_parent_id, self.reseller)

    def test_sponsor_card(self):
        """The sponsor sees the winning rule of each product side that
        applies to it as registrant: its category's, its role's, the one
        naming it and its tier's; never the reseller's, another partner's,
        another company's, nor an archived, future or expired rule."""
        self.assertEqual(
            self._card(self.portal_sponsor),
            [
                ("registrant", self.rule_sponsor, 10.0),
                ("registrant", self.sponsor_role, 11.1),
                ("registrant", self.sponsor_named, 12.5),
                ("registrant", self.sponsor_tier, 13.75),
            ],
        )

    def test_reseller_card(self):
        """The reseller sees its rules as registrant, then those it earns as
        its sub-network's leader (by the role its sponsor registers with, and
        naming it); never the sponsor's own nor the other reseller's."""
        self.assertEqual(
            self._card(self.portal_reseller),
            [
                ("registrant", self.reseller_category, 8.6),
                ("registrant", self.reseller_named, 9.9),
                ("upline", self.leader_role, 3.4),
                ("upline", self.leader_named, 4.1),
            ],
        )

    def test_leader_bonus_and_sub_network(self):
        """A leader without a leader rule for any product is shown its tier's
        sub-network bonus, which the ledger pays then; a partner leading
        nobody has no leader line."""
        self.leader_role.active = False
        self.assertEqual(
            self._card(self.portal_reseller)[2:],
            [
                ("upline", self.env["partner.commission.rule"], 2.0),
                ("upline", self.leader_named, 4.1),
            ],
        )
        self.authenticate("portal_reseller", "portal_reseller")
        self.assertInPage("sub-network bonus", self._get("/my/rates").text)
        self.sponsor.network_parent_id = False
        self.assertEqual(
            self._card(self.portal_reseller),
            [
                ("registrant", self.reseller_category, 8.6),
                ("registrant", self.reseller_named, 9.9),
            ],
        )

    def test_rules_of_the_master_company(self):
        """The rules are those of the partner's master company, where its
        registrations are made, not those of the portal user's company."""
        self.sponsor.network_master_company_id = self.company_b
        self.assertEqual(
            self._card(self.portal_sponsor),
            [("registrant", self.company_b_rule, 55.5)],
        )

    def test_card_rates_are_the_ledger_rates(self):
        """What the card says is what the ledger pays on the sponsor's deal:
        the rule naming the sponsor on the licence's category, its tier's on
        the support pack, and the reseller's leader rules."""
        invoice = self._invoice(
            amounts=(1000.0, 1000.0), products=[self.product_a, self.product_b]
        )
        self._pay(invoice)
        lines = self.env["partner.commission.line"].search(
            [("move_id", "=", invoice.id)]
        )
        self.assertEqual(
            {(line.partner_id, line.product_id): line.rate for line in lines},
            {
                (self.sponsor, self.product_a): 12.5,
                (self.sponsor, self.product_b): 13.75,
                (self.reseller, self.product_a): 3.4,
                (self.reseller, self.product_b): 4.1,
            },
        )

    def test_rates_page(self):
        """/my/rates shows each partner its own lines with product side,
        conditions, beneficiary, rate and validity, in the portal layout;
        parameters it does not take change nothing."""
        self.authenticate("portal_sponsor", "portal_sponsor")
        response = self._get("/my/rates")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertEqual(page.count('class="o_rate_row"'), 4)
        for text in (
            "breadcrumb-item active",
            "Commission Rates",
            "Any product",
            "Rate Card Services",
            "Rate Card Software",
            "(category)",
            "Rate Card Support Pack",
            "Deals registered as",
            self.role_orientador.name,
            self.tier_sponsor.name,
            self.category_sponsor.name,
            "<div>You</div>",
            "Registrant",
            "10.00",
            "11.10",
            "12.50",
            "13.75",
            "01/01/2020",
            "12/31/2099",
        ):
            self.assertInPage(text, page)
        for text in (
            "Sub-network Leader",
            "8.60",
            "9.90",
            "3.40",
            "4.10",
            *self.hidden_rates,
            *self.losing_rates,
        ):
            self.assertNotInPage(text, page)
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._get("/my/rates?page=abc&sortby=%00&partner_id=1")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertEqual(page.count('class="o_rate_row"'), 4)
        for text in ("Rate Card Licence", "Sub-network Leader"):
            self.assertInPage(text, page)
        for text in ("8.60", "9.90", "3.40", "4.10"):
            self.assertInPage(text, page)
        for text in (
            "10.00",
            "11.10",
            "12.50",
            "13.75",
            *self.hidden_rates,
            *self.losing_rates,
        ):
            self.assertNotInPage(text, page)

    def test_home_entry_and_counter(self):
        """/my links to the rates, and its counter is the number of lines."""
        self.authenticate("portal_sponsor", "portal_sponsor")
        self.assertInPage('href="/my/rates"', self._get("/my").text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["rate_count"]}
        )
        self.assertEqual(counters, {"rate_count": 4})
        self.sponsor_role.date_to = "2000-12-31"
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["rate_count"]}
        )
        self.assertEqual(counters, {"rate_count": 3})

    def test_users_outside_the_network_get_an_empty_card(self):
        """An internal user and the portal user of a customer outside the
        network get an empty card, an empty counter and no error."""
        for user in (self.internal_user, self.portal_customer):
            with self.subTest(user=user.login):
                self.assertEqual(self._card(user), [])
                self.authenticate(user.login, user.login)
                response = self._get("/my/rates")
                self.assertEqual(response.status_code, 200)
                self.assertInPage(EMPTY_CARD, response.text)
                self.assertNotInPage('class="o_rate_row"', response.text)
                counters = self.make_jsonrpc_request(
                    "/my/counters", {"counters": ["rate_count"]}
                )
                self.assertEqual(counters, {"rate_count": 0})
