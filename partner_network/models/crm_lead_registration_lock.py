# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
