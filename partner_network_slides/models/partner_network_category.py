# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkCategory(models.Model):
    _inherit = "partner.network.category"

    channel_ids = fields.Many2many(
        "slide.channel",
        "partner_network_category_slide_channel_rel",
        "category_id",
        "channel_id",
        string="Courses",
        domain="[('visibility', '=', 'members')]",
        help="Training and technical material of the category: the portal users "
        "of its active partners are enrolled in these courses.",
    )

    def write(self, vals):
        old_channels = self.channel_ids if "channel_ids" in vals else None
        result = super().write(vals)
        if old_channels is not None:
            self._network_sync_holders(old_channels)
        return result

    def _network_sync_holders(self, old_channels=None):
        """Bring the course memberships of the partners of these categories in
        line with the categories' courses, ``old_channels`` included."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .search([("network_category_ids", "in", self.ids)])
        )
        partners._network_sync_courses(old_channels)
