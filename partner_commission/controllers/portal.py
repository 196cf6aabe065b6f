# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.partner_network.controllers.portal import PartnerNetworkPortal

STATEMENT_REPORT = "partner_commission.action_report_partner_commission_statement"


class PartnerCommissionPortal(PartnerNetworkPortal):
    """Commission lines, settlements and rates of the user's commercial partner.

    As for registrations, records are looked up in the user's environment
    (access rights and record rules apply) before being read with ``sudo()``;
    the portal has no access to the rules: the rate card is the model's.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "rate_count" in counters:
            values["rate_count"] = len(
                request.env["partner.commission.rule"]._portal_rate_card()
            )
        return values

    def _portal_home_counters(self):
        """Count the commission lines and settlements too."""
        return {
            **super()._portal_home_counters(),
            "commission_count": ("partner.commission.line", self._commission_domain),
            "settlement_count": (
                "partner.commission.settlement",
                self._settlement_domain,
            ),
        }

    def _commission_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _settlement_domain(self):
        return [
            ("partner_id", "=", request.env.user.commercial_partner_id.id),
            ("state", "!=", "cancelled"),
        ]

    @http.route(
        ["/my/commissions", "/my/commissions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_commissions(self, page=1, sortby=None, filterby=None):
        lines, values = self._portal_list_values(
            "partner.commission.line",
            "/my/commissions",
            self._commission_domain(),
            {
                "date": {"label": _("Newest"), "order": "date desc, id desc"},
                "invoice": {"label": _("Invoice"), "order": "move_id desc, id desc"},
            },
            {
                "all": {"label": _("All"), "domain": []},
                "pending": {
                    "label": _("Pending"),
                    "domain": [("state", "=", "pending")],
                },
                "payable": {
                    "label": _("Payable"),
                    "domain": [("state", "=", "payable")],
                },
                "settled": {
                    "label": _("Settled"),
                    "domain": [("state", "=", "settled")],
                },
            },
            page=page,
            sortby=sortby,
            filterby=filterby,
        )
        values.update(
            {
                "commission_lines": self._commission_rows(lines.sudo()),
                "page_name": "commission",
            }
        )
        return request.render("partner_commission.portal_my_commissions", values)

    def _commission_rows(self, lines):
        """What the list shows of each commission line, formatted in one
        pass (``_display_values``)."""
        env = request.env
        beneficiaries = dict(lines._fields["beneficiary"]._description_selection(env))
        states = dict(lines._fields["state"]._description_selection(env))
        values = lines._display_values()
        return [
            {
                **values[line.id],
                "line": line,
                "beneficiary": beneficiaries.get(line.beneficiary, ""),
                "state": states.get(line.state, ""),
            }
            for line in lines
        ]

    @http.route(
        ["/my/settlements", "/my/settlements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_settlements(self, page=1, sortby=None, filterby=None):
        settlements, values = self._portal_list_values(
            "partner.commission.settlement",
            "/my/settlements",
            self._settlement_domain(),
            {"date": {"label": _("Newest"), "order": "date_to desc, id desc"}},
            {
                "all": {"label": _("All"), "domain": []},
                "open": {
                    "label": _("To Be Paid"),
                    "domain": [("state", "in", ["draft", "approved", "invoiced"])],
                },
                "paid": {"label": _("Paid"), "domain": [("state", "=", "paid")]},
            },
            page=page,
            sortby=sortby,
            filterby=filterby,
        )
        values.update({"settlements": settlements.sudo(), "page_name": "settlement"})
        request.session["my_settlements_history"] = settlements.ids[:100]
        return request.render("partner_commission.portal_my_settlements", values)

    @http.route("/my/rates", type="http", auth="user", website=True)
    def portal_my_rates(self):
        """The commission rates that apply today to the user's partner."""
        rate_lines = request.env["partner.commission.rule"]._portal_rate_card()
        values = self._prepare_portal_layout_values()
        values.update({"rate_lines": rate_lines, "page_name": "commission_rate"})
        return request.render("partner_commission.portal_my_rates", values)

    @http.route(
        "/my/settlements/<int:settlement_id>",
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_settlement(
        self, settlement_id, access_token=None, report_type=None, download=False, **kw
    ):
        """A settlement of the user's partner, or the one whose access token
        is given (the link of the notification mails, as for Odoo's invoices).

        Anything else answers a 404 to a logged-in user, whether the
        settlement is another partner's or missing, and the login page to a
        visitor."""
        try:
            settlement_sudo = self._document_check_access(
                "partner.commission.settlement", settlement_id, access_token
            )
        except (AccessError, MissingError):
            settlement_sudo = None
        if not settlement_sudo or settlement_sudo.state == "cancelled":
            if request.env.user._is_public():
                return request.redirect_query(
                    "/web/login", {"redirect": request.httprequest.full_path}
                )
            raise request.not_found()
        if report_type in ("html", "pdf"):
            return self._show_report(
                model=settlement_sudo,
                report_type=report_type,
                report_ref=STATEMENT_REPORT,
                download=download,
            )
        values = self._prepare_portal_layout_values()
        values = self._get_page_view_values(
            settlement_sudo,
            access_token,
            values,
            "my_settlements_history",
            False,
            **kw,
        )
        values.update({"settlement": settlement_sudo, "page_name": "settlement"})
        return request.render("partner_commission.portal_my_settlement", values)
