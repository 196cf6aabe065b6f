# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from stdnum.util import get_cc_module

from odoo import Command, _, api, models
from odoo.exceptions import UserError
from odoo.tools import format_list
from odoo.tools.misc import hmac

from odoo.addons.partner_network.tools import prospect_keys

# What a visitor types in the application form, as named on the application,
# with the most characters each field takes.
WEBSITE_TEXT_FIELDS = {
    "name": 200,
    "contact_name": 200,
    "email": 254,
    "phone": 40,
    "vat": 32,
    "website": 200,
    "message": 5000,
}
WEBSITE_LIST_FIELDS = ("category_ids", "role_ids")
WEBSITE_FORM_FIELDS = (
    *WEBSITE_TEXT_FIELDS,
    "is_company",
    "country_id",
    "industry_id",
    *WEBSITE_LIST_FIELDS,
)
# An input that people never see, so never fill: robots filling every input do.
HONEYPOT_FIELD = "fax"
# Applications one network address may send within an hour.
APPLICATIONS_PER_HOUR = 5
# Scope of the keyed hash of the addresses applications come from.
ADDRESS_KEY_SCOPE = "partner_network_website.application_address"
ID_PATTERN = re.compile(r"[0-9]{1,9}")
# More categories or roles than a form can offer.
MAX_LIST_LENGTH = 50


class PartnerNetworkApplication(models.Model):
    """Applications from the website: the form's checks, and the creation of
    the application a visitor sent."""

    _inherit = "partner.network.application"

    @api.model
    def _website_form_options(self):
        """What the application form offers, in sudo mode for visitors: the
        active categories (with their roles), the countries and sectors."""
        return {
            "categories": self.env["partner.network.category"].sudo().search([]),
            "countries": self.env["res.country"].sudo().search([]),
            "industries": self.env["res.partner.industry"].sudo().search([]),
        }

    @api.model
    def _website_parse(self, form):
        """Check what a visitor typed in the application form.

        :param dict form: the posted form by input name: strings, and lists of
            strings for ``category_ids`` and ``role_ids``; other keys are
            ignored
        :return: ``(values, errors)``: the values of the application to
            create, and a message per input whose value is wrong (the key
            ``form`` for the form as a whole)
        """
        values, errors = self._website_parse_texts(form)
        values["is_company"] = form.get("is_company") == "1"
        if form.get(HONEYPOT_FIELD):
            errors["form"] = _(
                "This form was filled in automatically and was not sent. If you "
                "typed it yourself, leave the hidden “Fax” field empty and send it "
                "again."
            )
        if values["is_company"] and not values["contact_name"]:
            errors.setdefault(
                "contact_name", _("Enter the name of the person to contact.")
            )
        country = self._website_parse_record("res.country", form.get("country_id"))
        values["country_id"] = country.id
        if not country:
            errors["country_id"] = _("Choose your country.")
        industry = self._website_parse_record(
            "res.partner.industry", form.get("industry_id")
        )
        values["industry_id"] = industry.id
        if form.get("industry_id") and not industry:
            errors["industry_id"] = _("Choose a sector of the list.")
        if (
            values["vat"]
            and country
            and not self._website_vat_is_valid(
                values["vat"], country, values["is_company"]
            )
        ):
            errors.setdefault(
                "vat",
                _(
                    "This is not a valid tax ID for %(country)s.",
                    country=country.name,
                ),
            )
        categories, roles = self._website_parse_program(form, values, errors)
        values["category_ids"] = [Command.set(categories.ids)]
        values["role_ids"] = [Command.set(roles.ids)]
        return values, errors

    @api.model
    def _website_parse_texts(self, form):
        """Check the text inputs: characters, lengths and formats (with the
        checks of the portal's registration form)."""
        Lead = self.env["crm.lead"]
        values, errors = Lead._portal_parse_texts(form, WEBSITE_TEXT_FIELDS)
        errors.update(
            Lead._portal_control_character_errors(values, WEBSITE_TEXT_FIELDS)
        )
        if not values["name"]:
            errors.setdefault(
                "name", _("Enter the name of your organisation, or your full name.")
            )
        if not values["email"]:
            errors.setdefault("email", _("Enter your email address."))
        for name, error in Lead._portal_format_errors(values, "email").items():
            errors.setdefault(name, error)
        return values, errors

    @api.model
    def _website_parse_record(self, model, text):
        """The active record of ``model`` whose id is ``text``, or an empty
        recordset."""
        text = text.strip() if isinstance(text, str) else ""
        if not ID_PATTERN.fullmatch(text):
            return self.env[model]
        return self.env[model].sudo().search([("id", "=", int(text))])

    @api.model
    def _website_parse_ids(self, model, texts):
        """The active records of ``model`` whose ids are ``texts``, and
        whether every text is the id of such a record."""
        texts = texts if isinstance(texts, list) else [texts] if texts else []
        if len(texts) > MAX_LIST_LENGTH or not all(
            isinstance(text, str) and ID_PATTERN.fullmatch(text) for text in texts
        ):
            return self.env[model], False
        ids = {int(text) for text in texts}
        records = self.env[model].sudo().search([("id", "in", list(ids))])
        return records, set(records.ids) == ids

    @api.model
    def _website_parse_program(self, form, values, errors):
        """Check the requested categories and roles: listed, active, roles of
        the requested categories only, and organisations only where the
        category requires a company."""
        categories, known = self._website_parse_ids(
            "partner.network.category", form.get("category_ids")
        )
        if not known:
            errors["category_ids"] = _("Choose among the categories of the list.")
        elif not categories:
            errors["category_ids"] = _("Choose at least one category.")
        roles, known = self._website_parse_ids(
            "partner.network.role", form.get("role_ids")
        )
        if not known:
            errors["role_ids"] = _("Choose among the roles of the list.")
        other_roles = roles.filtered(lambda role: role.category_id not in categories)
        if other_roles and "role_ids" not in errors:
            errors["role_ids"] = _(
                "%(roles)s: choose the category of the role too.",
                roles=format_list(self.env, other_roles.mapped("name")),
            )
        companies_only = categories.filtered("requires_company")
        if companies_only and not values["is_company"]:
            errors["is_company"] = _(
                "Only organisations can apply as %(categories)s: apply as an "
                "organisation, or choose another category.",
                categories=format_list(self.env, companies_only.mapped("name")),
            )
        return categories, roles

    @api.model
    def _website_vat_is_valid(self, vat, country, is_company):
        """Whether ``vat`` is a valid tax ID of ``country`` (python-stdnum);
        any letters and digits pass for a country it does not know."""
        code = country.code.lower()
        modules = [get_cc_module(code, "vat")]
        if not is_company:
            modules.append(get_cc_module(code, "personalid"))
        modules = [module for module in modules if module]
        number = prospect_keys.vat_key(vat, country.code)
        if not modules:
            return bool(number)
        return any(module.is_valid(number) for module in modules)

    @api.model
    def _website_address_key(self, remote_address):
        """A keyed hash of a network address: equal for the same address,
        meaningless without the database secret."""
        return hmac(self.env(su=True), ADDRESS_KEY_SCOPE, remote_address or "")

    @api.model
    def _website_apply(self, values, remote_address):
        """Create the application a visitor sent, in the visitor's language,
        for the company of the current website; schedule its review for the
        network managers and acknowledge it to the applicant.

        :param dict values: checked by ``_website_parse``; only the form's
            fields are taken
        :param str remote_address: network address of the visitor
        :raise UserError: when that address sent too many applications within
            the last hour
        """
        Application = self.sudo()
        key = self._website_address_key(remote_address)
        recent = Application.search_count(
            [
                ("remote_address_key", "=", key),
                ("create_date", ">=", self.env.cr.now() - timedelta(hours=1)),
            ],
            limit=APPLICATIONS_PER_HOUR,
        )
        if recent >= APPLICATIONS_PER_HOUR:
            raise UserError(
                _(
                    "Too many applications were sent from your network in the last "
                    "hour. Please try again later."
                )
            )
        website = self.env["website"].get_current_website()
        application = Application.create(
            {
                **{
                    name: values[name] for name in WEBSITE_FORM_FIELDS if name in values
                },
                "lang": self.env.lang,
                "company_id": website.company_id.id,
                "remote_address_key": key,
            }
        )
        application._schedule_review()
        application._send_applicant_mail(
            "partner_network_website.mail_template_application_received"
        )
        return self.browse(application.ids)
