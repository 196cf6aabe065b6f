# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SaleCommissionCommon


@tagged("post_install", "-at_install")
class TestSaleInvoiceCredit(SaleCommissionCommon):
    def _reverse(self, invoice):
        """A full credit note of ``invoice`` made with the reversal wizard, posted."""
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "date": "2026-03-25"})
        )
        action = wizard.refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        credit_note.action_post()
        return credit_note

    def test_order_invoice_is_credited_and_earns_on_what_is_paid(self):
        order = self._sale(self.registration)
        self.assertEqual(order.registration_id, self.registration)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.registration_id, self.registration)
        self._pay(invoice, amount=400.0)
        self.assertEqual(self._earned(invoice), 40.0)
        self._pay(invoice)
        self.assertEqual(self._earned(invoice), 100.0)
        self.assertEqual(self._earned(invoice, self.reseller), 20.0)

    def test_down_payment_then_final_invoice(self):
        order = self._sale(self.registration)
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "percentage", "amount": 30.0})
        )
        wizard.create_invoices()
        down_payment = order.invoice_ids
        down_payment.action_post()
        self._pay(down_payment)
        final = order._create_invoices(final=True)
        final.action_post()
        self.assertEqual(
            (down_payment + final).mapped("registration_id"), self.registration
        )
        self.assertEqual(final.amount_untaxed, 700.0)
        self.assertEqual(self._earned(down_payment), 30.0)
        self._pay(final)
        self.assertEqual(self._earned(down_payment + final), 100.0)

    def test_credit_note_of_an_order_invoice_nets_to_zero(self):
        order = self._sale(self.registration)
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice)
        credit_note = self._reverse(invoice)
        self.assertEqual(credit_note.registration_id, self.registration)
        self._pay(credit_note)
        self.assertEqual(self._earned(credit_note), -100.0)
        self.assertEqual(self._earned(invoice + credit_note), 0.0)

    def test_credit_note_invoiced_from_the_order(self):
        order = self._sale(self.registration, quantity=2)
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice)
        order.order_line.product_uom_qty = 1
        credit_note = order._create_invoices(final=True)
        self.assertRecordValues(
            credit_note,
            [
                {
                    "move_type": "out_refund",
                    "amount_untaxed": 1000.0,
                    "registration_id": self.registration.id,
                }
            ],
        )
        credit_note.action_post()
        self._pay(credit_note)
        self.assertEqual(self._earned(invoice), 200.0)
        self.assertEqual(self._earned(invoice + credit_note), 100.0)

    def test_order_credit_wins_over_the_customer_match(self):
        # the customer is protected by the second registration; an order
        # credited to no registration credits none, however its customer matches
        order = self._sale()
        self.assertFalse(order.registration_id)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertFalse(invoice.registration_id)
        self._pay(invoice)
        self.assertFalse(invoice.commission_line_ids)

    def test_invoice_without_order_is_still_matched_on_its_customer(self):
        invoice = self._invoice()
        self.assertEqual(invoice.registration_id, self.second_registration)

    def test_orders_of_two_registrations_are_invoiced_apart(self):
        second = self.second_registration
        first_order = self._sale(self.registration)
        second_order = self._sale(second)
        plain_order = self._sale()
        invoices = (first_order + second_order + plain_order)._create_invoices()
        self.assertEqual(len(invoices), 3)
        self.assertEqual(first_order.invoice_ids.registration_id, self.registration)
        self.assertEqual(second_order.invoice_ids.registration_id, second)
        self.assertFalse(plain_order.invoice_ids.registration_id)
        # orders of one registration still share their invoice
        more = self._sale(second) + self._sale(second)
        self.assertEqual(len(more._create_invoices()), 1)
