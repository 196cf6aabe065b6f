# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

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
        domain = [
            ("registration_state", "=", "submitted"),
            ("registration_deadline", "<", fields.Date.context_today(self)),
        ]
        self._registration_process_batch(domain, "_registration_expire", batch_size)

    @api.model
    def _cron_registration_protection_end(self, batch_size=1000):
        """Release accepted registrations whose protection has ended."""
        domain = [
            ("registration_state", "=", "accepted"),
            ("registration_protected_until", "<", fields.Date.context_today(self)),
        ]
        self._registration_process_batch(
            domain, "_registration_end_protection", batch_size
        )

    def _registration_end_protection(self):
        self._registration_workflow_write({"registration_state": "released"})

    @api.model
    def _registration_process_batch(self, domain, method, batch_size):
        """Apply ``method`` to one batch of the leads matching ``domain``.

        The batch runs in a savepoint; if it fails, each lead is retried in its
        own savepoint so that one bad record does not block the others (it is
        logged and left for the next run). Progress goes to the cron runner,
        which commits and calls again while records remain.
        """
        leads = self.with_context(active_test=False).search(
            domain, order="id", limit=batch_size
        )
        try:
            with self.env.cr.savepoint():
                getattr(leads, method)()
        except Exception:
            _logger.warning(
                "Batch %s failed, retrying lead by lead", method, exc_info=True
            )
            for lead in leads:
                try:
                    with self.env.cr.savepoint():
                        getattr(lead, method)()
                except Exception:
                    _logger.exception("%s failed on crm.lead %s", method, lead.id)
        remaining = (
            self.with_context(active_test=False).search_count(domain)
            if len(leads) == batch_size
            else 0
        )
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=remaining)
