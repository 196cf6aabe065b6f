# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Races between real transactions on the ledger and the settlements.

Each test commits in its own cursors, two at a time. Both transactions read
the starting state (which fixes their REPEATABLE READ snapshot) before a
barrier lets them go on, so that each one works on the state the other has
not committed yet, whatever the timing. Odoo retries a request that fails to
serialize (``retrying``); the tests do the same, so that what they check is
what users get, and they check that one of the two was indeed retried.
"""

from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.partner_commission.models.account_partial_reconcile import (
    AccountPartialReconcile,
)
from odoo.addons.partner_network.tests.common import RealTransactionCase

RATE = 10.0


@tagged("post_install", "-at_install", "partner_commission_concurrency")
class TestCommissionConcurrency(RealTransactionCase):
    @classmethod
    def setUpClass(cls):
        cls.partner_ids, cls.product_id, cls.rule_id = [], None, None
        super().setUpClass()
        with cls._transaction() as env:
            company = env.company
            sponsor_category = env.ref(
                "partner_network.partner_network_category_sponsor"
            )
            sponsor = env["res.partner"].create(
                {
                    "name": "Concurrency Commission Sponsor",
                    "network_category_ids": [Command.set(sponsor_category.ids)],
                    "network_state": "active",
                }
            )
            cls.partner_ids.append(sponsor.id)
            customer = env["res.partner"].create(
                {"name": "Carreras Simultáneas Zeta, S.L.", "is_company": True}
            )
            cls.partner_ids.append(customer.id)
            env["partner.network.agreement"].create(
                {
                    "partner_id": sponsor.id,
                    "company_id": company.id,
                    "date_start": "2020-01-01",
                    "state": "active",
                }
            )
            registration = env["crm.lead"].create(
                {
                    "name": "Concurrency commission deal",
                    "type": "opportunity",
                    "company_id": company.id,
                    "registration_partner_id": sponsor.id,
                    "partner_id": customer.id,
                    "partner_name": customer.name,
                    "registration_vat": "ESB99000017",
                    "registration_need": "ERP",
                    "registration_budget": 10000.0,
                    "registration_implementation_date": "2099-01-01",
                }
            )
            registration.action_registration_submit()
            registration.action_registration_accept("internal")
            cls.product_id = (
                env["product.product"]
                .create(
                    {
                        "name": "Concurrency consulting",
                        "type": "service",
                        "taxes_id": [Command.clear()],
                    }
                )
                .id
            )
            # the most specific rule (partner) wins over any other of the base
            cls.rule_id = (
                env["partner.commission.rule"]
                .create(
                    {
                        "name": "Concurrency sponsor",
                        "company_id": company.id,
                        "partner_id": sponsor.id,
                        "rate": RATE,
                    }
                )
                .id
            )
            cls.sponsor_id, cls.customer_id = sponsor.id, customer.id
            cls.registration_id = registration.id
            cls.bank_journal_id = (
                env["account.journal"]
                .search(
                    [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
                )
                .id
            )

    @classmethod
    def _remove_committed_data(cls):
        """Remove whatever the tests committed, also after a failure, so that
        they run again on the same database."""
        with cls._transaction() as env:
            # force_delete: these entries were posted; delete them wherever
            # they stand in their journal's sequence
            env = env(context=dict(env.context, force_delete=True))
            partners = env["res.partner"].browse(cls.partner_ids).exists()
            if partners:
                payments = env["account.payment"].search(
                    [("partner_id", "in", partners.ids)]
                )
                statement_lines = env["account.bank.statement.line"].search(
                    [("partner_id", "in", partners.ids)]
                )
                moves = env["account.move"].search([("partner_id", "in", partners.ids)])
                settlements = env["partner.commission.settlement"].search(
                    [("partner_id", "in", partners.ids)]
                )
                # drafting unreconciles (the ledger appends reversals: removed
                # below with the rest of the ledger)
                payments.filtered(lambda pay: pay.state != "draft").action_draft()
                moves.filtered(lambda move: move.state == "posted").button_draft()
                # without its bill, a settlement is approved again: cancel it
                moves.filtered(lambda move: move.move_type == "in_invoice").unlink()
                settlements.filtered(
                    lambda settlement: settlement.state != "cancelled"
                ).action_cancel()
                settlements.unlink()
                env.flush_all()
                # the ledger refuses deletion by design: remove test lines in SQL
                env.cr.execute(
                    "DELETE FROM partner_commission_line "
                    "WHERE partner_id IN %s OR move_id IN %s",
                    [tuple(partners.ids), tuple(moves.ids or [0])],
                )
                env.invalidate_all()
                payments.unlink()
                statement_lines.unlink()
                moves.exists().unlink()
                cls._remove_registrations_and_agreements(partners)
                # the payment wizards would be vacuumed later, but hold the partner
                env["account.payment.register"].search(
                    [("partner_id", "in", partners.ids)]
                ).unlink()
            env["partner.commission.rule"].browse(cls.rule_id).exists().unlink()
            env["product.product"].browse(cls.product_id).exists().unlink()
            partners.unlink()

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _posted_invoice(self, amount=1000.0):
        with self._transaction() as env:
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer_id,
                    "invoice_date": fields.Date.context_today(env.user),
                    "registration_id": self.registration_id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            invoice.action_post()
            return invoice.id

    def _pay(self, env, invoice_id, amount):
        """Register a payment of ``amount`` and reconcile it with the invoice."""
        wizard = (
            env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=[invoice_id])
            .create(
                {
                    "amount": amount,
                    "payment_date": fields.Date.context_today(env.user),
                    "journal_id": self.bank_journal_id,
                }
            )
        )
        return wizard._create_payments().ids

    def _ledger(self, env, invoice_id):
        """Amounts appended for the invoice, in the order they were written."""
        return (
            env["partner.commission.line"]
            .search([("move_id", "=", invoice_id)], order="id")
            .mapped("amount")
        )

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_sync_while_reconciling(self):
        """A ledger sync of an invoice (``_commission_sync()``, as a safety-net
        cron runs it) and the reconciliation of a payment with that invoice at
        once: the ledger reaches the target once, not twice.

        The ledger is behind (a payment of 400 that the hooks missed), so both
        transactions have the same difference to append: the reconciliation
        of the remaining 600 computes 100 - 0, the sync 40 - 0. Unless one
        waits for the other and recomputes, the ledger ends at 140.
        """
        invoice_id = self._posted_invoice(1000.0)
        with (
            patch.object(
                AccountPartialReconcile, "_commission_sync_invoices", lambda self: None
            ),
            self._transaction() as env,
        ):
            self._pay(env, invoice_id, 400.0)
        with self._transaction() as env:
            invoice = env["account.move"].browse(invoice_id)
            self.assertEqual(invoice.amount_residual, 600.0)
            self.assertEqual(self._ledger(env, invoice_id), [])

        def before(env):
            invoice = env["account.move"].browse(invoice_id)
            self.assertEqual(invoice.amount_residual, 600.0)
            self.assertFalse(invoice.commission_line_ids)

        outcomes = self._race(
            before,
            reconcile=lambda env: self._pay(env, invoice_id, 600.0),
            sync=lambda env: env["account.move"].browse(invoice_id)._commission_sync(),
        )
        with self._transaction() as env:
            invoice = env["account.move"].browse(invoice_id)
            self.assertEqual(invoice.amount_residual, 0.0)
            ledger = self._ledger(env, invoice_id)
            self.assertEqual(round(sum(ledger), 2), 100.0, (ledger, outcomes))
            self._assert_one_retried(outcomes)
            # the loser recomputed on what the winner had committed
            expected = [100.0] if outcomes["sync"][0] > 1 else [40.0, 60.0]
            self.assertEqual(ledger, expected, outcomes)
            self.assertEqual(invoice.commission_total, 100.0)

    def test_two_payments_at_once(self):
        """Two partial payments of one invoice reconciled at once: the ledger
        equals the target of what both paid, to the cent.

        Alone, 300.04 earns 30.00 and 200.04 earns 20.00; together 500.08
        earns 50.01: the second to commit appends the difference computed on
        both payments, not its own share. (Both transactions write the
        invoice's residual, so PostgreSQL serializes them whatever the ledger
        does; the bank-matched case below is the one only the ledger guards.)
        """
        invoice_id = self._posted_invoice(1000.0)

        def before(env):
            invoice = env["account.move"].browse(invoice_id)
            self.assertEqual(invoice.payment_state, "not_paid")

        outcomes = self._race(
            before,
            first=lambda env: self._pay(env, invoice_id, 300.04),
            second=lambda env: self._pay(env, invoice_id, 200.04),
        )
        with self._transaction() as env:
            invoice = env["account.move"].browse(invoice_id)
            self.assertAlmostEqual(invoice.amount_residual, 499.92)
            ledger = self._ledger(env, invoice_id)
            self.assertEqual(round(sum(ledger), 2), 50.01, (ledger, outcomes))
            self._assert_one_retried(outcomes)
            # one payment each: the loser's first one was rolled back
            payments = env["account.payment"].search(
                [("invoice_ids", "in", invoice_id)]
            )
            self.assertEqual(
                sorted(payments.ids),
                sorted(pid for _attempts, ids in outcomes.values() for pid in ids),
            )
            self.assertEqual(invoice._get_reconciled_payments(), payments)
            expected = [30.0, 20.01] if outcomes["first"][0] == 1 else [20.0, 30.01]
            self.assertEqual(ledger, expected, outcomes)
            self.assertEqual(invoice.commission_total, 50.01)

    def test_two_bank_matchings_at_once(self):
        """Bank-matched basis: two payments of one invoice matched with their
        bank statement lines at once: 50.01 as above, not 50.00.

        Matching a payment changes none of the invoice's own columns: here
        Odoo does not serialize the two transactions, only the ledger does
        (it locks the invoice's row, then writes it with the new total)."""
        with self._transaction() as env:
            company = env.company
            basis = company.commission_basis
            company.commission_basis = "bank_matched"

        def restore_basis():
            with self._transaction() as env:
                env.company.commission_basis = basis

        self.addCleanup(restore_basis)
        invoice_id = self._posted_invoice(1000.0)
        pairs = {}
        for name, amount in (("first", 300.04), ("second", 200.04)):
            with self._transaction() as env:
                [payment_id] = self._pay(env, invoice_id, amount)
                statement_line = env["account.bank.statement.line"].create(
                    {
                        "payment_ref": f"Race {name}",
                        "journal_id": self.bank_journal_id,
                        "partner_id": self.customer_id,
                        "amount": amount,
                    }
                )
                # what the bank reconciliation does: the statement line's
                # suspense line meets the payment's outstanding line
                _liquidity, suspense, _other = statement_line.with_context(
                    skip_account_move_synchronization=True
                )._seek_for_lines()
                outstanding = (
                    env["account.payment"].browse(payment_id)._seek_for_lines()[0]
                )
                suspense.account_id = outstanding.account_id
                pairs[name] = (suspense | outstanding).ids

        def before(env):
            invoice = env["account.move"].browse(invoice_id)
            self.assertEqual(invoice.payment_state, "partial")
            self.assertFalse(invoice.commission_line_ids)

        def match(name):
            return lambda env: env["account.move.line"].browse(pairs[name]).reconcile()

        outcomes = self._race(before, first=match("first"), second=match("second"))
        with self._transaction() as env:
            invoice = env["account.move"].browse(invoice_id)
            self.assertTrue(
                all(invoice._get_reconciled_payments().mapped("is_matched"))
            )
            ledger = self._ledger(env, invoice_id)
            self.assertEqual(round(sum(ledger), 2), 50.01, (ledger, outcomes))
            self._assert_one_retried(outcomes)
            expected = [30.0, 20.01] if outcomes["first"][0] == 1 else [20.0, 30.01]
            self.assertEqual(ledger, expected, outcomes)
            self.assertEqual(invoice.commission_total, 50.01)

    def test_create_bills_twice_at_once(self):
        """``action_create_bills()`` on one approved settlement in two
        transactions at once (a double click, two accountants): one vendor
        bill; the other call, retried, finds the settlement billed and does
        nothing."""
        invoice_id = self._posted_invoice(1000.0)
        with self._transaction() as env:
            self._pay(env, invoice_id, 1000.0)
        with self._transaction() as env:
            lines = env["partner.commission.line"].search(
                [("move_id", "=", invoice_id)]
            )
            self.assertEqual(lines.mapped("amount"), [100.0])
            # settle these lines only (``_create_settlements`` settles every
            # payable line of the database)
            settlement = env["partner.commission.settlement"].create(
                {
                    "partner_id": self.sponsor_id,
                    "company_id": lines.company_id.id,
                    "date_from": lines.date.replace(day=1),
                    "date_to": lines.date,
                }
            )
            lines.write({"settlement_id": settlement.id, "state": "settled"})
            settlement.action_approve()
            settlement_id = settlement.id

        def before(env):
            settlement = env["partner.commission.settlement"].browse(settlement_id)
            self.assertEqual(settlement.state, "approved")
            self.assertFalse(settlement.invoice_id)

        def create_bills(env):
            settlements = env["partner.commission.settlement"].browse(settlement_id)
            return settlements.action_create_bills().ids

        outcomes = self._race(before, first=create_bills, second=create_bills)
        with self._transaction() as env:
            settlement = env["partner.commission.settlement"].browse(settlement_id)
            bills = env["account.move"].search(
                [("move_type", "=", "in_invoice"), ("partner_id", "=", self.sponsor_id)]
            )
            self.assertEqual(len(bills), 1, outcomes)
            self._assert_one_retried(outcomes)
            # the loser's retry found the settlement billed: a no-op
            self.assertEqual(
                sorted(bill_ids for _attempts, bill_ids in outcomes.values()),
                [[], bills.ids],
                outcomes,
            )
            self.assertEqual(settlement.invoice_id, bills)
            self.assertEqual(bills.state, "posted")
            self.assertEqual(bills.amount_total, 100.0)
            self.assertEqual(settlement.state, "invoiced")
