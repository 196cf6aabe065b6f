# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.partner_network.tests.common import PartnerNetworkCommon


class CommissionCommon(PartnerNetworkCommon, AccountTestInvoicingCommon):
    """An accepted registration of a sponsor in a reseller's sub-network, a
    customer to invoice and a 10% rule for sponsors."""

    @classmethod
    def get_default_groups(cls):
        # the test user is both accountant and network manager
        return super().get_default_groups() | cls.env.ref(
            "partner_network.group_network_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.sponsor.write(
            {
                "network_state": "active",
                "network_parent_id": cls.reseller.id,
            }
        )
        for partner in (cls.sponsor, cls.reseller, cls.reseller_two):
            cls._new_agreement(partner, date_start="2020-01-01", state="active")
        cls.tier_silver.subnetwork_bonus_percent = 2.0
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cliente Comisión SA", "is_company": True, "vat": "ESA28015865"}
        )
        cls.registration = cls._accepted_registration(cls.sponsor, cls.customer)
        cls.rule_sponsor = cls.env["partner.commission.rule"].create(
            {
                "name": "Sponsors",
                "partner_category_id": cls.category_sponsor.id,
                "rate": 10.0,
            }
        )
        cls.bank_journal = cls.company_data["default_journal_bank"]

    @classmethod
    def _accepted_registration(cls, partner, customer, company=None):
        registration = cls.env["crm.lead"].create(
            {
                "name": f"Deal {customer.name}",
                "type": "opportunity",
                "company_id": (company or cls.env.company).id,
                "registration_partner_id": partner.id,
                "partner_id": customer.id,
                "partner_name": customer.name,
                "registration_vat": customer.vat or f"X{customer.id}",
                "registration_need": "ERP",
                "registration_budget": 10000.0,
                "registration_implementation_date": "2099-01-01",
            }
        )
        registration.action_registration_submit()
        registration.action_registration_accept("internal")
        return registration

    def _rule(self, **values):
        return self.env["partner.commission.rule"].create(
            {"name": "Rule", "rate": 1.0, **values}
        )

    def _invoice(
        self,
        amounts=(1000.0,),
        customer=None,
        currency=None,
        post=True,
        products=None,
        **values,
    ):
        """A customer invoice with one untaxed line per amount, of ``products``
        in turn (default: product_a)."""
        products = products or [self.product_a]
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (customer or self.customer).id,
                "invoice_date": "2026-03-10",
                "currency_id": (currency or self.company.currency_id).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": products[index % len(products)].id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for index, amount in enumerate(amounts)
                ],
                **values,
            }
        )
        if post:
            invoice.action_post()
        return invoice

    def _pay(
        self, invoices, amount=None, date="2026-03-20", currency=None, journal=None
    ):
        values = {"payment_date": date, "journal_id": (journal or self.bank_journal).id}
        if amount is not None:
            values["amount"] = amount
        if currency:
            values["currency_id"] = currency.id
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(values)
        )
        return wizard._create_payments()

    def _earned(self, invoices, partner=None):
        """Commission the ledger holds for ``partner`` (default: the sponsor)."""
        lines = self.env["partner.commission.line"].search(
            [
                ("move_id", "in", invoices.ids),
                ("partner_id", "=", (partner or self.sponsor).id),
            ]
        )
        return round(sum(lines.mapped("amount")), 2)
