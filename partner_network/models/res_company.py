# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    registration_sla_days = fields.Integer(
        string="Registration Acceptance Window",
        default=15,
        help="Working days (on the company's working calendar, public holidays "
        "excluded) the company has to accept a submitted deal registration; "
        "the day of submission does not count. Past it, the registration lapses.",
    )
    registration_protection_days = fields.Integer(
        string="Default Protection",
        default=90,
        help="Days an accepted registration is protected when its partner has no "
        "tier (the tier's protection days apply otherwise).",
    )

    _sql_constraints = [
        (
            "registration_sla_days_positive",
            "CHECK(registration_sla_days > 0)",
            "The registration acceptance window must be at least one working day.",
        ),
        (
            "registration_protection_days_positive",
            "CHECK(registration_protection_days >= 0)",
            "The default protection of registrations cannot be negative.",
        ),
    ]
