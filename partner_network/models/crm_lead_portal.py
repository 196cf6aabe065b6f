# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, email_normalize, format_list
from odoo.tools.misc import formatLang, get_lang

from ..tools.amounts import AmbiguousAmountError, AmountError, parse_amount
from ..tools.form_input import PHONE_PATTERN, WEBSITE_PATTERN, has_control_character
from .crm_lead import REGISTRATION_WORKFLOW_FIELDS

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
# What portal users read of a registration, through any API: what the portal
# pages show of it (its reference, the prospect and the opportunity notice as
# the partner typed them, the registrant and the decision), and what the
# portal chatter and searches need. Everything else of the lead is internal.
PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "active",
        "company_currency",
        *PORTAL_REGISTRATION_FIELDS,
        "registration_partner_id",
        "registration_leader_id",
        *REGISTRATION_WORKFLOW_FIELDS,
        "registration_days_left",
        "website_message_ids",
    }
)


class CrmLead(models.Model):
    """Deal registration: the portal write path (partners register deals themselves)."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

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

    # ------------------------------------------------------------
    # Field access of portal users
    # ------------------------------------------------------------

    def _portal_user_reads(self):
        """Whether the current user is a portal user, who reads of
        registrations only ``PORTAL_READABLE_FIELDS``."""
        return not self.env.su and self.env.user.share

    def _portal_reads_registrations(self):
        """Whether a portal user reads these records, registrations among
        them. Other leads (those Odoo's partner assignment shares with portal
        partners) keep the access their own module gives."""
        return (
            bool(self._ids)
            and self._portal_user_reads()
            and bool(
                self.sudo()
                .with_context(active_test=False)
                .search_count(
                    [("id", "in", self.ids), ("registration_partner_id", "!=", False)],
                    limit=1,
                )
            )
        )

    @api.model
    def check_field_access_rights(self, operation, field_names):
        names = super().check_field_access_rights(operation, field_names)
        if operation != "read" or not self._portal_reads_registrations():
            return names
        if not field_names:
            return [name for name in names if name in PORTAL_READABLE_FIELDS]
        hidden = set(names).intersection(self._fields) - PORTAL_READABLE_FIELDS
        if hidden:
            raise AccessError(
                _(
                    "You cannot read the following fields of registrations: "
                    "%(fields)s",
                    fields=format_list(self.env, sorted(hidden)),
                )
            )
        return names

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        # The ORM checks the fields of search_read before searching, when it
        # cannot know that registrations will be found: read those as read().
        if not self._portal_user_reads():
            return super().search_read(
                domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
            )
        records = self.search(domain or [], offset=offset, limit=limit, order=order)
        # active_test is meant for the search only, as in super
        return records.with_context(active_test=True).read(fields, **read_kwargs)

    def _determine_fields_to_fetch(self, field_names, ignore_when_in_cache=False):
        # Prefetching the record of a portal user must neither fetch the fields
        # it may not read nor refuse the ones it asked for.
        if self._portal_reads_registrations():
            field_names = [
                name for name in field_names if name in PORTAL_READABLE_FIELDS
            ]
        return super()._determine_fields_to_fetch(field_names, ignore_when_in_cache)

    def _fetch_query(self, query, fields):
        # Fetching fills the cache that sudo() shares, with values as stored:
        # what a portal user reads of them is checked by read() beforehand.
        if not self._portal_user_reads():
            return super()._fetch_query(query, fields)
        return self.sudo()._fetch_query(query, fields).with_env(self.env)

    def _portal_hide_from_sql(self, alias, sql, query):
        """``sql`` for leads that are not registrations, NULL for registrations."""
        return SQL(
            "(CASE WHEN %s IS NULL THEN %s END)",
            self._field_to_sql(alias, "registration_partner_id", query),
            sql,
        )

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        # For portal users, the fields of a registration they cannot read are
        # empty in SQL too: no domain, order or grouping tells their values.
        sql = super()._field_to_sql(alias, fname, query, flush)
        if fname.split(".", 1)[0] in PORTAL_READABLE_FIELDS or not (
            self._portal_user_reads()
        ):
            return sql
        return self._portal_hide_from_sql(alias, sql, query)

    def _read_group_groupby(self, groupby_spec, query):
        # Grouping by a many2many joins its table without _field_to_sql.
        sql = super()._read_group_groupby(groupby_spec, query)
        fname = groupby_spec.split(":", 1)[0].split(".", 1)[0]
        if (
            self._fields[fname].type == "many2many"
            and fname not in PORTAL_READABLE_FIELDS
            and self._portal_user_reads()
        ):
            return self._portal_hide_from_sql(self._table, sql, query)
        return sql

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Conditions on fields without a column (one2many, many2many, search
        # methods) do not go through _field_to_sql: for portal users, those
        # on fields they cannot read match no registration.
        if self._portal_user_reads() and any(
            expression.is_leaf(leaf)
            and isinstance(leaf[0], str)
            and self._portal_is_hidden_relation(leaf[0].split(".", 1)[0])
            for leaf in domain
        ):
            domain = expression.AND([domain, [("registration_partner_id", "=", False)]])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _portal_is_hidden_relation(self, fname):
        field = self._fields.get(fname)
        return (
            field is not None
            and fname not in PORTAL_READABLE_FIELDS
            and not (field.store and field.column_type)
        )

    # ------------------------------------------------------------
    # Portal chatter and form
    # ------------------------------------------------------------

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
        values, errors = self._portal_parse_texts(form, PORTAL_TEXT_FIELDS)
        for name, error in self._portal_format_errors(values, "email_from").items():
            errors.setdefault(name, error)
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
        errors.update(
            self._portal_control_character_errors(form, PORTAL_REGISTRATION_FIELDS)
        )
        return values, errors

    @api.model
    def _portal_parse_texts(self, form, max_lengths):
        """Strip the texts typed in a portal form and check their length.

        :param dict max_lengths: the most characters each text field takes,
            by field name
        :return: ``(values, errors)``: the stripped texts (empty when not
            typed), and a message per text that is too long
        """
        values, errors = {}, {}
        for name, max_length in max_lengths.items():
            value = form.get(name)
            value = value.strip() if isinstance(value, str) else ""
            if len(value) > max_length:
                errors[name] = _(
                    "This field takes at most %(max)s characters.", max=max_length
                )
            values[name] = value
        return values, errors

    @api.model
    def _portal_control_character_errors(self, form, names):
        """A message for each field among ``names`` whose typed value holds a
        control character (which no one types, and PostgreSQL refuses NUL)."""
        return {
            name: _(
                "Remove the invisible control character (such as NUL) from "
                "this field."
            )
            for name in names
            if has_control_character(form.get(name))
        }

    @api.model
    def _portal_format_errors(self, values, email_field):
        """A message for each malformed email (under ``email_field``), website
        and phone among the typed ``values``."""
        errors = {}
        if values[email_field] and not email_normalize(values[email_field]):
            errors[email_field] = _("Enter a valid email address.")
        if values["website"] and not WEBSITE_PATTERN.match(values["website"]):
            errors["website"] = _("Enter a website address such as www.example.com.")
        if values["phone"] and not PHONE_PATTERN.match(values["phone"]):
            errors["phone"] = _(
                "Enter a phone number with digits, spaces and dashes only."
            )
        return errors

    @api.model
    def _portal_parse_budget(self, text):
        """Read the budget the way the user's language writes numbers.

        :return: ``(budget, error)``: the amount, or 0.0 and the message
            saying why the text is refused (never a guess at another number)
        """
        text = text if isinstance(text, str) else ""
        if not text.strip():
            return 0.0, _("Enter the estimated budget.")
        lang = get_lang(self.env)
        example = formatLang(self.env, 25000.5)
        try:
            budget = parse_amount(
                text,
                decimal_point=lang.decimal_point,
                thousands_sep=lang.thousands_sep,
                grouping=ast.literal_eval(lang.grouping),
                decimals=self._portal_registration_company().currency_id.decimal_places,
            )
        except AmbiguousAmountError:
            return 0.0, _(
                "Write the budget with the separators of your language, as in "
                "%(example)s.",
                example=example,
            )
        except AmountError:
            return 0.0, _(
                "Enter the budget as a number, such as %(example)s.", example=example
            )
        if budget <= 0:
            return 0.0, _("The budget must be greater than zero.")
        if budget >= MAX_BUDGET:
            return 0.0, _("The budget is too large to be a real estimate.")
        return budget, None

    @api.model
    def _portal_read_date(self, text):
        """Read a date typed in a portal form, as YYYY-MM-DD.

        :return: ``(date, error)``: ``(False, None)`` when nothing was typed,
            ``(False, message)`` when the text is no date
        """
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            return False, None
        try:
            date = fields.Date.to_date(text)
        except ValueError:
            date = None
        if not date:
            return False, _("Enter the date as YYYY-MM-DD.")
        return date, None

    @api.model
    def _portal_parse_date(self, text):
        """Read the estimated implementation date: ``(date, error)``."""
        date, error = self._portal_read_date(text)
        if error or not date:
            return False, error or _("Enter the estimated implementation date.")
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
    def _portal_registration_company(self):
        """The company that receives the registrations of the user's partner."""
        partner = self.env.user.commercial_partner_id
        return partner.sudo().network_master_company_id or self.env.company

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
        company = self._portal_registration_company()
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
            # Odoo tracks no change of a record in the transaction that
            # creates it: post the submission as the backend's tracking does.
            lead._message_track(
                ["registration_state"], {lead.id: {"registration_state": "draft"}}
            )
        return self.browse(lead.id)
