# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.tools import format_amount


class PartnerNetworkTier(models.Model):
    _inherit = "partner.network.tier"

    company_currency_id = fields.Many2one(
        "res.currency", compute="_compute_company_currency_id"
    )
    min_paid_revenue = fields.Monetary(
        string="Minimum Paid Revenue",
        currency_field="company_currency_id",
        aggregator=None,
        help="Revenue (untaxed, company currency) effectively paid on the invoices "
        "credited to the partner's registrations during the review period, "
        "required to be proposed this tier. Zero: no such criterion.",
    )

    _sql_constraints = [
        (
            "min_paid_revenue_positive",
            "CHECK(min_paid_revenue >= 0)",
            "The minimum paid revenue of a tier cannot be negative.",
        ),
    ]

    def _compute_company_currency_id(self):
        self.company_currency_id = self.env.company.currency_id

    def _network_tier_criteria(self, metrics):
        criteria = super()._network_tier_criteria(metrics)
        if self.min_paid_revenue:
            currency = self.company_currency_id
            value = metrics.get("paid_revenue", 0.0)
            missing = max(self.min_paid_revenue - value, 0.0)
            met = self._network_tier_verdicts(metrics)["paid_revenue"]
            criteria.append(
                {
                    "code": "paid_revenue",
                    "label": _(
                        "Paid revenue (last %(months)s months)",
                        months=self.review_months,
                    ),
                    "required": format_amount(
                        self.env, self.min_paid_revenue, currency
                    ),
                    "value": format_amount(self.env, value, currency),
                    "missing": ""
                    if met
                    else format_amount(self.env, missing, currency),
                    "met": met,
                }
            )
        return criteria

    def _network_tier_verdicts(self, metrics):
        """Add whether the paid revenue reaches the tier's minimum."""
        verdicts = super()._network_tier_verdicts(metrics)
        if self.min_paid_revenue:
            verdicts["paid_revenue"] = (
                self.company_currency_id.compare_amounts(
                    metrics.get("paid_revenue", 0.0), self.min_paid_revenue
                )
                >= 0
            )
        return verdicts
