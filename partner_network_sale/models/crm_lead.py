# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    registration_order_ids = fields.One2many(
        "sale.order", "registration_id", string="Credited Orders"
    )
    registration_quotation_count = fields.Integer(
        string="Credited Quotations", compute="_compute_registration_sale_data"
    )
    registration_order_count = fields.Integer(
        string="Credited Orders Count", compute="_compute_registration_sale_data"
    )
    registration_order_amount = fields.Monetary(
        string="Credited Sales",
        currency_field="company_currency",
        compute="_compute_registration_sale_data",
        help="Untaxed amount of the confirmed orders credited to this "
        "registration, in the company currency.",
    )

    @api.depends(
        "registration_order_ids.state",
        "registration_order_ids.amount_untaxed",
        "registration_order_ids.currency_id",
    )
    def _compute_registration_sale_data(self):
        """Count the quotations and orders credited to each registration and
        total the orders, in one grouped query for all of them."""
        quotations, orders = defaultdict(int), defaultdict(int)
        amounts = defaultdict(float)
        groups = self.env["sale.order"]._read_group(
            [("registration_id", "in", self.ids), ("state", "!=", "cancel")],
            ["registration_id", "state", "currency_id", "company_id"],
            ["__count", "amount_untaxed:sum"],
        )
        today = fields.Date.context_today(self)
        for registration, state, currency, company, count, amount in groups:
            if state in ("draft", "sent"):
                quotations[registration.id] += count
                continue
            orders[registration.id] += count
            target = registration.company_currency or self.env.company.currency_id
            amounts[registration.id] += currency._convert(
                amount, target, company, today
            )
        for lead in self:
            lead.registration_quotation_count = quotations[lead.id]
            lead.registration_order_count = orders[lead.id]
            lead.registration_order_amount = amounts[lead.id]

    def action_sale_quotations_new(self):
        # a reseller executes the deal: the quotation is addressed to it
        if self._registration_reseller():
            return self.action_new_quotation()
        return super().action_sale_quotations_new()

    def _registration_reseller(self):
        """The reseller executing this accepted registration, if any."""
        self.ensure_one()
        if self.registration_state == "accepted" and self.registration_channel == (
            "reseller"
        ):
            return self.registration_executing_partner_id
        return self.env["res.partner"]

    def _prepare_opportunity_quotation_context(self):
        context = super()._prepare_opportunity_quotation_context()
        reseller = self._registration_reseller()
        if reseller:
            context["default_partner_id"] = reseller.id
            context["default_registration_end_customer_id"] = self.partner_id.id
            pricelist = reseller.network_tier_id.pricelist_id
            if pricelist:
                context["default_pricelist_id"] = pricelist.id
        return context

    def action_view_registration_orders(self):
        """Open the quotations and orders credited to this registration."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("sale.action_orders")
        action["domain"] = [("registration_id", "=", self.id)]
        action["context"] = {"default_opportunity_id": self.id}
        return action
