# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.iap.tools import iap_tools

from ..tools import prospect_keys
from .crm_lead import LOCKED_STATES

# Trigram similarity from which two company names sharing a block (see
# prospect_keys.name_blocks) are candidate duplicates.
NAME_SIMILARITY = 0.75
DUPLICATE_LIMIT = 20
# Candidate duplicates of one prospect and what matched. Absent keys are NULL
# or empty arrays, which PostgreSQL folds away; every test is an index lookup.
_DUPLICATE_QUERY = """
    SELECT id, array_remove(ARRAY[
        CASE WHEN registration_key_vat = %(vat)s THEN 'vat' END,
        CASE WHEN email_domain_criterion = ANY(%(at_domains)s::varchar[])
              OR registration_key_website = ANY(%(domains)s::varchar[])
             THEN 'domain' END,
        CASE WHEN phone_sanitized = %(phone)s THEN 'phone' END,
        CASE WHEN registration_key_name = %(name)s THEN 'name'
             {similar_case} END
    ], NULL)
    FROM crm_lead
    WHERE id != %(id)s
      AND (company_id = %(company)s OR company_id IS NULL)
      AND (registration_key_vat = %(vat)s
           OR email_domain_criterion = ANY(%(at_domains)s::varchar[])
           OR registration_key_website = ANY(%(domains)s::varchar[])
           OR phone_sanitized = %(phone)s
           OR {name_test})
    LIMIT %(limit)s
"""
DUPLICATE_QUERY = _DUPLICATE_QUERY.format(
    similar_case="", name_test="registration_key_name = %(name)s"
)
_SIMILAR_NAME = (
    "(registration_key_name_heads = %(heads)s "
    "OR registration_key_name_tails = %(tails)s) "
    "AND similarity(registration_key_name, %(name)s) >= %(similarity)s"
)
DUPLICATE_QUERY_TRIGRAM = _DUPLICATE_QUERY.format(
    similar_case=f"WHEN {_SIMILAR_NAME} THEN 'similar_name'",
    name_test=f"registration_key_name = %(name)s OR ({_SIMILAR_NAME})",
)


def is_company_domain(domain):
    """Whether ``domain`` identifies a company (not a free-mail provider)."""
    return bool(domain) and iap_tools.mail_prepare_for_domain_search(
        f"x@{domain}"
    ).startswith("@")


class CrmLead(models.Model):
    """Deal registration: the prospect's keys, its duplicates and its lock."""

    _inherit = "crm.lead"

    # Duplicate detection
    # Reviewers only: partners never learn that someone else registered.
    registration_duplicate_ids = fields.Many2many(
        "crm.lead",
        string="Possible Duplicates",
        compute="_compute_registration_duplicate_ids",
        groups="sales_team.group_sale_salesman",
    )
    registration_duplicate_count = fields.Integer(
        compute="_compute_registration_duplicate_ids",
        groups="sales_team.group_sale_salesman",
    )
    registration_similar_ids = fields.Many2many(
        "crm.lead",
        string="Similar Names",
        compute="_compute_registration_duplicate_ids",
        groups="sales_team.group_sale_salesman",
        help="Prospects whose company name is close (trigram similarity) but "
        "share no key: to judge, not proven duplicates.",
    )
    registration_match_reason = fields.Char(
        string="Match",
        compute="_compute_registration_match_reason",
        groups="sales_team.group_sale_salesman",
    )
    # Normalized prospect keys (email and phone use Odoo's own
    # email_domain_criterion and phone_sanitized)
    registration_key_vat = fields.Char(
        compute="_compute_registration_keys", store=True, index="btree_not_null"
    )
    registration_key_website = fields.Char(
        compute="_compute_registration_keys", store=True, index="btree_not_null"
    )
    registration_key_name = fields.Char(
        compute="_compute_registration_keys", store=True, index="btree_not_null"
    )
    registration_key_name_heads = fields.Char(
        compute="_compute_registration_keys", store=True, index="btree_not_null"
    )
    registration_key_name_tails = fields.Char(
        compute="_compute_registration_keys", store=True, index="btree_not_null"
    )

    @api.depends("registration_vat", "country_id", "website", "partner_name")
    def _compute_registration_keys(self):
        for lead in self:
            lead.registration_key_vat = prospect_keys.vat_key(
                lead.registration_vat, lead.country_id.code
            )
            domain = prospect_keys.url_domain(lead.website)
            lead.registration_key_website = (
                domain if is_company_domain(domain) else False
            )
            name = prospect_keys.name_key(lead.partner_name)
            lead.registration_key_name = name
            (
                lead.registration_key_name_heads,
                lead.registration_key_name_tails,
            ) = prospect_keys.name_blocks(name)

    @api.depends(
        "registration_key_vat",
        "registration_key_website",
        "registration_key_name",
        "registration_key_name_heads",
        "registration_key_name_tails",
        "email_domain_criterion",
        "phone_sanitized",
        "company_id",
    )
    def _compute_registration_duplicate_ids(self):
        matches = self._registration_find_duplicates()
        for lead in self:
            candidates = matches.get(lead.id, {})
            similar = self.browse(
                [cid for cid, kinds in candidates.items() if kinds == ["similar_name"]]
            ).exists()
            duplicates = self.browse(candidates).exists() - similar
            lead.registration_duplicate_ids = duplicates._filtered_access("read")
            lead.registration_duplicate_count = len(duplicates)
            lead.registration_similar_ids = similar._filtered_access("read")

    @api.depends_context("registration_match_lead_id")
    def _compute_registration_match_reason(self):
        reference = self.browse(self.env.context.get("registration_match_lead_id"))
        reasons = {}
        if reference:
            reasons = reference._registration_find_duplicates().get(reference.id, {})
        labels = self._registration_key_labels()
        for lead in self:
            lead.registration_match_reason = ", ".join(
                labels[kind] for kind in reasons.get(lead.id, ())
            )

    def _registration_key_labels(self):
        return {
            "vat": _("same tax ID"),
            "domain": _("same web domain"),
            "phone": _("same phone"),
            "name": _("same company name"),
            "similar_name": _("similar company name"),
        }

    def _registration_keys(self):
        """Return the normalized keys of the prospect: {kind: value or set}."""
        self.ensure_one()
        domains = set()
        if (self.email_domain_criterion or "").startswith("@"):
            domains.add(self.email_domain_criterion[1:])
        if self.registration_key_website:
            domains.add(self.registration_key_website)
        keys = {
            "vat": self.registration_key_vat,
            "domain": domains,
            "phone": self.phone_sanitized,
            "name": self.registration_key_name,
        }
        return {kind: value for kind, value in keys.items() if value}

    def _registration_lock_keys(self):
        """Keys held exclusively by this registration, scoped to its company."""
        prefix = f"{(self.company_id or self.env.company).id}"
        keys = set()
        for kind, value in self._registration_keys().items():
            for item in value if isinstance(value, set) else {value}:
                keys.add(f"{prefix}:{kind}:{item}")
        return keys

    def _registration_sync_locks(self):
        """Hold the keys of locked registrations; free those of the others.

        Raises a UserError, naming no other partner, when a key is already
        held by another registration; nothing is then changed.
        """
        if not self:
            return
        self.flush_recordset()
        wanted = {
            (lead.id, key)
            for lead in self
            if lead.registration_state in LOCKED_STATES
            for key in lead._registration_lock_keys()
        }
        cr = self.env.cr
        with cr.savepoint(flush=False):
            cr.execute(
                SQL(
                    "DELETE FROM crm_lead_registration_lock WHERE lead_id IN %s",
                    tuple(self.ids),
                )
            )
            held = set()
            if wanted:
                cr.execute(
                    SQL(
                        """
                        INSERT INTO crm_lead_registration_lock (lead_id, key)
                        SELECT * FROM unnest(%s::int[], %s::varchar[])
                        ON CONFLICT (key) DO NOTHING
                        RETURNING lead_id, key
                        """,
                        [lead_id for lead_id, _key in wanted],
                        [key for _lead_id, key in wanted],
                    )
                )
                held = set(cr.fetchall())
            taken = wanted - held
            if taken:
                labels = self._registration_key_labels()
                kinds = sorted({key.split(":")[1] for _lead_id, key in taken})
                raise UserError(
                    _(
                        "This prospect is already registered in the partner network "
                        "(%(matches)s) and is protected while that registration is "
                        "reviewed or accepted. Contact your account executive if you "
                        "think this is a mistake.",
                        matches=", ".join(labels[kind] for kind in kinds),
                    )
                )
        self.env["crm.lead.registration.lock"].invalidate_model()

    def _registration_find_duplicates(self):
        """Return {lead id: {candidate id: [match kinds]}} among the company's leads.

        Every test is an index lookup: exact tax id, web domain (email or
        website), phone and company name. Where PostgreSQL has pg_trgm, names
        sharing a block (see ``prospect_keys.name_blocks``) are also compared
        by trigram similarity. Archived leads count too.
        """
        self.flush_model(
            [
                "registration_key_vat",
                "registration_key_website",
                "registration_key_name",
                "registration_key_name_heads",
                "registration_key_name_tails",
                "email_domain_criterion",
                "phone_sanitized",
                "company_id",
            ]
        )
        cr = self.env.cr
        result = {}
        for lead in self.filtered("id"):
            query = lead._registration_duplicate_query()
            if not query:
                result[lead.id] = {}
                continue
            cr.execute(*query)
            result[lead.id] = dict(cr.fetchall())
        return result

    def _registration_duplicate_query(self):
        """Return the (query, parameters) finding this lead's duplicates, or None."""
        self.ensure_one()
        keys = self._registration_keys()
        if not keys:
            return None
        domains = sorted(keys.get("domain", ()))
        return (
            DUPLICATE_QUERY_TRIGRAM if self.pool.has_trigram else DUPLICATE_QUERY,
            {
                "id": self.id,
                "company": (self.company_id or self.env.company).id,
                "vat": keys.get("vat"),
                "domains": domains,
                "at_domains": [f"@{domain}" for domain in domains],
                "phone": keys.get("phone"),
                "name": keys.get("name"),
                "heads": self.registration_key_name_heads,
                "tails": self.registration_key_name_tails,
                "similarity": NAME_SIMILARITY,
                "limit": DUPLICATE_LIMIT,
            },
        )
