# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


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
    # Tier review: what a partner must achieve to hold this tier
    min_accepted_registrations = fields.Integer(
        string="Minimum Accepted Registrations",
        aggregator=None,
        help="Deal registrations the partner must have had accepted during the "
        "review period to be proposed this tier. Zero: no such criterion.",
    )
    review_months = fields.Integer(
        string="Review Period (Months)",
        default=12,
        aggregator=None,
        help="The tier review measures the partner's results over this many "
        "months before the review.",
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
        (
            "min_accepted_registrations_positive",
            "CHECK(min_accepted_registrations >= 0)",
            "The minimum accepted registrations of a tier cannot be negative.",
        ),
        (
            "review_months_positive",
            "CHECK(review_months > 0)",
            "The review period of a tier must be at least one month.",
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

    # ------------------------------------------------------------
    # TIER REVIEW
    # ------------------------------------------------------------

    def _network_tier_criteria(self, metrics):
        """Criteria of this tier measured against one partner's ``metrics``.

        ``metrics`` is one partner's entry of ``res.partner._network_tier_metrics``.
        Returns a list of dicts ``code``, ``label``, ``required``, ``value``,
        ``missing`` (display strings, ``missing`` empty when met) and ``met``;
        addons append their own criteria, whose ``met`` is their entry of
        ``_network_tier_verdicts``. A tier without criteria is met.
        """
        self.ensure_one()
        criteria = []
        verdicts = self._network_tier_verdicts(metrics)
        if self.min_accepted_registrations:
            value = metrics.get("accepted_registrations", 0)
            missing = max(self.min_accepted_registrations - value, 0)
            criteria.append(
                {
                    "code": "accepted_registrations",
                    "label": _(
                        "Accepted registrations (last %(months)s months)",
                        months=self.review_months,
                    ),
                    "required": str(self.min_accepted_registrations),
                    "value": str(value),
                    "missing": str(missing) if missing else "",
                    "met": verdicts["accepted_registrations"],
                }
            )
        return criteria

    def _network_tier_verdicts(self, metrics):
        """Return ``{criterion code: met}`` for one partner's ``metrics``: the
        verdict of each criterion of this tier, without the display strings
        of ``_network_tier_criteria``, which the review would format for every
        partner and tier for nothing. Addons adding a criterion add its
        verdict here and its line there (which reads the verdict from here).
        """
        self.ensure_one()
        verdicts = {}
        if self.min_accepted_registrations:
            verdicts["accepted_registrations"] = (
                metrics.get("accepted_registrations", 0)
                >= self.min_accepted_registrations
            )
        return verdicts

    def _network_tier_met(self, metrics):
        """Whether one partner's ``metrics`` meet every criterion of this tier."""
        return all(self._network_tier_verdicts(metrics).values())

    def _network_tier_benefits(self):
        """Benefits of this tier, as short translated lines for the scorecard."""
        self.ensure_one()
        benefits = [
            _(
                "Registrations protected for %(days)s days",
                days=self.protection_days,
            ),
            _(
                "Up to %(count)s open registrations",
                count=self.max_open_registrations,
            )
            if self.max_open_registrations
            else _("No limit of open registrations"),
        ]
        # program configuration: shown to whoever may see the tier
        pricelist = self.sudo().pricelist_id
        if pricelist:
            benefits.append(
                _("Special prices: %(pricelist)s", pricelist=pricelist.name)
            )
        if self.subnetwork_bonus_percent:
            benefits.append(
                _(
                    "Sub-network bonus of %(percent)s%%",
                    percent=self.subnetwork_bonus_percent,
                )
            )
        return benefits
