# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkCategory(models.Model):
    _name = "partner.network.category"
    _inherit = ["partner.network.category", "partner.network.course.mixin"]
    _network_holder_field = "network_category_ids"

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
