# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkTier(models.Model):
    _name = "partner.network.tier"
    _description = "Partner Network Tier"
    _order = "category_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Lower sequences are entry levels, higher ones reward growth."
    )
    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "partner.network.category",
        required=True,
        ondelete="restrict",
        help="Only partners of this category may hold this tier.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Pricelist",
        ondelete="restrict",
        help="Special prices of the tier: while a partner holding this tier is "
        "active in the network, this is its pricelist.",
    )
    # Benefits of one tier each: a sum over tiers means nothing.
    protection_days = fields.Integer(
        default=90,
        aggregator=None,
        help="Days an accepted deal registration stays protected from other partners.",
    )
    max_open_registrations = fields.Integer(
        string="Registration Quota",
        aggregator=None,
        help="Maximum number of registrations a partner of this tier may have "
        "submitted or protected at once. Zero means no limit.",
    )
    subnetwork_bonus_percent = fields.Float(
        string="Sub-network Bonus (%)",
        digits=(5, 2),
        aggregator=None,
        help="Additional margin granted to a reseller leading a sub-network of "
        "promoters, to compensate the commissions it assigns to them.",
    )
    description = fields.Html(translate=True)
    partner_ids = fields.One2many("res.partner", "network_tier_id", string="Partners")
    partner_count = fields.Integer(compute="_compute_partner_count")

    _sql_constraints = [
        (
            "protection_days_positive",
            "CHECK(protection_days >= 0)",
            "The protection days of a tier cannot be negative.",
        ),
        (
            "max_open_registrations_positive",
            "CHECK(max_open_registrations >= 0)",
            "The registration quota of a tier cannot be negative.",
        ),
        (
            "subnetwork_bonus_range",
            "CHECK(subnetwork_bonus_percent >= 0 AND subnetwork_bonus_percent <= 100)",
            "The sub-network bonus must be between 0 and 100 percent.",
        ),
    ]

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("network_tier_id", "in", self.ids)],
                ["network_tier_id"],
                ["__count"],
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    def action_view_partners(self):
        """Open the network partners holding this tier."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_network.res_partner_action_network"
        )
        action["domain"] = [("network_tier_id", "=", self.id)]
        action["context"] = {"default_network_tier_id": self.id}
        return action
