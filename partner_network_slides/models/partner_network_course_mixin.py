# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PartnerNetworkCourseMixin(models.AbstractModel):
    """What a network category and a tier share as holders of courses: the
    partners they group are enrolled in their ``channel_ids`` (declared by each
    model, with its own relation table)."""

    _name = "partner.network.course.mixin"
    _description = "Partner Network Course Holder"

    # field of res.partner that links a partner to the holders of its courses
    _network_holder_field = None

    def write(self, vals):
        old_channels = self.channel_ids if "channel_ids" in vals else None
        result = super().write(vals)
        if old_channels is not None:
            self._network_sync_holders(old_channels)
        return result

    def _network_sync_holders(self, old_channels=None):
        """Bring the course memberships of the partners of these records in
        line with their courses, ``old_channels`` included."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .search([(self._network_holder_field, "in", self.ids)])
        )
        partners._network_sync_courses(old_channels)
