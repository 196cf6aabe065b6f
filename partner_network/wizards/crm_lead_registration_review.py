# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.crm_lead import REGISTRATION_CHANNELS, REJECTION_REASONS


class CrmLeadRegistrationReview(models.TransientModel):
    _name = "crm.lead.registration.review"
    _description = "Review a Deal Registration"

    lead_id = fields.Many2one("crm.lead", string="Registration", required=True)
    decision = fields.Selection(
        [("accept", "Accept"), ("reject", "Reject")], required=True, default="accept"
    )
    channel = fields.Selection(
        REGISTRATION_CHANNELS,
        string="Executing Channel",
        default="internal",
        help="Who executes the sale: the company's own sales team or a reseller "
        "of the network, chosen by profile and zone (never by exclusivity).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
    )
    team_id = fields.Many2one("crm.team", string="Sales Team")
    executing_partner_id = fields.Many2one(
        "res.partner",
        string="Executing Reseller",
        domain="[('network_category_ids.code', '=', 'reseller'), "
        "('network_state', '=', 'active')]",
    )
    suggested_reseller_ids = fields.Many2many(
        "res.partner",
        string="Resellers of the Zone and Sector",
        compute="_compute_suggested_reseller_ids",
    )
    rejection_reason = fields.Selection(REJECTION_REASONS)
    note = fields.Text()

    @api.depends("lead_id")
    def _compute_suggested_reseller_ids(self):
        for wizard in self:
            wizard.suggested_reseller_ids = (
                wizard.lead_id._registration_suggested_resellers()
            )

    def action_confirm(self):
        """Apply the decision to the registration."""
        self.ensure_one()
        lead = self.lead_id
        if self.decision == "reject":
            lead.action_registration_reject(self.rejection_reason, self.note)
            return True
        if self.channel == "internal":
            lead.write(
                {
                    "user_id": self.user_id.id or lead.user_id.id,
                    "team_id": self.team_id.id or lead.team_id.id,
                }
            )
        lead.action_registration_accept(
            self.channel, self.executing_partner_id, reason=self.note
        )
        return True
