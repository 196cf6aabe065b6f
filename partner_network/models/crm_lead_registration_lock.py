# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CrmLeadRegistrationLock(models.Model):
    """Exclusive hold of a prospect key by a submitted or protected registration.

    One row per normalized key (tax id, web domain, phone, company name) of
    each registration that is submitted or accepted and protected. The unique
    key makes PostgreSQL refuse a second registration of the same prospect,
    also when two transactions submit it at the same time.
    """

    _name = "crm.lead.registration.lock"
    _description = "Deal Registration Prospect Lock"
    _log_access = False

    key = fields.Char(required=True, readonly=True)
    lead_id = fields.Many2one(
        "crm.lead", required=True, readonly=True, index=True, ondelete="cascade"
    )

    _sql_constraints = [
        ("key_unique", "UNIQUE(key)", "This prospect is already registered."),
    ]

    @api.model
    def _hold(self, leads, wanted):
        """Make ``wanted``, pairs ``(lead id, key)``, the keys ``leads`` hold.

        Keys held by another registration are refused by the unique key, also
        when another transaction holds them at the same time. Keys are taken
        in one order (sorted), so that two transactions wanting the same keys
        wait for each other instead of deadlocking. Returns the refused
        pairs; when there are some, nothing is changed.
        """
        cr = self.env.cr
        ordered = sorted(wanted, key=lambda pair: pair[1])
        with cr.savepoint(flush=False) as savepoint:
            cr.execute(
                SQL(
                    "DELETE FROM %s WHERE lead_id IN %s",
                    SQL.identifier(self._table),
                    tuple(leads.ids),
                )
            )
            held = set()
            if wanted:
                cr.execute(
                    SQL(
                        """
                        INSERT INTO %s (lead_id, key)
                        SELECT * FROM unnest(%s::int[], %s::varchar[])
                        ON CONFLICT (key) DO NOTHING
                        RETURNING lead_id, key
                        """,
                        SQL.identifier(self._table),
                        [lead_id for lead_id, _key in ordered],
                        [key for _lead_id, key in ordered],
                    )
                )
                held = set(cr.fetchall())
            taken = wanted - held
            if taken:
                savepoint.close(rollback=True)
        self.invalidate_model()
        return taken
