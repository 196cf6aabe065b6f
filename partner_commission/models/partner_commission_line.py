# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

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
    def _cron_mature(self):
        """Make pending lines payable once their company's hold period is over
        (in the companies the user works in)."""
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"].search([]) if self.env.su else self.env.companies
        )
        for company in companies:
            limit = fields.Date.subtract(today, days=company.commission_hold_days)
            self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "pending"),
                    ("date", "<=", limit),
                ]
            ).sudo().write({"state": "payable"})
