# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ledger read through the ORM in the transaction that changed it is up
to date, as Odoo's stored computations are: what an automated action, a
server script or another module's code reads right after a payment."""

from odoo.tests import tagged

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestLedgerConsistency(CommissionCommon):
    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _lines_in_database(self, invoices):
        """Lines the database holds for ``invoices``, without the ORM: what
        waits for the commit is not there yet."""
        self.env.cr.execute(
            "SELECT count(*) FROM partner_commission_line WHERE move_id IN %s",
            [tuple(invoices.ids)],
        )
        return self.env.cr.fetchone()[0]

    def _totals(self, invoices):
        """{(invoice, beneficiary): amount} the ledger holds, by _read_group."""
        return {
            (move.id, partner.id): amount
            for move, partner, amount in self.env[
                "partner.commission.line"
            ]._read_group(
                [("move_id", "in", invoices.ids)],
                ["move_id", "partner_id"],
                ["amount:sum"],
            )
        }

    def _paid_invoices(self, count):
        """``count`` invoices of 1000 paid in one payment register call: what
        Odoo reconciles one at a time, the ledger syncs in one batch."""
        invoices = self.env["account.move"].union(
            *(self._invoice() for _index in range(count))
        )
        self._pay(invoices)
        # what the payments leave for the ORM to write is written now: what
        # the tests count after is the ledger's work only
        self.env.flush_all()
        return invoices

    # ------------------------------------------------------------
    # every read of the ledger, right after the payment
    # ------------------------------------------------------------

    def test_every_read_of_the_lines_sees_the_payment(self):
        """Each way of reading the ledger, first thing after a payment in the
        same transaction, finds the sponsor's 100 and the upline's 20: the
        lines are not in the database yet, the read brings them."""
        Line = self.env["partner.commission.line"]

        def domain(invoice):
            return [("move_id", "=", invoice.id)]

        readers = {
            "search": lambda invoice: len(Line.search(domain(invoice))),
            "search_count": lambda invoice: Line.search_count(domain(invoice)),
            "search_read": lambda invoice: len(
                Line.search_read(domain(invoice), ["amount"])
            ),
            "web_search_read": lambda invoice: Line.web_search_read(
                domain(invoice), {"amount": {}}
            )["length"],
            "read_group": lambda invoice: Line.read_group(
                domain(invoice), ["amount:sum"], []
            )[0]["__count"],
            "web_read_group": lambda invoice: Line.web_read_group(
                domain(invoice), ["amount:sum"], ["partner_id"]
            )["length"],
            "_read_group": lambda invoice: Line._read_group(
                domain(invoice), [], ["__count"]
            )[0][0],
            "name_search": lambda invoice: len(Line.name_search("", domain(invoice))),
        }
        for name, read in readers.items():
            with self.subTest(read=name):
                invoice = self._invoice()
                self._pay(invoice)
                self.assertEqual(self._lines_in_database(invoice), 0)
                self.assertEqual(read(invoice), 2)
                self.assertEqual(
                    self._totals(invoice),
                    {
                        (invoice.id, self.sponsor.id): 100.0,
                        (invoice.id, self.reseller.id): 20.0,
                    },
                )

    def test_the_invoice_shows_the_payment(self):
        """What the invoice showed of its ledger before a payment, held in
        the cache, gives way at once to the paid figures, however they are
        read: 72 on 600 paid, then 120 on the rest."""
        readers = {
            "commission_total": lambda invoice: invoice.commission_total,
            "commission_line_ids": lambda invoice: sum(
                invoice.commission_line_ids.mapped("amount")
            ),
            "read": lambda invoice: invoice.read(["commission_total"])[0][
                "commission_total"
            ],
            "web_read": lambda invoice: invoice.web_read({"commission_total": {}})[0][
                "commission_total"
            ],
            "_read_group": lambda invoice: self.env["account.move"]._read_group(
                [("id", "=", invoice.id)], [], ["commission_total:sum"]
            )[0][0],
        }
        for name, read in readers.items():
            with self.subTest(read=name):
                invoice = self._invoice()
                self.assertEqual(invoice.commission_total, 0.0)
                self.assertFalse(invoice.commission_line_ids)
                self._pay(invoice, 600.0)
                self.assertEqual(self._lines_in_database(invoice), 0)
                self.assertEqual(read(invoice), 72.0)
                self._pay(invoice, 400.0)
                self.assertEqual(read(invoice), 120.0)
                self.assertEqual(
                    sorted(invoice.commission_line_ids.mapped("amount")),
                    [8.0, 12.0, 40.0, 60.0],
                )

    def test_invoices_searched_by_commission(self):
        """A search of the invoices by their commission, right after their
        payment, finds them by what they earn now."""
        invoice = self._invoice()
        Move = self.env["account.move"]
        domain = [("id", "=", invoice.id), ("commission_total", "=", 120.0)]
        self.assertFalse(Move.search_count(domain))
        self._pay(invoice)
        self.assertEqual(self._lines_in_database(invoice), 0)
        self.assertEqual(Move.search(domain), invoice)

    # ------------------------------------------------------------
    # every event that changes what was paid
    # ------------------------------------------------------------

    def test_unreconcile_then_read(self):
        """Removing the payment from the invoice takes the commission back
        at once."""
        invoice = self._invoice()
        self._pay(invoice)
        self.assertEqual(invoice.commission_total, 120.0)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        invoice.js_remove_outstanding_partial(receivable.matched_credit_ids.id)
        self.assertEqual(invoice.commission_total, 0.0)
        self.assertEqual(self._earned(invoice), 0.0)
        self.assertEqual(
            self.env["partner.commission.line"].search_count(
                [("move_id", "=", invoice.id), ("amount", "<", 0.0)]
            ),
            2,
        )

    def test_credit_note_then_read(self):
        """A full refund with the reversal wizard (reverse, then a new draft)
        reconciles the credit note with the invoice: both show, at once,
        what they earn and take back."""
        invoice = self._invoice()
        self.assertEqual(invoice.commission_total, 0.0)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Devolución"})
        )
        reversal.modify_moves()
        credit_note = invoice.reversal_move_ids
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(self._lines_in_database(invoice + credit_note), 0)
        self.assertEqual(
            self._totals(invoice + credit_note),
            {
                (invoice.id, self.sponsor.id): 100.0,
                (invoice.id, self.reseller.id): 20.0,
                (credit_note.id, self.sponsor.id): -100.0,
                (credit_note.id, self.reseller.id): -20.0,
            },
        )
        self.assertEqual(invoice.commission_total, 120.0)
        self.assertEqual(credit_note.commission_total, -120.0)

    def test_foreign_currency_payment_then_read(self):
        """Half of 1000 EUR (500 at the invoice's rate) paid at another rate:
        25 and 5 at once, in company currency."""
        currency = self.setup_other_currency(
            "EUR", rounding=0.01, rates=[("2026-03-01", 2.0), ("2026-03-15", 4.0)]
        )
        invoice = self._invoice(currency=currency)
        self._pay(invoice, 500.0, currency=currency)
        self.assertEqual(self._lines_in_database(invoice), 0)
        self.assertEqual(invoice.commission_total, 30.0)
        self.assertEqual(self._earned(invoice), 25.0)
        self.assertEqual(
            invoice.commission_line_ids.currency_id, self.company.currency_id
        )

    def test_reader_without_access_to_invoices(self):
        """A network user, who reads the ledger but not the invoices, finds
        the lines of a payment of the same transaction: the sync runs as the
        system."""
        invoice = self._invoice()
        self._pay(invoice)
        lines = (
            self.env["partner.commission.line"]
            .with_user(self.manager_a)
            .search([("partner_id", "=", self.sponsor.id)])
        )
        self.assertEqual(sum(lines.mapped("amount")), 100.0)

    # ------------------------------------------------------------
    # batches stay batches
    # ------------------------------------------------------------

    def test_payment_of_many_invoices_syncs_in_one_batch(self):
        """Paying 5 invoices in one call writes no line while Odoo reconciles
        them; the first read then syncs them all for no more queries than
        for 1."""
        # warm the caches a first payment and its sync fill
        self._totals(self._paid_invoices(1))
        single = self._paid_invoices(1)
        before = self.cr.sql_log_count
        self.assertEqual(sum(self._totals(single).values()), 120.0)
        expected = self.cr.sql_log_count - before
        invoices = self._paid_invoices(5)
        self.assertEqual(self._lines_in_database(invoices), 0)
        with self.assertQueryCount(expected, flush=False):
            totals = self._totals(invoices)
        self.assertEqual(sum(totals.values()), 600.0)

    def test_reading_the_invoices_syncs_nothing(self):
        """What Odoo reads of the invoices while it reconciles them, from the
        database (their residual), leaves the ledger waiting: only reading
        the ledger syncs, and then all of them at once."""
        invoices = self._paid_invoices(2)
        self.env.invalidate_all()
        self.assertEqual(invoices.mapped("amount_residual"), [0.0, 0.0])
        self.assertEqual(self._lines_in_database(invoices), 0)
        self.assertEqual(sum(self._totals(invoices).values()), 240.0)

    def test_bank_matching_of_many_invoices_syncs_in_one_batch(self):
        """A bank reconciliation matches each statement line with its
        invoice, one at a time: nothing is synced until the ledger is read,
        then all of them in one batch, for no more queries for 5 than for 1."""

        def match_one_by_one(count):
            invoices = self.env["account.move"].union(
                *(self._invoice() for _index in range(count))
            )
            for invoice in invoices:
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
                receivable = invoice.line_ids.filtered(
                    lambda line: line.account_type == "asset_receivable"
                )
                suspense.account_id = receivable.account_id
                (suspense + receivable).reconcile()
            # as after a payment (_paid_invoices)
            self.env.flush_all()
            return invoices

        self._totals(match_one_by_one(1))
        single = match_one_by_one(1)
        before = self.cr.sql_log_count
        self.assertEqual(sum(self._totals(single).values()), 120.0)
        expected = self.cr.sql_log_count - before
        invoices = match_one_by_one(5)
        self.assertEqual(self._lines_in_database(invoices), 0)
        with self.assertQueryCount(expected, flush=False):
            totals = self._totals(invoices)
        self.assertEqual(sum(totals.values()), 600.0)
