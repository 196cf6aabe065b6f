# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SlideChannel(models.Model):
    _inherit = "slide.channel"

    network_category_ids = fields.Many2many(
        "partner.network.category",
        "partner_network_category_slide_channel_rel",
        "channel_id",
        "category_id",
        string="Network Categories",
        readonly=True,
        help="Partner network categories whose partners follow this course.",
    )
    network_tier_ids = fields.Many2many(
        "partner.network.tier",
        "partner_network_tier_slide_channel_rel",
        "channel_id",
        "tier_id",
        string="Network Tiers",
        readonly=True,
        help="Partner network tiers whose partners follow this course.",
    )

    @api.constrains("user_id")
    def _check_network_instructor(self):
        instructor = self.env.ref("partner_network.partner_network_role_instructor")
        for channel in self.sudo():
            owner = channel.user_id.partner_id.commercial_partner_id
            if (
                (channel.network_category_ids or channel.network_tier_ids)
                and owner.network_category_ids
                and instructor not in owner.network_role_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for the network course "
                        "%(course)s: only the network's instructors author its "
                        "courses.",
                        user=channel.user_id.name,
                        course=channel.name,
                    )
                )
