# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .test_portal import VALID_FORM, PortalCommon

PORTAL_REFUSAL = (
    "This prospect cannot be registered: it is already registered in the network "
    "or is a customer. Contact your account executive."
)


class RefusalCommon(PortalCommon):
    """Three prospects refused for three reasons: held by another partner's
    registration (by its tax ID), a customer of a reseller (by its web
    domain) and a customer of the company (by its name)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _channel_customer, own_customer = cls.env["res.partner"].create(
            [
                {
                    "name": "Cliente de Canal SRL",
                    "is_company": True,
                    "website": "www.cliente-de-canal.example.com",
                    "network_reseller_id": cls.reseller_two.id,
                },
                {"name": "Cliente Propio SA", "is_company": True},
            ]
        )
        won = cls.env["crm.stage"].create({"name": "Won", "is_won": True})
        cls.env["crm.lead"].create(
            {
                "name": "Earlier deal",
                "type": "opportunity",
                "partner_id": own_customer.id,
                "stage_id": won.id,
            }
        )
        neutral = {"registration_vat": "", "email_from": "", "website": ""}
        cls.refused_forms = {
            "held": {**VALID_FORM, "registration_vat": "ESB33333333"},
            "reseller_customer": {
                **VALID_FORM,
                **neutral,
                "email_from": "compras@cliente-de-canal.example.com",
            },
            "customer": {
                **VALID_FORM,
                **neutral,
                "partner_name": "Cliente Propio, S.A.",
            },
        }
        cls.staff_reasons = {
            "held": r"already registered in the partner network \(same tax ID\)",
            "reseller_customer": "already a customer of a reseller of the network",
            "customer": "already a customer and cannot be registered",
        }


@tagged("post_install", "-at_install")
class TestRegistrationRefusalMessages(RefusalCommon):
    """Portal users read one refusal naming no key and no partner; staff read
    the reason."""

    def test_portal_submission_refused_with_one_message(self):
        """Through the portal's model method, each refusal reads the same."""
        Lead = self.env["crm.lead"].with_user(self.portal_reseller)
        for case, form in self.refused_forms.items():
            with self.subTest(case=case):
                values, errors = Lead._portal_registration_parse(form)
                self.assertFalse(errors)
                with self.assertRaises(UserError) as refusal:
                    Lead._portal_registration_submit(values)
                self.assertEqual(str(refusal.exception), PORTAL_REFUSAL)

    def test_staff_read_the_reason(self):
        """A network user registering the same prospects reads why each is
        refused."""
        for case, form in self.refused_forms.items():
            with self.subTest(case=case):
                values = {
                    name: form[name]
                    for name in (
                        "partner_name",
                        "registration_vat",
                        "email_from",
                        "phone",
                    )
                }
                registration = self._new_registration(
                    self.reseller, **values
                ).with_user(self.user_a)
                with self.assertRefused(UserError, self.staff_reasons[case]):
                    registration.action_registration_submit()


@tagged("post_install", "-at_install")
class TestRegistrationRefusalPortalPages(RefusalCommon, HttpCase):
    def test_refusal_page_names_no_key(self):
        """Posting each refused prospect answers the same page message, which
        names no key, no partner and no customer."""
        self.authenticate("portal_reseller", "portal_reseller")
        before = self.env["crm.lead"].search_count([])
        for case, form in self.refused_forms.items():
            with self.subTest(case=case):
                response = self.url_open(
                    "/my/registrations/new",
                    data={**form, "csrf_token": http.Request.csrf_token(self)},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 200)
                self.assertInPage(
                    "it is already registered in the network or is a customer",
                    response.text,
                )
                for leak in (
                    "same tax ID",
                    "same web domain",
                    "same company name",
                    "customer of a reseller",
                    self.reseller_two.name,
                    "Other Prospect Secrets",
                    "Cliente de Canal",
                ):
                    self.assertNotInPage(leak, response.text)
        self.assertEqual(self.env["crm.lead"].search_count([]), before)
