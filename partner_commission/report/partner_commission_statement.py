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
            "statement_rows": {
                settlement.id: self._statement_rows(settlement)
                for settlement in settlements.sudo()
            },
        }

    @api.model
    def _statement_rows(self, settlement):
        """The lines of ``settlement`` by date, as text in its partner's
        language: a statement may print hundreds of lines, and a field
        widget per value would cost more than all its queries."""
        lines = settlement.line_ids.with_context(
            lang=settlement.partner_id.lang
        ).sorted("date")
        values = lines._display_values()
        rows = []
        for line in lines:
            customer = line.move_id.commercial_partner_id.name
            registration = line.lead_id
            prospect = registration.partner_name
            rows.append(
                {
                    **values[line.id],
                    "invoice": line.move_id.name,
                    "customer": customer,
                    "registration": registration.name,
                    "prospect": prospect
                    if prospect not in (False, registration.name, customer)
                    else "",
                    "product": line.product_id.display_name,
                }
            )
        return rows
