# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Races between real transactions: each test commits in its own cursors.

Odoo retries a request that fails to serialize (``retrying``); the tests do
the same so that what they check is what users get.
"""

import logging
from functools import partial

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RealTransactionCase

DEADLINE_LOGGER = "odoo.addons.partner_network.models.crm_lead_registration_deadline"

PROSPECT = {
    "type": "opportunity",
    "partner_name": "Concurrencia Total, S.A.",
    "registration_vat": "ESA58818501",
    "registration_need": "ERP for 40 users",
    "registration_budget": 50000.0,
    "registration_implementation_date": "2099-01-31",
}


@tagged("post_install", "-at_install", "partner_network_concurrency")
class TestRegistrationConcurrency(RealTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sponsor = env.ref("partner_network.partner_network_category_sponsor")
            cls.tier_id = (
                env["partner.network.tier"]
                .create(
                    {
                        "name": "Concurrency tier",
                        "category_id": sponsor.id,
                        "max_open_registrations": 1,
                    }
                )
                .id
            )
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrency partner {index}",
                        "network_category_ids": [Command.set(sponsor.ids)],
                        "network_tier_id": cls.tier_id,
                        "network_state": "active",
                    }
                    for index in range(4)
                ]
            )
            env["partner.network.agreement"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": "2020-01-01",
                        "state": "active",
                    }
                    for partner in partners
                ]
            )
            cls.partner_ids = partners.ids

    @classmethod
    def _remove_committed_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"].browse(cls.partner_ids)
            cls._remove_registrations_and_agreements(partners)
            partners.unlink()
            env["partner.network.tier"].browse(cls.tier_id).unlink()

    def _create_leads(self, values_list):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["crm.lead"].create(values_list).ids

    def _submit_concurrently(self, lead_ids):
        """Submit each lead in its own transaction, all at once; return outcomes."""

        def before(env):
            states = env["crm.lead"].browse(lead_ids).mapped("registration_state")
            self.assertEqual(set(states), {"draft"})

        def submit(lead_id):
            def work(env):
                try:
                    with env.cr.savepoint():
                        env["crm.lead"].browse(lead_id).action_registration_submit()
                except UserError as error:
                    return str(error)
                return "submitted"

            return work

        outcomes = self._race(before, **{f"lead_{i}": submit(i) for i in lead_ids})
        return [result for _attempts, result in outcomes.values()]

    def _states(self, lead_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["crm.lead"].browse(lead_ids).mapped("registration_state")

    def test_same_prospect_by_two_partners(self):
        """Two partners submit the same prospect at once: exactly one wins."""
        lead_ids = self._create_leads(
            [
                {
                    **PROSPECT,
                    "name": f"Race {index}",
                    "registration_partner_id": partner_id,
                }
                for index, partner_id in enumerate(self.partner_ids[:2])
            ]
        )
        outcomes = self._submit_concurrently(lead_ids)
        self.assertEqual(outcomes.count("submitted"), 1, outcomes)
        refusal = next(outcome for outcome in outcomes if outcome != "submitted")
        self.assertIn("already registered in the partner network", refusal)
        self.assertEqual(sorted(self._states(lead_ids)), ["draft", "submitted"])

    def test_quota_race(self):
        """One slot left in the quota, two submissions at once: one passes."""
        partner_id = self.partner_ids[2]
        lead_ids = self._create_leads(
            [
                {
                    **PROSPECT,
                    "name": f"Quota {index}",
                    "partner_name": f"Cuota {index} SA",
                    "registration_vat": f"B0000000{index}",
                    "registration_partner_id": partner_id,
                }
                for index in range(2)
            ]
        )
        outcomes = self._submit_concurrently(lead_ids)
        self.assertEqual(outcomes.count("submitted"), 1, outcomes)
        self.assertIn(
            "open registrations", next(o for o in outcomes if o != "submitted")
        )

    def test_accept_while_expiring(self):
        """The cron and a manager act on one registration: exactly one
        decision, and the cron logs the conflict as information."""
        [lead_id] = self._create_leads(
            [
                {
                    **PROSPECT,
                    "name": "Accept or expire",
                    "partner_name": "Decision Unica SL",
                    "registration_vat": "B11111111",
                    "registration_partner_id": self.partner_ids[3],
                }
            ]
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lead = env["crm.lead"].browse(lead_id)
            lead.action_registration_submit()
            lead.registration_deadline = "2020-01-01"
        with self.registry.cursor() as cron_cr, self.registry.cursor() as manager_cr:
            cron_env = api.Environment(cron_cr, SUPERUSER_ID, {})
            manager_env = api.Environment(manager_cr, SUPERUSER_ID, {})
            # the cron's snapshot sees the registration as submitted and overdue
            self.assertEqual(
                cron_env["crm.lead"].browse(lead_id).registration_state, "submitted"
            )
            manager_env["crm.lead"].browse(lead_id).action_registration_accept(
                "internal"
            )
            manager_cr.commit()
            with (
                mute_logger("odoo.sql_db", "odoo.service.model"),
                # Odoo names its level 25 INFO: the level by number
                self.assertLogs(DEADLINE_LOGGER, level=logging.INFO) as logs,
            ):
                retrying(
                    partial(cron_env["crm.lead"]._cron_registration_expire), cron_env
                )
            cron_cr.commit()
        # the conflict is no error: the cron leaves the registration to the
        # next run, which finds it accepted
        self.assertEqual({record.levelno for record in logs.records}, {logging.INFO})
        self.assertIn(
            f"crm.lead {lead_id} met a concurrent transaction", logs.output[-1]
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lead = env["crm.lead"].browse(lead_id)
            self.assertEqual(lead.registration_state, "accepted")
            decisions = lead.message_ids.filtered(
                lambda message: message.subtype_id
                == env.ref("partner_network.mt_registration_decision")
            )
            self.assertEqual(len(decisions), 1)
