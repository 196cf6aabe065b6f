# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestCommissionSecurity(CommissionCommon):
    def test_company_b_user_sees_nothing_of_company_a(self):
        """Commission lines and settlements stay in their company."""
        invoice = self._invoice()
        self._pay(invoice)
        company_b = self.setup_other_company()["company"]
        accountant_b = new_test_user(
            self.env,
            login="pc_accountant_b",
            groups="account.group_account_manager",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        Line = self.env["partner.commission.line"].with_user(accountant_b)
        self.assertFalse(Line.search([]))
        with self.assertRaises(AccessError):
            invoice.commission_line_ids.with_user(accountant_b).read(["amount"])

    def test_users_cannot_write_the_ledger(self):
        """Not even an accounting manager edits or creates ledger lines by hand."""
        invoice = self._invoice()
        self._pay(invoice)
        line = invoice.commission_line_ids[:1]
        accountant = new_test_user(
            self.env,
            login="pc_accountant",
            groups="account.group_account_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        with self.assertRaises(AccessError):
            line.with_user(accountant).write({"amount": 1.0})
        with self.assertRaises(AccessError):
            self.env["partner.commission.line"].with_user(accountant).create(
                {
                    "partner_id": self.sponsor.id,
                    "beneficiary": "registrant",
                    "move_id": invoice.id,
                    "date": "2026-01-01",
                    "company_id": self.company.id,
                }
            )
