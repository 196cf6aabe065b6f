# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import SaleRegistrationCommon


@tagged("post_install", "-at_install")
class TestSaleConflict(SaleRegistrationCommon):
    def _confirm(self, order, user):
        """Confirm as ``user``, as the Confirm button does: what it returns."""
        return order.with_user(user).action_confirm()

    def _notes(self, registration):
        return registration.message_ids.filtered(
            lambda message: "without being credited to it" in (message.body or "")
        )

    def test_order_credited_to_the_registration_confirms(self):
        order = self._quotation(self.registration)
        self.assertIs(self._confirm(order, self.salesman), True)
        self.assertEqual(order.state, "sale")
        self.assertFalse(self._notes(self.registration))

    def test_salesperson_is_warned_and_cannot_go_on(self):
        order = self._order(self.customer)
        action = self._confirm(order, self.salesman)
        self.assertEqual(action["res_model"], "sale.order.registration.conflict")
        self.assertEqual(order.state, "draft")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .browse(action["res_id"])
        )
        self.assertIn(self.registration.name, wizard.message)
        self.assertIn(self.sponsor.name, wizard.message)
        with self.assertRaisesRegex(UserError, "Only a network manager"):
            wizard.action_confirm()
        self.assertEqual(order.state, "draft")
        # the context flag alone does not let a salesperson through
        action = (
            order.with_user(self.salesman)
            .with_context(registration_conflict_confirmed=True)
            .action_confirm()
        )
        self.assertEqual(action["res_model"], "sale.order.registration.conflict")
        self.assertEqual(order.state, "draft")

    def test_conflict_on_tax_id_of_another_contact(self):
        # a second record of the same company, found by its tax id
        twin = self.env["res.partner"].create(
            {
                "name": "Cliente Venta (sucursal)",
                "is_company": True,
                "vat": "ESA28015865",
            }
        )
        action = self._confirm(self._order(twin), self.salesman)
        self.assertEqual(action["res_model"], "sale.order.registration.conflict")

    def test_reseller_order_conflicts_on_its_end_customer(self):
        order = self._order(
            self.reseller, registration_end_customer_id=self.customer.id
        )
        action = self._confirm(order, self.salesman)
        self.assertEqual(action["res_model"], "sale.order.registration.conflict")

    def test_manager_confirms_and_the_registration_is_told(self):
        order = self._order(self.customer, user=self.sales_manager)
        action = self._confirm(order, self.sales_manager)
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.sales_manager)
            .browse(action["res_id"])
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        note = self._notes(self.registration)
        self.assertEqual(len(note), 1)
        self.assertIn(order.name, note.body)
        self.assertIn(self.sales_manager.name, note.body)

    def test_unprotected_customer_confirms(self):
        self.registration.action_registration_release()
        order = self._order(self.customer)
        self.assertIs(self._confirm(order, self.salesman), True)
        self.assertEqual(order.state, "sale")

    def test_protection_ends_after_its_last_day(self):
        """A registration protects its customer until its last day included."""
        with freeze_time("2026-06-15 12:00:00"):
            self.registration.registration_protected_until = "2026-06-15"
            action = self._confirm(self._order(self.customer), self.salesman)
            self.assertEqual(action["res_model"], "sale.order.registration.conflict")
            self.registration.registration_protected_until = "2026-06-14"
            order = self._order(self.customer)
            self.assertIs(self._confirm(order, self.salesman), True)
        self.assertEqual(order.state, "sale")
