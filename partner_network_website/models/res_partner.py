# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.partner_network.tools.access import NETWORK_MANAGER_GROUP, check_group

DIRECTORY_REQUEST_ACTIVITY = (
    "partner_network_website.mail_activity_type_directory_request"
)
# What the network publishes about a partner: network managers decide it.
PUBLICATION_FIELDS = frozenset({"network_published", "network_description"})
# Links to a partner's website the directory shows.
WEB_SCHEMES = ("http://", "https://")
# Partners per page of the directory.
DIRECTORY_PAGE_SIZE = 24
# What the directory list shows of each partner, read in one query per page.
DIRECTORY_LIST_FIELDS = [
    "name",
    "city",
    "country_id",
    "website",
    "network_tier_id",
    "network_category_ids",
    "network_description",
    "write_date",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    network_published = fields.Boolean(
        string="Published in the Directory",
        tracking=True,
        copy=False,
        help="Show this partner in the public partner directory of the website. "
        "Only partners active in the network appear there.",
    )
    network_description = fields.Html(
        string="Directory Description",
        translate=True,
        copy=False,
        help="Presentation of the partner on its page of the public directory.",
    )
    network_directory_url = fields.Char(
        string="Directory Page",
        compute="_compute_network_directory_url",
        help="Address of the partner's page in the public directory.",
    )

    @api.depends("name")
    def _compute_network_directory_url(self):
        for partner in self:
            partner.network_directory_url = (
                f"/partner-program/directory/{partner._network_directory_slug()}"
                if partner.id
                else False
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get(name) for vals in vals_list for name in PUBLICATION_FIELDS):
            self._check_network_publisher()
        return super().create(vals_list)

    def write(self, vals):
        if PUBLICATION_FIELDS.intersection(vals):
            self._check_network_publisher()
        return super().write(vals)

    # ------------------------------------------------------------
    # BUSINESS: publication
    # ------------------------------------------------------------

    def _check_network_publisher(self):
        """Refuse directory publication to non Network Managers."""
        check_group(
            self.env,
            NETWORK_MANAGER_GROUP,
            _(
                "Only Network Managers publish partners in the partner directory "
                "and write their directory description."
            ),
        )

    @api.model
    def _network_managers_of(self, company):
        """The network managers of ``company``, internal users only."""
        group = self.env.ref("partner_network.group_network_manager")
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.ids),
                    ("share", "=", False),
                    ("company_ids", "in", company.ids),
                ],
                order="id",
            )
        )

    @api.model
    def _network_directory_status(self):
        """What the portal says of the user's partner and the directory:
        ``{"published", "requested", "url"}``, or None when it cannot be
        listed (it is no active partner of the network)."""
        partner = self.env.user.commercial_partner_id.sudo()
        if not partner.network_category_ids or partner.network_state != "active":
            return None
        return {
            "published": partner.network_published,
            "requested": bool(
                partner.activity_ids.filtered(
                    lambda activity: activity.activity_type_id
                    == self.env.ref(DIRECTORY_REQUEST_ACTIVITY)
                )
            ),
            "url": partner.network_directory_url,
        }

    @api.model
    def _network_directory_request(self):
        """Ask, for the user's partner, to be listed in the directory: its
        account executive (else a network manager of its master company) gets
        an activity, once, and the partner's chatter says who asked.

        :return: whether a new request was made
        :raise UserError: when the partner cannot be listed or already is
        """
        status = self._network_directory_status()
        if not status or status["published"]:
            raise UserError(
                _(
                    "Only active partners of the network that are not listed yet "
                    "can ask to be listed in the partner directory."
                )
            )
        if status["requested"]:
            return False
        partner = self.env.user.commercial_partner_id.sudo()
        reviewer = (
            partner.network_manager_id
            or self._network_managers_of(partner.network_master_company_id)[:1]
        )
        if reviewer:
            partner.with_context(lang=reviewer.lang).activity_schedule(
                DIRECTORY_REQUEST_ACTIVITY, user_id=reviewer.id
            )
        partner.message_post(
            body=_(
                "%(user)s asked to list the partner in the partner directory.",
                user=self.env.user.name,
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _network_directory_slug(self):
        self.ensure_one()
        return self.env["ir.http"]._slug((self.id, self.name))

    def _network_directory_website(self):
        """The partner's website as a link the directory may show: web
        addresses only, never another scheme such as javascript:."""
        self.ensure_one()
        website = (self.website or "").strip()
        return website if website.lower().startswith(WEB_SCHEMES) else False

    # ------------------------------------------------------------
    # BUSINESS: public directory
    # ------------------------------------------------------------

    @api.model
    def _network_directory_domain(self):
        """Partners the directory of the current website shows: published
        partners active in the network of the website's company."""
        website = self.env["website"].get_current_website()
        return [
            ("network_published", "=", True),
            ("network_state", "=", "active"),
            ("network_category_ids", "!=", False),
            ("network_master_company_id", "=", website.company_id.id),
        ]

    @api.model
    def _network_directory_filter_domain(self, filters=None, search=None):
        """The directory's domain narrowed by ``filters`` (ids by name:
        ``category``, ``tier``, ``country``, ``industry``) and ``search``.

        A country or sector matches the partner's own and those it works in.
        """
        filters = filters or {}
        domains = [self._network_directory_domain()]
        if filters.get("category"):
            domains.append([("network_category_ids", "in", [filters["category"]])])
        if filters.get("tier"):
            domains.append([("network_tier_id", "=", filters["tier"])])
        if filters.get("country"):
            domains.append(
                [
                    "|",
                    ("country_id", "=", filters["country"]),
                    ("network_country_ids", "in", [filters["country"]]),
                ]
            )
        if filters.get("industry"):
            domains.append(
                [
                    "|",
                    ("industry_id", "=", filters["industry"]),
                    ("network_industry_ids", "in", [filters["industry"]]),
                ]
            )
        if search:
            domains.append(
                [
                    "|",
                    "|",
                    ("name", "ilike", search),
                    ("city", "ilike", search),
                    ("network_description", "ilike", search),
                ]
            )
        return expression.AND(domains)

    @api.model
    def _network_directory_search(self, filters=None, search=None, page=1):
        """Return a page of the directory and how many partners it has.

        :param int page: the page number, brought within the pages there are
            (as the website's pager does)
        :return: ``(partners, total)``; the partners are in sudo mode with
            what the list shows already read: read nothing else of them.
        """
        Partner = self.sudo()
        domain = self._network_directory_filter_domain(filters, search)
        total = Partner.search_count(domain)
        if not total:
            return Partner, 0
        page_count = -(-total // DIRECTORY_PAGE_SIZE)
        page = max(1, min(page, page_count))
        partners = Partner.search_fetch(
            domain,
            DIRECTORY_LIST_FIELDS,
            offset=(page - 1) * DIRECTORY_PAGE_SIZE,
            limit=DIRECTORY_PAGE_SIZE,
            order="name, id",
        )
        return partners, total

    @api.model
    def _network_directory_facets(self):
        """What the directory's filters offer, in sudo mode: the program's
        categories and tiers, and the countries and sectors of the published
        partners (their own and those they work in)."""
        Partner = self.sudo()
        domain = self._network_directory_domain()
        countries = self.env["res.country"].sudo()
        industries = self.env["res.partner.industry"].sudo()
        for field_name in ("country_id", "network_country_ids"):
            for (country,) in Partner._read_group(domain, [field_name]):
                countries |= country
        for field_name in ("industry_id", "network_industry_ids"):
            for (industry,) in Partner._read_group(domain, [field_name]):
                industries |= industry
        return {
            "categories": self.env["partner.network.category"].sudo().search([]),
            "tiers": self.env["partner.network.tier"].sudo().search([]),
            "countries": countries.sorted("name"),
            "industries": industries.sorted("name"),
        }

    @api.model
    def _network_directory_partner(self, partner_id):
        """The partner of the directory whose id is ``partner_id``, in sudo
        mode, or an empty recordset when the directory does not show it."""
        return self.sudo().search(
            expression.AND(
                [self._network_directory_domain(), [("id", "=", partner_id)]]
            )
        )

    @api.model
    def _network_directory_slugs(self):
        """The slugs of the directory's partner pages, for the sitemap."""
        partners = self.sudo().search_fetch(
            self._network_directory_domain(), ["name"], order="id"
        )
        return [partner._network_directory_slug() for partner in partners]
