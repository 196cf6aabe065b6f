# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _prepare_invoice(self):
        # regular, down payment and final invoices alike
        values = super()._prepare_invoice()
        values["registration_id"] = self.registration_id.id
        return values

    def _get_invoice_grouping_keys(self):
        # one invoice never credits two registrations
        return [*super()._get_invoice_grouping_keys(), "registration_id"]
