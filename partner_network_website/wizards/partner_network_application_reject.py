# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PartnerNetworkApplicationReject(models.TransientModel):
    _name = "partner.network.application.reject"
    _description = "Reject Partner Network Applications"

    application_ids = fields.Many2many(
        "partner.network.application",
        "partner_network_application_reject_rel",
        "wizard_id",
        "application_id",
        string="Applications",
        required=True,
        default=lambda self: self._default_application_ids(),
    )
    reason = fields.Text(
        required=True,
        help="Sent to the applicants by email, in their language.",
    )

    @api.model
    def _default_application_ids(self):
        if self.env.context.get("active_model") != "partner.network.application":
            return []
        return self.env.context.get("active_ids", [])

    def action_reject(self):
        """Reject the applications with the reason typed."""
        self.ensure_one()
        self.application_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
