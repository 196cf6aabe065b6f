# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PartnerDirectoryPortal(CustomerPortal):
    """The portal home tells a network partner whether the directory lists
    it, and lets it ask to be listed."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the home page itself
            values["network_directory"] = request.env[
                "res.partner"
            ]._network_directory_status()
        return values

    @http.route(
        "/my/partner-directory/request",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_directory_request(self, **kw):
        try:
            request.env["res.partner"]._network_directory_request()
        except UserError:
            # the home page says why the partner cannot ask
            return request.redirect("/my")
        return request.redirect("/my?directory_request=1")
