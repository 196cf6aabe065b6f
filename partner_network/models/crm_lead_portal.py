# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize

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


class CrmLead(models.Model):
    """Deal registration: the portal write path (partners register deals themselves)."""

    _inherit = "crm.lead"

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
