# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    registration_sla_days = fields.Integer(
        related="company_id.registration_sla_days", readonly=False
    )
    registration_protection_days = fields.Integer(
        related="company_id.registration_protection_days", readonly=False
    )
