# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._commission_sync_invoices()
        return partials

    def unlink(self):
        moves = (self.debit_move_id | self.credit_move_id).move_id
        # a replaced commission bill reversed by a credit note stays settled
        moves._commission_check_not_replaced()
        invoices = self.env["account.move"]._commission_moves_touched_by(moves)
        result = super().unlink()
        invoices._commission_sync_later()
        return result

    def _commission_sync_invoices(self):
        """Resync the ledger of the invoices these partials settle, with every
        other invoice the transaction reconciles (see _commission_sync_later)."""
        moves = (self.debit_move_id | self.credit_move_id).move_id
        self.env["account.move"]._commission_moves_touched_by(
            moves
        )._commission_sync_later()
