# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import SaleCommissionCommon


@tagged("post_install", "-at_install", "partner_program_browser")
class TestSaleCommissionTour(SaleCommissionCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls._new_user(
            "pcs_tour_seller",
            "sales_team.group_sale_salesman_all_leads,"
            "partner_network.group_network_user,account.group_account_invoice",
        )
        customer = cls.env["res.partner"].create(
            {"name": "Cliente Tour Ventas SA", "is_company": True, "vat": "ESB40000004"}
        )
        cls.tour_registration = cls._accepted_registration(cls.sponsor, customer)

    def test_sale_commission_tour(self):
        """In Chromium, a salesperson opens an accepted registration, makes its
        quotation, confirms and invoices it, registers the payment, and the
        registrant's commission appears on the invoice."""
        self.start_tour(
            "/odoo/action-partner_network.crm_lead_registration_action/"
            f"{self.tour_registration.id}",
            "partner_program_sale_commission_tour",
            login="pcs_tour_seller",
        )
        order = self.tour_registration.registration_order_ids
        self.assertRecordValues(
            order, [{"state": "sale", "invoice_status": "invoiced"}]
        )
        invoice = order.invoice_ids
        self.assertRecordValues(
            invoice,
            [
                {
                    "registration_id": self.tour_registration.id,
                    "payment_state": self.env[
                        "account.move"
                    ]._get_invoice_in_payment_state(),
                }
            ],
        )
        self.assertEqual(self._earned(invoice), 100.0)
