# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import prospect_keys
from ..tools.key_fields import key_field
from .crm_lead import LOCKED_STATES

# Trigram similarity from which two company names sharing a block (see
# prospect_keys.name_blocks) are candidate duplicates.
NAME_SIMILARITY = 0.75
DUPLICATE_LIMIT = 20
# Candidates that only share a mail provider with the prospect: a few are
# enough for the reviewer to judge.
HINT_LIMIT = 5
# Match kinds that only hint at the same prospect: shown apart for the
# reviewer to judge, never a duplicate, never locked.
HINT_KINDS = frozenset({"similar_name", "mail_provider"})
# Lists of the lead form whose Match column compares each candidate with the
# lead.
MATCH_LISTS = ("registration_duplicate_ids", "registration_similar_ids")


class CrmLead(models.Model):
    """Deal registration: the prospect's keys, its duplicates and its lock."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

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
        string="Hints to Judge",
        compute="_compute_registration_duplicate_ids",
        groups="sales_team.group_sale_salesman",
        help="Prospects that share no key with this one but a close company name "
        "(trigram similarity) or the mail provider they write from: to judge, "
        "not proven duplicates.",
    )
    registration_match_kinds = fields.Json(
        compute="_compute_registration_duplicate_ids",
        groups="sales_team.group_sale_salesman",
        help="What matched, for each candidate id.",
    )
    registration_match_reason = fields.Char(
        string="Match",
        compute="_compute_registration_match_reason",
        groups="sales_team.group_sale_salesman",
        help="What this lead shares with the lead given as "
        "registration_match_lead_id in the context.",
    )
    # Normalized prospect keys, as written: which web domains identify a
    # company is decided when they are compared (see _registration_keys).
    # Email and phone use Odoo's own email_domain_criterion and phone_sanitized.
    registration_key_vat = key_field("_compute_registration_keys")
    registration_key_website = key_field("_compute_registration_keys")
    registration_key_name = key_field("_compute_registration_keys")
    registration_key_name_heads = key_field("_compute_registration_keys")
    registration_key_name_tails = key_field("_compute_registration_keys")

    @api.depends("registration_vat", "country_id", "website", "partner_name")
    def _compute_registration_keys(self):
        for lead in self:
            (
                lead.registration_key_vat,
                lead.registration_key_website,
                name,
            ) = prospect_keys.company_keys(
                lead.registration_vat,
                lead.country_id.code,
                lead.website,
                lead.partner_name,
            )
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
        "email_normalized",
        "email_domain_criterion",
        "phone_sanitized",
        "company_id",
    )
    def _compute_registration_duplicate_ids(self):
        matches = self._registration_find_duplicates()
        for lead in self:
            candidates = matches.get(lead.id, {})
            hints = self.browse(
                [
                    cid
                    for cid, kinds in candidates.items()
                    if HINT_KINDS.issuperset(kinds)
                ]
            ).exists()
            duplicates = self.browse(candidates).exists() - hints
            readable = (duplicates | hints)._filtered_access("read")
            lead.registration_duplicate_ids = duplicates & readable
            lead.registration_duplicate_count = len(duplicates)
            lead.registration_similar_ids = hints & readable
            lead.registration_match_kinds = {
                str(candidate.id): candidates[candidate.id] for candidate in readable
            }

    @api.depends_context("registration_match_lead_id", "lang")
    def _compute_registration_match_reason(self):
        reference_id = self.env.context.get("registration_match_lead_id")
        reference = self.browse(
            reference_id if isinstance(reference_id, int) else ()
        ).exists()
        kinds = reference.registration_match_kinds or {}
        labels = self._registration_key_labels()
        for lead in self:
            lead.registration_match_reason = ", ".join(
                labels[kind] for kind in kinds.get(str(lead.id), ())
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def web_read(self, specification):
        """Read the candidate lists of each lead with what each candidate
        matched: the web client cannot give a sub-list the lead it belongs
        to, so each lead is put in the context of its own lists here."""
        lists = [
            name
            for name in MATCH_LISTS
            if "registration_match_reason"
            in (specification.get(name) or {}).get("fields", ())
        ]
        if not lists:
            return super().web_read(specification)
        result = []
        for lead in self:
            lead_specification = dict(specification)
            for name in lists:
                lead_specification[name] = {
                    **specification[name],
                    "context": {
                        **specification[name].get("context", {}),
                        "registration_match_lead_id": lead.id,
                    },
                }
            result += super(CrmLead, lead).web_read(lead_specification)
        return result

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _registration_key_labels(self):
        return {
            "vat": _("same tax ID"),
            "domain": _("same web domain"),
            "phone": _("same phone"),
            "name": _("same company name"),
            "similar_name": _("similar company name"),
            "mail_provider": _("same mail provider"),
        }

    def _registration_keys(self):
        """Return the normalized keys of the prospect: {kind: value or set}.

        The web domains of its email and website are a key only when they
        identify a company, not a mail provider (of Odoo's list or of the
        network's, see ``partner.network.mail.provider``); the provider the
        prospect writes from is returned apart, as the ``mail_provider`` hint.
        """
        self.ensure_one()
        Provider = self.env["partner.network.mail.provider"]
        email_domain = prospect_keys.email_domain(self.email_normalized)
        domains = {
            domain
            for domain in (email_domain, self.registration_key_website)
            if Provider._is_company_domain(domain)
        }
        keys = {
            "vat": self.registration_key_vat,
            "domain": domains,
            "phone": self.phone_sanitized,
            "name": self.registration_key_name,
            "mail_provider": email_domain not in domains and email_domain,
        }
        return {kind: value for kind, value in keys.items() if value}

    @api.model
    def _registration_accepted_by_customer(self, customers, companies):
        """Return {customer id: accepted registrations, oldest first} for
        ``customers`` (commercial partners): those whose prospect is one of
        their contacts or has their normalized tax id, in ``companies`` or in
        none, whoever may read them. Whether a registration still protects the
        customer depends on a date that the caller knows (an invoice's, today
        for an order), so it is left to the caller."""
        vat_keys = [key for key in customers.mapped("network_key_vat") if key]
        registrations = self.sudo().search(
            [
                ("registration_state", "=", "accepted"),
                ("company_id", "in", [*companies.ids, False]),
                "|",
                ("partner_id", "child_of", customers.ids),
                ("registration_key_vat", "in", vat_keys),
            ],
            order="id",
        )
        customer_ids = set(customers.ids)
        by_vat = defaultdict(set)
        for customer in customers.filtered("network_key_vat"):
            by_vat[customer.network_key_vat].add(customer.id)
        found = defaultdict(list)
        for registration in registrations:
            owners = {registration.partner_id.commercial_partner_id.id}
            owners |= by_vat.get(registration.registration_key_vat, set())
            for customer_id in owners & customer_ids:
                found[customer_id].append(registration.id)
        return {
            customer.id: registrations.browse(found[customer.id])
            for customer in customers
        }

    def _registration_lock_keys(self):
        """Keys held exclusively by this registration, scoped to its company."""
        prefix = f"{(self.company_id or self.env.company).id}"
        keys = set()
        for kind, value in self._registration_keys().items():
            if kind in HINT_KINDS:
                continue
            for item in value if isinstance(value, set) else {value}:
                keys.add(f"{prefix}:{kind}:{item}")
        return keys

    def _registration_prospect_refusal(self, reason):
        """Return the UserError refusing to register a prospect for ``reason``.

        Staff read the reason; portal users read one message that names no
        key and no partner, whatever the reason.
        """
        if self.env.user.share:
            reason = _(
                "This prospect cannot be registered: it is already registered in "
                "the network or is a customer. Contact your account executive."
            )
        return UserError(reason)

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
        taken = self.env["crm.lead.registration.lock"]._hold(self, wanted)
        if taken:
            labels = self._registration_key_labels()
            kinds = sorted({key.split(":")[1] for _lead_id, key in taken})
            raise self._registration_prospect_refusal(
                _(
                    "This prospect is already registered in the partner network "
                    "(%(matches)s) and is protected while that registration is "
                    "reviewed or accepted. Contact your account executive if you "
                    "think this is a mistake.",
                    matches=", ".join(labels[kind] for kind in kinds),
                )
            )

    def _registration_find_duplicates(self):
        """Return {lead id: {candidate id: [match kinds]}} among the company's leads.

        Every test is an index lookup: exact tax id, web domain (email or
        website), phone and company name, and the mail provider as a hint.
        Where PostgreSQL has pg_trgm, names sharing a block (see
        ``prospect_keys.name_blocks``) are also compared by trigram
        similarity. Archived leads count too.
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
            if query is None:
                result[lead.id] = {}
                continue
            cr.execute(query)
            result[lead.id] = dict(cr.fetchall())
        return result

    def _registration_match_tests(self):
        """Return {match kind: SQL test of a candidate} for this lead's keys.

        Each test compares indexed columns for equality, so that it is an
        index lookup, alone or OR-ed with the others.
        """
        self.ensure_one()
        keys = self._registration_keys()
        tests = {}
        if keys.get("vat"):
            tests["vat"] = SQL("registration_key_vat = %s", keys["vat"])
        if keys.get("domain"):
            domains = sorted(keys["domain"])
            tests["domain"] = SQL(
                "(email_domain_criterion = ANY(%s::varchar[]) "
                "OR registration_key_website = ANY(%s::varchar[]))",
                [f"@{domain}" for domain in domains],
                domains,
            )
        if keys.get("mail_provider"):
            # Odoo keeps the whole address for the providers it knows: then
            # only the same mailbox is found.
            criteria = {f"@{keys['mail_provider']}", self.email_domain_criterion}
            tests["mail_provider"] = SQL(
                "email_domain_criterion = ANY(%s::varchar[])",
                sorted(filter(None, criteria)),
            )
        if keys.get("phone"):
            tests["phone"] = SQL("phone_sanitized = %s", keys["phone"])
        name = keys.get("name")
        if name:
            tests["name"] = SQL("registration_key_name = %s", name)
        heads = self.registration_key_name_heads
        tails = self.registration_key_name_tails
        if name and heads and self.pool.has_trigram:
            tests["similar_name"] = SQL(
                "(registration_key_name != %s "
                "AND (registration_key_name_heads = %s "
                "OR registration_key_name_tails = %s) "
                "AND similarity(registration_key_name, %s) >= %s)",
                name,
                heads,
                tails,
                name,
                NAME_SIMILARITY,
            )
        return tests

    def _registration_duplicate_query(self):
        """Return the SQL finding this lead's candidates and what matched, or None.

        Its rows are (candidate id, match kinds). Candidates sharing a key or
        a close name come first, at most DUPLICATE_LIMIT; those sharing the
        mail provider follow, at most HINT_LIMIT, so that a provider
        thousands of prospects write from never hides a duplicate.
        """
        self.ensure_one()
        tests = self._registration_match_tests()
        if not tests:
            return None
        kinds = SQL(
            "array_remove(ARRAY[%s], NULL)",
            SQL(", ").join(
                SQL("CASE WHEN %s THEN %s END", test, kind)
                for kind, test in tests.items()
            ),
        )
        scope = SQL(
            "id != %s AND (company_id = %s OR company_id IS NULL)",
            self.id,
            (self.company_id or self.env.company).id,
        )
        key_tests = [test for kind, test in tests.items() if kind != "mail_provider"]
        selects = []
        if key_tests:
            selects.append(
                SQL(
                    "(SELECT id, %s FROM crm_lead WHERE %s AND (%s) LIMIT %s)",
                    kinds,
                    scope,
                    SQL(" OR ").join(key_tests),
                    DUPLICATE_LIMIT,
                )
            )
        if "mail_provider" in tests:
            selects.append(
                SQL(
                    "(SELECT id, %s FROM crm_lead WHERE %s AND %s LIMIT %s)",
                    kinds,
                    scope,
                    tests["mail_provider"],
                    HINT_LIMIT,
                )
            )
        return SQL(" UNION ALL ").join(selects)
