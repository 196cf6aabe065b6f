# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportPartnerCommissionStatement(models.AbstractModel):
    """The commission statement: whoever may read a settlement prints it."""

    _name = "report.partner_commission.report_partner_commission_statement"
    _description = "Partner Commission Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Check that the user may read the settlements, then render them as
        superuser.

        The check comes before rendering, so that a refusal is a plain access
        error (a 403, logged as such), not a failure in the middle of the
        template; the statement then shows the invoice numbers and products
        of its lines to partners who read neither invoices nor products.
        """
        settlements = self.env["partner.commission.settlement"].browse(docids)
        settlements.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": settlements._name,
            "docs": settlements.sudo(),
        }
