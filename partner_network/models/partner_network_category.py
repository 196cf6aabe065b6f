# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkCategory(models.Model):
    _name = "partner.network.category"
    _description = "Partner Network Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical key used by the program rules (reseller, isv, sponsor, "
        "alliance). Categories are cumulative: a partner may hold several.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    requires_company = fields.Boolean(
        help="Partners of this category must be companies (legal persons).",
    )
    sells_direct = fields.Boolean(
        help="Partners of this category may contract with and invoice end "
        "customers themselves.",
    )
    role_ids = fields.One2many("partner.network.role", "category_id", string="Roles")
    tier_ids = fields.One2many("partner.network.tier", "category_id", string="Tiers")

    _sql_constraints = [
        (
            "code_unique",
            "UNIQUE(code)",
            "The code of a network category must be unique.",
        ),
    ]
