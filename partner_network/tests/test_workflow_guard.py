# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartnerNetworkCommon
from .registration_common import RegistrationCommon

REGISTRATION_REFUSED = "change only through its actions"
AGREEMENT_REFUSED = "changes only through its actions"


@tagged("post_install", "-at_install")
class TestRegistrationWorkflowGuard(RegistrationCommon):
    """Registration states, dates, decision and channel change only through
    the actions, for every user."""

    def _workflow_values(self):
        """A value for each workflow field that would skip the workflow."""
        return {
            "registration_state": "accepted",
            "registration_date": "2026-01-05 09:00:00",
            "registration_deadline": "2099-12-31",
            "registration_decision_date": "2026-01-05 09:00:00",
            "registration_rejection_reason": "other",
            "registration_rejection_note": "Not for us",
            "registration_protected_until": "2099-12-31",
            "registration_channel": "reseller",
            "registration_executing_partner_id": self.reseller_two.id,
        }

    def _create_as(self, user, context=None, **values):
        """Create, as ``user``, a complete registration of the sponsor."""
        return (
            self.env["crm.lead"]
            .with_user(user)
            .with_context(**(context or {}))
            .create(
                {
                    "name": "Opportunity of ACME",
                    "type": "opportunity",
                    "registration_partner_id": self.sponsor.id,
                    "partner_name": "ACME Sistemas, S.A.",
                    "registration_vat": "ES B-12345674",
                    "registration_need": "Replace the invoicing software",
                    "registration_budget": 12000.0,
                    "registration_implementation_date": "2099-06-30",
                    **values,
                }
            )
        )

    def _workflow_snapshot(self, registrations):
        """The stored workflow values of ``registrations``."""
        registrations.invalidate_recordset()
        return registrations.read(list(self._workflow_values()))

    def test_values_cover_every_workflow_field(self):
        """The tests below try each field the workflow owns."""
        self.assertEqual(
            set(self._workflow_values()),
            self.env["crm.lead"]._registration_workflow_fields,
        )

    def test_draft_of_suspended_partner_not_accepted_by_write(self):
        """A draft without need or budget, of a suspended partner, cannot be
        made accepted and protected by writing it: nothing locked or logged."""
        self.sponsor.action_network_suspend()
        registration = self._new_registration(
            self.sponsor, registration_need=False, registration_budget=0.0
        )
        for user in (self.user_a, self.manager_a):
            with (
                self.subTest(user=user.login),
                self.assertRefused(UserError, REGISTRATION_REFUSED),
            ):
                registration.with_user(user).write(
                    {
                        "registration_state": "accepted",
                        "registration_protected_until": "2099-12-31",
                    }
                )
        registration.invalidate_recordset()
        self.assertRecordValues(
            registration,
            [{"registration_state": "draft", "registration_protected_until": False}],
        )
        self.assertFalse(
            self.env["crm.lead.registration.lock"].search_count(
                [("lead_id", "=", registration.id)]
            )
        )
        self.assertFalse(registration.registration_attribution_ids)

    def test_each_workflow_field_refused_on_write(self):
        """Network users and managers write no workflow field, at any stage."""
        draft = self._new_registration(self.sponsor)
        submitted = self._submitted(
            self.promoter, partner_name="Otra SA", registration_vat="B99999999"
        )
        accepted = self._submitted(
            self.reseller, partner_name="Tercera SL", registration_vat="A58818501"
        )
        accepted.action_registration_accept("internal")
        registrations = draft + submitted + accepted
        before = self._workflow_snapshot(registrations)
        for user in (self.user_a, self.manager_a):
            for name, value in self._workflow_values().items():
                with (
                    self.subTest(user=user.login, field=name),
                    self.assertRefused(UserError, REGISTRATION_REFUSED),
                ):
                    registrations.with_user(user).write({name: value})
        self.assertEqual(self._workflow_snapshot(registrations), before)

    def test_manager_changes_channel_through_the_transfer_wizard(self):
        """Arbitration goes through its wizard, which logs the reason; the same
        change written directly is refused."""
        registration = self._submitted(self.sponsor)
        registration.action_registration_accept("internal")
        Lead = registration.with_user(self.manager_a)
        with self.assertRefused(UserError, REGISTRATION_REFUSED):
            Lead.write(
                {
                    "registration_channel": "reseller",
                    "registration_executing_partner_id": self.reseller_two.id,
                }
            )
        self.assertEqual(registration.registration_channel, "internal")
        wizard = (
            self.env["crm.lead.registration.transfer"]
            .with_user(self.manager_a)
            .with_context(active_model="crm.lead", active_ids=registration.ids)
            .create({"target_partner_id": self.reseller_two.id, "reason": "Zone"})
        )
        wizard.action_transfer()
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_channel": "reseller",
                    "registration_executing_partner_id": self.reseller_two.id,
                }
            ],
        )
        self.assertEqual(
            registration.registration_attribution_ids.mapped("event"),
            ["transferred", "accepted", "submitted"],
        )

    def test_each_workflow_field_refused_on_create(self):
        """A registration cannot be created past draft, by values or defaults."""
        Lead = self.env["crm.lead"]
        count = Lead.search_count([])
        for user in (self.user_a, self.manager_a):
            for name, value in self._workflow_values().items():
                with (
                    self.subTest(user=user.login, field=name),
                    self.assertRefused(UserError, REGISTRATION_REFUSED),
                ):
                    self._create_as(user, **{name: value})
                with (
                    self.subTest(user=user.login, default=name),
                    self.assertRefused(UserError, REGISTRATION_REFUSED),
                ):
                    self._create_as(user, context={f"default_{name}": value})
        self.assertEqual(Lead.search_count([]), count)

    def test_network_user_creates_and_submits_a_draft(self):
        """Drafts are created as before, the actions move them on: a network
        user submits, a reviewer accepts and releases."""
        given = self._create_as(self.user_a, registration_state="draft")
        computed = self._create_as(
            self.user_a,
            registration_partner_id=self.promoter.id,
            partner_name="Otra SA",
            registration_vat="B99999999",
        )
        self.assertEqual((given + computed).mapped("registration_state"), ["draft"] * 2)
        given.action_registration_submit()
        self.assertEqual(given.registration_state, "submitted")
        self.assertTrue(given.registration_deadline)
        given.action_registration_accept("internal")
        self.assertEqual(given.registration_state, "accepted")
        self.assertTrue(given.registration_protected_until)
        given.action_registration_release()
        self.assertEqual(given.registration_state, "released")
        self.assertEqual(
            given.registration_attribution_ids.mapped("event"),
            ["accepted", "submitted"],
        )

    def test_form_shows_workflow_fields_read_only(self):
        """In the form every workflow field is read-only, for a manager too;
        the prospect stays editable before acceptance."""
        registration = self._submitted(self.sponsor)
        form = Form(registration.with_user(self.manager_a))
        for name, value in self._workflow_values().items():
            with (
                self.subTest(field=name),
                self.assertRaisesRegex(AssertionError, "can't write on readonly"),
            ):
                form[name] = value
        form.email_from = "compras@acme.example.es"
        form.save()
        self.assertRecordValues(
            registration,
            [
                {
                    "email_from": "compras@acme.example.es",
                    "registration_state": "submitted",
                }
            ],
        )

    def test_form_creates_a_draft(self):
        """The registrations menu's form still creates drafts."""
        action = self.env.ref("partner_network.crm_lead_registration_action")
        form = Form(
            self.env["crm.lead"]
            .with_user(self.user_a)
            .with_context(**safe_eval(action.context)),
            view="crm.crm_lead_view_form",
        )
        form.name = "ERP for ACME"
        form.registration_partner_id = self.sponsor
        registration = form.save()
        self.assertEqual(registration.registration_state, "draft")


@tagged("post_install", "-at_install")
class TestProtectedRegistrationEdits(RegistrationCommon):
    """While protected, only network managers change the prospect and the
    registrant, and every change is tracked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registration = cls._submitted(cls.sponsor)
        cls.registration.action_registration_accept("internal")

    def test_salesperson_and_portal_user_cannot_change_protected_prospect(self):
        """A salesperson outside the network groups and the registrant's own
        portal user are refused; nothing changes."""
        salesperson = self._new_user(
            "pn_salesperson", "sales_team.group_sale_salesman_all_leads"
        )
        portal = self._new_portal_user("pn_portal_sponsor", self.sponsor)
        for user in (salesperson, portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.registration.with_user(user).write({"partner_name": "Otra SA"})
        with self.assertRefused(AccessError, "only a network manager"):
            self.registration.with_user(salesperson).write(
                {"registration_vat": "B99999999"}
            )
        self.registration.invalidate_recordset()
        self.assertRecordValues(
            self.registration,
            [
                {
                    "partner_name": "ACME Sistemas, S.A.",
                    "registration_vat": "ES B-12345674",
                }
            ],
        )

    def test_manager_changes_are_tracked_field_by_field(self):
        """Each prospect and registrant field a manager changes is tracked,
        with its old and new value, in the manager's name."""
        customer = self.env["res.partner"].create(
            {"name": "ACME Iberia", "is_company": True}
        )
        new_values = {
            "partner_name": "ACME Iberia, S.A.",
            "contact_name": "Lucía Pérez",
            "partner_id": customer.id,
            "email_from": "lucia@acme-iberia.example.es",
            "phone": "+34 911 000 222",
            "mobile": "+34 600 000 222",
            "website": "https://acme-iberia.example.es",
            "country_id": self.argentina.id,
            "registration_vat": "ES A58818501",
            "registration_partner_id": self.promoter.id,
            "registration_role_id": self.role_mediador.id,
        }
        self.assertEqual(
            set(new_values), self.env["crm.lead"]._registration_protected_fields
        )
        tracked = self.registration.with_user(self.manager_a).with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(tracked)
        tracked.write(new_values)
        self._track(tracked)
        message = self.registration.message_ids.filtered("tracking_value_ids")[:1]
        self.assertEqual(message.author_id, self.manager_a.partner_id)
        changes = {value.field_id.name: value for value in message.tracking_value_ids}
        self.assertLessEqual(set(new_values), set(changes))
        for name in ("partner_name", "email_from", "website", "registration_vat"):
            with self.subTest(field=name):
                self.assertEqual(
                    changes[name].new_value_char,
                    self.registration[name],
                )
        self.assertEqual(changes["partner_name"].old_value_char, "ACME Sistemas, S.A.")
        self.assertEqual(changes["registration_vat"].old_value_char, "ES B-12345674")
        self.assertEqual(
            changes["registration_partner_id"].old_value_integer, self.sponsor.id
        )
        self.assertEqual(
            changes["registration_partner_id"].new_value_integer, self.promoter.id
        )
        self.assertEqual(changes["country_id"].old_value_integer, self.spain.id)

    def test_refused_edit_leaves_no_trace(self):
        """A refused edit by a network user changes nothing and tracks nothing."""
        tracked = self.registration.with_user(self.user_a).with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(tracked)
        messages = self.registration.message_ids
        with self.assertRefused(AccessError, "only a network manager"):
            tracked.write({"website": "https://otra.example.es", "phone": "+34 1"})
        self._track(tracked)
        self.registration.invalidate_recordset()
        self.assertEqual(self.registration.message_ids, messages)
        self.assertFalse(self.registration.website)


@tagged("post_install", "-at_install")
class TestRegistrationDecisionEntryPoints(RegistrationCommon):
    """Accept and reject are reachable over RPC: guarded as any entry point."""

    def test_decisions_refused_outside_the_network_group(self):
        """A user outside the network users cannot accept nor reject."""
        registration = self._submitted(self.sponsor)
        Lead = self.env["crm.lead"].with_user(self.internal_user)
        decisions = {
            "accept": lambda lead: lead.action_registration_accept("internal"),
            "reject": lambda lead: lead.action_registration_reject("duplicate"),
        }
        for name, decide in decisions.items():
            with (
                self.subTest(decision=name),
                self.assertRefused(AccessError, "Only network users can decide"),
            ):
                decide(Lead.browse(registration.id))
        self.assertEqual(registration.registration_state, "submitted")

    def test_decision_arguments_of_another_type_are_refused(self):
        """A channel or reason that is no text gets the message of a wrong one."""
        registration = self._submitted(self.sponsor).with_user(self.user_a)
        with self.assertRefused(UserError, "Choose the channel"):
            registration.action_registration_accept(["internal"])
        with self.assertRefused(UserError, "Choose the reason"):
            registration.action_registration_reject({"duplicate": 1})
        self.assertEqual(registration.registration_state, "submitted")


@tagged("post_install", "-at_install")
class TestAgreementWorkflowGuard(PartnerNetworkCommon):
    """Agreement states change only through the actions, for every user."""

    def test_state_refused_on_write(self):
        """Neither a network user nor a manager writes the state of an agreement."""
        draft = self._new_agreement(self.reseller)
        submitted = self._new_agreement(self.reseller_two)
        submitted.action_submit()
        for user in (self.user_a, self.manager_a):
            for state in ("draft", "submitted", "active", "expired", "terminated"):
                with (
                    self.subTest(user=user.login, state=state),
                    self.assertRefused(UserError, AGREEMENT_REFUSED),
                ):
                    (draft + submitted).with_user(user).write({"state": state})
        (draft + submitted).invalidate_recordset()
        self.assertEqual((draft + submitted).mapped("state"), ["draft", "submitted"])

    def test_state_refused_on_create(self):
        """An agreement cannot be created active, by value or by default."""
        Agreement = self.env["partner.network.agreement"]
        count = Agreement.search_count([])
        for user in (self.user_a, self.manager_a):
            with (
                self.subTest(user=user.login),
                self.assertRefused(UserError, AGREEMENT_REFUSED),
            ):
                Agreement.with_user(user).create(
                    {
                        "partner_id": self.reseller.id,
                        "date_start": "2026-01-01",
                        "state": "active",
                    }
                )
            with (
                self.subTest(user=user.login, default=True),
                self.assertRefused(UserError, AGREEMENT_REFUSED),
            ):
                Agreement.with_user(user).with_context(default_state="active").create(
                    {"partner_id": self.reseller.id, "date_start": "2026-01-01"}
                )
        self.assertEqual(Agreement.search_count([]), count)

    def test_actions_still_move_the_agreement(self):
        """A network user creates and submits, a manager activates, a user
        terminates."""
        agreement = (
            self.env["partner.network.agreement"]
            .with_user(self.user_a)
            .create({"partner_id": self.reseller.id, "date_start": "2026-01-01"})
        )
        self.assertEqual(agreement.state, "draft")
        agreement.action_submit()
        agreement.with_user(self.manager_a).action_activate()
        self.assertEqual(agreement.state, "active")
        agreement.action_terminate()
        self.assertEqual(agreement.state, "terminated")

    def test_form_shows_state_read_only(self):
        """The agreement form never edits the state; it creates drafts."""
        form = Form(self.env["partner.network.agreement"].with_user(self.manager_a))
        form.partner_id = self.reseller
        with self.assertRaisesRegex(AssertionError, "can't write on readonly"):
            form.state = "active"
        self.assertEqual(form.save().state, "draft")
