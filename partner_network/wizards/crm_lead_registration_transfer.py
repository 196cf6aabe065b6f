# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmLeadRegistrationTransfer(models.TransientModel):
    _name = "crm.lead.registration.transfer"
    _description = "Transfer Registrations or a Reseller's Portfolio"

    mode = fields.Selection(
        [
            ("registration", "Registrations"),
            ("portfolio", "Whole portfolio of a reseller"),
        ],
        required=True,
        default="registration",
    )
    lead_ids = fields.Many2many("crm.lead", string="Registrations")
    source_partner_id = fields.Many2one(
        "res.partner",
        string="Reseller",
        domain="[('network_category_ids.code', '=', 'reseller')]",
        help="Reseller whose customers, open registrations and sub-network move.",
    )
    target = fields.Selection(
        [("reseller", "Another reseller"), ("master", "The master company")],
        required=True,
        default="reseller",
    )
    target_partner_id = fields.Many2one(
        "res.partner",
        string="New Reseller",
        domain="[('network_category_ids.code', '=', 'reseller'), "
        "('network_state', '=', 'active'), ('id', '!=', source_partner_id)]",
    )
    transfer_registrant = fields.Boolean(
        string="Also Transfer the Registration",
        help="The new reseller becomes the registrant, and holds the protection, "
        "instead of only executing the sale.",
    )
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "crm.lead" and context.get("active_ids"):
            values.setdefault("lead_ids", [fields.Command.set(context["active_ids"])])
        if context.get("active_model") == "res.partner" and context.get("active_id"):
            values.setdefault("mode", "portfolio")
            values.setdefault("source_partner_id", context["active_id"])
        return values

    def action_transfer(self):
        """Transfer the registrations or the portfolio, logging the reason."""
        self.ensure_one()
        target = self.target_partner_id if self.target == "reseller" else None
        if self.mode == "portfolio":
            self.source_partner_id._network_transfer_portfolio(target, self.reason)
        else:
            self.lead_ids._registration_transfer(
                target, self.reason, transfer_registrant=self.transfer_registrant
            )
        return True
