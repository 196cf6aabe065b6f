# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CommissionCommon

REPLACED = "is not the vendor bill of commission settlement"


@tagged("post_install", "-at_install")
class TestCommissionSettlement(CommissionCommon):
    def _paid_invoice_on(self, day, amounts=(1000.0,)):
        """An invoice paid on ``day`` and its ledger read that day: its lines
        are dated that day, as when its request commits."""
        with freeze_time(day):
            invoice = self._invoice(amounts, invoice_date=day)
            self._pay(invoice, date=day)
            self.assertTrue(self._earned(invoice))
        return invoice

    def _commission_bills(self):
        """What the Commission Bills menu lists: its action's domain and the
        search filter it applies by default."""
        action = self.env.ref("partner_commission.account_move_commission_bill_action")
        self.assertIn("search_default_filter_commission_bills", action.context)
        arch = etree.fromstring(
            self.env["account.move"].get_view(action.search_view_id.id, "search")[
                "arch"
            ]
        )
        (bills_filter,) = arch.xpath("//filter[@name='filter_commission_bills']")
        return self.env["account.move"].search(
            safe_eval(action.domain) + safe_eval(bills_filter.get("domain"))
        )

    def _settle(self, date_to="2026-12-31"):
        return self.env["partner.commission.settlement"]._create_settlements(date_to)

    def _paid_settlement(self):
        """The sponsor's draft settlement of an invoice paid in March."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            return self._settle("2026-03-31").filtered(
                lambda s: s.partner_id == self.sponsor
            )

    def test_hold_period(self):
        """Lines wait the hold period before they can be settled."""
        self.company.commission_hold_days = 30
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            self.assertFalse(self._settle())
        with freeze_time("2026-04-10"):
            self.assertTrue(self._settle())

    def test_maturing_cron_in_batches(self):
        """The maturing cron makes held lines payable a batch per call, once
        their hold period is over, and reports its progress."""
        self.company.commission_hold_days = 30
        lines = self._paid_invoice_on("2026-03-10").commission_line_ids
        self.assertGreaterEqual(len(lines), 2)
        cron = self.env.ref("partner_commission.ir_cron_partner_commission_line_mature")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Line = self.env["partner.commission.line"].with_context(
            ir_cron_progress_id=progress.id
        )
        with freeze_time("2026-04-01"):
            Line._cron_mature(batch_size=1)
        self.assertRecordValues(progress, [{"done": 0, "remaining": 0}])
        self.assertEqual(set(lines.mapped("state")), {"pending"})
        with freeze_time("2026-04-10"):
            Line._cron_mature(batch_size=1)
            self.assertRecordValues(
                progress, [{"done": 1, "remaining": len(lines) - 1}]
            )
            for _call in range(len(lines) - 1):
                Line._cron_mature(batch_size=1)
        self.assertRecordValues(progress, [{"done": 1, "remaining": 0}])
        self.assertEqual(set(lines.mapped("state")), {"payable"})

    def test_one_settlement_per_partner_and_month(self):
        """Settlements group payable lines per partner, company and month."""
        self._paid_invoice_on("2026-03-10")
        self._paid_invoice_on("2026-03-25")
        self._paid_invoice_on("2026-04-02")
        with freeze_time("2026-05-01"):
            settlements = self._settle("2026-04-30")
        sponsor_settlements = settlements.filtered(
            lambda s: s.partner_id == self.sponsor
        ).sorted("date_from")
        self.assertRecordValues(
            sponsor_settlements,
            [
                {
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 31),
                    "amount_total": 200.0,
                },
                {
                    "date_from": date(2026, 4, 1),
                    "date_to": date(2026, 4, 30),
                    "amount_total": 100.0,
                },
            ],
        )
        self.assertEqual(
            settlements.filtered(lambda s: s.partner_id == self.reseller).mapped(
                "amount_total"
            ),
            [40.0, 20.0],
        )
        with freeze_time("2026-05-01"):
            self.assertFalse(self._settle("2026-04-30"))

    def test_negative_balance_carries_forward(self):
        """A month owing money back is not paid; it nets into the next settlement."""
        invoice = self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            self._settle("2026-03-31")  # March: +100, paid
        with freeze_time("2026-04-05"):
            invoice.line_ids.remove_move_reconcile()  # -100 in April
            self.assertEqual(self._earned(invoice), 0.0)
        with freeze_time("2026-04-30"):
            self.assertFalse(
                self._settle("2026-04-30").filtered(
                    lambda s: s.partner_id == self.sponsor
                )
            )
        self._paid_invoice_on("2026-05-10", amounts=(3000.0,))  # +300 in May
        with freeze_time("2026-06-01"):
            settlement = self._settle("2026-05-31").filtered(
                lambda s: s.partner_id == self.sponsor
            )
        # April's -100 was not paid back: it nets into May's +300
        self.assertEqual(settlement.mapped("amount_total"), [200.0])

    def test_a_zero_balance_is_not_paid(self):
        """+0.10 and +0.20 earned, then 0.30 owed back in the same month:
        the month nets to 0.00 and is not paid (as floats, it sums to a
        positive 5.6e-17); the cron does not count the partner either."""
        paid_back = self._paid_invoice_on("2026-02-10", amounts=(3.0,))
        with freeze_time("2026-03-01"):
            self._settle("2026-02-28")
        self._paid_invoice_on("2026-03-02", amounts=(1.0,))
        self._paid_invoice_on("2026-03-03", amounts=(2.0,))
        with freeze_time("2026-03-20"):
            paid_back.line_ids.remove_move_reconcile()
            self.assertEqual(self._earned(paid_back), 0.0)
        Settlement = self.env["partner.commission.settlement"]
        with freeze_time("2026-04-01"):
            self.assertNotIn(
                self.sponsor, Settlement._settleable_partners(date(2026, 3, 31))
            )
            settlements = self._settle("2026-03-31")
        self.assertFalse(settlements.filtered(lambda s: s.partner_id == self.sponsor))
        unpaid = self.env["partner.commission.line"].search(
            [("partner_id", "=", self.sponsor.id), ("settlement_id", "=", False)]
        )
        self.assertEqual(sorted(unpaid.mapped("amount")), [-0.3, 0.1, 0.2])

    def test_cron_settles_in_batches(self):
        """The monthly cron settles a batch of partners per call, reports its
        progress, settles nothing twice when run again, and does not count a
        partner whose balance owes money back."""
        other_customer = self.env["res.partner"].create(
            {"name": "Cliente Dos SA", "is_company": True}
        )
        self._accepted_registration(self.reseller_two, other_customer)
        self._rule(partner_id=self.reseller_two.id, rate=10.0)
        with freeze_time("2026-03-10"):
            unpaid_later = self._invoice(customer=other_customer)
            self._pay(unpaid_later, date="2026-03-10")
            self.assertEqual(self._earned(unpaid_later, self.reseller_two), 100.0)
        with freeze_time("2026-04-01"):
            self._settle("2026-03-31")
        with freeze_time("2026-04-05"):
            unpaid_later.line_ids.remove_move_reconcile()  # reseller_two: -100
            self.assertEqual(self._earned(unpaid_later, self.reseller_two), 0.0)
        self._paid_invoice_on("2026-04-10")  # sponsor +100, reseller +20
        cron = self.env.ref(
            "partner_commission.ir_cron_partner_commission_settlement_create"
        )
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Settlement = self.env["partner.commission.settlement"].with_context(
            ir_cron_progress_id=progress.id
        )
        before = Settlement.search([])
        Trigger = self.env["ir.cron.trigger"]
        earlier_triggers = Trigger.search([("cron_id", "=", cron.id)])
        with freeze_time("2026-05-02"):
            Settlement._cron_create_settlements(batch_size=1)
            self.assertRecordValues(progress, [{"done": 1, "remaining": 1}])
            # run by hand, the next batch is not left for next month
            next_call = Trigger.search([("cron_id", "=", cron.id)]) - earlier_triggers
            self.assertEqual(len(next_call), 1)
            next_call.unlink()
            Settlement._cron_create_settlements(batch_size=1)
            self.assertRecordValues(progress, [{"done": 1, "remaining": 0}])
            self.assertFalse(
                Trigger.search([("cron_id", "=", cron.id)]) - earlier_triggers
            )
            Settlement._cron_create_settlements(batch_size=1)
            self.assertRecordValues(progress, [{"done": 0, "remaining": 0}])
        settlements = Settlement.search([]) - before
        self.assertEqual(
            sorted(settlements.mapped(lambda s: (s.partner_id.id, s.amount_total))),
            sorted([(self.sponsor.id, 100.0), (self.reseller.id, 20.0)]),
        )
        owed = self.env["partner.commission.line"].search(
            [("partner_id", "=", self.reseller_two.id), ("settlement_id", "=", False)]
        )
        self.assertEqual(sum(owed.mapped("amount")), -100.0)

    def test_approve_bill_and_pay(self):
        """Approved settlements become one vendor bill each; paying it pays them."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        self.assertEqual(len(settlements), 2)
        settlements.action_approve()
        bills = settlements.action_create_bills()
        self.assertEqual(len(bills), 2)
        self.assertEqual(settlements.mapped("state"), ["invoiced", "invoiced"])
        self.assertEqual(set(bills.mapped("move_type")), {"in_invoice"})
        sponsor_bill = bills.filtered(lambda bill: bill.partner_id == self.sponsor)
        self.assertEqual(sponsor_bill.amount_total, 100.0)
        self.assertEqual(
            sponsor_bill.invoice_line_ids.product_id,
            self.env.ref("partner_commission.product_product_commission"),
        )
        # a second click creates nothing more
        self.assertFalse(settlements.action_create_bills())
        # the bill opens its settlement; Commission Bills lists the bills
        action = sponsor_bill.action_view_commission_settlement()
        self.assertEqual(
            self.env["partner.commission.settlement"].browse(action["res_id"]),
            settlements.filtered(lambda s: s.partner_id == self.sponsor),
        )
        # and the settlement its bill
        action = sponsor_bill.commission_settlement_id.action_view_bill()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("account.move", sponsor_bill.id)
        )
        other_bill = self.env["account.move"].create(
            {"move_type": "in_invoice", "partner_id": self.sponsor.id}
        )
        listed = self._commission_bills()
        self.assertLessEqual(bills, listed)
        self.assertNotIn(other_bill, listed)
        self._pay(sponsor_bill, date="2026-04-15")
        sponsor = settlements.filtered(lambda s: s.partner_id == self.sponsor)
        self.assertEqual(sponsor.state, "paid")

    def test_only_approved_settlements_are_billed(self):
        """Billing draft settlements says to approve them and bills nothing."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        with self.assertRefused(UserError, "Approve the settlements before billing"):
            settlements.action_create_bills()
        self.assertEqual(set(settlements.mapped("state")), {"draft"})
        self.assertFalse(settlements.invoice_id)

    def test_reverse_and_create_bills_from_the_settlement(self):
        """Reverse and Create Invoice on a commission bill reverses it (its
        settlement approved again) and drafts a copy that cannot be posted:
        the settlement bills again, once."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        settlements.action_approve()
        bill = settlements[0].action_create_bills()
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"reason": "Wrong amount", "journal_id": bill.journal_id.id})
        )
        copy = self.env["account.move"].browse(wizard.modify_moves()["res_id"])
        self.assertEqual(copy.state, "draft")
        self.assertEqual(bill.payment_state, "reversed")
        self.assertEqual(settlements[0].state, "approved")
        with self.assertRefused(UserError, REPLACED):
            copy.action_post()
        billed_again = settlements[0].action_create_bills()
        self.assertEqual(settlements[0].invoice_id, billed_again)
        self.assertNotIn(copy, billed_again)
        self.assertEqual(settlements[0].state, "invoiced")

    def _settlement_lookups(self, operation):
        """The queries on settlements that ``operation`` runs."""
        with self.assertLogs("odoo.sql_db", "DEBUG") as logs:
            operation()
            self.env.flush_all()
        return [line for line in logs.output if "partner_commission_settlement" in line]

    def test_moves_find_their_settlements_once(self):
        """A settlement's state follows its bill: posting and paying invoices
        look up the settlements of their moves once per batch, however many
        moves the batch holds (the ORM finds them through the moves' inverse
        One2many; without it, it searches them at every change of every move:
        paying 3 invoices then ran 45 lookups, paying 1 ran 17)."""
        one = self._invoice(post=False)
        three = self._invoice(post=False) | self._invoice(post=False)
        three |= self._invoice(post=False)
        posting_one = self._settlement_lookups(one.action_post)
        posting_three = self._settlement_lookups(three.action_post)
        self.assertEqual(len(posting_three), len(posting_one), posting_three)
        paying_one = self._settlement_lookups(lambda: self._pay(one))
        paying_three = self._settlement_lookups(lambda: self._pay(three))
        self.assertEqual(len(paying_three), len(paying_one), paying_three)
        self.assertEqual((one | three).mapped("amount_residual"), [0.0] * 4)

    def test_bills_need_a_commission_product(self):
        """Without the default commission product and none in the settings,
        billing says what to set and bills nothing."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        settlements.action_approve()
        self.env.ref("partner_commission.product_product_commission").unlink()
        self.company.commission_product_id = False
        with self.assertRefused(UserError, "Choose the product of commission bills"):
            settlements.action_create_bills()
        self.assertEqual(set(settlements.mapped("state")), {"approved"})
        self.assertFalse(settlements.invoice_id)

    def test_cancelled_or_deleted_bill_returns_settlement(self):
        """Cancelling or deleting the bill sends the settlement back to approved."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        settlements.action_approve()
        bills = settlements.action_create_bills()
        bills[0].button_draft()
        bills[0].button_cancel()
        self.assertEqual(settlements[0].state, "approved")
        bills[1].button_draft()
        bills[1].unlink()
        self.assertEqual(settlements[1].state, "approved")
        new_bills = settlements.action_create_bills()
        self.assertEqual(len(new_bills), 2)
        # the cancelled bill, replaced, cannot pay the settlement a second time
        bills[0].button_draft()
        with self.assertRefused(UserError, REPLACED):
            bills[0].action_post()
        self.assertEqual(bills[0].state, "draft")
        # nor can a copy of it
        with self.assertRefused(UserError, REPLACED):
            bills[0].copy().action_post()
        # still listed with the commission bills, and opens its settlement
        self.assertIn(bills[0], self._commission_bills())
        self.assertEqual(bills[0].commission_settlement_id, settlements[0])
        # the settlement's own bill, cancelled, may be posted again
        new_bills[0].button_cancel()
        self.assertEqual(settlements[0].state, "approved")
        new_bills[0].button_draft()
        new_bills[0].action_post()
        self.assertEqual(settlements[0].state, "invoiced")

    def test_bill_of_a_cancelled_settlement_stays_cancelled(self):
        """Once its settlement is cancelled (its lines payable again), a
        cancelled commission bill cannot be posted again."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        settlements.action_approve()
        bill = settlements[0].action_create_bills()
        bill.button_cancel()
        settlements[0].action_cancel()
        bill.button_draft()
        with self.assertRefused(UserError, REPLACED):
            bill.action_post()
        self.assertEqual(settlements[0].state, "cancelled")
        # and the settlement stays, cancelled, with its bill
        with self.assertRefused(UserError, "A settlement that was billed is kept"):
            settlements[0].unlink()
        self.assertTrue(settlements[0].exists())

    def test_replaced_reversed_bill_stays_reversed(self):
        """A bill reversed by a credit note, its settlement billed again: the
        reversal can be neither reset to draft nor unreconciled, which would
        make the first bill payable next to the second."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        settlements.action_approve()
        bill = settlements[0].action_create_bills()
        credit_note = bill._reverse_moves(
            [{"invoice_date": "2026-04-15", "date": "2026-04-15"}], cancel=True
        )
        self.assertEqual(credit_note.commission_settlement_id, settlements[0])
        new_bill = settlements[0].action_create_bills()
        with self.assertRefused(UserError, REPLACED):
            credit_note.button_draft()
        with self.assertRefused(UserError, REPLACED):
            bill.line_ids.remove_move_reconcile()
        self.assertEqual(bill.payment_state, "reversed")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(settlements[0].invoice_id, new_bill)
        self.assertEqual(settlements[0].state, "invoiced")
        # the other settlement, not billed again: its bill may be reopened
        other_bill = settlements[1].action_create_bills()
        other_credit_note = other_bill._reverse_moves(
            [{"invoice_date": "2026-04-15", "date": "2026-04-15"}], cancel=True
        )
        self.assertEqual(settlements[1].state, "approved")
        other_credit_note.button_draft()
        self.assertEqual(other_bill.payment_state, "not_paid")
        self.assertEqual(settlements[1].state, "invoiced")

    def test_reversed_bill_returns_settlement(self):
        """A posted bill reversed by a credit note (when a lock date forbids
        its reset) pays nothing: its settlement is approved again, to bill
        again or to cancel, which returns its lines."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlements = self._settle("2026-03-31")
        settlements.action_approve()
        bills = settlements.action_create_bills()
        credit_notes = bills._reverse_moves(
            [{"invoice_date": "2026-04-15", "date": "2026-04-15"}] * len(bills),
            cancel=True,
        )
        self.assertEqual(set(bills.mapped("payment_state")), {"reversed"})
        self.assertEqual(set(settlements.mapped("state")), {"approved"})
        self.assertEqual(len(settlements[0].action_create_bills()), 1)
        self.assertEqual(settlements[0].state, "invoiced")
        lines = settlements[1].line_ids
        settlements[1].action_cancel()
        self.assertEqual(set(lines.mapped("state")), {"payable"})
        self.assertEqual(credit_notes.mapped("state"), ["posted", "posted"])

    def test_cancel_returns_lines_once(self):
        """Cancelling a settlement frees its lines, which settle again once."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlement = self._settle("2026-03-31").filtered(
                lambda s: s.partner_id == self.sponsor
            )
            lines = settlement.line_ids
            settlement.action_cancel()
            self.assertEqual(set(lines.mapped("state")), {"payable"})
            self.assertFalse(lines.settlement_id)
            again = self._settle("2026-03-31").filtered(
                lambda s: s.partner_id == self.sponsor
            )
        self.assertEqual(again.line_ids, lines)
        self.assertEqual(again.amount_total, 100.0)

    def test_billed_settlement_cannot_be_cancelled(self):
        """Cancel the bill first."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlement = self._settle("2026-03-31")[:1]
        settlement.action_approve()
        settlement.action_create_bills()
        with self.assertRefused(UserError, "Cancel the vendor bill"):
            settlement.action_cancel()

    def test_network_user_cannot_approve(self):
        """Only accounting managers approve settlements."""
        self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            settlement = self._settle("2026-03-31")[:1]
        with self.assertRefused(AccessError, "Only accounting managers"):
            settlement.with_user(self.manager_a).action_approve()
        self.assertEqual(settlement.state, "draft")

    def test_approving_no_settlement_does_nothing(self):
        """An automated action whose domain matched no settlement approves
        nothing and refuses nothing, whoever runs it."""
        draft = self._paid_settlement()
        Settlement = self.env["partner.commission.settlement"]
        self.assertIs(Settlement.action_approve(), True)
        self.assertIs(Settlement.with_user(self.manager_a).action_approve(), True)
        self.assertEqual(draft.state, "draft")

    def test_billing_no_settlement_does_nothing(self):
        """Billing no settlement bills nothing, instead of asking to approve
        them."""
        approved = self._paid_settlement()
        approved.action_approve()
        bills = self._commission_bills()
        billed = self.env["partner.commission.settlement"].action_create_bills()
        self.assertEqual(billed, self.env["account.move"])
        self.assertEqual(self._commission_bills(), bills)
        self.assertEqual(approved.state, "approved")

    def test_cancelling_no_settlement_does_nothing(self):
        """Cancelling no settlement cancels nothing, whoever runs it."""
        draft = self._paid_settlement()
        Settlement = self.env["partner.commission.settlement"]
        self.assertIs(Settlement.action_cancel(), True)
        self.assertIs(Settlement.with_user(self.manager_a).action_cancel(), True)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(set(draft.line_ids.mapped("state")), {"settled"})

    def test_wizard_and_statement(self):
        """The wizard settles up to a date; the PDF shows the partner's lines."""
        invoice = self._paid_invoice_on("2026-03-10")
        with freeze_time("2026-04-01"):
            wizard = self.env["partner.commission.settlement.create"].create(
                {"date_to": "2026-03-31"}
            )
            action = wizard.action_create()
        settlements = self.env["partner.commission.settlement"].search(action["domain"])
        sponsor = settlements.filtered(lambda s: s.partner_id == self.sponsor)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "partner_commission.report_partner_commission_statement", sponsor.ids
        )
        html = html.decode()
        self.assertIn(self.sponsor.name, html)
        self.assertIn(invoice.name, html)
        self.assertIn("100.00", html)
        self.assertNotIn(self.reseller.name, html)
