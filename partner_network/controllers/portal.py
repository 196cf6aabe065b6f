# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression
from odoo.tools.misc import get_lang

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.crm_lead_portal import PORTAL_REGISTRATION_FIELDS
from ..tools.form_input import CONTROL_PATTERN

# Bootstrap badge of each registration state
STATE_CLASSES = {
    "submitted": "text-bg-info",
    "accepted": "text-bg-success",
    "rejected": "text-bg-danger",
    "expired": "text-bg-secondary",
    "released": "text-bg-light",
}


class PartnerNetworkPortal(CustomerPortal):
    """Registrations and agreements of the user's commercial partner.

    Records are always looked up in the user's own environment, so that access
    rights and record rules decide what exists for the user; a record found
    there is then read with ``sudo()`` to render related data.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the home page itself
            values["network_can_register"] = self._registration_can_register()
        for counter, (model, domain) in self._portal_home_counters().items():
            if counter in counters:
                values[counter] = self._portal_count(model, domain())
        return values

    def _portal_home_counters(self):
        """The record counters of the portal home: ``{counter: (model, domain
        method)}``; add yours with ``super()``."""
        return {
            "registration_count": ("crm.lead", self._registration_domain),
            "agreement_count": ("partner.network.agreement", self._agreement_domain),
        }

    def _portal_count(self, model, domain):
        """How many records of ``model`` match ``domain`` for the user (none
        without read access)."""
        Model = request.env[model]
        return Model.search_count(domain) if Model.has_access("read") else 0

    def _portal_record(self, model, domain, record_id):
        """The record ``record_id`` of ``model`` if it matches ``domain`` for
        the user; otherwise a 404, as record rules make another partner's
        record and a missing one the same."""
        record = request.env[model].search(
            expression.AND([domain, [("id", "=", record_id)]])
        )
        if not record:
            raise request.not_found()
        return record

    def _portal_list_values(
        self,
        model,
        url,
        domain,
        sortings,
        filters,
        page=1,
        sortby=None,
        filterby=None,
        url_args=None,
    ):
        """Search one page of ``model`` for a portal list, in the user's
        environment; return it with the pager and searchbar values."""
        Model = request.env[model]
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = expression.AND([domain, filters[filterby]["domain"]])
        total = self._portal_count(model, domain)
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby, **(url_args or {})},
            total=total,
            page=page,
            step=self._items_per_page,
        )
        records = (
            Model.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if total
            else Model
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "default_url": url,
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return records, values

    # ------------------------------------------------------------
    # Registrations
    # ------------------------------------------------------------

    def _registration_domain(self):
        """Registrations of the user's partner and of its sub-network."""
        partner = request.env.user.commercial_partner_id
        return [
            "|",
            ("registration_partner_id", "=", partner.id),
            ("registration_leader_id", "=", partner.id),
        ]

    def _agreement_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _registration_searchbar_sortings(self):
        return {
            "date": {
                "label": _("Newest"),
                "order": "registration_date desc, id desc",
            },
            "deadline": {
                "label": _("Decision Deadline"),
                "order": "registration_deadline asc, id desc",
            },
            "prospect": {"label": _("Prospect"), "order": "partner_name asc, id desc"},
            "state": {"label": _("Status"), "order": "registration_state, id desc"},
        }

    def _registration_searchbar_filters(self):
        partner = request.env.user.commercial_partner_id
        return {
            "all": {"label": _("All"), "domain": []},
            "submitted": {
                "label": _("Awaiting Decision"),
                "domain": [("registration_state", "=", "submitted")],
            },
            "accepted": {
                "label": _("Accepted"),
                "domain": [("registration_state", "=", "accepted")],
            },
            "closed": {
                "label": _("Closed"),
                "domain": [
                    (
                        "registration_state",
                        "in",
                        ["rejected", "expired", "released"],
                    )
                ],
            },
            "subnetwork": {
                "label": _("My Sub-network"),
                "domain": [("registration_partner_id", "!=", partner.id)],
            },
        }

    def _registration_searchbar_inputs(self):
        return {
            "prospect": {
                "input": "prospect",
                "label": _("Search in Prospect"),
                "domain": lambda search: [
                    "|",
                    ("partner_name", "ilike", search),
                    ("contact_name", "ilike", search),
                ],
            },
            "name": {
                "input": "name",
                "label": _("Search in Reference"),
                "domain": lambda search: [("name", "ilike", search)],
            },
        }

    @http.route(
        ["/my/registrations", "/my/registrations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_registrations(
        self, page=1, sortby=None, filterby=None, search=None, search_in="prospect"
    ):
        inputs = self._registration_searchbar_inputs()
        search_in = search_in if search_in in inputs else "prospect"
        domain = self._registration_domain()
        # A control character matches nothing typed, and PostgreSQL refuses NUL
        search = CONTROL_PATTERN.sub("", search or "") or None
        if search:
            domain = expression.AND([domain, inputs[search_in]["domain"](search)])
        leads, values = self._portal_list_values(
            "crm.lead",
            "/my/registrations",
            domain,
            self._registration_searchbar_sortings(),
            self._registration_searchbar_filters(),
            page=page,
            sortby=sortby,
            filterby=filterby,
            url_args={"search": search, "search_in": search_in},
        )
        values.update(
            {
                "registrations": self._registration_rows(leads.sudo()),
                "state_classes": STATE_CLASSES,
                "page_name": "registration",
                "searchbar_inputs": inputs,
                "search_in": search_in,
                "search": search,
                "partner": request.env.user.commercial_partner_id,
                "can_register": self._registration_can_register(),
            }
        )
        request.session["my_registrations_history"] = leads.ids[:100]
        return request.render("partner_network.portal_my_registrations", values)

    def _registration_rows(self, leads):
        """What the list shows of each registration, formatted in one pass:
        rendering field widgets row by row costs more than the queries."""
        env = request.env
        date_format = get_lang(env).date_format
        states = dict(leads._fields["registration_state"]._description_selection(env))
        channels = dict(
            leads._fields["registration_channel"]._description_selection(env)
        )

        def day(value):
            return value.strftime(date_format) if value else ""

        rows = []
        for lead in leads:
            submitted = lead.registration_date and fields.Datetime.context_timestamp(
                lead, lead.registration_date
            )
            rows.append(
                {
                    "lead": lead,
                    "state": states.get(lead.registration_state, ""),
                    "submitted": day(submitted),
                    "deadline": day(lead.registration_deadline),
                    "protected_until": day(lead.registration_protected_until)
                    if lead.registration_state == "accepted"
                    else "",
                    "channel": channels.get(lead.registration_channel, ""),
                }
            )
        return rows

    def _registration_can_register(self):
        partner = request.env.user.commercial_partner_id
        return bool(partner.network_category_ids) and partner.network_state == "active"

    @http.route(
        "/my/registrations/<int:lead_id>", type="http", auth="user", website=True
    )
    def portal_my_registration(self, lead_id, access_token=None, **kw):
        """A registration of the user's partner or of its sub-network.

        Registrations have no access token (crm.lead is no portal document):
        only the login opens one, whatever ``access_token`` a link carries.
        """
        lead = self._portal_record("crm.lead", self._registration_domain(), lead_id)
        lead_sudo = lead.sudo()
        partner = request.env.user.commercial_partner_id
        values = self._prepare_portal_layout_values()
        values = self._get_page_view_values(
            lead_sudo, None, values, "my_registrations_history", False, **kw
        )
        values.update(
            {
                "registration": lead_sudo,
                "state_classes": STATE_CLASSES,
                "page_name": "registration",
                "own": lead_sudo.registration_partner_id == partner,
                "submitted": kw.get("submitted"),
            }
        )
        return request.render("partner_network.portal_my_registration", values)

    @http.route(
        "/my/registrations/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_registration_new(self, **post):
        values = self._prepare_portal_layout_values()
        form, errors, error_message = {}, {}, None
        can_register = self._registration_can_register()
        if request.httprequest.method == "POST":
            form = {
                name: post.get(name, "")
                for name in PORTAL_REGISTRATION_FIELDS
                if isinstance(post.get(name, ""), str)
            }
            Lead = request.env["crm.lead"]
            parsed, errors = Lead._portal_registration_parse(form)
            if not errors:
                try:
                    lead = Lead._portal_registration_submit(parsed)
                except UserError as error:
                    error_message = error.args[0]
                else:
                    return request.redirect(f"/my/registrations/{lead.id}?submitted=1")
        values.update(
            {
                "page_name": "registration_new",
                "form": form,
                "errors": errors,
                "error_message": error_message,
                "can_register": can_register,
            }
        )
        return request.render("partner_network.portal_registration_new", values)

    # ------------------------------------------------------------
    # Agreements
    # ------------------------------------------------------------

    @http.route(
        ["/my/agreements", "/my/agreements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_agreements(self, page=1, sortby=None):
        agreements, values = self._portal_list_values(
            "partner.network.agreement",
            "/my/agreements",
            self._agreement_domain(),
            {
                "date": {"label": _("Newest"), "order": "date_start desc, id desc"},
                "state": {"label": _("Status"), "order": "state, date_start desc"},
            },
            {"all": {"label": _("All"), "domain": []}},
            page=page,
            sortby=sortby,
        )
        values.update({"agreements": agreements.sudo(), "page_name": "agreement"})
        return request.render("partner_network.portal_my_agreements", values)
