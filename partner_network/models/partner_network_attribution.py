# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkAttribution(models.Model):
    """One step of the history of who holds and who executes a registration."""

    _name = "partner.network.attribution"
    _description = "Deal Registration Attribution"
    _order = "date desc, id desc"

    lead_id = fields.Many2one(
        "crm.lead", string="Registration", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    event = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("transferred", "Transferred"),
        ],
        required=True,
    )
    partner_id = fields.Many2one("res.partner", string="Registrant")
    channel = fields.Selection(
        [("internal", "Internal Sales Team"), ("reseller", "Reseller")]
    )
    executing_partner_id = fields.Many2one("res.partner", string="Executing Reseller")
    reason = fields.Text()
