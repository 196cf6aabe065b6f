# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL

from .account_move import COMMISSION_MOVE_TYPES


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _network_tier_metrics(self, date_from, date_to):
        """Add ``paid_revenue``: the untaxed amount (company currency) of the
        posted invoices and credit notes credited to the partners'
        registrations, dated in the period, times their paid fraction."""
        metrics = super()._network_tier_metrics(date_from, date_to)
        revenues = dict(self._network_tier_paid_revenues(date_from, date_to))
        for partner_id, values in metrics.items():
            values["paid_revenue"] = revenues.get(partner_id, 0.0)
        return metrics

    def _network_tier_paid_revenues(self, date_from, date_to):
        """Return ``[(partner id, paid revenue)]`` for these partners: one
        query, as the paid fraction is a ratio of two columns of each invoice."""
        if not self:
            return []
        self.env["account.move"].flush_model(
            [
                "registration_id",
                "state",
                "move_type",
                "invoice_date",
                "amount_untaxed_signed",
                "amount_total_signed",
                "amount_residual_signed",
            ]
        )
        self.env["crm.lead"].flush_model(["registration_partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT lead.registration_partner_id,
                       SUM(move.amount_untaxed_signed
                           * (1 - move.amount_residual_signed
                                  / NULLIF(move.amount_total_signed, 0)))
                  FROM account_move move
                  JOIN crm_lead lead ON lead.id = move.registration_id
                 WHERE lead.registration_partner_id = ANY(%(partners)s)
                   AND move.state = 'posted'
                   AND move.move_type IN %(types)s
                   AND move.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                   AND move.amount_total_signed != 0
                 GROUP BY lead.registration_partner_id
                """,
                partners=self.ids,
                types=COMMISSION_MOVE_TYPES,
                date_from=date_from,
                date_to=date_to,
            )
        )
        return self.env.cr.fetchall()
