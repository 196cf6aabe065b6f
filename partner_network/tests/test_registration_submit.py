# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import closing
from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationSubmit(RegistrationCommon):
    def test_new_registration_is_draft_with_role(self):
        """A registration starts as draft with the registrant's only role."""
        registration = self._new_registration(self.sponsor)
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_state": "draft",
                    "registration_role_id": self.role_orientador.id,
                    "registration_key_vat": "B12345674",
                    "registration_key_name": "acme sistemas",
                }
            ],
        )

    def test_incomplete_submission_lists_what_is_missing(self):
        """Need, budget, date and prospect identity are each required."""
        cases = [
            ({"registration_need": False}, "description of the need"),
            ({"registration_budget": 0.0}, "budget greater than zero"),
            ({"registration_budget": -10.0}, "budget greater than zero"),
            ({"registration_implementation_date": False}, "implementation date"),
            ({"registration_implementation_date": "2020-01-01"}, "not in the past"),
            ({"partner_name": False}, "company name"),
            ({"registration_vat": False}, "tax ID, email, phone or website"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                registration = self._new_registration(self.sponsor, **values)
                with self.assertRefused(UserError, message):
                    registration.action_registration_submit()
                self.assertEqual(registration.registration_state, "draft")
                self.assertFalse(registration.registration_deadline)

    def test_any_identity_key_is_enough(self):
        """Company name plus an email, phone or website completes the prospect."""
        for values in (
            {"email_from": "compras@acme-sistemas.es"},
            {"phone": "+34 911 222 333"},
            {"website": "https://acme-sistemas.es"},
        ):
            with self.subTest(values=values), closing(self.cr.savepoint()):
                registration = self._new_registration(
                    self.sponsor, registration_vat=False, **values
                )
                registration.action_registration_submit()
                self.assertEqual(registration.registration_state, "submitted")

    def test_submission_opens_the_review(self):
        """Submission dates it, sets its deadline and assigns a review activity."""
        with self._at("2026-07-03 10:00:00"):
            registration = self._submitted(self.sponsor)
            self.assertRecordValues(
                registration,
                [
                    {
                        "registration_state": "submitted",
                        "registration_date": datetime(2026, 7, 3, 10, 0),
                        "registration_days_left": 21,
                    }
                ],
            )
        activity = registration.activity_ids
        self.assertEqual(activity.user_id, self.user_a)
        self.assertEqual(activity.date_deadline, registration.registration_deadline)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("partner_network.mail_activity_type_registration_review"),
        )
        self.assertIn(self.sponsor, registration.message_partner_ids)
        self.assertEqual(registration.registration_attribution_ids.event, "submitted")

    def test_only_drafts_are_submitted(self):
        """A submitted registration cannot be submitted again."""
        registration = self._submitted(self.sponsor)
        with self.assertRefused(UserError, "Only draft registrations"):
            registration.action_registration_submit()

    def test_registrant_must_be_active(self):
        """Suspended partners do not register opportunities."""
        self.sponsor.network_state = "suspended"
        registration = self._new_registration(self.sponsor)
        with self.assertRefused(UserError, "not active in the partner network"):
            registration.action_registration_submit()
        self.assertEqual(registration.registration_state, "draft")

    def test_registrant_needs_agreement_of_the_company(self):
        """An agreement ended, or with another master company, does not count."""
        self.promoter.network_agreement_ids.state = "terminated"
        self._new_agreement(self.promoter, company=self.company_b, state="active")
        self._new_agreement(
            self.promoter,
            date_start="2020-01-01",
            date_end="2021-01-01",
            state="active",
        )
        registration = self._new_registration(self.promoter)
        with self.assertRefused(UserError, "has no active agreement"):
            registration.action_registration_submit()
        self.assertEqual(registration.registration_state, "draft")

    def test_role_must_be_held(self):
        """A registrant cannot register in a role it does not hold."""
        registration = self._new_registration(
            self.sponsor, registration_role_id=self.role_mediador.id
        )
        with self.assertRefused(UserError, "does not act as Mediador"):
            registration.action_registration_submit()

    def test_quota_of_the_tier(self):
        """The tier's quota caps open registrations; closed ones free a slot."""
        self.tier_sponsor.max_open_registrations = 2
        first = self._submitted(
            self.sponsor, partner_name="Uno SA", registration_vat="1"
        )
        self._submitted(self.sponsor, partner_name="Dos SA", registration_vat="2")
        third = self._new_registration(
            self.sponsor, partner_name="Tres SA", registration_vat="3"
        )
        with self.assertRefused(UserError, "already has 2 open registrations"):
            third.action_registration_submit()
        first.action_registration_reject("not_fit")
        third.action_registration_submit()
        self.assertEqual(third.registration_state, "submitted")

    def test_existing_customer_refused(self):
        """A customer of the company cannot be registered, however written."""
        customer = self.env["res.partner"].create(
            {"name": "Acme Sistemas SA", "is_company": True, "vat": "ESB12345674"}
        )
        won_stage = self.env["crm.stage"].create({"name": "Won", "is_won": True})
        self.env["crm.lead"].create(
            {
                "name": "Earlier deal",
                "type": "opportunity",
                "partner_id": customer.id,
                "stage_id": won_stage.id,
            }
        )
        registration = self._new_registration(self.sponsor, partner_name="Otra Razón")
        with self.assertRefused(UserError, "already a customer and cannot"):
            registration.action_registration_submit()
        self.assertEqual(registration.registration_state, "draft")

    def test_reseller_customer_refused_without_naming_it(self):
        """A reseller's customer is refused; the message names no reseller."""
        self.env["res.partner"].create(
            {
                "name": "Cliente de Canal SRL",
                "is_company": True,
                "website": "https://www.canal-cliente.com.ar/",
                "network_reseller_id": self.reseller_two.id,
            }
        )
        registration = self._new_registration(
            self.sponsor,
            partner_name="Canal Cliente",
            registration_vat=False,
            email_from="jefe@canal-cliente.com.ar",
        )
        with self.assertRaises(UserError) as refusal:
            with self.cr.savepoint():
                registration.action_registration_submit()
        message = str(refusal.exception)
        self.assertIn("customer of a reseller", message)
        self.assertNotIn(self.reseller_two.name, message)
        self.assertEqual(registration.registration_state, "draft")

    def test_prospects_are_not_network_partners(self):
        """Non-customer contacts do not block a registration."""
        self.env["res.partner"].create(
            {"name": "ACME Sistemas", "is_company": True, "vat": "ESB12345674"}
        )
        registration = self._submitted(self.sponsor)
        self.assertEqual(registration.registration_state, "submitted")
