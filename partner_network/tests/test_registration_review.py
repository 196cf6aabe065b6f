# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationReview(RegistrationCommon):
    def _decision_messages(self, registration):
        subtype = self.env.ref("partner_network.mt_registration_decision")
        return registration.message_ids.filtered(lambda m: m.subtype_id == subtype)

    def test_accept_for_the_internal_team(self):
        """Acceptance protects the prospect for the tier's days, ends the review."""
        registration = self._submitted(self.sponsor)
        registration.with_user(self.user_a).action_registration_accept("internal")
        today = fields.Date.context_today(registration)
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_state": "accepted",
                    "registration_channel": "internal",
                    "registration_executing_partner_id": False,
                    "registration_protected_until": today
                    + timedelta(days=self.tier_sponsor.protection_days),
                }
            ],
        )
        self.assertTrue(registration.registration_decision_date)
        self.assertFalse(registration.activity_ids)
        self.assertEqual(
            registration.registration_attribution_ids.mapped("event"),
            ["accepted", "submitted"],
        )

    def test_accept_with_a_reseller(self):
        """The chosen reseller executes; the prospect becomes its customer."""
        customer = self.env["res.partner"].create({"name": "ACME", "is_company": True})
        registration = self._submitted(self.sponsor, partner_id=customer.id)
        registration.action_registration_accept("reseller", self.reseller_two)
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_channel": "reseller",
                    "registration_executing_partner_id": self.reseller_two.id,
                }
            ],
        )
        self.assertEqual(customer.network_reseller_id, self.reseller_two)

    def test_reseller_channel_needs_an_active_reseller(self):
        """A sponsor cannot be chosen to execute a sale."""
        registration = self._submitted(self.sponsor)
        with self.assertRefused(UserError, "active reseller"):
            registration.action_registration_accept("reseller", self.promoter)
        self.assertEqual(registration.registration_state, "submitted")

    def test_default_protection_without_tier(self):
        """Partners without tier get the company's default protection."""
        self.promoter.network_tier_id = False
        self.company_a.registration_protection_days = 30
        registration = self._submitted(self.promoter)
        registration.action_registration_accept("internal")
        self.assertEqual(
            registration.registration_protected_until,
            fields.Date.context_today(registration) + timedelta(days=30),
        )

    def test_reject_with_reason_and_note(self):
        """Rejection records the reason and the note and closes the review."""
        registration = self._submitted(self.sponsor)
        registration.action_registration_reject("existing_customer", "Ya es cliente")
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_state": "rejected",
                    "registration_rejection_reason": "existing_customer",
                    "registration_rejection_note": "Ya es cliente",
                }
            ],
        )
        self.assertFalse(registration.activity_ids)
        with self.assertRefused(UserError, "Choose the reason"):
            self._submitted(self.promoter).action_registration_reject("because")

    def test_decisions_only_on_submitted(self):
        """Drafts and closed registrations cannot be decided."""
        draft = self._new_registration(self.sponsor)
        with self.assertRefused(
            UserError, "Only submitted registrations can be accepted"
        ):
            draft.action_registration_accept("internal")
        with self.assertRefused(
            UserError, "Only submitted registrations can be rejected"
        ):
            draft.action_registration_reject("other")
        with self.assertRefused(
            UserError, "Only accepted registrations can be released"
        ):
            draft.action_registration_release()

    def test_only_network_users_decide(self):
        """An employee outside the network groups cannot accept."""
        registration = self._submitted(self.sponsor)
        with self.assertRefused(AccessError, "Only network users"):
            registration.with_user(self.internal_user).action_registration_accept(
                "internal"
            )
        self.assertEqual(registration.registration_state, "submitted")

    def test_partner_is_notified_of_each_decision(self):
        """The registrant follows its registration and receives every decision."""
        tracked = self.env(
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False)
        )
        accepted = self._submitted(self.sponsor).with_env(tracked)
        rejected = self._submitted(
            self.promoter, partner_name="Otra SA", registration_vat="B99999999"
        ).with_env(tracked)
        self._track(accepted)
        accepted.action_registration_accept("internal")
        rejected.action_registration_reject("not_fit")
        self._track(accepted + rejected)
        for registration, partner in (
            (accepted, self.sponsor),
            (rejected, self.promoter),
        ):
            messages = self._decision_messages(registration)
            self.assertEqual(len(messages), 1)
            self.assertIn(partner, messages.notified_partner_ids)

    def test_review_wizard_suggests_resellers_of_zone_and_sector(self):
        """The wizard ranks resellers by territory and sector and applies the choice."""
        industry = self.env["res.partner.industry"].create({"name": "Retail"})
        self.reseller.network_country_ids = [Command.set(self.spain.ids)]
        self.reseller_two.write(
            {
                "network_country_ids": [Command.set(self.spain.ids)],
                "network_industry_ids": [Command.set(industry.ids)],
            }
        )
        registration = self._submitted(
            self.sponsor, registration_industry_id=industry.id
        )
        wizard_form = Form(
            self.env["crm.lead.registration.review"].with_context(
                default_lead_id=registration.id
            )
        )
        wizard_form.channel = "reseller"
        suggested = wizard_form.suggested_reseller_ids[:]
        self.assertEqual(
            suggested & (self.reseller + self.reseller_two),
            self.reseller_two + self.reseller,
        )
        self.assertNotIn(self.promoter, suggested)
        wizard_form.executing_partner_id = self.reseller
        wizard_form.save().action_confirm()
        self.assertEqual(registration.registration_executing_partner_id, self.reseller)

    def test_review_wizard_rejects(self):
        """The wizard rejects with a reason and a note."""
        registration = self._submitted(self.sponsor)
        wizard = self.env["crm.lead.registration.review"].create(
            {
                "lead_id": registration.id,
                "decision": "reject",
                "rejection_reason": "duplicate",
                "note": "Registrado antes por otro canal",
            }
        )
        wizard.action_confirm()
        self.assertEqual(registration.registration_rejection_reason, "duplicate")


@tagged("post_install", "-at_install")
class TestRegistrationProtection(RegistrationCommon):
    def test_network_user_cannot_change_protected_prospect(self):
        """While protected, a network user cannot change prospect or registrant."""
        registration = self._submitted(self.sponsor)
        registration.action_registration_accept("internal")
        for values in (
            {"partner_name": "Otra Empresa"},
            {"registration_partner_id": self.promoter.id},
            {"email_from": "otro@otra.es"},
        ):
            with (
                self.subTest(values=values),
                self.assertRefused(AccessError, "only a network manager"),
            ):
                registration.with_user(self.user_a).write(values)
        self.assertEqual(registration.partner_name, "ACME Sistemas, S.A.")
        registration.with_user(self.user_a).write({"description": "<p>Demo done</p>"})

    def test_submitted_registration_stays_editable_for_review(self):
        """Before acceptance the reviewer can correct the prospect's data."""
        registration = self._submitted(self.sponsor)
        registration.with_user(self.user_a).write({"phone": "+34 911 000 111"})
        self.assertEqual(registration.phone_sanitized, "+34911000111")

    def test_manager_changes_protected_prospect_tracked(self):
        """A network manager may change it, and the change is tracked."""
        registration = self._submitted(self.sponsor)
        registration.action_registration_accept("internal")
        tracked = registration.with_user(self.manager_a).with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(tracked)
        tracked.write({"partner_name": "ACME Sistemas Iberia, S.A."})
        self._track(tracked)
        values = registration.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "partner_name"
        )
        self.assertEqual(values.old_value_char, "ACME Sistemas, S.A.")
        self.assertEqual(values.new_value_char, "ACME Sistemas Iberia, S.A.")
