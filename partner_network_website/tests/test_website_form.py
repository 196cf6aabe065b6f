# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.partner_network.tests.common import PageAssertions

from ..models.partner_network_application_website import APPLICATIONS_PER_HOUR
from .common import VALID_FORM, ApplicationCommon


@tagged("post_install", "-at_install")
class TestApplicationForm(PageAssertions, ApplicationCommon, HttpCase):
    """The public application form: one new application for a valid post,
    a message per field and nothing created for anything else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.form = {
            **VALID_FORM,
            "country_id": str(cls.spain.id),
            "industry_id": str(cls.industry_retail.id),
            "category_ids": [str(cls.category_reseller.id)],
        }

    def setUp(self):
        super().setUp()
        # a visitor's session, which the CSRF token belongs to
        self.authenticate(None, None)

    def _post(self, values, csrf=True, path="/partner-program/apply"):
        data = dict(values)
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(path, data=data, allow_redirects=False)

    def _counts(self):
        return (
            self.Application.sudo().search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
        )

    def _last_application(self):
        return self.Application.sudo().search([], order="id desc", limit=1)

    def test_form_page(self):
        """The form offers the active categories with their roles."""
        self.category_alliance.active = False
        page = self.url_open("/partner-program/apply")
        self.assertEqual(page.status_code, 200)
        self.assertInPage('name="csrf_token"', page.text)
        self.assertInPage(f'value="{self.category_sponsor.id}"', page.text)
        self.assertInPage(f'value="{self.role_orientador.id}"', page.text)
        self.assertNotInPage(f'id="category_{self.category_alliance.id}"', page.text)

    def test_valid_post_creates_one_new_application(self):
        """A valid post creates one new application of the website's company,
        in the form's language, and no partner; the managers get a review
        activity, the applicant an acknowledgement; the address is kept as a
        keyed hash only."""
        applications, partners = self._counts()
        response = self._post(self.form)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith("/partner-program/apply/thanks")
        )
        self.assertEqual(self._counts(), (applications + 1, partners))
        application = self._last_application()
        self.assertRecordValues(
            application,
            [
                {
                    "state": "new",
                    "name": VALID_FORM["name"],
                    "is_company": True,
                    "email": VALID_FORM["email"],
                    "vat": VALID_FORM["vat"],
                    "country_id": self.spain.id,
                    "industry_id": self.industry_retail.id,
                    "category_ids": self.category_reseller.ids,
                    "role_ids": [],
                    "company_id": self.company_a.id,
                    "lang": "en_US",
                    "partner_id": False,
                }
            ],
        )
        self.assertIn(self.manager_a, application.activity_ids.user_id)
        self.assertNotIn(self.manager_b, application.activity_ids.user_id)
        acknowledgement = self.env["mail.mail"].search(
            [
                ("model", "=", application._name),
                ("res_id", "=", application.id),
                ("email_to", "=", VALID_FORM["email"]),
            ]
        )
        self.assertEqual(len(acknowledgement), 1)
        self.assertInPage("We received your application", acknowledgement.subject)
        key = application.remote_address_key
        self.assertTrue(key)
        self.assertNotIn("127.0.0.1", key)
        self.assertEqual(key, self.Application._website_address_key("127.0.0.1"))
        page = self.url_open(response.headers["Location"])
        self.assertInPage("Thank you for your application", page.text)

    def test_ownership_fields_ignored(self):
        """What the form does not ask is ignored: state, partner, company."""
        self._post(
            {
                **self.form,
                "state": "accepted",
                "partner_id": str(self.reseller.id),
                "company_id": str(self.company_b.id),
                "lang": "pt_PT",
                "remote_address_key": "forged",
            }
        )
        self.assertRecordValues(
            self._last_application(),
            [
                {
                    "state": "new",
                    "partner_id": False,
                    "company_id": self.company_a.id,
                    "lang": "en_US",
                }
            ],
        )
        self.assertNotEqual(self._last_application().remote_address_key, "forged")

    def test_bad_input_rerenders_with_message(self):
        """Every kind of bad input is answered with its message next to what
        was typed, never a server error, and creates nothing."""
        sponsor = str(self.category_sponsor.id)
        cases = [
            ({"name": ""}, "Enter the name of your organisation"),
            ({"name": "N" * 5000}, "at most 200 characters"),
            ({"email": ""}, "Enter your email address."),
            ({"email": "not-an-email"}, "Enter a valid email address."),
            ({"email": "x" * 300 + "@example.com"}, "at most 254 characters"),
            ({"contact_name": ""}, "Enter the name of the person to contact."),
            ({"phone": "call me maybe"}, "Enter a phone number"),
            ({"website": "javascript:alert(1)"}, "Enter a website address"),
            ({"vat": "ESB24680135"}, "not a valid tax ID for Spain"),
            ({"vat": "V" * 40}, "at most 32 characters"),
            ({"message": "M" * 5001}, "at most 5000 characters"),
            ({"name": "Bad\x00Name"}, "invisible control character"),
            ({"message": "Hello\x00"}, "invisible control character"),
            ({"country_id": ""}, "Choose your country."),
            ({"country_id": "999999"}, "Choose your country."),
            ({"country_id": "es"}, "Choose your country."),
            ({"industry_id": "999999"}, "Choose a sector of the list."),
            ({"category_ids": []}, "Choose at least one category."),
            ({"category_ids": ["999999"]}, "Choose among the categories"),
            ({"category_ids": ["1 OR 1=1"]}, "Choose among the categories"),
            ({"category_ids": ["1"] * 51}, "Choose among the categories"),
            (
                {"category_ids": [sponsor], "role_ids": ["999999"]},
                "Choose among the roles",
            ),
            (
                {"role_ids": [str(self.role_orientador.id)]},
                "choose the category of the role too",
            ),
            (
                {"is_company": "0", "contact_name": "", "vat": ""},
                "Only organisations can apply as Reseller",
            ),
            ({"fax": "+34 600 000 000"}, "filled in automatically"),
        ]
        counts = self._counts()
        for overrides, message in cases:
            with self.subTest(overrides=str(overrides)[:80]):
                response = self._post({**self.form, **overrides})
                self.assertEqual(response.status_code, 200)
                self.assertInPage(str(escape(message)), response.text)
                self.assertInPage(
                    f'value="{escape(VALID_FORM["contact_name"])}"'
                    if overrides.get("contact_name") != ""
                    else f'value="{escape(VALID_FORM["email"])}"',
                    response.text,
                )
        self.assertEqual(self._counts(), counts)

    def test_archived_category_or_role_refused(self):
        """A category or role archived since the page was shown is refused."""
        counts = self._counts()
        form = {
            **self.form,
            "is_company": "0",
            "category_ids": [str(self.category_sponsor.id)],
            "role_ids": [str(self.role_mediador.id)],
        }
        self.role_mediador.active = False
        response = self._post(form)
        self.assertInPage("Choose among the roles", response.text)
        self.category_sponsor.active = False
        response = self._post({**form, "role_ids": []})
        self.assertInPage("Choose among the categories", response.text)
        self.assertEqual(self._counts(), counts)

    def test_repeated_ids(self):
        """A category or role sent twice is the same one."""
        category = str(self.category_reseller.id)
        response = self._post({**self.form, "category_ids": [category, category]})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._last_application().category_ids, self.category_reseller)

    def test_individual_sponsor_with_roles(self):
        """An individual applies as sponsor with its roles: accepted as
        typed, a tax ID checked as a personal number."""
        response = self._post(
            {
                **self.form,
                "is_company": "0",
                "name": "Sofía Ruiz",
                "contact_name": "",
                "vat": "12345678Z",
                "category_ids": [str(self.category_sponsor.id)],
                "role_ids": [str(self.role_orientador.id), str(self.role_mediador.id)],
            }
        )
        self.assertEqual(response.status_code, 303)
        self.assertRecordValues(
            self._last_application(),
            [
                {
                    "is_company": False,
                    "category_ids": self.category_sponsor.ids,
                    "role_ids": (self.role_orientador | self.role_mediador).ids,
                }
            ],
        )

    def test_tax_id_of_the_country(self):
        """The tax ID is checked with python-stdnum for the chosen country."""
        counts = self._counts()
        response = self._post(
            {**self.form, "vat": "30-71234567-1", "country_id": str(self.spain.id)}
        )
        self.assertInPage("not a valid tax ID for Spain", response.text)
        self.assertEqual(self._counts(), counts)
        response = self._post(
            {**self.form, "vat": "30-71234567-1", "country_id": str(self.argentina.id)}
        )
        self.assertEqual(response.status_code, 303)

    def test_html_is_escaped(self):
        """HTML and scripts are stored as typed and escaped when shown."""
        payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        response = self._post(
            {**self.form, "message": payload, "contact_name": payload}
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._last_application().message, payload)
        response = self._post({**self.form, "message": payload, "email": "bad"})
        self.assertEqual(response.status_code, 200)
        self.assertNotInPage("<script>alert", response.text)
        self.assertNotInPage("<img src=x", response.text)
        self.assertInPage("&lt;script&gt;", response.text)

    def test_per_address_limit(self):
        """An address sends at most a few applications an hour: the next one
        is refused with a message and creates nothing."""
        for index in range(APPLICATIONS_PER_HOUR):
            response = self._post({**self.form, "name": f"Applicant {index}"})
            self.assertEqual(response.status_code, 303)
        counts = self._counts()
        response = self._post(self.form)
        self.assertEqual(response.status_code, 200)
        self.assertInPage("Too many applications", response.text)
        self.assertEqual(self._counts(), counts)
        # an hour later, the address may apply again
        self.env.cr.execute(
            "UPDATE partner_network_application "
            "SET create_date = create_date - interval '61 minutes'"
        )
        self.assertEqual(self._post(self.form).status_code, 303)

    @mute_logger("odoo.http")
    def test_csrf_required(self):
        """A post without a valid CSRF token is refused; a GET with the
        form's values only shows the form."""
        counts = self._counts()
        self.assertEqual(self._post(self.form, csrf=False).status_code, 400)
        response = self.url_open(
            "/partner-program/apply",
            data={**self.form, "csrf_token": "forged"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            "/partner-program/apply?name=Sneaky&email=s%40example.com"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._counts(), counts)

    def test_language_of_the_form(self):
        """An application sent from the Spanish website is in Spanish, and so
        is its acknowledgement."""
        self._spanish()
        template = self.env.ref(
            "partner_network_website.mail_template_application_received"
        )
        self._translate(template, "subject", "Hemos recibido su solicitud")
        response = self._post(self.form, path="/es/partner-program/apply")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/es/partner-program/apply/thanks", response.headers["Location"])
        application = self._last_application()
        self.assertEqual(application.lang, "es_ES")
        acknowledgement = self.env["mail.mail"].search(
            [
                ("model", "=", application._name),
                ("res_id", "=", application.id),
                ("email_to", "=", VALID_FORM["email"]),
            ]
        )
        self.assertEqual(acknowledgement.subject, "Hemos recibido su solicitud")
