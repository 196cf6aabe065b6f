# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.partner_network.models.crm_lead import REGISTRATION_CHANNELS


class SaleReport(models.Model):
    _inherit = "sale.report"

    registration_id = fields.Many2one(
        "crm.lead", string="Deal Registration", readonly=True
    )
    registration_partner_id = fields.Many2one(
        "res.partner", string="Registrant", readonly=True
    )
    registration_channel = fields.Selection(
        REGISTRATION_CHANNELS, string="Executing Channel", readonly=True
    )

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["registration_id"] = "s.registration_id"
        res["registration_partner_id"] = "s.registration_partner_id"
        res["registration_channel"] = "s.registration_channel"
        return res

    def _group_by_sale(self):
        return (
            super()._group_by_sale()
            + """,
            s.registration_id,
            s.registration_partner_id,
            s.registration_channel"""
        )
