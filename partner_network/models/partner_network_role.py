# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkRole(models.Model):
    _name = "partner.network.role"
    _description = "Partner Network Role"
    _order = "category_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "partner.network.category",
        required=True,
        ondelete="restrict",
        help="Only partners of this category may act in this role.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a network role must be unique."),
    ]
