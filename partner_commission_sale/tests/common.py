# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.partner_commission.tests.common import CommissionCommon


class SaleCommissionCommon(CommissionCommon):
    """CommissionCommon, with a product invoiced on order and sale orders made
    from a registration's opportunity. The sponsor's registration was released
    and the customer registered again by another reseller: matching invoices on
    their customer credits that second registration, not the sponsor's."""

    @classmethod
    def get_default_groups(cls):
        # the test user also sells
        return super().get_default_groups() | cls.env.ref(
            "sales_team.group_sale_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {
                "name": "ERP implementation",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 1000.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.registration.action_registration_release()
        cls.second_registration = cls._accepted_registration(
            cls.reseller_two, cls.customer
        )

    def _sale(self, registration=None, customer=None, quantity=1, confirm=True):
        """An order of ``quantity`` products, made from ``registration``'s
        opportunity (none: a direct sale), confirmed."""
        values = {
            "partner_id": (customer or self.customer).id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product.id,
                        "product_uom_qty": quantity,
                        "price_unit": 1000.0,
                        "tax_id": [Command.clear()],
                    }
                )
            ],
        }
        if registration:
            values["opportunity_id"] = registration.id
        order = self.env["sale.order"].create(values)
        if confirm:
            order.with_context(registration_conflict_confirmed=True).action_confirm()
        return order
