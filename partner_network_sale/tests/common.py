# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import Form

from odoo.addons.partner_network.tests.registration_common import RegistrationCommon


class SaleRegistrationCommon(RegistrationCommon):
    """A customer protected by a sponsor's accepted registration, a product,
    a reseller tier with its pricelist, a salesperson and a sales manager who
    manages the network."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls._new_user(
            "pns_salesman",
            "sales_team.group_sale_salesman_all_leads,"
            "partner_network.group_network_user",
        )
        cls.sales_manager = cls._new_user(
            "pns_manager",
            "sales_team.group_sale_manager,partner_network.group_network_manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cliente Venta SA", "is_company": True, "vat": "ESA28015865"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "ERP licence", "list_price": 1000.0, "taxes_id": False}
        )
        cls.tier_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Silver resellers",
                "sequence": 999,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 35.0,
                        }
                    )
                ],
            }
        )
        cls.tier_silver.pricelist_id = cls.tier_pricelist
        cls.registration = cls._accepted(cls.sponsor, cls.customer)

    @classmethod
    def _accepted(cls, partner, customer, channel="internal", executing=None):
        """An accepted registration of ``partner`` for ``customer``."""
        registration = cls._submitted(
            partner,
            name=f"Deal {customer.name}",
            partner_id=customer.id,
            partner_name=customer.name,
            registration_vat=customer.vat,
        )
        registration.action_registration_accept(channel, executing_partner=executing)
        return registration

    def _quotation(self, lead, user=None):
        """The quotation a salesperson makes with the lead's New Quotation
        button, with one line of the product."""
        lead = lead.with_user(user or self.salesman)
        action = lead.action_sale_quotations_new()
        with Form(
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .with_context(**action["context"])
        ) as form:
            with form.order_line.new() as line:
                line.product_id = self.product
        return form.record

    def _order(self, customer, user=None, **values):
        """A quotation for ``customer`` made without any opportunity."""
        return (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": customer.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                    **values,
                }
            )
        )


class DemoUnitCommon(SaleRegistrationCommon):
    """Demo units: a flagged product, the silver tier's demo pricelist (half
    price) and limit (two open requests), portal users of the silver reseller
    and of another reseller."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo_product = cls.env["product.product"].create(
            {
                "name": "Fiscal printer",
                "list_price": 800.0,
                "taxes_id": False,
                "network_demo_ok": True,
            }
        )
        cls.demo_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Silver demo units",
                "sequence": 999,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 50.0,
                        }
                    )
                ],
            }
        )
        cls.tier_silver.write(
            {"demo_pricelist_id": cls.demo_pricelist.id, "demo_units_max": 2}
        )
        cls.reseller.network_manager_id = cls.salesman
        cls.portal_reseller = cls._new_portal_user("pns_portal", cls.reseller)
        cls.portal_other = cls._new_portal_user("pns_portal_other", cls.reseller_two)

    @classmethod
    def _demo_request(cls, partner=None, user=None, **values):
        """A demo unit request of one unit for ``partner`` (the reseller),
        created by ``user`` (the salesperson)."""
        return (
            cls.env["partner.network.demo.request"]
            .with_user(user or cls.salesman)
            .create(
                {
                    "partner_id": (partner or cls.reseller).id,
                    "product_id": cls.demo_product.id,
                    "purpose": "Trade fair in Rosario",
                    "date_start": "2026-03-01",
                    "date_return": "2026-03-31",
                    **values,
                }
            )
        )
