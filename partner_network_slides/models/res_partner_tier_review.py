# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """Tier review: the certifications the partner's people passed."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _network_tier_metrics(self, date_from, date_to):
        """Add ``certifications``, the ids of the certification surveys passed
        by the partner's people, whenever they passed them: a certificate does
        not expire with the review period."""
        metrics = super()._network_tier_metrics(date_from, date_to)
        passed = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                self._network_passed_certifications_domain(),
                ["network_commercial_partner_id"],
                ["survey_id:array_agg"],
            )
        )
        for partner in self:
            metrics[partner.id]["certifications"] = set(
                passed.get(partner.commercial_partner_id, ())
            )
        return metrics
