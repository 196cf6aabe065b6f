# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from ..tools.cron import run_cron_batch

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    """Deal registration: the decision deadline, expiry and end of protection."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    def _registration_deadlines(self, submitted_at):
        """Return {lead id: deadline}: the Nth working day after the submission day.

        The submission day itself does not count; working days and public
        holidays come from the company's working calendar, N from the company.
        """
        deadlines = {}
        for company, leads in self.grouped(
            lambda lead: lead.company_id or self.env.company
        ).items():
            calendar = company.resource_calendar_id
            tz = pytz.timezone(calendar.tz or company.partner_id.tz or "UTC")
            local_day = pytz.utc.localize(submitted_at).astimezone(tz).date()
            start = tz.localize(
                datetime.combine(local_day + timedelta(days=1), time.min)
            )
            last_day = calendar.plan_days(
                company.registration_sla_days, start, compute_leaves=True
            )
            deadline = last_day.astimezone(tz).date()
            deadlines.update(dict.fromkeys(leads.ids, deadline))
        return deadlines

    def _registration_expire(self):
        """Let overdue submitted registrations lapse, logging each one."""
        self._registration_workflow_write({"registration_state": "expired"})
        self._registration_close_review()

    @api.model
    def _cron_registration_expire(self, batch_size=1000):
        """Expire submitted registrations past their deadline, one batch per call."""
        self._registration_cron_batch(
            "submitted",
            "registration_deadline",
            lambda leads: leads._registration_expire(),
            batch_size,
        )

    @api.model
    def _cron_registration_protection_end(self, batch_size=1000):
        """Release accepted registrations whose protection has ended."""
        self._registration_cron_batch(
            "accepted",
            "registration_protected_until",
            lambda leads: leads._registration_end_protection(),
            batch_size,
        )

    @api.model
    def _registration_cron_batch(self, state, date_field, process, batch_size):
        """Apply ``process`` to a batch of the registrations in ``state``
        whose ``date_field`` is past (archived leads too)."""
        run_cron_batch(
            self.with_context(active_test=False),
            process,
            batch_size,
            domain=[
                ("registration_state", "=", state),
                (date_field, "<", fields.Date.context_today(self)),
            ],
            logger=_logger,
        )

    def _registration_end_protection(self):
        """Release these registrations: their prospect is free again."""
        self._registration_workflow_write({"registration_state": "released"})
