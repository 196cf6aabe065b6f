# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.partner_network.models.crm_lead import EARNING_STATES

from ..tools import ledger

COMMISSION_MOVE_TYPES = ("out_invoice", "out_refund")
# Precommit data key: invoices whose ledger sync waits for the commit
PENDING_SYNC = "partner_commission.pending_sync"
# who reads what an invoice earns: not its customer through the portal
BILLING_GROUPS = "account.group_account_invoice,account.group_account_readonly"


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "partner.network.registration.mixin"]

    registration_id = fields.Many2one(
        groups=BILLING_GROUPS,
        help="Accepted registration this invoice is credited to: its registrant "
        "(and the leader of its sub-network) earn commission on what is paid.",
    )
    commission_line_ids = fields.One2many(
        "partner.commission.line",
        "move_id",
        string="Commission Lines",
        groups=BILLING_GROUPS,
    )
    # written by the ledger sync only; fetched alone, when asked for, so
    # that reading other fields of a move never triggers a pending sync
    commission_total = fields.Monetary(
        string="Commission",
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
        prefetch=False,
        groups=BILLING_GROUPS,
        help="Commission accrued on this invoice so far.",
    )
    commission_settlement_id = fields.Many2one(
        "partner.commission.settlement",
        string="Commission Settlement",
        readonly=True,
        ondelete="restrict",
        groups=BILLING_GROUPS,
        help="Settlement this vendor bill was created to pay (kept by its copies "
        "and credit notes).",
    )
    # the inverse of the settlements' bill: their state follows their bill's,
    # and through it the ORM finds them from any move whose state changes in
    # its cache, instead of searching them at every change (without it, 3
    # queries more per posted invoice and 13 per payment, of any invoice)
    commission_bill_settlement_ids = fields.One2many(
        "partner.commission.settlement",
        "invoice_id",
        string="Commission Settlements",
        groups=BILLING_GROUPS,
    )

    @api.depends("reversed_entry_id", "state")
    def _compute_registration_id(self):
        """Keep the registration an invoice is credited to; credit a credit
        note to the registration of what it reverses, and a customer invoice,
        when it is posted, to the registration of its customer. Computed with
        the posting's own write, in one batch, and tracked like a write."""
        # a reversal follows its invoice only: never credited by customer
        attributions = self.filtered(
            lambda move: not move.registration_id and not move.reversed_entry_id
        )._commission_attributions()
        for move in self:
            move.registration_id = (
                move.registration_id
                or move.reversed_entry_id.registration_id
                or attributions.get(move.id, False)
            )

    @api.constrains("registration_id")
    def _check_registration_id(self):
        """Only an accepted registration (or one whose protection ended) earns
        commission: a registration leaves those states for no other."""
        wrong = self.filtered(
            lambda move: move.registration_id
            and move.registration_id.registration_state not in EARNING_STATES
        )
        if wrong:
            raise ValidationError(
                _(
                    "%(invoice)s cannot be credited to %(registration)s: only "
                    "accepted registrations earn commission.",
                    invoice=wrong[0].display_name,
                    registration=wrong[0].registration_id.display_name,
                )
            )

    # ------------------------------------------------------------
    # ORM: every event that may change what was paid resyncs the ledger
    # ------------------------------------------------------------

    def write(self, vals):
        # another customer: the registration of the former one no longer
        # applies (posting credits the invoice again, to the new one's)
        uncredited = self.browse()
        if vals.get("partner_id") and "registration_id" not in vals:
            customer = self.env["res.partner"].browse(vals["partner_id"])
            uncredited = self.filtered(
                lambda move: move.registration_id
                and move.commercial_partner_id != customer.commercial_partner_id
            )
        result = super().write(vals)
        if uncredited:
            uncredited.write({"registration_id": False})
        if "state" in vals:
            self._commission_sync()
        elif "registration_id" in vals:
            # the credit notes of an invoice follow it to its new registration
            reversals = self.reversal_move_ids.filtered(
                lambda move: move.registration_id.id != vals["registration_id"]
            )
            if reversals:
                reversals.write({"registration_id": vals["registration_id"]})
            # an unposted invoice is due nothing and, since every change of
            # state syncs, has nothing recorded: only posted ones can change
            self.filtered(lambda move: move.state == "posted")._commission_sync()
        return result

    def _fetch_query(self, query, fields):
        # commission_total reads like a stored computation: up to date
        if self._fields["commission_total"] in fields:
            self._commission_sync_pending()
        return super()._fetch_query(query, fields)

    def flush_model(self, fnames=None):
        # a query that filters, sorts or groups by commission_total flushes
        # it first (flush_all does not name it: batches stay batches)
        if fnames is not None:
            fnames = list(fnames)
            if "commission_total" in fnames:
                self._commission_sync_pending()
        return super().flush_model(fnames)

    def _post(self, soft=True):
        self._commission_check_not_replaced()
        return super()._post(soft=soft)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_commission_history(self):
        """The ledger keeps what each invoice earned and took back: an invoice
        with commission lines is cancelled, not deleted."""
        earned = (
            self.env["partner.commission.line"]
            .sudo()
            .search_count([("move_id", "in", self.ids)], limit=1)
        )
        if earned:
            raise UserError(
                _(
                    "An invoice that earned commissions cannot be deleted, even "
                    "if they were taken back since: cancel it instead."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_commission_lines(self):
        """Open the commission lines of this invoice."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_commission.partner_commission_line_action"
        )
        action["domain"] = [("move_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_commission_settlement(self):
        """Open the commission settlement this vendor bill was created to pay."""
        self.ensure_one()
        return self.commission_settlement_id._get_records_action()

    # ------------------------------------------------------------
    # BUSINESS: commission bills
    # ------------------------------------------------------------

    def _commission_check_not_replaced(self):
        """Refuse to make payable a vendor bill of a commission settlement
        that another bill pays now, or that was cancelled (a cancelled bill
        billed again, its copy, a reversed bill reopened): it would pay the
        settlement twice."""
        replaced = self.filtered(
            lambda move: move.move_type == "in_invoice"
            and (settlement := move.commission_settlement_id.sudo())
            and (settlement.invoice_id != move or settlement.state == "cancelled")
        )
        if replaced:
            raise UserError(
                _(
                    "%(bill)s is not the vendor bill of commission settlement "
                    "%(settlement)s, which another bill pays or which was "
                    "cancelled: it would pay it twice. Bill a settlement from "
                    "the settlement itself.",
                    bill=replaced[0].display_name,
                    settlement=replaced[0].commission_settlement_id.sudo().name,
                )
            )

    # ------------------------------------------------------------
    # BUSINESS: attribution
    # ------------------------------------------------------------

    def _commission_attributions(self):
        """{invoice id: registration} for the posted customer invoices and
        credit notes among these: the oldest accepted registration of their
        customer (by contact or normalized tax id) still protected on their
        date."""
        invoices = self.filtered(
            lambda move: move.move_type in COMMISSION_MOVE_TYPES
            and move.state == "posted"
        )
        if not invoices:
            return {}
        candidates = self.env["crm.lead"]._registration_accepted_by_customer(
            invoices.commercial_partner_id, invoices.company_id
        )
        attributions = {}
        for invoice in invoices:
            match = invoice._commission_protecting_registration(
                candidates[invoice.commercial_partner_id.id]
            )
            if match:
                attributions[invoice.id] = match
        return attributions

    def _commission_protecting_registration(self, candidates):
        """The oldest of ``candidates`` (registrations of this invoice's
        customer) of the invoice's company or of none, and still protected on
        the invoice's date; None if there is none."""
        self.ensure_one()
        date = self.invoice_date or fields.Date.context_today(self)
        companies = (self.company_id, self.env["res.company"])
        return min(
            (
                registration
                for registration in candidates
                if registration.company_id in companies
                and (
                    not registration.registration_protected_until
                    or registration.registration_protected_until >= date
                )
            ),
            key=lambda registration: registration.id,
            default=None,
        )

    # ------------------------------------------------------------
    # BUSINESS: the events that sync the ledger
    # ------------------------------------------------------------

    @api.model
    def _commission_moves_touched_by(self, moves):
        """Customer invoices whose payment may change with ``moves``: the
        invoices among them and those reconciled with the others (payments,
        bank statement lines)."""
        lines = moves.line_ids
        reconciled = (
            lines.matched_debit_ids.debit_move_id
            | lines.matched_credit_ids.credit_move_id
        ).move_id
        return (moves | reconciled).filtered(
            lambda move: move.move_type in COMMISSION_MOVE_TYPES
        )

    def _commission_sync_later(self):
        """Sync the ledger of these invoices in one batch with every other
        invoice the transaction reconciles (Odoo registers payments and
        matches bank lines one at a time): before anything reads the ledger
        (see _commission_sync_pending), or else when the transaction is
        flushed for its commit. Odoo flushes inside its retry loop, so a
        serialization failure of the sync retries the whole request."""
        precommit = self.env.cr.precommit
        if PENDING_SYNC not in precommit.data:
            precommit.add(self.env["account.move"]._commission_sync_at_commit)
        precommit.data.setdefault(PENDING_SYNC, set()).update(self.ids)
        # what the cache holds of their ledger is stale: read again, it syncs
        self.invalidate_recordset(
            ["commission_total", "commission_line_ids"], flush=False
        )

    @api.model
    def _commission_sync_at_commit(self):
        """Precommit hook of _commission_sync_later: sync what still waits.
        Its key goes first: an invoice that another precommit hook reconciles
        afterwards registers the hook again."""
        pending = self.env.cr.precommit.data.pop(PENDING_SYNC, set())
        self.sudo().browse(sorted(pending)).exists()._commission_sync()

    @api.model
    def _commission_sync_pending(self):
        """Sync now, in one batch, the invoices whose sync waits: whatever
        reads the ledger through the ORM calls this first, as the ORM
        computes pending fields before it reads them (partner.commission.line
        searches, reads and groups; commission_total, read or queried). As
        the superuser: the reader may not read the invoices."""
        pending = self.env.cr.precommit.data.get(PENDING_SYNC)
        if not pending:
            return
        ids = sorted(pending)
        # emptied first: the sync's own reads of the ledger find nothing
        # pending, and the precommit hook nothing left to do
        pending.clear()
        self.sudo().browse(ids).exists()._commission_sync()

    def _commission_sync(self):
        """Bring the ledger of these invoices to their target now, as the
        system (see partner.commission.line._ledger_sync)."""
        invoices = self.filtered(lambda move: move.move_type in COMMISSION_MOVE_TYPES)
        if invoices:
            self.env["partner.commission.line"].sudo()._ledger_sync(invoices.sudo())

    # ------------------------------------------------------------
    # BUSINESS: what an invoice is due
    # ------------------------------------------------------------

    def _commission_targets(self, fractions):
        """Return what these invoices are due, as ledger.Accruals keyed by
        (invoice, product, partner).

        The target is the untaxed amount of the invoice's lines of a product,
        in company currency, times the paid fraction, times the rate the
        ledger applies (partner.commission.rule._ledger_rates). ``fractions``
        gives the paid fraction of the invoices credited to a registration
        (_commission_paid_fractions); the others, and draft, cancelled and
        unpaid ones, are due nothing.
        """
        due = ledger.Accruals({}, {}, {})
        choose = self.env["partner.commission.rule"]._ledger_rates(self.company_id)
        for move in self.filtered(lambda m: fractions.get(m.id)):
            fraction = fractions[move.id]
            digits = move.company_currency_id.decimal_places
            registration = move.registration_id
            role = registration.registration_role_id
            origin = move._commission_origin()
            date = origin.invoice_date or origin.date
            earnings = move._commission_earnings()
            for beneficiary, partner, product, lines, base in earnings:
                rule, rate = choose(
                    move.company_id, beneficiary, partner, role, product, date
                )
                if not rate:
                    continue
                key = (move.id, product.id, partner.id)
                due.amounts[key] = ledger.target(base, fraction, rate, digits)
                due.bases[key] = base * fraction
                due.terms[key] = {
                    "beneficiary": beneficiary,
                    "rule_id": rule.id,
                    "rate": rate,
                    "lead_id": registration.id,
                    "move_line_id": lines[:1].id,
                }
        return due

    def _commission_earnings(self):
        """Yield (beneficiary, partner, product, lines, base) for each product
        of this invoice and each partner who may earn on it: the registrant
        of its registration and the leader of the registrant's sub-network.
        The base is the untaxed amount of the product's lines in company
        currency (_commission_company_amount)."""
        self.ensure_one()
        registrant = self.registration_id.registration_partner_id.commercial_partner_id
        beneficiaries = [
            (beneficiary, partner)
            for beneficiary, partner in (
                ("registrant", registrant),
                ("upline", registrant.network_parent_id),
            )
            if partner
        ]
        product_lines = self.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        for product, lines in product_lines.grouped("product_id").items():
            base = -self._commission_company_amount(lines)
            for beneficiary, partner in beneficiaries:
                yield beneficiary, partner, product, lines, base

    def _commission_origin(self):
        """The invoice whose terms this one earns on: a credit note undoes
        its invoice on the invoice's terms (the rules of the invoice's date,
        the amounts at the invoice's rate); any other invoice, itself."""
        self.ensure_one()
        return self.reversed_entry_id or self

    def _commission_company_amount(self, lines):
        """Balance of these lines of this invoice in company currency, at the
        rate of its origin (_commission_origin)."""
        self.ensure_one()
        origin = self._commission_origin()
        rate = origin.invoice_currency_rate
        if origin == self or origin.currency_id != self.currency_id or not rate:
            return sum(lines.mapped("balance"))
        company_currency = self.company_currency_id
        return sum(
            company_currency.round(line.amount_currency / rate) for line in lines
        )

    def _commission_paid_fractions(self):
        """{invoice id: paid fraction}, per its company's commission basis."""
        fractions = {}
        for move in self:
            if move.state != "posted":
                fractions[move.id] = 0.0
            elif move.company_id.commission_basis == "bank_matched":
                fractions[move.id] = ledger.paid_fraction(
                    move.amount_total, move.amount_total - move._commission_bank_paid()
                )
            else:
                fractions[move.id] = ledger.paid_fraction(
                    move.amount_total, move.amount_residual
                )
        return fractions

    def _commission_bank_paid(self):
        """Amount of the invoice (its currency) settled by payments already
        matched with a bank statement, or by bank statement lines directly."""
        self.ensure_one()
        paid = 0.0
        receivables = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        for partial in receivables.matched_debit_ids:
            if partial.debit_move_id.move_id._commission_is_bank_matched():
                paid += partial.credit_amount_currency
        for partial in receivables.matched_credit_ids:
            if partial.credit_move_id.move_id._commission_is_bank_matched():
                paid += partial.debit_amount_currency
        return paid

    def _commission_is_bank_matched(self):
        self.ensure_one()
        return bool(self.statement_line_id) or self.origin_payment_id.is_matched
