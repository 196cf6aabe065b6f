# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL

from .account_move import COMMISSION_MOVE_TYPES


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _network_tier_metrics(self, date_from, date_to):
        """Add ``paid_revenue``: the untaxed amount of the posted invoices and
        credit notes credited to the partners' registrations, dated in the
        period, times their paid fraction, in the currency of the company
        the review runs for."""
        metrics = super()._network_tier_metrics(date_from, date_to)
        revenues = dict(self._network_tier_paid_revenues(date_from, date_to))
        for partner_id, values in metrics.items():
            values["paid_revenue"] = revenues.get(partner_id, 0.0)
        return metrics

    def _network_tier_paid_revenues(self, date_from, date_to):
        """Return ``[(partner id, paid revenue)]`` for these partners, in one
        query: the paid fraction is a ratio of two columns of each invoice.

        An invoice's signed amounts are in the currency of its own company;
        those of a company in another currency than the current company's
        are converted at the rates of the current company on the invoice date
        (as ``res.currency._convert``, summed before rounding).
        """
        if not self:
            return []
        self.env["account.move"].flush_model(
            [
                "registration_id",
                "company_id",
                "state",
                "move_type",
                "invoice_date",
                "amount_untaxed_signed",
                "amount_total_signed",
                "amount_residual_signed",
            ]
        )
        self.env["crm.lead"].flush_model(["registration_partner_id"])
        self.env["res.company"].flush_model(["currency_id"])
        currency = self.env.company.currency_id
        invoice_date = SQL.identifier("paid", "invoice_date")
        self.env.cr.execute(
            SQL(
                """
                WITH paid AS (
                    SELECT lead.registration_partner_id AS partner_id,
                           company.currency_id,
                           move.invoice_date,
                           SUM(move.amount_untaxed_signed
                               * (1 - move.amount_residual_signed
                                      / NULLIF(move.amount_total_signed, 0)))
                               AS amount
                      FROM account_move move
                      JOIN crm_lead lead ON lead.id = move.registration_id
                      JOIN res_company company ON company.id = move.company_id
                     WHERE lead.registration_partner_id = ANY(%(partners)s)
                       AND move.state = 'posted'
                       AND move.move_type IN %(types)s
                       AND move.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                       AND move.amount_total_signed != 0
                     GROUP BY 1, 2, 3
                )
                SELECT paid.partner_id,
                       SUM(CASE WHEN paid.currency_id = %(currency)s
                                THEN paid.amount
                                ELSE paid.amount * %(to_rate)s / %(from_rate)s
                           END)
                  FROM paid
                 GROUP BY paid.partner_id
                """,
                partners=self.ids,
                types=COMMISSION_MOVE_TYPES,
                date_from=date_from,
                date_to=date_to,
                currency=currency.id,
                to_rate=self._network_tier_rate_sql(
                    SQL("%s", currency.id), invoice_date
                ),
                from_rate=self._network_tier_rate_sql(
                    SQL.identifier("paid", "currency_id"), invoice_date
                ),
            )
        )
        return self.env.cr.fetchall()

    def _network_tier_rate_sql(self, currency, date):
        """SQL of the rate of ``currency`` on ``date`` (SQL expressions) for
        the current company, as ``res.currency._get_rates`` finds it: its
        last rate on or before the date (the company's own first), else its
        first one, else 1."""
        Rate = self.env["res.currency.rate"]
        company_ids = (False, self.env.company.root_id.id)
        dated = Rate._search(
            [
                ("name", "<=", date),
                ("company_id", "in", company_ids),
                ("currency_id", "=", currency),
            ],
            order="company_id.id, name DESC",
            limit=1,
        )
        first = Rate._search(
            [("company_id", "in", company_ids), ("currency_id", "=", currency)],
            order="company_id.id, name ASC",
            limit=1,
        )
        rate = Rate._field_to_sql(dated.table, "rate")
        return SQL("COALESCE((%s), (%s), 1.0)", dated.select(rate), first.select(rate))
