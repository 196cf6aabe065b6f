# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo import http
from odoo.tests import HttpCase, tagged

from ..models.crm_lead_portal import PORTAL_REGISTRATION_FIELDS
from .test_portal import VALID_FORM, PortalCommon

# Prospects that share no key, so that each post registers a new one
PROSPECTS = [
    "Alfarería Quintana",
    "Bodegas Ribeiro",
    "Carpintería Oeste",
    "Dulces Mondragón",
    "Electricidad Vigo",
    "Ferretería Lusitana",
    "Granja Almendro",
    "Hostal Marítimo",
    "Imprenta Sevilla",
    "Joyería Coimbra",
    "Lavandería Norte",
    "Mármoles Braga",
]


class PortalFormCommon(PortalCommon, HttpCase):
    def setUp(self):
        super().setUp()
        self.prospects = iter(enumerate(PROSPECTS))

    def _post(self, **values):
        """Post the registration form for a new prospect with ``values``."""
        index, name = next(self.prospects)
        data = {
            **VALID_FORM,
            "partner_name": name,
            "registration_vat": "",
            "phone": "",
            "website": "",
            "email_from": f"compras@prospect-{index}.example.com",
            **values,
            "csrf_token": http.Request.csrf_token(self),
        }
        return self.url_open("/my/registrations/new", data=data, allow_redirects=False)

    def _count(self):
        return self.env["crm.lead"].search_count([])

    def _field_is_invalid(self, page, name):
        # a NUL typed is sent back as typed: lxml does not parse it
        tree = html.fromstring(page.replace("\x00", ""))
        (element,) = tree.xpath(f'//*[@name="{name}"]')
        return "is-invalid" in element.get("class", "")


@tagged("post_install", "-at_install")
class TestPortalBudgetLanguage(PortalFormCommon):
    """The budget is read the way the partner's language writes numbers, or
    refused: never stored as another number than the one typed."""

    def _as(self, code):
        self._activate_portal_lang(code)
        self.portal_reseller.partner_id.lang = code
        self.authenticate("portal_reseller", "portal_reseller")

    def _assert_stored(self, text, amount):
        response = self._post(registration_budget=text)
        self.assertEqual(response.status_code, 303, f"{text!r} was refused")
        lead = self.env["crm.lead"].search([], order="id desc", limit=1)
        self.assertEqual(lead.registration_budget, amount)

    def _assert_refused(self, text, example):
        """Refused with the way to write it: an example in the language."""
        before = self._count()
        response = self._post(registration_budget=text)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self._field_is_invalid(response.text, "registration_budget"))
        self.assertInPage(example, response.text)
        self.assertInPage(f'value="{text}"', response.text)
        self.assertEqual(self._count(), before)

    def test_spanish(self):
        self._as("es_ES")
        for text, amount in (("48.000", 48000.0), ("48.000,50", 48000.5)):
            with self.subTest(text=text):
                self._assert_stored(text, amount)
        for text in ("48000.50", "48.5", "48,000", "48.000.5"):
            with self.subTest(text=text):
                self._assert_refused(text, "25.000,50")

    def test_english(self):
        self._as("en_US")
        for text, amount in (("25,000", 25000.0), ("25,000.50", 25000.5)):
            with self.subTest(text=text):
                self._assert_stored(text, amount)
        for text in ("25,5", "25.000", "25.000,50"):
            with self.subTest(text=text):
                self._assert_refused(text, "25,000.50")

    def test_portuguese(self):
        self._as("pt_PT")
        self._assert_stored("1 234,5", 1234.5)
        self._assert_stored("25000", 25000.0)
        for text in ("1.234,5", "1,234.5"):
            with self.subTest(text=text):
                self._assert_refused(text, "25000,50")


@tagged("post_install", "-at_install")
class TestPortalFormControlCharacters(PortalFormCommon):
    def test_nul_byte_in_each_field(self):
        """A NUL byte in any field is refused next to that field, creates
        nothing and never answers 500."""
        self.authenticate("portal_reseller", "portal_reseller")
        before = self._count()
        for name in PORTAL_REGISTRATION_FIELDS:
            with self.subTest(field=name):
                response = self._post(**{name: f"{VALID_FORM[name]}\x00"})
                self.assertEqual(response.status_code, 200)
                self.assertInPage(
                    "Remove the invisible control character", response.text
                )
                self.assertTrue(self._field_is_invalid(response.text, name))
        self.assertEqual(self._count(), before)

    def test_nul_byte_in_the_list_search(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self.url_open("/my/registrations?search=Text%00iles")
        self.assertEqual(response.status_code, 200)
        self.assertInPage("Own Prospect Textiles", response.text)


@tagged("post_install", "-at_install")
class TestPortalSubmissionMessage(PortalFormCommon):
    def test_portal_submission_posts_as_the_backend(self):
        """A registration submitted from the portal posts the "Registration
        Submitted" message the backend posts, notified to the followers."""
        self.reseller.network_manager_id = self.user_a
        submitted = self.env.ref("partner_network.mt_registration_submitted")
        self.authenticate("portal_reseller", "portal_reseller")
        self.assertEqual(self._post().status_code, 303)
        portal = self.env["crm.lead"].search([], order="id desc", limit=1)
        # The backend: staff registers a draft, then submits it in another
        # transaction, with mail tracking on as in production.
        backend = (
            self.env(context={})["crm.lead"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "Backend registration",
                    "type": "opportunity",
                    "registration_partner_id": self.reseller.id,
                    "partner_name": "Backend Prospect Cables SL",
                    "email_from": "buyer@backend-cables.example.com",
                    "registration_need": "Cables",
                    "registration_budget": 9000,
                    "registration_implementation_date": VALID_FORM[
                        "registration_implementation_date"
                    ],
                }
            )
        )
        self._track(backend)
        backend.action_registration_submit()
        self._track(backend)
        for lead in (portal, backend):
            with self.subTest(lead=lead.partner_name):
                message = lead.message_ids.filtered(
                    lambda message: message.subtype_id == submitted
                )
                self.assertEqual(len(message), 1)
                self.assertEqual(
                    [
                        (
                            value.field_id.name,
                            value.old_value_char,
                            value.new_value_char,
                        )
                        # tracking values are for administrators to read
                        for value in message.sudo().tracking_value_ids
                    ],
                    [("registration_state", "Draft", "Submitted")],
                )
                self.assertEqual(
                    message.notified_partner_ids,
                    lead.message_partner_ids - message.author_id,
                )
                self.assertIn(self.reseller, message.notified_partner_ids)
        self.assertEqual(
            portal.message_ids.filtered(
                lambda message: message.subtype_id == submitted
            ).author_id,
            self.portal_reseller.partner_id,
        )
