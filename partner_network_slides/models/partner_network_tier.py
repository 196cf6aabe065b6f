# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PartnerNetworkTier(models.Model):
    _name = "partner.network.tier"
    _inherit = ["partner.network.tier", "partner.network.course.mixin"]
    _network_holder_field = "network_tier_id"

    channel_ids = fields.Many2many(
        "slide.channel",
        "partner_network_tier_slide_channel_rel",
        "tier_id",
        "channel_id",
        string="Courses",
        domain="[('visibility', '=', 'members')]",
        help="Training and technical material of the tier: the portal users of "
        "its active partners are enrolled in these courses.",
    )
    certification_ids = fields.Many2many(
        "survey.survey",
        "partner_network_tier_survey_rel",
        "tier_id",
        "survey_id",
        string="Required Certifications",
        domain="[('certification', '=', True)]",
        help="Certifications that someone of the partner must have passed to "
        "qualify for this tier.",
    )

    # ------------------------------------------------------------
    # TIER REVIEW
    # ------------------------------------------------------------

    def _network_tier_criteria(self, metrics):
        """Add the certifications the tier requires."""
        criteria = super()._network_tier_criteria(metrics)
        if self.certification_ids:
            passed = metrics.get("certifications", set())
            missing = self.certification_ids.filtered(
                lambda survey: survey.id not in passed
            )
            criteria.append(
                {
                    "code": "certifications",
                    "label": self.env._("Required certifications"),
                    "required": ", ".join(self.certification_ids.mapped("title")),
                    "value": self.env._(
                        "%(passed)s of %(required)s",
                        passed=len(self.certification_ids - missing),
                        required=len(self.certification_ids),
                    ),
                    "missing": ", ".join(missing.mapped("title")),
                    "met": self._network_tier_verdicts(metrics)["certifications"],
                }
            )
        return criteria

    def _network_tier_verdicts(self, metrics):
        """Add whether the partner's people passed every required
        certification."""
        verdicts = super()._network_tier_verdicts(metrics)
        if self.certification_ids:
            verdicts["certifications"] = set(self.certification_ids.ids).issubset(
                metrics.get("certifications", set())
            )
        return verdicts

    def _network_tier_benefits(self):
        """Add the courses of the tier."""
        benefits = super()._network_tier_benefits()
        if self.channel_ids:
            benefits.append(
                self.env._(
                    "Courses: %(courses)s",
                    courses=", ".join(self.channel_ids.mapped("name")),
                )
            )
        return benefits
