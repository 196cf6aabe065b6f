# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What a partner types, with the most characters each text takes
PORTAL_DEMO_TEXT_FIELDS = {"purpose": 5000}
PORTAL_DEMO_FIELDS = ("product_id", "quantity", "purpose", "date_start", "date_return")
MAX_PORTAL_QUANTITY = 100
# The longest a demo unit may be lent from the portal, and how far ahead
MAX_DEMO_DAYS = 365
QUANTITY_PATTERN = re.compile(r"\d{1,9}", re.ASCII)
ID_PATTERN = re.compile(r"\d{1,12}", re.ASCII)


class PartnerNetworkDemoRequest(models.Model):
    """Demo unit requests: the portal write path (partners request units themselves)."""

    _inherit = "partner.network.demo.request"

    @api.model
    def _portal_demo_company(self):
        """The company that receives the demo unit requests of the user's partner."""
        return self.env["crm.lead"]._portal_registration_company()

    @api.model
    def _portal_demo_can_request(self):
        """Whether the user's partner may request demo units."""
        partner = self.env.user.commercial_partner_id
        return bool(partner.network_category_ids) and partner.network_state == "active"

    @api.model
    def _portal_demo_products(self):
        """The products the user's partner may request as demo units."""
        company = self._portal_demo_company()
        return (
            self.env["product.product"]
            .sudo()
            .search(
                [
                    ("network_demo_ok", "=", True),
                    ("sale_ok", "=", True),
                    ("company_id", "in", (company.id, False)),
                ],
                order="name, id",
            )
        )

    @api.model
    def _portal_demo_request_parse(self, form):
        """Check the format of what a partner typed in the demo unit form.

        :param dict form: the posted form, strings by field name; other keys
            are ignored.
        :return: ``(values, errors)``: the typed values cleaned and converted,
            and a message per field whose value is wrong.
        """
        Lead = self.env["crm.lead"]
        values, errors = Lead._portal_parse_texts(form, PORTAL_DEMO_TEXT_FIELDS)
        if not values["purpose"]:
            errors.setdefault(
                "purpose", _("Tell us what you will demonstrate the unit for.")
            )
        parsers = {
            "product_id": self._portal_parse_demo_product,
            "quantity": self._portal_parse_demo_quantity,
            "date_start": self._portal_parse_demo_start,
        }
        for name, parser in parsers.items():
            values[name], error = parser(form.get(name))
            if error:
                errors[name] = error
        values["date_return"], error = self._portal_parse_demo_return(
            form.get("date_return"), values["date_start"]
        )
        if error:
            errors["date_return"] = error
        errors.update(Lead._portal_control_character_errors(form, PORTAL_DEMO_FIELDS))
        return values, errors

    @api.model
    def _portal_parse_demo_product(self, text):
        """The product chosen, among those offered: ``(product id, error)``."""
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            return False, _("Choose the product you want to demonstrate.")
        offered = self._portal_demo_products()
        if ID_PATTERN.fullmatch(text) and int(text) in offered.ids:
            return int(text), None
        return False, _("Choose one of the products offered as demo units.")

    @api.model
    def _portal_parse_demo_quantity(self, text):
        """The number of units, a whole number: ``(quantity, error)``."""
        text = text.strip() if isinstance(text, str) else ""
        if QUANTITY_PATTERN.fullmatch(text) and (1 <= int(text) <= MAX_PORTAL_QUANTITY):
            return float(text), None
        return 0.0, _(
            "Enter a whole number of units from 1 to %(max)s.",
            max=MAX_PORTAL_QUANTITY,
        )

    @api.model
    def _portal_parse_demo_start(self, text):
        """The day the unit is wanted from: ``(date, error)``."""
        return self._portal_parse_demo_day(
            text,
            fields.Date.context_today(self),
            _("Enter the day you want the unit from."),
            _("This date cannot be in the past."),
            _("Request demo units at most %(days)s days ahead.", days=MAX_DEMO_DAYS),
        )

    @api.model
    def _portal_parse_demo_return(self, text, date_start):
        """The day the unit comes back, after ``date_start``: ``(date, error)``."""
        return self._portal_parse_demo_day(
            text,
            date_start or fields.Date.context_today(self),
            _("Enter the day you will return the unit."),
            _("The return date cannot be before the start date."),
            _("A demo unit is lent for at most %(days)s days.", days=MAX_DEMO_DAYS),
        )

    @api.model
    def _portal_parse_demo_day(self, text, first_day, missing, too_early, too_late):
        """A day of the demo window, from ``first_day`` to ``MAX_DEMO_DAYS``
        after it: ``(date, error)``, the error being ``missing`` when ``text``
        is empty and ``too_early`` / ``too_late`` out of the window."""
        date, error = self.env["crm.lead"]._portal_read_date(text)
        if error or not date:
            return False, error or missing
        if date < first_day:
            return False, too_early
        if date > first_day + timedelta(days=MAX_DEMO_DAYS):
            return False, too_late
        return date, None

    @api.model
    def _portal_demo_request_submit(self, values):
        """Create a demo unit request for the user's commercial partner.

        Only the fields of the portal form are taken from ``values``; the
        partner, state and company are set here. The backend's rules (the
        tier's limit among them) apply unchanged; when one refuses, nothing is
        kept.

        :return: the request, in the user's environment
        :raise UserError: with the reason the request is refused
        """
        if not self._portal_demo_can_request():
            raise UserError(
                _("Only active partners of the network can request demo units.")
            )
        company = self._portal_demo_company()
        vals = {name: values[name] for name in PORTAL_DEMO_FIELDS}
        vals.update(
            {
                "partner_id": self.env.user.commercial_partner_id.id,
                "company_id": company.id,
            }
        )
        with self.env.cr.savepoint():
            request = self.sudo().with_company(company).create(vals)
        return self.browse(request.id)
