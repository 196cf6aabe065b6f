# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.misc import formatLang, get_lang

from odoo.addons.partner_network.tools.cron import run_cron_batch
from odoo.addons.partner_network.tools.locks import lock_rows

from ..tools import ledger
from .partner_commission_rule import BENEFICIARIES


class PartnerCommissionLine(models.Model):
    """An entry of the commission ledger: appended, never edited once settled.

    Each line is the difference between what a beneficiary is due on a
    product of an invoice (given what was paid) and what the ledger already
    held, so the sum per invoice, product and beneficiary is always the due.
    """

    _name = "partner.commission.line"
    _description = "Partner Commission Line"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Beneficiary", required=True, index=True, readonly=True
    )
    beneficiary = fields.Selection(
        BENEFICIARIES, string="Earned As", required=True, readonly=True
    )
    rule_id = fields.Many2one(
        "partner.commission.rule", string="Rule", readonly=True, ondelete="set null"
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    move_line_id = fields.Many2one(
        "account.move.line", string="Invoice Line", readonly=True, ondelete="set null"
    )
    product_id = fields.Many2one(
        "product.product", string="Product", index=True, readonly=True
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Registration", index="btree_not_null", readonly=True
    )
    date = fields.Date(required=True, index=True, readonly=True)
    base_amount = fields.Monetary(
        string="Paid Base", readonly=True, help="Share of the untaxed line paid."
    )
    # a line's own rate: summed over a group of lines it means nothing
    rate = fields.Float(
        string="Rate (%)", digits=(5, 2), readonly=True, aggregator=None
    )
    amount = fields.Monetary(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    settlement_id = fields.Many2one(
        "partner.commission.settlement",
        string="Settlement",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
    )
    state = fields.Selection(
        [("pending", "Pending"), ("payable", "Payable"), ("settled", "Settled")],
        default="pending",
        required=True,
        index=True,
        readonly=True,
        help="Pending during the hold period, then payable; settled once in a "
        "settlement.",
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # every search, count, group and fetch of the ledger goes through
        # here: bring the invoices whose sync waits up to date first, as the
        # ORM computes pending fields before it queries them
        self.env["account.move"]._commission_sync_pending()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def write(self, vals):
        # nothing to write: nothing to refuse either, as the ORM does
        if not self:
            return True
        # Who may not write learns that first, not the state of the lines.
        self.check_access("write")
        # Settled lines are history: only their settlement may release them.
        if set(vals) - {"state", "settlement_id"} and any(
            line.state == "settled" for line in self
        ):
            raise UserError(_("Settled commission lines cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "Commission lines are a ledger: correct them with new lines, "
                "never delete them."
            )
        )

    def _display_values(self):
        """The date, base, rate and amount of each line as text in the
        environment's language, by line id: formatted in one pass, which
        costs far less than a field widget per value (a list page shows
        dozens of lines, a statement hundreds)."""
        env = self.env
        date_format = get_lang(env).date_format
        rate_digits = self._fields["rate"].get_digits(env)[1]
        return {
            line.id: {
                "date": line.date.strftime(date_format),
                "base_amount": formatLang(
                    env, line.base_amount, currency_obj=line.currency_id
                ),
                "rate": formatLang(env, line.rate, digits=rate_digits),
                "amount": formatLang(env, line.amount, currency_obj=line.currency_id),
            }
            for line in self
        }

    # ------------------------------------------------------------
    # BUSINESS: the ledger sync
    # ------------------------------------------------------------

    @api.model
    def _ledger_sync(self, invoices):
        """Append to the ledger what makes the commission of each of these
        customer invoices equal its target (account.move._commission_targets).
        Works on any batch, with a fixed number of queries per batch; run as
        the system, from account.move._commission_sync."""
        invoices, fractions = self._ledger_invoices_to_sync(invoices)
        if not invoices:
            return
        self.env.flush_all()
        # Two syncs of one invoice must not both append the same difference:
        # lock the rows in id order; the second one then waits and, because
        # the first one UPDATEs them (commission_total, below), fails to
        # serialize and is retried. A lock alone would not do: PostgreSQL
        # lets a repeatable-read transaction lock a row that another one
        # only locked. test_commission_concurrency proves both.
        lock_rows(invoices)
        due = invoices._commission_targets(fractions)
        held = self._ledger_held(invoices)
        vals_list = self._prepare_ledger_lines_vals(invoices, due, held)
        if not vals_list:
            return
        self.create(vals_list)
        self._ledger_write_totals(due, {vals["move_id"] for vals in vals_list})

    @api.model
    def _ledger_invoices_to_sync(self, invoices):
        """Return (invoices, {invoice id: paid fraction}): the invoices among
        these whose ledger may change, those with something paid or recorded.
        With nothing recorded, only what is paid is due something: posting an
        invoice (or a batch of thousands) needs neither lock nor rules."""
        recorded = self._read_group([("move_id", "in", invoices.ids)], ["move_id"])
        fractions = invoices.filtered("registration_id")._commission_paid_fractions()
        paid = {move_id for move_id, fraction in fractions.items() if fraction}
        ids = paid | {move.id for (move,) in recorded}
        return invoices.browse(sorted(ids)), fractions

    @api.model
    def _ledger_held(self, invoices):
        """What the ledger holds for these invoices, as ledger.Accruals; the
        terms of a key are those of its first line: what is no longer due is
        reversed with the terms it was earned on."""
        held = ledger.Accruals(defaultdict(float), defaultdict(float), {})
        for line in self.search([("move_id", "in", invoices.ids)], order="id"):
            key = (line.move_id.id, line.product_id.id, line.partner_id.id)
            held.amounts[key] += line.amount
            held.bases[key] += line.base_amount
            held.terms.setdefault(key, line._commission_terms())
        return held

    def _commission_terms(self):
        """Values a correcting line repeats from this one."""
        self.ensure_one()
        return {
            "beneficiary": self.beneficiary,
            "rule_id": self.rule_id.id,
            "rate": self.rate,
            "lead_id": self.lead_id.id,
            "move_line_id": self.move_line_id.id,
        }

    @api.model
    def _prepare_ledger_lines_vals(self, invoices, due, held):
        """Values of the lines that bring the ledger of these invoices from
        what it holds (``held``) to what they are due (``due``)."""
        terms = {**held.terms, **due.terms}
        moves = {move.id: move for move in invoices}
        digits = {move.id: move.company_currency_id.decimal_places for move in invoices}
        today = fields.Date.context_today(self)
        vals_list = []
        for key, amount, base in ledger.corrections(due, held, digits):
            move = moves[key[0]]
            vals_list.append(
                {
                    **terms[key],
                    "move_id": move.id,
                    "product_id": key[1] or False,
                    "partner_id": key[2],
                    "date": today,
                    "amount": amount,
                    "base_amount": base,
                    "company_id": move.company_id.id,
                    # given, not computed line by line: thousands of lines
                    # are created at once
                    "currency_id": move.company_currency_id.id,
                    "state": "pending",
                }
            )
        return vals_list

    @api.model
    def _ledger_write_totals(self, due, move_ids):
        """Write on these invoices (ids) the commission they are due, in one
        query: commission_total is written by the ledger sync only."""
        move_ids = list(move_ids)
        totals = ledger.totals(due.amounts)
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_move m SET commission_total = t.total
                FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::numeric[]) AS total) t
                WHERE m.id = t.id
                """,
                move_ids,
                [totals.get(move_id, 0.0) for move_id in move_ids],
            )
        )
        self.env["account.move"].browse(move_ids).invalidate_recordset(
            ["commission_total"]
        )

    # ------------------------------------------------------------
    # CRONS
    # ------------------------------------------------------------

    @api.model
    def _maturity_domain(self):
        """Pending lines whose company's hold period is over (in the companies
        the user works in)."""
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"].search([]) if self.env.su else self.env.companies
        )
        return expression.AND(
            [
                [("state", "=", "pending")],
                expression.OR(
                    [
                        [
                            ("company_id", "=", company.id),
                            (
                                "date",
                                "<=",
                                fields.Date.subtract(
                                    today, days=company.commission_hold_days
                                ),
                            ),
                        ]
                        for company in companies
                    ]
                ),
            ]
        )

    @api.model
    def _mature(self):
        """Make payable every line whose hold period is over."""
        self.search(self._maturity_domain())._make_payable()

    @api.model
    def _cron_mature(self, batch_size=1000):
        """Make payable the lines whose hold period is over, one batch per call."""
        run_cron_batch(
            self,
            lambda lines: lines._make_payable(),
            batch_size,
            domain=self._maturity_domain(),
        )

    def _make_payable(self):
        # the ledger is written by the system only, whoever runs the cron
        self.sudo().write({"state": "payable"})
