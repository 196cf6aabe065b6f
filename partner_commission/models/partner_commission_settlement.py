# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.partner_network.tools.access import check_group
from odoo.addons.partner_network.tools.cron import run_cron_batch
from odoo.addons.partner_network.tools.locks import lock_rows

from ..tools import ledger

SETTLEMENT_STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("invoiced", "Billed"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
# Settlements that have their vendor bill.
BILLED_STATES = ("invoiced", "paid")


class PartnerCommissionSettlement(models.Model):
    _name = "partner.commission.settlement"
    _description = "Partner Commission Settlement"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Partner", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    date_from = fields.Date(required=True, readonly=True)
    date_to = fields.Date(required=True, readonly=True)
    line_ids = fields.One2many(
        "partner.commission.line", "settlement_id", string="Commission Lines"
    )
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    state = fields.Selection(
        SETTLEMENT_STATES,
        compute="_compute_state",
        store=True,
        readonly=False,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for settlement in self:
            settlement.amount_total = sum(settlement.line_ids.mapped("amount"))

    @api.depends("invoice_id", "invoice_id.state", "invoice_id.payment_state")
    def _compute_state(self):
        # the vendor bill drives the state once created: paid, or cancelled,
        # reversed by a credit note or deleted (back to approved, to bill
        # again or cancel)
        for settlement in self:
            bill = settlement.invoice_id
            if settlement.state == "cancelled" or (
                settlement.state not in BILLED_STATES and not bill
            ):
                settlement.state = settlement.state or "draft"
            elif settlement._bill_voided():
                settlement.state = "approved"
            elif bill.payment_state in ("paid", "in_payment"):
                settlement.state = "paid"
            else:
                settlement.state = "invoiced"

    def _bill_voided(self):
        """Whether the settlement has no vendor bill that pays it: none,
        cancelled, or reversed by a credit note."""
        self.ensure_one()
        bill = self.invoice_id
        return not bill or bill.state == "cancel" or bill.payment_state == "reversed"

    def _compute_access_url(self):
        for settlement in self:
            settlement.access_url = f"/my/settlements/{settlement.id}"

    def _get_report_base_filename(self):
        """Name of the statement a partner downloads from the portal."""
        self.ensure_one()
        return _("Commission Statement - %s", self.name)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("partner.commission.settlement")
                    or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_cancelled(self):
        if any(settlement.state != "cancelled" for settlement in self):
            raise UserError(_("Cancel a settlement before deleting it."))
        # its bills, even cancelled, must still know what they paid
        billed = (
            self.env["account.move"]
            .sudo()
            .search_count([("commission_settlement_id", "in", self.ids)], limit=1)
        )
        if billed:
            raise UserError(
                _("A settlement that was billed is kept, cancelled, with its bills.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        """Approve draft settlements for payment (accountants only)."""
        if not self:
            return True
        self._check_accountant()
        if any(settlement.state != "draft" for settlement in self):
            raise UserError(_("Only draft settlements can be approved."))
        self.write({"state": "approved"})
        return True

    def action_create_bills(self):
        """Create one vendor bill per approved settlement, in one go; return
        the bills."""
        if not self:
            return self.env["account.move"]
        self._check_accountant()
        # two concurrent calls bill once
        lock_rows(self)
        to_bill = self.filtered(lambda s: s.state == "approved" and s._bill_voided())
        if not to_bill:
            # billed already (a second click): nothing more to do
            if any(settlement.state in BILLED_STATES for settlement in self):
                return self.env["account.move"]
            raise UserError(
                _(
                    "Approve the settlements before billing them: only approved "
                    "ones are billed."
                )
            )
        bills = self.env["account.move"].create(
            [settlement._prepare_bill_vals() for settlement in to_bill]
        )
        for settlement, bill in zip(to_bill, bills, strict=True):
            settlement.invoice_id = bill
        bills.action_post()
        return bills

    def action_cancel(self):
        """Cancel settlements: their lines become payable again."""
        if not self:
            return True
        self._check_accountant()
        if any(
            settlement.state == "paid" or not settlement._bill_voided()
            for settlement in self
        ):
            raise UserError(
                _(
                    "Cancel the vendor bill of a billed settlement, or reverse "
                    "it with a credit note, before cancelling the settlement."
                )
            )
        self.line_ids.sudo().write({"settlement_id": False, "state": "payable"})
        self.write({"state": "cancelled"})
        return True

    def action_view_bill(self):
        self.ensure_one()
        return self.invoice_id._get_records_action()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_accountant(self):
        """Refuse approving and paying to whoever is not an accounting manager."""
        check_group(
            self.env,
            "account.group_account_manager",
            _("Only accounting managers approve and pay commissions."),
        )

    def _prepare_bill_vals(self):
        self.ensure_one()
        product = self.company_id.commission_product_id or self.env.ref(
            "partner_commission.product_product_commission", raise_if_not_found=False
        )
        if not product:
            raise UserError(
                _(
                    "Choose the product of commission bills in the Invoicing "
                    "settings (Partner Commissions) of %(company)s.",
                    company=self.company_id.name,
                )
            )
        return {
            "move_type": "in_invoice",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "ref": self.name,
            "commission_settlement_id": self.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "name": _(
                            "Commissions %(reference)s (%(date_from)s - %(date_to)s)",
                            reference=self.name,
                            date_from=self.date_from,
                            date_to=self.date_to,
                        ),
                        "quantity": 1.0,
                        "price_unit": self.amount_total,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    @api.model
    def _create_settlements(self, date_to=None):
        """Settle every payable, unsettled line dated up to ``date_to``.

        One settlement per partner, company and calendar month of the lines'
        dates. A month whose balance is not positive is not paid: its lines
        stay payable and carry forward into the next month's settlement.
        Returns the new settlements.
        """
        date_to = fields.Date.to_date(date_to) or fields.Date.context_today(self)
        # what the hold period made payable since the last run is settled too
        self.env["partner.commission.line"]._mature()
        return self._settle(date_to)

    @api.model
    def _settle(self, date_to, partners=None):
        """Settle, once the ledger is up to date, the lines of
        ``_create_settlements`` (of ``partners`` only, when given)."""
        Line = self.env["partner.commission.line"]
        domain = self._settleable_domain(date_to)
        if partners is not None:
            domain.append(("partner_id", "in", partners.ids))
        lines = Line.search(domain, order="date, id")
        if not lines:
            return self.browse()
        lock_rows(lines)
        # lists, not recordsets: a union per line would cost the square of
        # a partner's lines
        groups = defaultdict(lambda: defaultdict(list))
        for line in lines:
            month = line.date.replace(day=1)
            groups[(line.partner_id, line.company_id)][month].append(line)
        vals_list, settled_lines = [], []
        for (partner, company), months in groups.items():
            balances = [
                (month, sum(line.amount for line in months[month]))
                for month in sorted(months)
            ]
            for paid in ledger.payouts(balances, company.currency_id.decimal_places):
                batch = [line for month in paid for line in months[month]]
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "date_from": min(line.date for line in batch).replace(day=1),
                        "date_to": paid[-1] + relativedelta(months=1, days=-1),
                    }
                )
                settled_lines.append(Line.browse([line.id for line in batch]))
        settlements = self.create(vals_list)
        # the ledger is written by the system only, whoever settles it
        for settlement, batch in zip(settlements, settled_lines, strict=True):
            batch.sudo().write({"settlement_id": settlement.id, "state": "settled"})
        return settlements

    @api.model
    def _settleable_partners(self, date_to):
        """Partners that ``_create_settlements(date_to)`` would pay, in id
        order: those with a month paid by the rule of ``ledger.payouts``."""
        balances = defaultdict(list)
        for partner, company, month, amount in self.env[
            "partner.commission.line"
        ]._read_group(
            self._settleable_domain(date_to),
            ["partner_id", "company_id", "date:month"],
            ["amount:sum"],
            order="date:month",
        ):
            balances[(partner, company)].append((month, amount))
        return self.env["res.partner"].browse(
            sorted(
                {
                    partner.id
                    for (partner, company), months in balances.items()
                    if ledger.payouts(months, company.currency_id.decimal_places)
                }
            )
        )

    @api.model
    def _settleable_domain(self, date_to):
        """Ledger lines a settlement up to ``date_to`` may pay."""
        return [
            ("state", "=", "payable"),
            ("settlement_id", "=", False),
            ("date", "<=", date_to),
        ]

    @api.model
    def _cron_create_settlements(self, batch_size=200):
        """Monthly: settle what is payable up to the end of the previous month,
        ``batch_size`` partners per call; the runner commits and calls again
        while partners remain (a run by hand triggers the next call). What a
        call settled is not settled again, so an interrupted run is simply run
        again."""
        today = fields.Date.context_today(self)
        date_to = today.replace(day=1) - relativedelta(days=1)
        self.env["partner.commission.line"]._mature()
        run_cron_batch(
            self._settleable_partners(date_to),
            lambda partners: self._settle(date_to, partners),
            batch_size,
            retrigger=self.env.ref(
                "partner_commission.ir_cron_partner_commission_settlement_create"
            ),
        )
