# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import math
import re
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize

from odoo.addons.iap.tools import iap_tools

from ..tools import prospect_keys

_logger = logging.getLogger(__name__)

REGISTRATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("expired", "Expired"),
    ("released", "Released"),
]
# States in which a registration holds its prospect exclusively.
LOCKED_STATES = ("submitted", "accepted")
REJECTION_REASONS = [
    ("duplicate", "Duplicate"),
    ("existing_customer", "Existing Customer"),
    ("channel_customer", "Customer of a Reseller"),
    ("incomplete", "Incomplete"),
    ("not_fit", "Not a Fit"),
    ("other", "Other"),
]
REGISTRATION_CHANNELS = [("internal", "Internal Sales Team"), ("reseller", "Reseller")]
# What a partner types, as named on crm.lead, with the most characters each
# field takes.
PORTAL_TEXT_FIELDS = {
    "partner_name": 200,
    "contact_name": 200,
    "registration_vat": 32,
    "email_from": 254,
    "phone": 40,
    "website": 200,
    "registration_need": 5000,
}
PORTAL_REGISTRATION_FIELDS = (
    *PORTAL_TEXT_FIELDS,
    "registration_budget",
    "registration_implementation_date",
)
MAX_BUDGET = 10**12
MAX_YEARS_AHEAD = 10
WEBSITE_PATTERN = re.compile(
    r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,63}(:\d{1,5})?(/\S*)?$", re.IGNORECASE
)
PHONE_PATTERN = re.compile(r"^\+?[\d\s().\-/]{6,40}$")
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
    _inherit = "crm.lead"

    # Fields defining the prospect and the registrant: while a registration is
    # protected, only network managers change them.
    _registration_protected_fields = {
        "partner_name",
        "contact_name",
        "partner_id",
        "email_from",
        "phone",
        "mobile",
        "website",
        "country_id",
        "registration_vat",
        "registration_partner_id",
        "registration_role_id",
        "registration_channel",
        "registration_executing_partner_id",
    }

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # Tracking of the prospect fields Odoo does not track itself
    website = fields.Char(tracking=True)
    phone = fields.Char(tracking=True)
    mobile = fields.Char(tracking=True)
    country_id = fields.Many2one(tracking=True)

    # Registrant
    registration_partner_id = fields.Many2one(
        "res.partner",
        string="Registered By",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('network_state', '=', 'active')]",
        help="Network partner who registered the opportunity.",
    )
    registration_role_id = fields.Many2one(
        "partner.network.role",
        string="Registrant Role",
        compute="_compute_registration_role_id",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
        domain="[('id', 'in', registration_partner_role_ids)]",
    )
    registration_leader_id = fields.Many2one(
        related="registration_partner_id.commercial_partner_id.network_parent_id",
        string="Sub-network Leader",
        store=True,
        index="btree_not_null",
        help="Reseller leading the registrant's sub-network: it follows the "
        "registration read-only in its portal.",
    )
    registration_partner_role_ids = fields.Many2many(
        related="registration_partner_id.network_role_ids"
    )
    registration_state = fields.Selection(
        REGISTRATION_STATES,
        string="Registration Status",
        compute="_compute_registration_state",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        copy=False,
    )
    # Opportunity notice: the need, budget and timeframe
    registration_vat = fields.Char(string="Prospect Tax ID", tracking=True, copy=False)
    registration_industry_id = fields.Many2one(
        "res.partner.industry", string="Prospect Sector", tracking=True
    )
    registration_need = fields.Text(string="Need", tracking=True)
    registration_budget = fields.Monetary(
        string="Estimated Budget", currency_field="company_currency", tracking=True
    )
    registration_implementation_date = fields.Date(
        string="Estimated Implementation", tracking=True
    )
    # Decision
    registration_date = fields.Datetime(
        string="Submitted On", readonly=True, copy=False
    )
    registration_deadline = fields.Date(
        string="Decision Deadline",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Last working day to accept the registration; after it, it lapses.",
    )
    registration_days_left = fields.Integer(
        string="Days Left", compute="_compute_registration_days_left"
    )
    registration_decision_date = fields.Datetime(
        string="Decided On", readonly=True, copy=False
    )
    registration_decision_days = fields.Float(
        string="Days to Decision",
        compute="_compute_registration_decision_stats",
        store=True,
        aggregator="avg",
    )
    registration_deadline_margin = fields.Integer(
        string="Days Before Deadline",
        compute="_compute_registration_decision_stats",
        store=True,
        aggregator="avg",
        help="Days between the decision and the deadline; negative when late.",
    )
    registration_rejection_reason = fields.Selection(
        REJECTION_REASONS, string="Rejection Reason", tracking=True, copy=False
    )
    registration_rejection_note = fields.Text(string="Rejection Note", copy=False)
    registration_protected_until = fields.Date(
        string="Protected Until",
        tracking=True,
        copy=False,
        index="btree_not_null",
    )
    registration_channel = fields.Selection(
        REGISTRATION_CHANNELS, string="Executing Channel", tracking=True, copy=False
    )
    registration_executing_partner_id = fields.Many2one(
        "res.partner",
        string="Executing Reseller",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('network_category_ids.code', '=', 'reseller'), "
        "('network_state', '=', 'active')]",
    )
    registration_attribution_ids = fields.One2many(
        "partner.network.attribution", "lead_id", string="Attribution History"
    )
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

    @api.depends("registration_partner_id")
    def _compute_registration_role_id(self):
        for lead in self:
            roles = lead.registration_partner_id.commercial_partner_id.network_role_ids
            if lead.registration_role_id in roles:
                continue
            lead.registration_role_id = roles[:1] if len(roles) == 1 else False

    @api.depends("registration_partner_id")
    def _compute_registration_state(self):
        for lead in self:
            if lead.registration_partner_id and not lead.registration_state:
                lead.registration_state = "draft"
            else:
                lead.registration_state = lead.registration_state

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

    @api.depends("registration_deadline", "registration_state")
    @api.depends_context("tz")
    def _compute_registration_days_left(self):
        today = fields.Date.context_today(self)
        for lead in self:
            if lead.registration_state == "submitted" and lead.registration_deadline:
                lead.registration_days_left = (lead.registration_deadline - today).days
            else:
                lead.registration_days_left = 0

    @api.depends(
        "registration_date", "registration_decision_date", "registration_deadline"
    )
    def _compute_registration_decision_stats(self):
        for lead in self:
            submitted, decided = lead.registration_date, lead.registration_decision_date
            if submitted and decided:
                lead.registration_decision_days = (
                    decided - submitted
                ).total_seconds() / 86400
            else:
                lead.registration_decision_days = 0.0
            if decided and lead.registration_deadline:
                lead.registration_deadline_margin = (
                    lead.registration_deadline - decided.date()
                ).days
            else:
                lead.registration_deadline_margin = 0

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

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(
            name.startswith("registration_")
            for vals in vals_list
            for name in self._portal_guarded_fields(vals)
        ):
            self._portal_refuse_write()
        leads = super().create(vals_list)
        leads.filtered(
            lambda lead: lead.registration_state in LOCKED_STATES
        )._registration_sync_locks()
        return leads

    def write(self, vals):
        if self._portal_guarded_fields(vals) and (
            any(name.startswith("registration_") for name in vals)
            or any(self.mapped("registration_partner_id"))
        ):
            self._portal_refuse_write()
        protected = self._registration_protected_fields.intersection(vals)
        if protected:
            self._registration_check_protected_write(protected)
        key_change = "registration_state" in vals or {
            "registration_vat",
            "country_id",
            "website",
            "partner_name",
            "email_from",
            "phone",
            "mobile",
            "company_id",
        }.intersection(vals)
        locked_before = self.filtered(
            lambda lead: lead.registration_state in LOCKED_STATES
        )
        result = super().write(vals)
        if key_change:
            (
                locked_before
                | self.filtered(lambda lead: lead.registration_state in LOCKED_STATES)
            )._registration_sync_locks()
        return result

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "registration_state" in init_values and self.registration_state in (
            "accepted",
            "rejected",
            "expired",
            "released",
        ):
            return self.env.ref("partner_network.mt_registration_decision")
        if (
            "registration_state" in init_values
            and self.registration_state == "submitted"
        ):
            return self.env.ref("partner_network.mt_registration_submitted")
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_registration_submit(self):
        """Submit draft registrations for review by the company."""
        if any(lead.registration_state != "draft" for lead in self):
            raise UserError(_("Only draft registrations can be submitted."))
        for lead in self:
            lead._registration_check_complete()
            lead._registration_check_registrant()
        self._registration_check_quota()
        self._registration_check_not_customer()
        now = self.env.cr.now()
        deadlines = self._registration_deadlines(now)
        for deadline, leads in self.grouped(lambda lead: deadlines[lead.id]).items():
            leads.write(
                {
                    "registration_state": "submitted",
                    "registration_date": now,
                    "registration_deadline": deadline,
                }
            )
        for lead in self:
            reviewer = lead._registration_reviewer()
            lead.message_subscribe(
                partner_ids=(
                    lead.registration_partner_id.commercial_partner_id
                    | reviewer.filtered(
                        lambda user: not user._is_superuser()
                    ).partner_id
                ).ids
            )
            lead.activity_schedule(
                "partner_network.mail_activity_type_registration_review",
                date_deadline=lead.registration_deadline,
                user_id=reviewer.id,
            )
        self._registration_log_attribution("submitted")
        return True

    def action_registration_accept(self, channel, executing_partner=None, reason=None):
        """Accept submitted registrations, executed by ``channel``.

        :param str channel: ``internal`` (the company's own sales team) or
            ``reseller`` (then ``executing_partner``, a res.partner record or
            id, is the active reseller chosen to execute the sale).
        """
        self._registration_check_reviewer()
        if any(lead.registration_state != "submitted" for lead in self):
            raise UserError(_("Only submitted registrations can be accepted."))
        if channel not in dict(REGISTRATION_CHANNELS):
            raise UserError(_("Choose the channel that executes the sale."))
        executing_partner = self.env["res.partner"].browse(
            getattr(executing_partner, "ids", executing_partner) or []
        )
        if channel == "reseller" and not executing_partner._is_network_reseller():
            raise UserError(
                _("Choose an active reseller of the network to execute the sale.")
            )
        today = fields.Date.context_today(self)
        now = self.env.cr.now()
        for lead in self:
            lead.write(
                {
                    "registration_state": "accepted",
                    "registration_decision_date": now,
                    "registration_channel": channel,
                    "registration_executing_partner_id": executing_partner.id
                    if channel == "reseller"
                    else False,
                    "registration_protected_until": today
                    + timedelta(days=lead._registration_protection_days()),
                }
            )
        if channel == "reseller":
            self.partner_id.commercial_partner_id.filtered(
                lambda partner: not partner.network_reseller_id
            ).sudo().network_reseller_id = executing_partner
        self._registration_close_review()
        self._registration_log_attribution("accepted", reason=reason)
        return True

    def action_registration_reject(self, reason, note=None):
        """Reject submitted registrations with a reason and an optional note."""
        self._registration_check_reviewer()
        if any(lead.registration_state != "submitted" for lead in self):
            raise UserError(_("Only submitted registrations can be rejected."))
        if reason not in dict(REJECTION_REASONS):
            raise UserError(_("Choose the reason of the rejection."))
        self.write(
            {
                "registration_state": "rejected",
                "registration_decision_date": self.env.cr.now(),
                "registration_rejection_reason": reason,
                "registration_rejection_note": note or False,
            }
        )
        self._registration_close_review()
        return True

    def action_registration_release(self):
        """End the protection of accepted registrations: the prospect is free again."""
        self._registration_check_reviewer()
        if any(lead.registration_state != "accepted" for lead in self):
            raise UserError(_("Only accepted registrations can be released."))
        self.write({"registration_state": "released"})
        return True

    def action_registration_review(self):
        """Open the review wizard of this registration."""
        self.ensure_one()
        self._registration_check_reviewer()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_network.crm_lead_registration_review_action"
        )
        action["context"] = {"default_lead_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS: validation
    # ------------------------------------------------------------

    def _registration_missing_items(self):
        """Return the labels of what a submission still lacks."""
        self.ensure_one()
        missing = []
        if not self.registration_partner_id:
            missing.append(_("the partner who registers"))
        if not (self.registration_need or "").strip():
            missing.append(_("the description of the need"))
        if self.registration_budget <= 0:
            missing.append(_("an estimated budget greater than zero"))
        if not self.registration_implementation_date:
            missing.append(_("the estimated implementation date"))
        elif self.registration_implementation_date < fields.Date.context_today(self):
            missing.append(
                _("an estimated implementation date that is not in the past")
            )
        if not (self.partner_name or "").strip():
            missing.append(_("the prospect's company name"))
        if not (
            self.registration_vat
            or self.email_from
            or self.phone
            or self.mobile
            or self.website
        ):
            missing.append(_("the prospect's tax ID, email, phone or website"))
        return missing

    def _registration_check_complete(self):
        missing = self._registration_missing_items()
        if missing:
            raise UserError(
                _(
                    "The registration %(name)s cannot be submitted yet. Missing: "
                    "%(missing)s.",
                    name=self.name,
                    missing="; ".join(missing),
                )
            )

    def _registration_check_registrant(self):
        """The registrant is active and holds an active agreement of the company."""
        partner = self.registration_partner_id.commercial_partner_id
        if partner.network_state != "active":
            raise UserError(
                _(
                    "%(partner)s is not active in the partner network and cannot "
                    "register opportunities.",
                    partner=partner.display_name,
                )
            )
        company = self.company_id or self.env.company
        today = fields.Date.context_today(self)
        has_agreement = (
            self.env["partner.network.agreement"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ],
                limit=1,
            )
        )
        if not has_agreement:
            raise UserError(
                _(
                    "%(partner)s has no active agreement with %(company)s and cannot "
                    "register opportunities.",
                    partner=partner.display_name,
                    company=company.name,
                )
            )
        role = self.registration_role_id
        if role and role not in partner.network_role_ids:
            raise UserError(
                _(
                    "%(partner)s does not act as %(role)s in the network.",
                    partner=partner.display_name,
                    role=role.name,
                )
            )

    def _registration_check_quota(self):
        """Refuse registrations beyond the open-registration quota of the tier.

        The registrant's row is updated first: a concurrent submission by the
        same partner then waits for this transaction and fails to serialize,
        so that its retry counts this registration.
        """
        partners = self.registration_partner_id.commercial_partner_id
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET write_date = write_date WHERE id IN %s",
                tuple(partners.ids),
            )
        )
        counts = dict(
            self.sudo()._read_group(
                [
                    ("registration_partner_id", "child_of", partners.ids),
                    ("registration_state", "in", LOCKED_STATES),
                    ("id", "not in", self.ids),
                ],
                ["registration_partner_id"],
                ["__count"],
            )
        )
        for partner in partners:
            quota = partner.network_tier_id.max_open_registrations
            submitting = self.filtered(
                lambda lead,
                partner=partner: lead.registration_partner_id.commercial_partner_id
                == partner
            )
            open_count = sum(
                count
                for registrant, count in counts.items()
                if registrant.commercial_partner_id == partner
            )
            if quota and open_count + len(submitting) > quota:
                raise UserError(
                    _(
                        "%(partner)s already has %(count)s open registrations, the "
                        "most its tier %(tier)s allows (%(quota)s).",
                        partner=partner.display_name,
                        count=open_count,
                        tier=partner.network_tier_id.name,
                        quota=quota,
                    )
                )

    def _registration_check_not_customer(self):
        """Refuse prospects that are customers of the company or of a reseller."""
        for lead in self:
            customer = lead._registration_matching_customer()
            if customer.network_reseller_id:
                raise UserError(
                    _(
                        "This prospect is already a customer of a reseller of the "
                        "network and cannot be registered."
                    )
                )
            if customer:
                raise UserError(
                    _("This prospect is already a customer and cannot be registered.")
                )

    def _registration_matching_customer(self):
        """Return the existing customer the prospect matches, if any."""
        self.ensure_one()
        keys = self._registration_keys()
        domain_terms = []
        if keys.get("vat"):
            domain_terms.append([("network_key_vat", "=", keys["vat"])])
        if keys.get("domain"):
            domain_terms.append([("network_key_domain", "in", list(keys["domain"]))])
        if keys.get("phone"):
            domain_terms.append([("network_key_phone", "=", keys["phone"])])
        if keys.get("name"):
            domain_terms.append([("network_key_name", "=", keys["name"])])
        if not domain_terms:
            return self.env["res.partner"]
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        company = self.company_id or self.env.company
        candidates = Partner.search(
            [
                ("company_id", "in", (company.id, False)),
                ("network_category_ids", "=", False),
                *Partner._network_customer_domain(),
            ]
            + ["|"] * (len(domain_terms) - 1)
            + [term for terms in domain_terms for term in terms],
            limit=1,
        )
        return candidates.commercial_partner_id

    def _registration_check_reviewer(self):
        if not (
            self.env.su or self.env.user.has_group("partner_network.group_network_user")
        ):
            raise AccessError(_("Only network users can decide on registrations."))

    def _registration_check_protected_write(self, field_names):
        """While protected, only network managers change the prospect or registrant."""
        if self.env.su or self.env.user.has_group(
            "partner_network.group_network_manager"
        ):
            return
        if any(lead.registration_state == "accepted" for lead in self):
            labels = ", ".join(
                sorted(
                    self._fields[name]._description_string(self.env)
                    for name in field_names
                )
            )
            raise AccessError(
                _(
                    "This registration is protected: only a network manager can change "
                    "%(fields)s.",
                    fields=labels,
                )
            )

    # ------------------------------------------------------------
    # BUSINESS: prospect keys, duplicates and lock
    # ------------------------------------------------------------

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

    # ------------------------------------------------------------
    # BUSINESS: deadlines, review, crons
    # ------------------------------------------------------------

    def _registration_deadlines(self, submitted_at):
        """Return {lead id: deadline}: the Nth working day after the submission day.

        The submission day itself does not count; working days and public
        holidays come from the company's working calendar, N from the company.
        """
        deadlines = {}
        for company, leads in self.grouped(
            lambda lead: lead.company_id or self.env.company
        ).items():
            calendar = company.resource_calendar_id
            tz = pytz.timezone(calendar.tz or company.partner_id.tz or "UTC")
            local_day = pytz.utc.localize(submitted_at).astimezone(tz).date()
            start = tz.localize(
                datetime.combine(local_day + timedelta(days=1), time.min)
            )
            last_day = calendar.plan_days(
                company.registration_sla_days, start, compute_leaves=True
            )
            deadline = last_day.astimezone(tz).date()
            deadlines.update(dict.fromkeys(leads.ids, deadline))
        return deadlines

    def _registration_protection_days(self):
        self.ensure_one()
        tier = self.registration_partner_id.commercial_partner_id.network_tier_id
        if tier:
            return tier.protection_days
        return (self.company_id or self.env.company).registration_protection_days

    def _registration_reviewer(self):
        """The account executive of the registrant, else whoever follows the lead."""
        self.ensure_one()
        return (
            self.registration_partner_id.commercial_partner_id.network_manager_id
            or self.user_id
            or self.team_id.user_id
            or (
                self.env.user
                if not self.env.user.share
                else self.env.ref("base.user_root")
            )
        )

    def _registration_close_review(self):
        self.activity_unlink(["partner_network.mail_activity_type_registration_review"])

    def _registration_log_attribution(self, event, reason=None):
        self.env["partner.network.attribution"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "event": event,
                    "partner_id": lead.registration_partner_id.id,
                    "channel": lead.registration_channel,
                    "executing_partner_id": lead.registration_executing_partner_id.id,
                    "reason": reason,
                }
                for lead in self
            ]
        )

    def _registration_suggested_resellers(self):
        """Active resellers working in the prospect's country or sector, best first.

        A suggestion only: territory and sector never give exclusivity.
        """
        self.ensure_one()
        country, industry = self.country_id, self.registration_industry_id
        if not (country or industry):
            return self.env["res.partner"]
        resellers = self.env["res.partner"].search(
            [
                ("network_category_ids.code", "=", "reseller"),
                ("network_state", "=", "active"),
                "|",
                ("network_country_ids", "in", country.ids),
                ("network_industry_ids", "in", industry.ids),
            ]
        )
        return resellers.sorted(
            lambda reseller: (
                -(country in reseller.network_country_ids)
                - (industry in reseller.network_industry_ids),
                -reseller.network_tier_id.sequence,
                reseller.name,
            )
        )

    def _registration_transfer(self, target, reason, transfer_registrant=False):
        """Arbitration: move execution (and optionally the registration) to
        ``target``, a reseller, or to the master company when ``target`` is
        empty; the reason and the previous attribution are kept."""
        self._registration_check_manager()
        if any(
            not lead.registration_state or lead.registration_state == "draft"
            for lead in self
        ):
            raise UserError(
                _("Only submitted or decided registrations can be transferred.")
            )
        target = target or self.env["res.partner"]
        if target and not target._is_network_reseller():
            raise UserError(
                _("Registrations can only be transferred to an active reseller.")
            )
        if transfer_registrant and not target:
            raise UserError(
                _("The registration can only change hands to another reseller.")
            )
        values = {
            "registration_channel": "reseller" if target else "internal",
            "registration_executing_partner_id": target.id,
        }
        if transfer_registrant:
            values.update(registration_partner_id=target.id, registration_role_id=False)
        self.write(values)
        for lead in self:
            lead.message_post(
                body=_(
                    "Registration transferred to %(target)s: %(reason)s",
                    target=target.display_name
                    or (lead.company_id or self.env.company).name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._registration_log_attribution("transferred", reason=reason)
        return True

    def _registration_check_manager(self):
        if not (
            self.env.su
            or self.env.user.has_group("partner_network.group_network_manager")
        ):
            raise AccessError(_("Only network managers can arbitrate registrations."))

    def _registration_expire(self):
        """Let overdue submitted registrations lapse, logging each one."""
        self.write({"registration_state": "expired"})
        self._registration_close_review()

    @api.model
    def _cron_registration_expire(self, batch_size=1000):
        """Expire submitted registrations past their deadline, one batch per call."""
        domain = [
            ("registration_state", "=", "submitted"),
            ("registration_deadline", "<", fields.Date.context_today(self)),
        ]
        self._registration_process_batch(domain, "_registration_expire", batch_size)

    @api.model
    def _cron_registration_protection_end(self, batch_size=1000):
        """Release accepted registrations whose protection has ended."""
        domain = [
            ("registration_state", "=", "accepted"),
            ("registration_protected_until", "<", fields.Date.context_today(self)),
        ]
        self._registration_process_batch(
            domain, "_registration_end_protection", batch_size
        )

    def _registration_end_protection(self):
        self.write({"registration_state": "released"})

    @api.model
    def _registration_process_batch(self, domain, method, batch_size):
        """Apply ``method`` to one batch of the leads matching ``domain``.

        The batch runs in a savepoint; if it fails, each lead is retried in its
        own savepoint so that one bad record does not block the others (it is
        logged and left for the next run). Progress goes to the cron runner,
        which commits and calls again while records remain.
        """
        leads = self.with_context(active_test=False).search(
            domain, order="id", limit=batch_size
        )
        try:
            with self.env.cr.savepoint():
                getattr(leads, method)()
        except Exception:
            _logger.warning(
                "Batch %s failed, retrying lead by lead", method, exc_info=True
            )
            for lead in leads:
                try:
                    with self.env.cr.savepoint():
                        getattr(lead, method)()
                except Exception:
                    _logger.exception("%s failed on crm.lead %s", method, lead.id)
        remaining = (
            self.with_context(active_test=False).search_count(domain)
            if len(leads) == batch_size
            else 0
        )
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=remaining)

    # ------------------------------------------------------------
    # PORTAL: partners register deals themselves
    # ------------------------------------------------------------

    def _portal_guarded_fields(self, vals):
        """Registration fields that a portal user tries to set directly.

        Portal users get no write access on leads here, but other modules (the
        partner assignment portal) grant some: registrations stay out of reach.
        """
        if self.env.su or not self.env.user.share:
            return set()
        return {
            name
            for name in vals
            if name.startswith("registration_")
            or name in self._registration_protected_fields
        }

    def _portal_refuse_write(self):
        raise AccessError(
            _(
                "Registrations are changed by the company only: submit new "
                "opportunities from the registration form of your portal."
            )
        )

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """Registrants talk with the reviewer on their own registrations,
        which they may read but not write."""
        thread = super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
        if thread or mode == "read" or not self.env.user.share:
            return thread
        lead = self.browse(thread_id).exists()
        if (
            lead
            and lead.has_access("read")
            and lead.sudo().registration_partner_id
            == self.env.user.commercial_partner_id
        ):
            return lead
        return thread

    @api.model
    def _portal_registration_parse(self, form):
        """Check the format of what a partner typed in the registration form.

        :param dict form: the posted form, strings by field name; other keys
            are ignored.
        :return: ``(values, errors)``: the typed values cleaned and converted
            (for ``crm.lead``), and a message per field whose value is wrong.
        """
        values, errors = {}, {}
        for name, max_length in PORTAL_TEXT_FIELDS.items():
            value = form.get(name)
            value = value.strip() if isinstance(value, str) else ""
            if len(value) > max_length:
                errors[name] = _(
                    "This field takes at most %(max)s characters.", max=max_length
                )
            values[name] = value
        if values["email_from"] and not email_normalize(values["email_from"]):
            errors.setdefault("email_from", _("Enter a valid email address."))
        if values["website"] and not WEBSITE_PATTERN.match(values["website"]):
            errors.setdefault(
                "website", _("Enter a website address such as www.example.com.")
            )
        if values["phone"] and not PHONE_PATTERN.match(values["phone"]):
            errors.setdefault(
                "phone", _("Enter a phone number with digits, spaces and dashes only.")
            )
        values["registration_budget"], budget_error = self._portal_parse_budget(
            form.get("registration_budget")
        )
        if budget_error:
            errors["registration_budget"] = budget_error
        (
            values["registration_implementation_date"],
            date_error,
        ) = self._portal_parse_date(form.get("registration_implementation_date"))
        if date_error:
            errors["registration_implementation_date"] = date_error
        return values, errors

    @api.model
    def _portal_parse_budget(self, text):
        text = text.strip().replace(" ", "") if isinstance(text, str) else ""
        if not text:
            return 0.0, _("Enter the estimated budget.")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            budget = float(text)
        except ValueError:
            return 0.0, _("Enter the budget as a number, such as 25000.")
        if not math.isfinite(budget) or budget <= 0:
            return 0.0, _("The budget must be greater than zero.")
        if budget >= MAX_BUDGET:
            return 0.0, _("The budget is too large to be a real estimate.")
        return budget, None

    @api.model
    def _portal_parse_date(self, text):
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            return False, _("Enter the estimated implementation date.")
        try:
            date = fields.Date.to_date(text)
        except ValueError:
            date = None
        if not date:
            return False, _("Enter the date as YYYY-MM-DD.")
        today = fields.Date.context_today(self)
        if date < today:
            return False, _("The implementation date cannot be in the past.")
        if date > today + relativedelta(years=MAX_YEARS_AHEAD):
            return False, _(
                "The implementation date must be within %(years)s years.",
                years=MAX_YEARS_AHEAD,
            )
        return date, None

    @api.model
    def _portal_registration_submit(self, values):
        """Create and submit a registration for the user's commercial partner.

        Only the fields of the portal form are taken from ``values``; the
        registrant, state, dates and company are set here. The backend's
        submission rules apply unchanged; when one refuses, nothing is kept.

        :return: the submitted registration, in the user's environment
        :raise UserError: with the reason the registration is refused
        """
        partner = self.env.user.commercial_partner_id
        if not partner.network_category_ids:
            raise UserError(
                _("Only partners of the network can register opportunities.")
            )
        vals = {
            name: values[name]
            for name in PORTAL_REGISTRATION_FIELDS
            if values.get(name) not in (None, "")
        }
        company = partner.network_master_company_id or self.env.company
        vals.update(
            {
                "type": "opportunity",
                "name": values.get("partner_name") or _("Registration"),
                "registration_partner_id": partner.id,
                "registration_state": "draft",
                "user_id": False,
                "company_id": company.id,
            }
        )
        with self.env.cr.savepoint():
            lead = self.sudo().with_company(company).create(vals)
            lead.action_registration_submit()
        return self.browse(lead.id)
