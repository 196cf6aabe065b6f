# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from .portal import PartnerNetworkPortal


class PartnerNetworkScorecardPortal(PartnerNetworkPortal):
    """The tier scorecard of the user's commercial partner."""

    def _portal_home_counters(self):
        counters = super()._portal_home_counters()
        counters["scorecard_count"] = ("res.partner", self._scorecard_partner_domain)
        return counters

    def _scorecard_partner_domain(self):
        """The user's commercial partner, when it is a network partner."""
        return [
            ("id", "=", request.env.user.partner_id.commercial_partner_id.id),
            ("network_category_ids", "!=", False),
        ]

    @http.route("/my/scorecard", type="http", auth="user", website=True)
    def portal_my_scorecard(self):
        partner = request.env["res.partner"].search(
            self._scorecard_partner_domain(), limit=1
        )
        if not partner:
            # the portal home links here for every user (the entry hides when
            # its count is 0): a user outside the network goes back home
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "scorecard": partner.sudo()._network_tier_scorecard(),
                "page_name": "scorecard",
            }
        )
        return request.render("partner_network.portal_my_scorecard", values)
