# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PartnerNetworkTrainingPortal(CustomerPortal):
    """The training of the user's partner: the network courses the user
    follows and the certifications its people passed."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "training_count" in counters:
            values["training_count"] = request.env.user._network_training_count()
        return values

    @http.route("/my/training", type="http", auth="user", website=True)
    def portal_my_training(self):
        values = self._prepare_portal_layout_values()
        values.update(request.env.user._network_training(), page_name="training")
        return request.render("partner_network_slides.portal_my_training", values)

    @http.route(
        "/my/training/certificates/<int:user_input_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_training_certificate(self, user_input_id):
        certificate = request.env.user._network_certificate(user_input_id)
        if not certificate:
            raise request.not_found()
        content, file_type, file_name = certificate
        return request.make_response(
            content,
            headers=[
                ("Content-Type", f"application/{file_type}"),
                ("Content-Disposition", http.content_disposition(file_name)),
            ],
        )
