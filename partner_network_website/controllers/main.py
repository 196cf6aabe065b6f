# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import textwrap

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools.mail import html_to_inner_content

from ..models.partner_network_application_website import (
    HONEYPOT_FIELD,
    WEBSITE_FORM_FIELDS,
    WEBSITE_LIST_FIELDS,
)
from ..models.res_partner import DIRECTORY_PAGE_SIZE

DIRECTORY_URL = "/partner-program/directory"
DIRECTORY_FILTERS = ("category", "tier", "country", "industry")
# The longest search a visitor may type in the directory.
SEARCH_MAX_LENGTH = 100
# Characters of a description the list and the meta description show.
SUMMARY_LENGTH = 160
ID_ARGUMENT = re.compile(r"[1-9][0-9]{0,8}")


def sitemap_directory(env, rule, qs):
    """The directory and the page of each partner it shows."""
    if not qs or qs.lower() in DIRECTORY_URL:
        yield {"loc": DIRECTORY_URL}
    for slug in env["res.partner"]._network_directory_slugs():
        loc = f"{DIRECTORY_URL}/{slug}"
        if not qs or qs.lower() in loc:
            yield {"loc": loc}


def _int_argument(text):
    """The positive integer a query argument holds, else None."""
    text = text if isinstance(text, str) else ""
    return int(text) if ID_ARGUMENT.fullmatch(text) else None


class PartnerProgram(http.Controller):
    """The public pages of the partner program: what it offers, the
    application form and the directory of its partners.

    Visitors have no access to the program's models: the model methods these
    routes call read in sudo mode only what the pages show.
    """

    @http.route(
        "/partner-program", type="http", auth="public", website=True, sitemap=True
    )
    def program(self, **kw):
        categories = request.env["partner.network.category"]._website_program()
        return request.render(
            "partner_network_website.program", {"categories": categories}
        )

    @http.route(
        "/partner-program/apply",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def apply(self, **post):
        Application = request.env["partner.network.application"]
        form, errors = {}, {}
        if request.httprequest.method == "POST":
            form = self._application_form()
            values, errors = Application._website_parse(form)
            if not errors:
                try:
                    Application._website_apply(values, request.httprequest.remote_addr)
                except UserError as error:
                    errors = {"form": error.args[0]}
                else:
                    return request.redirect(
                        request.env["ir.http"]._url_for("/partner-program/apply/thanks")
                    )
        return request.render(
            "partner_network_website.apply",
            {
                **Application._website_form_options(),
                "form": form,
                "errors": errors,
                "honeypot": HONEYPOT_FIELD,
            },
        )

    def _application_form(self):
        """What the visitor typed, by input name: the application's inputs
        and the honeypot, each list input as a list."""
        posted = request.httprequest.form
        form = {
            name: posted.get(name, "")
            for name in (*WEBSITE_FORM_FIELDS, HONEYPOT_FIELD)
            if name not in WEBSITE_LIST_FIELDS
        }
        form.update({name: posted.getlist(name) for name in WEBSITE_LIST_FIELDS})
        return form

    @http.route(
        "/partner-program/apply/thanks",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def apply_thanks(self, **kw):
        return request.render("partner_network_website.apply_thanks", {})

    @http.route(
        [DIRECTORY_URL, f"{DIRECTORY_URL}/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        sitemap=sitemap_directory,
        readonly=True,
    )
    def directory(self, page=1, search=None, **kw):
        Partner = request.env["res.partner"]
        filters = {name: _int_argument(kw.get(name)) for name in DIRECTORY_FILTERS}
        search = search.strip()[:SEARCH_MAX_LENGTH] if isinstance(search, str) else ""
        # PostgreSQL refuses NUL, and no partner name holds a control character
        search = "".join(char for char in search if char.isprintable())
        url_args = {name: value for name, value in filters.items() if value}
        if search:
            url_args["search"] = search
        partners, total = Partner._network_directory_search(filters, search, page)
        pager = request.website.pager(
            url=DIRECTORY_URL,
            total=total,
            page=page,
            step=DIRECTORY_PAGE_SIZE,
            url_args=url_args,
        )
        return request.render(
            "partner_network_website.directory",
            {
                **Partner._network_directory_facets(),
                "partners": partners,
                "summaries": {
                    partner.id: self._summary(partner.network_description)
                    for partner in partners
                },
                "pager": pager,
                "filters": filters,
                "search": search,
                "url_args": url_args,
            },
        )

    @http.route(
        f"{DIRECTORY_URL}/<string:partner_slug>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def directory_partner(self, partner_slug, **kw):
        partner_id = request.env["ir.http"]._unslug(partner_slug)[1]
        partner = request.env["res.partner"]._network_directory_partner(partner_id)
        if not partner:
            raise request.not_found()
        slug = partner._network_directory_slug()
        if slug != partner_slug:
            return request.redirect(f"{DIRECTORY_URL}/{slug}", code=301)
        return request.render(
            "partner_network_website.directory_partner",
            {
                "partner": partner,
                "additional_title": partner.name,
                "website_meta_description": self._summary(partner.network_description),
            },
        )

    @http.route(
        f"{DIRECTORY_URL}/<int:partner_id>/logo",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def directory_partner_logo(self, partner_id, **kw):
        partner = request.env["res.partner"]._network_directory_partner(partner_id)
        if not partner:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_image_stream_from(partner, "avatar_256")
        return stream.get_response()

    @staticmethod
    def _summary(html):
        """The first words of a description, as plain text."""
        return textwrap.shorten(
            html_to_inner_content(html or ""), SUMMARY_LENGTH, placeholder=" …"
        )
