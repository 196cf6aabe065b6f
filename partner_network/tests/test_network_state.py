# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestNetworkState(PartnerNetworkCommon):
    def _state_tracking(self, partner):
        """Return (old, new) network statuses tracked in the chatter, oldest first."""
        field = self.env["ir.model.fields"]._get("res.partner", "network_state")
        values = self.env["mail.tracking.value"].search(
            [
                ("field_id", "=", field.id),
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", partner.id),
            ],
            order="id",
        )
        return [(value.old_value_char, value.new_value_char) for value in values]

    def test_status_lifecycle_is_tracked(self):
        """Activation, suspension and termination are each tracked in the chatter."""
        partner = self.sponsor.with_env(
            self.env(
                context=dict(
                    self.env.context, tracking_disable=False, mail_notrack=False
                )
            )
        ).with_user(self.manager_a)
        # Records created in this transaction are not tracked until it commits.
        self._track(partner)
        partner.action_network_activate()
        self._track(partner)
        partner.action_network_suspend()
        self._track(partner)
        partner.action_network_activate()
        self._track(partner)
        partner.action_network_terminate()
        self._track(partner)
        self.assertEqual(partner.network_state, "terminated")
        self.assertEqual(
            self._state_tracking(partner),
            [
                ("Candidate", "Active"),
                ("Active", "Suspended"),
                ("Suspended", "Active"),
                ("Active", "Terminated"),
            ],
        )

    def test_invalid_transition_refused(self):
        """A candidate cannot be suspended; the status stays unchanged."""
        with self.assertRefused(UserError, "cannot become Suspended"):
            self.sponsor.with_user(self.manager_a).action_network_suspend()
        self.assertEqual(self.sponsor.network_state, "candidate")

    def test_terminated_is_reopened_as_candidate(self):
        """A terminated partner rejoins as candidate, never straight to active."""
        self.sponsor.action_network_terminate()
        with self.assertRefused(UserError, "cannot become Active"):
            self.sponsor.action_network_activate()
        self.sponsor.action_network_reset_candidate()
        self.assertEqual(self.sponsor.network_state, "candidate")

    def test_status_needs_network_partner(self):
        """Contacts outside the network have no status to change."""
        customer = self.env["res.partner"].create({"name": "Cliente Final"})
        with self.assertRefused(UserError, "not a network partner"):
            customer.action_network_activate()
        self.assertFalse(customer.network_state)

    def test_termination_ends_running_agreements(self):
        """Terminating a partner terminates its running agreements, not ended ones."""
        active = self._new_agreement(self.reseller, state="active")
        draft = self._new_agreement(
            self.reseller, date_start="2027-01-01", counterparty_type="master"
        )
        expired = self._new_agreement(
            self.reseller,
            date_start="2020-01-01",
            date_end="2020-12-31",
            state="expired",
        )
        self.reseller.with_user(self.manager_a).action_network_terminate()
        self.assertRecordValues(
            active + draft + expired,
            [{"state": "terminated"}, {"state": "terminated"}, {"state": "expired"}],
        )
        self.assertEqual(self.reseller.network_state, "terminated")
