# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerCommissionSettlementCreate(models.TransientModel):
    _name = "partner.commission.settlement.create"
    _description = "Create Commission Settlements"

    date_to = fields.Date(
        string="Settle Up To",
        required=True,
        default=fields.Date.context_today,
        help="Every payable line dated up to this day is settled, one settlement "
        "per partner, company and month.",
    )

    def action_create(self):
        """Create the settlements and show them."""
        self.ensure_one()
        settlements = self.env["partner.commission.settlement"]._create_settlements(
            self.date_to
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_commission.partner_commission_settlement_action"
        )
        action["domain"] = [("id", "in", settlements.ids)]
        return action
