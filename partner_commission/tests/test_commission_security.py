# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestCommissionSecurity(CommissionCommon):
    def _user(self, login, groups, company=None):
        """An internal user of ``company`` (default: the test company)."""
        return self._new_user(login, groups, company or self.company)

    def test_company_b_user_sees_nothing_of_company_a(self):
        """Commission lines and settlements stay in their company."""
        invoice = self._invoice()
        self._pay(invoice)
        company_b = self.setup_other_company()["company"]
        accountant_b = self._user(
            "pc_accountant_b", "account.group_account_manager", company_b
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
        accountant = self._user("pc_accountant", "account.group_account_manager")
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

    def test_writing_no_line_does_nothing(self):
        """Writing no ledger line (an automated action whose domain matched
        none) does nothing, as for any model, even for a user who may not
        write the ledger."""
        invoice = self._invoice()
        self._pay(invoice)
        accountant = self._user("pc_ledger_writer", "account.group_account_manager")
        Line = self.env["partner.commission.line"].with_user(accountant)
        self.assertIs(Line.write({"state": "payable"}), True)
        self.assertEqual(set(invoice.commission_line_ids.mapped("state")), {"pending"})

    def test_only_invoicing_users_credit_an_invoice(self):
        """The registration an invoice is credited to decides who is paid:
        a network user or a read-only accountant neither sees nor changes it;
        an invoicing user does both."""
        invoice = self._invoice()
        self._pay(invoice)
        registration = invoice.registration_id
        earned = self._earned(invoice)
        self.assertTrue(registration)
        self.assertGreater(earned, 0.0)

        def form_arch(user):
            Move = self.env["account.move"].with_user(user)
            return Move.get_views([(False, "form")])["views"]["form"]["arch"]

        users = {
            group: self._user(f"pc_{group.split('.')[1]}", f"base.group_user,{group}")
            for group in (
                "partner_network.group_network_user",
                "account.group_account_readonly",
                "account.group_account_invoice",
            )
        }
        for group in (
            "partner_network.group_network_user",
            "account.group_account_readonly",
        ):
            with self.subTest(group=group):
                user = users[group]
                with self.assertRaises(AccessError):
                    invoice.with_user(user).write({"registration_id": False})
                self.assertEqual(invoice.registration_id, registration)
                self.assertEqual(self._earned(invoice), earned)
                if group == "account.group_account_readonly":
                    self.assertNotIn('name="registration_id"', form_arch(user))
        billing = users["account.group_account_invoice"]
        self.assertIn('name="registration_id"', form_arch(billing))
        invoice.with_user(billing).write({"registration_id": False})
        self.assertFalse(invoice.registration_id)
        self.assertEqual(self._earned(invoice), 0.0)
        # without sales rights, the billing user picks registrations (and
        # only registrations) to credit the invoice to, and changes none
        plain_lead = self.env["crm.lead"].create({"name": registration.name})
        Lead = self.env["crm.lead"].with_user(billing)
        found = Lead.name_search(registration.name)
        self.assertIn(registration.id, [lead_id for lead_id, _name in found])
        self.assertNotIn(plain_lead.id, [lead_id for lead_id, _name in found])
        with self.assertRaises(AccessError):
            registration.with_user(billing).write({"name": "Otro"})
        invoice.with_user(billing).write({"registration_id": registration.id})
        self.assertEqual(self._earned(invoice), earned)

    def test_customers_do_not_read_what_their_invoice_earned(self):
        """The customer's portal user reads its invoice, not the commission
        its registrant earns on it nor the registration it is credited to."""
        invoice = self._invoice()
        self._pay(invoice)
        self.assertGreater(invoice.commission_total, 0.0)
        portal = self._new_portal_user("pc_customer", self.customer, self.company)
        invoice.message_subscribe(partner_ids=portal.partner_id.ids)
        mine = invoice.with_user(portal)
        self.assertEqual(mine.read(["amount_total"])[0]["amount_total"], 1000.0)
        for fname in (
            "commission_total",
            "commission_line_ids",
            "registration_id",
            "commission_settlement_id",
            "commission_bill_settlement_ids",
        ):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                mine.read([fname])

    def test_only_accepted_registrations_earn(self):
        """An invoicing user credits an invoice by hand (or by import) to an
        accepted registration or one whose protection ended, never to a
        rejected one or to a lead that is no registration: a clear error, and
        nothing changes."""
        invoice = self._invoice()
        self._pay(invoice)
        registration, earned = invoice.registration_id, self._earned(invoice)
        billing = self._user(
            "pc_billing_credit", "base.group_user,account.group_account_invoice"
        )
        rejected = self.env["crm.lead"].create(
            {
                "name": "Rejected deal",
                "type": "opportunity",
                "registration_partner_id": self.sponsor.id,
                "partner_name": "Rejected deal",
                "registration_vat": "XREJECTED",
                "registration_need": "ERP",
                "registration_budget": 100.0,
                "registration_implementation_date": "2099-01-01",
            }
        )
        rejected.action_registration_submit()
        rejected.action_registration_reject("duplicate")
        plain_lead = self.env["crm.lead"].create({"name": "Plain lead"})
        for lead in (rejected, plain_lead):
            with self.subTest(lead=lead.name), self.assertRaises(ValidationError):
                invoice.with_user(billing).write({"registration_id": lead.id})
            self.assertEqual(invoice.registration_id, registration)
            self.assertEqual(self._earned(invoice), earned)
        registration.action_registration_release()
        invoice.with_user(billing).write({"registration_id": False})
        self.assertEqual(self._earned(invoice), 0.0)
        invoice.with_user(billing).write({"registration_id": registration.id})
        self.assertEqual(self._earned(invoice), earned)

    def test_network_users_follow_commissions_read_only(self):
        """A network user finds the commission analysis and the settlements
        in the Network menu, reads them and changes nothing."""
        invoice = self._invoice()
        self._pay(invoice)
        settlements = self.env["partner.commission.settlement"]._create_settlements(
            "2026-12-31"
        )
        user = self._user(
            "pc_network_reader", "base.group_user,partner_network.group_network_user"
        )
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        for xmlid in (
            "partner_commission.partner_commission_line_analysis_menu_network",
            "partner_commission.partner_commission_settlement_menu_network",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(xmlid).id, visible)
        Settlement = self.env["partner.commission.settlement"].with_user(user)
        self.assertEqual(Settlement.search([]), settlements)
        lines = self.env["partner.commission.line"].with_user(user).search([])
        self.assertEqual(lines, invoice.commission_line_ids)
        self.assertEqual(sum(lines.mapped("amount")), 120.0)
        with self.assertRaises(AccessError):
            settlements.with_user(user).action_approve()
        self.assertEqual(set(settlements.mapped("state")), {"draft"})
        # and prints their statements, which name the invoices they read not
        html = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(
                "partner_commission.report_partner_commission_statement",
                settlements.ids,
            )[0]
            .decode()
        )
        self.assertIn(invoice.name, html)
