# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestCommissionLedger(CommissionCommon):
    def test_attribution_on_posting(self):
        """Posting a customer's invoice credits it to its accepted registration."""
        invoice = self._invoice()
        self.assertEqual(invoice.registration_id, self.registration)
        other = self.env["res.partner"].create({"name": "Otro Cliente"})
        self.assertFalse(self._invoice(customer=other).registration_id)

    def test_no_attribution_after_protection(self):
        """An invoice dated after the protection is not credited automatically."""
        # set as data: only the workflow writes the protection
        self.registration.sudo().registration_protected_until = "2026-03-01"
        self.assertFalse(self._invoice().registration_id)

    def test_another_customer_is_credited_anew(self):
        """An invoice reset to draft and posted again for another customer
        leaves the former customer's registration."""
        invoice = self._invoice()
        self.assertEqual(invoice.registration_id, self.registration)
        invoice.button_draft()
        other = self.env["res.partner"].create({"name": "Otro Cliente"})
        invoice.partner_id = other
        invoice.action_post()
        self.assertFalse(invoice.registration_id)
        # the same customer (another contact of it) keeps the registration
        contact = self.env["res.partner"].create(
            {"name": "Compras", "parent_id": self.customer.id}
        )
        again = self._invoice()
        again.button_draft()
        again.partner_id = contact
        again.action_post()
        self.assertEqual(again.registration_id, self.registration)

    def test_attribution_by_tax_id(self):
        """The invoiced partner may be another record with the same tax id."""
        twin = self.env["res.partner"].create(
            {
                "name": "Cliente Comision S.A.",
                "is_company": True,
                "vat": "ES A-28015865",
            }
        )
        self.assertEqual(
            self._invoice(customer=twin).registration_id, self.registration
        )

    def test_attribution_by_hand(self):
        """A reseller executes the deal and is invoiced: an accountant credits
        the posted invoice to the registration by hand, and taking it back
        reverses what was earned."""
        invoice = self._invoice(customer=self.reseller)
        self.assertFalse(invoice.registration_id)
        self._pay(invoice)
        self.assertEqual(self._earned(invoice), 0.0)
        invoice.registration_id = self.registration
        self.assertEqual(self._earned(invoice), 100.0)
        self.assertEqual(self._earned(invoice, self.reseller), 20.0)
        invoice.registration_id = False
        self.assertEqual(self._earned(invoice), 0.0)
        self.assertEqual(len(invoice.commission_line_ids), 4)

    def test_attribution_is_tracked(self):
        """The invoice's chatter records the registration it was credited to."""
        invoice = self._invoice(post=False).with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(invoice)
        invoice.action_post()
        self._track(invoice)
        tracked = invoice.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "registration_id"
        )
        self.assertEqual(tracked.new_value_integer, self.registration.id)

    def test_attribution_on_posting_costs_constant_queries(self):
        """Posting 8 invoices of 8 registered customers costs as many queries
        more than posting 8 of unregistered ones as for 2: the registrations
        are found with one search and written with the posting itself."""
        registered = self.env["res.partner"].create(
            [{"name": f"Cliente {index}", "is_company": True} for index in range(10)]
        )
        registrations = self.env["crm.lead"].union(
            *(
                self._accepted_registration(partner, customer)
                for partner, customer in zip(
                    (self.sponsor, self.reseller, self.reseller_two) * 4,
                    registered,
                    strict=False,
                )
            )
        )
        unregistered = self.env["res.partner"].create(
            [{"name": f"Otro {index}", "is_company": True} for index in range(10)]
        )
        # warm the caches a first posting fills
        self._invoice(customer=registered[-1])
        self._invoice(customer=unregistered[-1])
        extras = []
        for count in (2, 8):
            counts = {}
            for customers in (registered, unregistered):
                invoices = self.env["account.move"].union(
                    *(
                        self._invoice(customer=customer, post=False)
                        for customer in customers[:count]
                    )
                )
                self.env.flush_all()
                before = self.cr.sql_log_count
                invoices.action_post()
                self.env.flush_all()
                counts[customers] = self.cr.sql_log_count - before
                self.assertEqual(
                    invoices.mapped("registration_id"),
                    registrations[:count]
                    if customers == registered
                    else registrations.browse(),
                )
            extras.append(counts[registered] - counts[unregistered])
        self.assertEqual(extras[0], extras[1])

    def test_posting_skips_the_ledger_until_paid(self):
        """Posting a registered invoice neither looks up rules nor locks it:
        with nothing paid and nothing recorded, nothing is due. Paying it
        does both."""
        AccountMove = type(self.env["account.move"])
        invoice = self._invoice(post=False)
        with patch.object(
            AccountMove,
            "_commission_targets",
            autospec=True,
            side_effect=AccountMove._commission_targets,
        ) as targets:
            invoice.action_post()
            self.assertEqual(invoice.registration_id, self.registration)
            targets.assert_not_called()
            self._pay(invoice, 400.0)
            self.assertEqual(self._earned(invoice), 40.0)
            targets.assert_called_once()

    def test_partial_payments_accrue_pro_rata(self):
        """1000 paid 400 then 600: 40 then 100, as new lines, earlier untouched."""
        invoice = self._invoice()
        self.assertEqual(self._earned(invoice), 0.0)
        self._pay(invoice, 400.0)
        self.assertEqual(self._earned(invoice), 40.0)
        first = invoice.commission_line_ids.filtered(
            lambda line: line.partner_id == self.sponsor
        )
        self._pay(invoice, 600.0)
        self.assertEqual(self._earned(invoice), 100.0)
        lines = invoice.commission_line_ids.filtered(
            lambda line: line.partner_id == self.sponsor
        )
        self.assertEqual(len(lines), 2)
        self.assertRecordValues(
            first, [{"amount": 40.0, "base_amount": 400.0, "rate": 10.0}]
        )
        self.assertEqual(invoice.commission_total, 100.0 + 20.0)

    def test_each_product_at_its_own_rate(self):
        """An invoice of two products, one with a rule of its own: each
        product earns at its rate, on its lines, for each beneficiary; its
        credit note takes back the same, product by product."""
        self._rule(
            partner_category_id=self.category_sponsor.id,
            product_id=self.product_b.id,
            rate=20.0,
        )
        invoice = self._invoice(
            (600.0, 500.0, 400.0), products=[self.product_a, self.product_b]
        )
        self._pay(invoice)
        self.assertEqual(self._earned(invoice), 200.0)  # 10% of 1000 + 20% of 500
        self.assertEqual(self._earned(invoice, self.reseller), 30.0)  # 2% of 1500
        self.assertEqual(
            sorted(
                invoice.commission_line_ids.mapped(
                    lambda line: (line.partner_id.id, line.product_id.id, line.amount)
                )
            ),
            sorted(
                [
                    (self.sponsor.id, self.product_a.id, 100.0),
                    (self.sponsor.id, self.product_b.id, 100.0),
                    (self.reseller.id, self.product_a.id, 20.0),
                    (self.reseller.id, self.product_b.id, 10.0),
                ]
            ),
        )
        credit_note = invoice._reverse_moves()
        credit_note.action_post()
        self._pay(credit_note)
        self.assertEqual(self._earned(credit_note), -200.0)
        self.assertEqual(self._earned(invoice + credit_note, self.reseller), 0.0)

    def test_ledger_lines_say_how_they_were_earned(self):
        """Each appended line carries the terms it was earned on, in company
        currency, and the invoice shows it at once."""
        invoice = self._invoice((600.0, 400.0))
        self.assertFalse(invoice.commission_line_ids)  # now in the cache
        self._pay(invoice, 500.0)
        line = invoice.commission_line_ids.filtered(
            lambda line: line.partner_id == self.sponsor
        )
        self.assertRecordValues(
            line,
            [
                {
                    "beneficiary": "registrant",
                    "rule_id": self.rule_sponsor.id,
                    "rate": 10.0,
                    "lead_id": self.registration.id,
                    "move_line_id": invoice.invoice_line_ids[0].id,
                    "product_id": self.product_a.id,
                    "base_amount": 500.0,
                    "amount": 50.0,
                    "company_id": self.company.id,
                    "currency_id": self.company.currency_id.id,
                    "state": "pending",
                    "settlement_id": False,
                    "create_uid": self.env.uid,
                }
            ],
        )
        self.assertTrue(line.create_date)
        upline = invoice.commission_line_ids - line
        self.assertRecordValues(
            upline,
            [
                {
                    "beneficiary": "upline",
                    "rule_id": False,
                    "rate": 2.0,
                    "partner_id": self.reseller.id,
                    "amount": 10.0,
                }
            ],
        )
        self.assertEqual(invoice.commission_total, 60.0)

    def test_upline_earns_the_tier_bonus(self):
        """The sub-network leader earns its tier's bonus, or its own rule."""
        invoice = self._invoice()
        self._pay(invoice)
        self.assertEqual(self._earned(invoice, self.reseller), 20.0)
        self.env["partner.commission.rule"].create(
            {"name": "Upline", "beneficiary": "upline", "rate": 3.0}
        )
        second = self._invoice()
        self._pay(second)
        self.assertEqual(self._earned(second, self.reseller), 30.0)

    def test_unreconcile_and_reconcile_again(self):
        """Removing a payment brings the ledger down, reconciling brings it back."""
        invoice = self._invoice()
        payment = self._pay(invoice)
        self.assertEqual(self._earned(invoice), 100.0)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        counterpart = payment.move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        invoice.js_remove_outstanding_partial(receivable.matched_credit_ids.id)
        self.assertEqual(self._earned(invoice), 0.0)
        (receivable + counterpart).reconcile()
        self.assertEqual(self._earned(invoice), 100.0)
        # the paid hook fires again on re-reconciliation: nothing doubles
        invoice._invoice_paid_hook()
        invoice._commission_sync()
        self.assertEqual(self._earned(invoice), 100.0)

    def test_reset_to_draft_and_cancel(self):
        """Draft or cancelled invoices are due nothing; reposting restores."""
        invoice = self._invoice()
        self._pay(invoice)
        invoice.button_draft()
        self.assertEqual(self._earned(invoice), 0.0)
        invoice.action_post()
        self.assertEqual(self._earned(invoice), 0.0)  # payment left outstanding
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        outstanding = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
                ("move_id", "!=", invoice.id),
            ]
        )
        (receivable + outstanding).reconcile()
        self.assertEqual(self._earned(invoice), 100.0)
        invoice.line_ids.remove_move_reconcile()
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(self._earned(invoice), 0.0)

    def test_settled_lines_are_never_edited(self):
        """A settled line cannot be changed; corrections are new lines."""
        invoice = self._invoice()
        self._pay(invoice)
        settlement = self.env["partner.commission.settlement"]._create_settlements(
            "2099-12-31"
        )
        line = settlement.line_ids[:1]
        # No user may write ledger lines, and the system itself never edits a
        # settled one.
        with self.assertRefused(AccessError, "not allowed to modify"):
            line.amount = 1.0
        with self.assertRefused(
            UserError, "Settled commission lines cannot be changed"
        ):
            line.sudo().amount = 1.0
        with self.assertRefused(UserError, "never delete"):
            line.sudo().unlink()
        invoice.button_draft()
        self.assertEqual(self._earned(invoice), 0.0)
        self.assertEqual(line.state, "settled")

    def test_an_invoice_that_earned_is_cancelled_not_deleted(self):
        """Paid, unpaid and reset to draft, an invoice nets to zero but keeps
        its ledger: deleting it says to cancel it; one that never earned is
        deleted."""
        invoice = self._invoice()
        payment = self._pay(invoice)
        self.assertEqual(self._earned(invoice), 100.0)
        payment.action_draft()
        invoice.button_draft()
        self.assertEqual(self._earned(invoice), 0.0)
        with self.assertRefused(UserError, "cannot be deleted"):
            invoice.unlink()
        self.assertTrue(invoice.exists())
        invoice.button_cancel()
        self.assertEqual(invoice.state, "cancel")
        never_paid = self._invoice(post=False)
        never_paid.unlink()
        self.assertFalse(never_paid.exists())

    def test_full_credit_note_nets_to_zero(self):
        """An invoice settled by its credit note earns nothing in total."""
        invoice = self._invoice()
        credit_note = invoice._reverse_moves(cancel=True)
        self.assertEqual(credit_note.registration_id, self.registration)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(self._earned(invoice), 100.0)
        self.assertEqual(self._earned(credit_note), -100.0)
        self.assertEqual(self._earned(invoice + credit_note), 0.0)

    def test_credit_notes_follow_their_invoice_to_another_registration(self):
        """An accountant credits a refunded invoice to another registration:
        its credit note follows, and both registrants net to zero."""
        other_customer = self.env["res.partner"].create(
            {"name": "Cliente Dos SA", "is_company": True}
        )
        other = self._accepted_registration(self.reseller_two, other_customer)
        self._rule(partner_id=self.reseller_two.id, rate=10.0)
        invoice = self._invoice()
        credit_note = invoice._reverse_moves(cancel=True)
        self.assertEqual(self._earned(invoice + credit_note), 0.0)
        invoice.registration_id = other
        self.assertEqual(credit_note.registration_id, other)
        self.assertEqual(self._earned(invoice + credit_note), 0.0)
        self.assertEqual(self._earned(invoice + credit_note, self.reseller_two), 0.0)
        self.assertEqual(self._earned(invoice, self.reseller_two), 100.0)

    def test_credit_note_undoes_its_invoice_on_its_terms(self):
        """A credit note dated after its invoice's rule ended, at another
        exchange rate, takes back exactly what its invoice earned: the rules
        of the invoice's date, at the invoice's rate."""
        currency = self.setup_other_currency(
            "EUR", rounding=0.01, rates=[("2026-03-01", 2.0), ("2026-04-01", 4.0)]
        )
        self.rule_sponsor.date_to = "2026-03-31"
        self._rule(
            partner_category_id=self.category_sponsor.id,
            rate=5.0,
            date_from="2026-04-01",
        )
        invoice = self._invoice(currency=currency)  # 1000 EUR = 500 in March
        credit_note = invoice._reverse_moves(
            [{"invoice_date": "2026-04-10", "date": "2026-04-10"}], cancel=True
        )
        # Odoo values the credit note at April's rate: 250
        self.assertEqual(abs(credit_note.invoice_line_ids.balance), 250.0)
        self.assertEqual(self._earned(invoice), 50.0)
        self.assertEqual(self._earned(credit_note), -50.0)
        self.assertEqual(self._earned(invoice + credit_note, self.reseller), 0.0)
        self.assertEqual(
            credit_note.commission_line_ids.mapped("base_amount"), [-500.0, -500.0]
        )

    def test_partial_credit_note_and_payment(self):
        """Credit note of 300 and payment of 700: commission on 700 only."""
        invoice = self._invoice()
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Descuento"})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.invoice_line_ids.price_unit = 300.0
        credit_note.action_post()
        receivables = (credit_note + invoice).line_ids.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        )
        if len(receivables) == 2:  # unless posting the credit note matched them
            receivables.reconcile()
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertEqual(self._earned(credit_note), -30.0)
        self._pay(invoice, 700.0)
        self.assertEqual(self._earned(invoice + credit_note), 70.0)

    def test_hand_made_credit_note_of_the_prospect_takes_back(self):
        """A credit note entered by hand (not a reversal) for the prospect is
        credited to its registration: matched with the invoice, both net to
        zero instead of the invoice counting as paid."""
        invoice = self._invoice()
        credit_note = self._invoice(move_type="out_refund")
        self.assertEqual(credit_note.registration_id, self.registration)
        (invoice + credit_note).line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        ).reconcile()
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(self._earned(invoice), 100.0)
        self.assertEqual(self._earned(invoice + credit_note), 0.0)

    def test_reversal_of_an_uncredited_invoice_stays_uncredited(self):
        """An accountant takes an invoice off its registration; its credit
        note, although its customer is still the protected prospect, follows
        the invoice and takes nothing back from the registrant."""
        invoice = self._invoice()
        invoice.registration_id = False
        credit_note = invoice._reverse_moves(cancel=True)
        self.assertFalse(credit_note.registration_id)
        self.assertEqual(self._earned(invoice + credit_note), 0.0)
        self.assertFalse(credit_note.commission_line_ids)

    def test_unattributed_credit_note_earns_nothing(self):
        """A credit note not credited to a registration creates no commission."""
        other = self.env["res.partner"].create({"name": "Sin Registro"})
        credit_note = self._invoice(customer=other, move_type="out_refund")
        self._pay(credit_note)
        self.assertFalse(credit_note.commission_line_ids)

    def test_foreign_currency(self):
        """Accrues in company currency at the invoice rate, not the payment rate."""
        currency = self.setup_other_currency(
            "EUR", rounding=0.01, rates=[("2026-03-01", 2.0), ("2026-03-15", 4.0)]
        )
        invoice = self._invoice(currency=currency)  # 1000 EUR = 500 at the invoice rate
        self._pay(invoice, 500.0, currency=currency)  # half, at another rate
        self.assertEqual(self._earned(invoice), 25.0)
        self._pay(invoice, 500.0, currency=currency)
        self.assertEqual(self._earned(invoice), 50.0)
        self.assertEqual(
            invoice.commission_line_ids.currency_id, self.company.currency_id
        )

    def test_bank_matched_basis(self):
        """With the bank-matched basis, only payments matched on a statement count."""
        self.company.commission_basis = "bank_matched"
        invoice = self._invoice()
        payment = self._pay(invoice)
        self.assertFalse(payment.is_matched)
        self.assertEqual(self._earned(invoice), 0.0)
        statement_line = self.env["account.bank.statement.line"].create(
            {
                "payment_ref": invoice.name,
                "journal_id": self.bank_journal.id,
                "partner_id": self.customer.id,
                "amount": 1000.0,
            }
        )
        _liquidity, suspense, _other = statement_line.with_context(
            skip_account_move_synchronization=True
        )._seek_for_lines()
        liquidity, _counterpart, _writeoff = payment._seek_for_lines()
        suspense.account_id = liquidity.account_id
        (suspense + liquidity).reconcile()
        self.assertTrue(payment.is_matched)
        self.assertEqual(self._earned(invoice), 100.0)

    def test_replay_changes_nothing(self):
        """Syncing again, once or in a batch, adds no line."""
        invoices = self._invoice() + self._invoice((500.0, 250.0))
        self._pay(invoices)
        count = len(invoices.commission_line_ids)
        for _attempt in range(3):
            invoices._commission_sync()
            invoices[0]._commission_sync()
        invoices.invalidate_recordset(["commission_line_ids"])
        self.assertEqual(len(invoices.commission_line_ids), count)
        self.assertEqual(self._earned(invoices), 175.0)

    def test_batch_sync_costs_constant_queries(self):
        """Syncing 2 or 10 invoices costs the same number of queries."""

        def paid_invoices(count):
            invoices = self.env["account.move"].union(
                *(self._invoice() for _index in range(count))
            )
            self._pay(invoices)
            self.assertEqual(self._earned(invoices), 100.0 * count)
            return invoices

        small, large = paid_invoices(2), paid_invoices(10)
        counts = []
        for invoices in (small, large):
            # start from an empty ledger, as after a bank reconciliation
            self.env.cr.execute(
                "DELETE FROM partner_commission_line WHERE move_id IN %s",
                [tuple(invoices.ids)],
            )
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            invoices._commission_sync()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(self._earned(invoices), 100.0 * len(invoices))
        self.assertEqual(counts[0], counts[1])

    def test_company_b_invoices_never_pay_company_a_partners(self):
        """A partner of company A earns nothing on company B's invoices."""
        company_b_data = self.setup_other_company()
        company_b = company_b_data["company"]
        invoice = (
            self.env["account.move"]
            .with_company(company_b)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_date": "2026-03-10",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_a.id,
                                "price_unit": 1000.0,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        self.assertFalse(invoice.registration_id)
        self.assertFalse(invoice.commission_line_ids)
