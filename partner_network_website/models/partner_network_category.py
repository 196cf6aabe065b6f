# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PartnerNetworkCategory(models.Model):
    _inherit = "partner.network.category"

    @api.model
    def _website_program(self):
        """The active categories with their roles and tiers, for the public
        program page: in sudo mode, read only what the page shows."""
        return self.sudo().search([])
