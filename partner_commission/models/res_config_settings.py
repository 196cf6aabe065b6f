# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    commission_hold_days = fields.Integer(
        related="company_id.commission_hold_days", readonly=False
    )
    commission_basis = fields.Selection(
        related="company_id.commission_basis", readonly=False
    )
    commission_product_id = fields.Many2one(
        related="company_id.commission_product_id", readonly=False
    )
