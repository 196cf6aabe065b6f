# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _commission_attributions(self):
        # an invoice made from orders is credited as its orders are (to their
        # registration or to none), never by its customer
        from_orders = self.filtered(lambda move: move.invoice_line_ids.sale_line_ids)
        return super(AccountMove, self - from_orders)._commission_attributions()
