# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import date
from unittest.mock import patch

from psycopg2.errors import SerializationFailure

from odoo.tests import tagged

from .registration_common import RegistrationCommon

LOGGER = "odoo.addons.partner_network.models.crm_lead_registration_deadline"


@tagged("post_install", "-at_install")
class TestRegistrationCron(RegistrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("partner_network.ir_cron_crm_lead_registration_expire")

    def _submitted_many(self, count):
        with self._at("2026-03-02 09:00:00"):
            return self.env["crm.lead"].union(
                *(
                    self._submitted(
                        self.sponsor,
                        partner_name=f"Prospecto {index}",
                        registration_vat=f"B{index:08d}",
                    )
                    for index in range(count)
                )
            )

    def _expire_failing(self, lead, error):
        """A patch of the expiry that raises ``error`` for any batch holding
        ``lead``, as a broken record or a concurrent transaction would."""
        original = type(lead)._registration_expire

        def expire(leads):
            if lead in leads:
                raise error
            return original(leads)

        return patch.object(type(lead), "_registration_expire", expire)

    def _run(self, progress, batch_size):
        Lead = self.env["crm.lead"].with_context(ir_cron_progress_id=progress.id)
        with self._at("2026-06-01 06:00:00"):
            Lead._cron_registration_expire(batch_size=batch_size)

    def test_expires_overdue_in_batches(self):
        """Overdue registrations lapse batch after batch; progress is reported."""
        overdue = self._submitted_many(5)
        with self._at("2026-05-29 09:00:00"):
            recent = self._submitted(self.promoter, partner_name="Reciente SA")
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id})
        self._run(progress, batch_size=2)
        self.assertRecordValues(progress, [{"done": 2, "remaining": 3}])
        self._run(progress, batch_size=2)
        self._run(progress, batch_size=2)
        self.assertRecordValues(progress, [{"done": 1, "remaining": 0}])
        self.assertEqual(set(overdue.mapped("registration_state")), {"expired"})
        self.assertFalse(overdue.activity_ids)
        self.assertEqual(recent.registration_state, "submitted")

    def test_deadline_day_is_still_open(self):
        """A registration can still be accepted on its deadline day."""
        with self._at("2026-03-02 09:00:00"):
            registration = self._submitted(self.sponsor)
        self.assertEqual(registration.registration_deadline, date(2026, 3, 23))
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id})
        with self._at("2026-03-23 20:00:00"):
            self.env["crm.lead"].with_context(
                ir_cron_progress_id=progress.id
            )._cron_registration_expire()
        self.assertEqual(registration.registration_state, "submitted")

    def test_crash_mid_batch_then_rerun(self):
        """A failing record is isolated; the rerun expires the rest exactly once."""
        overdue = self._submitted_many(6)
        broken = overdue[4]
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id})
        self.env.flush_all()
        with (
            self._expire_failing(broken, RuntimeError("disk full")),
            self.assertLogs(LOGGER, level=logging.WARNING) as logs,
        ):
            self._run(progress, batch_size=3)
            self._run(progress, batch_size=3)
        self.assertEqual(
            logs.output[-1].splitlines()[0],
            f"ERROR:{LOGGER}:crm.lead {broken.id} failed, left for the next run",
        )
        self.assertEqual(broken.registration_state, "submitted")
        self.assertEqual(
            (overdue - broken).mapped("registration_state"), ["expired"] * 5
        )
        self._run(progress, batch_size=3)
        self.assertEqual(broken.registration_state, "expired")
        self.assertRecordValues(progress, [{"done": 1, "remaining": 0}])
        self._run(progress, batch_size=3)
        self.assertRecordValues(progress, [{"done": 0, "remaining": 0}])

    def test_concurrent_update_is_no_error(self):
        """A registration that a concurrent transaction changed while the
        cron expired it is left for the next run and logged as information,
        not as an error; the others of its batch expire."""
        overdue = self._submitted_many(3)
        contested = overdue[1]
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id})
        conflict = SerializationFailure("could not serialize access")
        self.env.flush_all()
        with (
            self._expire_failing(contested, conflict),
            # Odoo names its level 25 INFO: the level by number
            self.assertLogs(LOGGER, level=logging.INFO) as logs,
        ):
            self._run(progress, batch_size=3)
        self.assertEqual({record.levelno for record in logs.records}, {logging.INFO})
        self.assertIn(
            f"crm.lead {contested.id} met a concurrent transaction", logs.output[-1]
        )
        self.assertEqual(contested.registration_state, "submitted")
        self.assertEqual(
            (overdue - contested).mapped("registration_state"), ["expired"] * 2
        )
        self._run(progress, batch_size=3)
        self.assertEqual(contested.registration_state, "expired")

    def test_protection_end_releases_the_prospect(self):
        """When protection ends the registration is released and the prospect free."""
        with self._at("2026-03-02 09:00:00"):
            registration = self._submitted(self.sponsor)
            registration.action_registration_accept("internal")
        self.assertEqual(registration.registration_protected_until, date(2026, 5, 31))
        cron = self.env.ref(
            "partner_network.ir_cron_crm_lead_registration_protection_end"
        )
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Lead = self.env["crm.lead"].with_context(ir_cron_progress_id=progress.id)
        with self._at("2026-05-31 12:00:00"):
            Lead._cron_registration_protection_end()
        self.assertEqual(registration.registration_state, "accepted")
        with self._at("2026-06-01 06:00:00"):
            Lead._cron_registration_protection_end()
            self.assertEqual(registration.registration_state, "released")
            again = self._submitted(self.promoter)
        self.assertEqual(again.registration_state, "submitted")
