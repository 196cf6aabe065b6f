# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestAgreement(PartnerNetworkCommon):
    def test_reference_from_sequence(self):
        """Each agreement gets its own reference."""
        first = self._new_agreement(self.reseller)
        second = self._new_agreement(self.reseller_two)
        self.assertTrue(first.name.startswith("AGR/"))
        self.assertNotEqual(first.name, second.name)

    def test_workflow_activates_candidate(self):
        """Draft, submitted, active; the candidate partner becomes active."""
        agreement = self._new_agreement(self.sponsor).with_user(self.user_a)
        self.assertEqual(agreement.state, "draft")
        agreement.action_submit()
        self.assertEqual(agreement.state, "submitted")
        agreement.with_user(self.manager_a).action_activate()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(self.sponsor.network_state, "active")

    def test_back_to_draft(self):
        """A submitted agreement can be sent back to draft for changes."""
        agreement = self._new_agreement(self.reseller)
        agreement.action_submit()
        agreement.action_draft()
        self.assertEqual(agreement.state, "draft")

    def test_activation_requires_submission(self):
        """A draft agreement cannot be activated directly."""
        agreement = self._new_agreement(self.reseller)
        with self.assertRefused(UserError, "Only submitted agreements"):
            agreement.with_user(self.manager_a).action_activate()
        self.assertEqual(agreement.state, "draft")

    def test_network_user_cannot_activate(self):
        """Sales staff submit, but only a network manager activates."""
        agreement = self._new_agreement(self.reseller)
        agreement.action_submit()
        with self.assertRefused(AccessError, "Only a Network Manager"):
            agreement.with_user(self.user_a).action_activate()
        self.assertEqual(agreement.state, "submitted")

    def test_manager_of_other_company_cannot_activate(self):
        """A network manager of company B cannot activate company A's agreement."""
        agreement = self._new_agreement(self.reseller)
        agreement.action_submit()
        with self.assertRaises(AccessError):
            agreement.with_user(self.manager_b).action_activate()
        self.assertEqual(agreement.state, "submitted")

    def test_manager_of_both_companies_activates(self):
        """A manager working for both master companies activates in each."""
        self.manager_b.company_ids = [Command.link(self.company_a.id)]
        agreement = self._new_agreement(self.reseller)
        agreement.action_submit()
        agreement.with_user(self.manager_b).with_company(
            self.company_a
        ).action_activate()
        self.assertEqual(agreement.state, "active")

    def test_suspended_partner_agreement_not_activated(self):
        """A suspended partner's agreement stays submitted."""
        self.reseller.network_state = "suspended"
        agreement = self._new_agreement(self.reseller)
        agreement.action_submit()
        with self.assertRefused(UserError, "Suspended"):
            agreement.with_user(self.manager_a).action_activate()
        self.assertEqual(agreement.state, "submitted")

    def test_overlapping_active_agreements_refused(self):
        """Two active agreements with the same counterparty cannot overlap."""
        self._new_agreement(self.reseller, date_end="2026-12-31", state="active")
        second = self._new_agreement(self.reseller, date_start="2026-06-01")
        second.action_submit()
        with self.assertRefused(ValidationError, "already has an active agreement"):
            second.with_user(self.manager_a).action_activate()
        self.assertEqual(second.state, "submitted")

    def test_open_ended_agreement_overlaps_later_ones(self):
        """An agreement without end date overlaps every later period."""
        self._new_agreement(self.reseller, state="active")
        later = self._new_agreement(
            self.reseller, date_start="2030-01-01", date_end="2030-12-31"
        )
        later.action_submit()
        with self.assertRefused(ValidationError, "already has an active agreement"):
            later.action_activate()

    def test_consecutive_and_other_counterparty_agreements_allowed(self):
        """Consecutive periods, another company or another reseller do not overlap."""
        self._new_agreement(self.reseller, date_end="2026-12-31", state="active")
        renewal = self._new_agreement(self.reseller, date_start="2027-01-01")
        other_company = self._new_agreement(self.reseller, company=self.company_b)
        with_reseller = self._new_agreement(
            self.sponsor, counterparty_type="reseller", reseller_id=self.reseller.id
        )
        with_other_reseller = self._new_agreement(
            self.sponsor, counterparty_type="reseller", reseller_id=self.reseller_two.id
        )
        agreements = renewal + other_company + with_reseller + with_other_reseller
        agreements.action_submit()
        agreements.action_activate()
        self.assertEqual(set(agreements.mapped("state")), {"active"})

    def test_overlap_enforced_by_postgresql(self):
        """Even bypassing the ORM, PostgreSQL refuses overlapping active agreements."""
        self._new_agreement(self.reseller, state="active")
        second = self._new_agreement(self.reseller, date_start="2026-03-01")
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.cr.execute(
                    "UPDATE partner_network_agreement SET state = 'active' "
                    "WHERE id = %s",
                    [second.id],
                )

    def test_territory_is_never_exclusive(self):
        """Two resellers may hold active agreements for the same territory."""
        spain = self.env.ref("base.es")
        first = self._new_agreement(
            self.reseller, country_ids=[Command.set(spain.ids)], state="active"
        )
        second = self._new_agreement(
            self.reseller_two, country_ids=[Command.set(spain.ids)]
        )
        second.action_submit()
        second.action_activate()
        self.assertEqual((first + second).mapped("state"), ["active", "active"])

    def test_promoter_joins_reseller_subnetwork(self):
        """A promoter's agreement with a reseller puts it in that sub-network."""
        agreement = self._new_agreement(
            self.sponsor, counterparty_type="reseller", reseller_id=self.reseller.id
        )
        agreement.action_submit()
        agreement.with_user(self.manager_a).action_activate()
        self.assertEqual(self.sponsor.network_parent_id, self.reseller)

    def test_counterparty_must_be_reseller(self):
        """A promoter cannot sign 'with a reseller' that is not one."""
        isv = self.env["res.partner"].create(
            {
                "name": "ISV Corp",
                "is_company": True,
                "network_category_ids": [Command.set(self.category_isv.ids)],
            }
        )
        with self.assertRefused(ValidationError, "is not a reseller"):
            self._new_agreement(
                self.sponsor, counterparty_type="reseller", reseller_id=isv.id
            )
        self.assertFalse(
            self.env["partner.network.agreement"].search(
                [("partner_id", "=", self.sponsor.id)]
            )
        )

    def test_reseller_counterparty_is_named(self):
        """A reseller counterparty without a reseller is refused by PostgreSQL."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self._new_agreement(self.sponsor, counterparty_type="reseller")
                self.env.flush_all()

    def test_no_agreement_with_itself(self):
        """A reseller cannot sign an agreement with itself."""
        with self.assertRefused(ValidationError, "with itself"):
            self._new_agreement(
                self.reseller,
                counterparty_type="reseller",
                reseller_id=self.reseller.id,
            )

    def test_partner_must_be_in_network(self):
        """Only network partners sign agreements."""
        customer = self.env["res.partner"].create({"name": "Cliente Final"})
        with self.assertRefused(ValidationError, "not a network partner"):
            self._new_agreement(customer)

    def test_end_before_start_refused(self):
        """The end date cannot precede the start date."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self._new_agreement(self.reseller, date_end="2025-12-31")
                self.env.flush_all()

    def test_terminate_running_only(self):
        """Running agreements terminate; ended ones cannot."""
        agreement = self._new_agreement(self.reseller, state="active")
        agreement.action_terminate()
        self.assertEqual(agreement.state, "terminated")
        with self.assertRefused(UserError, "Only running agreements"):
            agreement.action_terminate()

    def test_only_draft_deleted(self):
        """Drafts can be deleted; submitted agreements must be terminated instead."""
        draft = self._new_agreement(self.reseller)
        submitted = self._new_agreement(self.reseller_two)
        submitted.action_submit()
        with self.assertRefused(UserError, "Only draft agreements can be deleted"):
            submitted.unlink()
        draft.unlink()
        self.assertFalse(draft.exists())
        self.assertTrue(submitted.exists())

    def test_account_executive_from_partner(self):
        """The partner's account executive follows its agreements."""
        self.reseller.network_manager_id = self.user_a
        agreement = self._new_agreement(self.reseller)
        self.assertEqual(agreement.user_id, self.user_a)

    @freeze_time("2026-07-01")
    def test_cron_expires_in_batches(self):
        """The cron expires in batches, reports progress and reruns safely."""
        past = self.env["partner.network.agreement"]
        for partner in (self.reseller, self.reseller_two, self.sponsor):
            past |= self._new_agreement(partner, date_end="2026-06-30", state="active")
        running = self._new_agreement(
            self.reseller,
            date_start="2026-07-01",
            date_end="2026-07-01",
            state="active",
        )
        cron = self.env.ref("partner_network.ir_cron_partner_network_agreement_expire")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Agreement = self.env["partner.network.agreement"].with_context(
            ir_cron_progress_id=progress.id
        )

        Agreement._cron_expire(batch_size=2)
        self.assertRecordValues(progress, [{"done": 2, "remaining": 1}])
        self.assertEqual(past.mapped("state").count("expired"), 2)

        Agreement._cron_expire(batch_size=2)
        self.assertRecordValues(progress, [{"done": 1, "remaining": 0}])
        self.assertEqual(set(past.mapped("state")), {"expired"})

        Agreement._cron_expire(batch_size=2)
        self.assertRecordValues(progress, [{"done": 0, "remaining": 0}])
        self.assertEqual(running.state, "active")
