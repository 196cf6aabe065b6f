# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.access import (
    NETWORK_MANAGER_GROUP,
    NETWORK_USER_GROUP,
    check_group,
    in_group,
)
from ..tools.locks import touch_rows
from .crm_lead import LOCKED_STATES


class CrmLead(models.Model):
    """Deal registration: the rules a submission and an edit must pass."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

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
        touch_rows(partners)
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
                raise lead._registration_prospect_refusal(
                    _(
                        "This prospect is already a customer of a reseller of the "
                        "network and cannot be registered."
                    )
                )
            if customer:
                raise lead._registration_prospect_refusal(
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
            domains = list(keys["domain"])
            domain_terms.append([("network_key_domain", "in", domains)])
            domain_terms.append([("network_key_email_domain", "in", domains)])
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
        """Refuse the registration decisions to whoever is not a network user."""
        check_group(
            self.env,
            NETWORK_USER_GROUP,
            _("Only network users can decide on registrations."),
        )

    def _registration_check_protected_write(self, field_names):
        """While protected, only network managers change the prospect or registrant."""
        if in_group(self.env, NETWORK_MANAGER_GROUP):
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
