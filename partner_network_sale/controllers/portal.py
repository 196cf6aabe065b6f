# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.partner_network.controllers.portal import PartnerNetworkPortal

from ..models.partner_network_demo_request_portal import PORTAL_DEMO_FIELDS

# Bootstrap badge of each demo unit request state
DEMO_STATE_CLASSES = {
    "requested": "text-bg-info",
    "approved": "text-bg-success",
    "rejected": "text-bg-danger",
    "returned": "text-bg-secondary",
    "purchased": "text-bg-primary",
}


class PartnerNetworkSalePortal(PartnerNetworkPortal):
    """Demo unit requests of the user's commercial partner, looked up in the
    user's own environment as the registrations are."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            values["demo_can_request"] = request.env[
                "partner.network.demo.request"
            ]._portal_demo_can_request()
        return values

    def _portal_home_counters(self):
        """Count the demo unit requests too."""
        return {
            **super()._portal_home_counters(),
            "demo_request_count": (
                "partner.network.demo.request",
                self._demo_request_domain,
            ),
        }

    def _demo_request_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    @http.route(
        ["/my/demo-units", "/my/demo-units/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_demo_requests(self, page=1, sortby=None, filterby=None):
        demo_requests, values = self._portal_list_values(
            "partner.network.demo.request",
            "/my/demo-units",
            self._demo_request_domain(),
            {
                "date": {"label": _("Newest"), "order": "id desc"},
                "return": {"label": _("Return Date"), "order": "date_return, id"},
                "state": {"label": _("Status"), "order": "state, id desc"},
            },
            {
                "all": {"label": _("All"), "domain": []},
                "open": {
                    "label": _("Open"),
                    "domain": [("state", "in", ("requested", "approved"))],
                },
                "closed": {
                    "label": _("Closed"),
                    "domain": [("state", "in", ("rejected", "returned", "purchased"))],
                },
            },
            page=page,
            sortby=sortby,
            filterby=filterby,
        )
        values.update(
            {
                "demo_requests": demo_requests.sudo(),
                "demo_state_classes": DEMO_STATE_CLASSES,
                "page_name": "demo_request",
                "can_request": request.env[
                    "partner.network.demo.request"
                ]._portal_demo_can_request(),
            }
        )
        return request.render("partner_network_sale.portal_my_demo_requests", values)

    @http.route(
        "/my/demo-units/<int:request_id>", type="http", auth="user", website=True
    )
    def portal_my_demo_request(self, request_id, **kw):
        """A demo unit request of the user's partner; any other id is a 404."""
        demo_request = self._portal_record(
            "partner.network.demo.request", self._demo_request_domain(), request_id
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "demo_request": demo_request.sudo(),
                "demo_state_classes": DEMO_STATE_CLASSES,
                "page_name": "demo_request",
                "submitted": kw.get("submitted"),
            }
        )
        return request.render("partner_network_sale.portal_my_demo_request", values)

    @http.route(
        "/my/demo-units/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_demo_request_new(self, **post):
        Request = request.env["partner.network.demo.request"]
        form, errors, error_message = {}, {}, None
        if request.httprequest.method == "POST":
            form = {
                name: post.get(name, "")
                for name in PORTAL_DEMO_FIELDS
                if isinstance(post.get(name, ""), str)
            }
            parsed, errors = Request._portal_demo_request_parse(form)
            if not errors:
                try:
                    demo_request = Request._portal_demo_request_submit(parsed)
                except UserError as error:
                    error_message = error.args[0]
                else:
                    return request.redirect(
                        f"/my/demo-units/{demo_request.id}?submitted=1"
                    )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "demo_request_new",
                "form": form,
                "errors": errors,
                "error_message": error_message,
                "can_request": Request._portal_demo_can_request(),
                "products": Request._portal_demo_products(),
            }
        )
        return request.render("partner_network_sale.portal_demo_request_new", values)
