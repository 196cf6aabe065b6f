# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Random sequences of real accounting events on real invoices: after every
step the ledger equals its target and no line is ever duplicated."""

from contextlib import closing

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .common import CommissionCommon

EVENTS = st.lists(
    st.sampled_from(
        [
            "pay_part",
            "pay_rest",
            "unreconcile",
            "credit_note",
            "reset_draft",
            "repost",
            "cancel",
            "sync_again",
        ]
    ),
    min_size=1,
    max_size=6,
)


@tagged("post_install", "-at_install")
class TestCommissionProperties(CommissionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency(
            "EUR", rounding=0.01, rates=[("2026-01-01", 2.0), ("2026-03-15", 2.5)]
        )

    def _expected(self, invoices):
        """What the rules say on what was paid, computed from the invoices alone."""
        total = 0.0
        for move in invoices:
            if move.state != "posted" or not move.registration_id:
                continue
            fraction = 1 - move.amount_residual / move.amount_total
            # the credit notes here reverse their whole invoice: on the
            # invoice's terms, their base is the invoice's, negated
            source, sign = (
                (move.reversed_entry_id, 1) if move.reversed_entry_id else (move, -1)
            )
            for lines in source.invoice_line_ids.grouped("product_id").values():
                base = sign * sum(lines.mapped("balance"))
                total += self.company.currency_id.round(base * fraction * 0.10)
        return self.company.currency_id.round(total)

    def _step(self, event, invoice, moves):
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        if (
            event == "pay_part"
            and invoice.state == "posted"
            and invoice.amount_residual
        ):
            self._pay(
                invoice,
                round(invoice.amount_residual / 3, 2),
                currency=invoice.currency_id,
            )
        elif (
            event == "pay_rest"
            and invoice.state == "posted"
            and invoice.amount_residual
        ):
            self._pay(invoice, currency=invoice.currency_id)
        elif event == "unreconcile" and receivable.matched_credit_ids:
            invoice.js_remove_outstanding_partial(receivable.matched_credit_ids[-1:].id)
        elif (
            event == "credit_note"
            and invoice.state == "posted"
            and invoice.payment_state == "not_paid"
        ):
            moves.append(invoice._reverse_moves(cancel=True))
        elif event == "reset_draft" and invoice.state == "posted":
            invoice.button_draft()
        elif event == "repost" and invoice.state == "draft":
            invoice.action_post()
        elif event == "cancel" and invoice.state == "draft":
            invoice.button_cancel()
        elif event == "sync_again":
            invoice._commission_sync()

    @settings(
        max_examples=50,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
        derandomize=True,
    )
    @given(
        events=EVENTS,
        foreign=st.booleans(),
        amounts=st.sampled_from([(1000.0,), (333.33, 120.5)]),
    )
    def test_ledger_always_equals_target(self, events, foreign, amounts):
        """After every event the ledger holds exactly the target, never twice."""
        with closing(self.cr.savepoint()):
            invoice = self._invoice(
                amounts,
                currency=self.eur if foreign else None,
                products=[self.product_a, self.product_b],
            )
            moves = [invoice]
            for event in events:
                self._step(event, invoice, moves)
                all_moves = self.env["account.move"].union(*moves)
                self.assertAlmostEqual(
                    self._earned(all_moves), self._expected(all_moves), places=2
                )
                lines = self.env["partner.commission.line"].search(
                    [
                        ("move_id", "in", all_moves.ids),
                        ("partner_id", "=", self.sponsor.id),
                    ]
                )
                # one line per change of what was paid, never a repeated one
                per_move = {}
                for line in lines.sorted("id"):
                    per_move.setdefault(line.move_id, []).append(line.amount)
                for amounts_of_move in per_move.values():
                    self.assertNotIn(0.0, amounts_of_move)
