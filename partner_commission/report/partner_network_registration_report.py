# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.account_move import COMMISSION_MOVE_TYPES


class PartnerNetworkRegistrationReport(models.Model):
    _inherit = "partner.network.registration.report"
    _depends = {
        "account.move": [
            "registration_id",
            "state",
            "move_type",
            "amount_untaxed_signed",
            "amount_total_signed",
            "amount_residual_signed",
        ],
        "res.company": ["currency_id"],
    }

    company_currency_id = fields.Many2one(
        "res.currency", string="Company Currency", readonly=True
    )
    paid_revenue = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        help="Untaxed amount, in company currency, of the posted invoices and "
        "credit notes credited to the registration, times their paid fraction.",
    )

    def _select(self):
        return SQL(
            "%s, company.currency_id AS company_currency_id, "
            "COALESCE(revenue.paid_revenue, 0.0) AS paid_revenue",
            super()._select(),
        )

    def _from(self):
        return SQL(
            """
            %s
            LEFT JOIN res_company company ON company.id = lead.company_id
            LEFT JOIN (
                SELECT move.registration_id,
                       SUM(move.amount_untaxed_signed
                           * (1 - move.amount_residual_signed
                                  / move.amount_total_signed)) AS paid_revenue
                  FROM account_move move
                 WHERE move.registration_id IS NOT NULL
                   AND move.state = 'posted'
                   AND move.move_type IN %s
                   AND move.amount_total_signed != 0
                 GROUP BY move.registration_id
            ) revenue ON revenue.registration_id = lead.id
            """,
            super()._from(),
            COMMISSION_MOVE_TYPES,
        )
