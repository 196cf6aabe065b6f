# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkTier(models.Model):
    _inherit = "partner.network.tier"

    demo_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Demo Pricelist",
        ondelete="restrict",
        help="Prices of the demonstration units granted to partners of this "
        "tier: the order of an approved demo unit request uses it.",
    )
    demo_units_max = fields.Integer(
        string="Demo Units at Once",
        aggregator=None,
        help="Most demo unit requests a partner of this tier may have open "
        "(requested or approved) at once. Zero means no limit.",
    )

    _sql_constraints = [
        (
            "demo_units_max_positive",
            "CHECK(demo_units_max >= 0)",
            "The demo units limit of a tier cannot be negative.",
        ),
    ]
