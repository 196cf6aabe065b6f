# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SaleRegistrationCommon


@tagged("post_install", "-at_install")
class TestSaleRegistration(SaleRegistrationCommon):
    def test_quotation_from_registration_is_credited_to_it(self):
        order = self._quotation(self.registration)
        self.assertRecordValues(
            order,
            [
                {
                    "opportunity_id": self.registration.id,
                    "registration_id": self.registration.id,
                    "registration_partner_id": self.sponsor.id,
                    "registration_channel": "internal",
                    "partner_id": self.customer.id,
                    "registration_end_customer_id": False,
                }
            ],
        )

    def test_opportunity_not_earning_is_not_credited(self):
        submitted = self._submitted(
            self.promoter,
            partner_name="Otra Empresa SL",
            registration_vat="ESB10000005",
        )
        plain = self.env["crm.lead"].create(
            {
                "name": "Plain deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
            }
        )
        for lead in (submitted, plain):
            order = self._order(self.customer, opportunity_id=lead.id)
            self.assertFalse(order.registration_id, lead.name)

    def test_salesperson_sets_registration_before_confirmation_only(self):
        order = self._order(self.customer)
        with Form(order) as form:
            form.registration_id = self.registration
        self.assertEqual(order.registration_id, self.registration)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        with self.assertRaisesRegex(UserError, "only be changed by a network manager"):
            order.write({"registration_id": False})
        self.assertEqual(order.registration_id, self.registration)
        order.with_user(self.sales_manager).registration_id = False
        self.assertFalse(order.registration_id)

    def test_reseller_quotation_is_addressed_to_the_reseller(self):
        customer = self.env["res.partner"].create(
            {"name": "Cliente Final SA", "is_company": True, "vat": "ESB20000001"}
        )
        registration = self._accepted(
            self.promoter, customer, channel="reseller", executing=self.reseller
        )
        order = self._quotation(registration)
        self.assertRecordValues(
            order,
            [
                {
                    "partner_id": self.reseller.id,
                    "pricelist_id": self.tier_pricelist.id,
                    "registration_end_customer_id": customer.id,
                    "registration_id": registration.id,
                    "registration_channel": "reseller",
                }
            ],
        )
        self.assertEqual(order.order_line.price_unit, 650.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertIn("End Customer", html)
        self.assertIn("Cliente Final SA", html)

    def test_registration_buttons_count_credited_sales(self):
        quotation = self._quotation(self.registration)
        confirmed = self._quotation(self.registration)
        confirmed.action_confirm()
        self._order(self.customer).action_cancel()
        self.assertRecordValues(
            self.registration,
            [
                {
                    "registration_quotation_count": 1,
                    "registration_order_count": 1,
                    "registration_order_amount": confirmed.amount_untaxed,
                }
            ],
        )
        action = self.registration.action_view_registration_orders()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), quotation + confirmed
        )

    def test_sales_analysis_groups_by_registration(self):
        credited = self._quotation(self.registration)
        credited.action_confirm()
        other = self._order(self.customer, user=self.sales_manager)
        groups = self.env["sale.report"]._read_group(
            [("partner_id", "=", self.customer.id)],
            ["registration_id", "registration_partner_id", "registration_channel"],
            ["price_subtotal:sum"],
        )
        self.assertCountEqual(
            groups,
            [
                (self.registration, self.sponsor, "internal", credited.amount_untaxed),
                (
                    self.env["crm.lead"],
                    self.env["res.partner"],
                    False,
                    other.amount_untaxed,
                ),
            ],
        )
