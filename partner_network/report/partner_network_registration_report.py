# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.crm_lead import EARNING_STATES, REGISTRATION_STATES


class PartnerNetworkRegistrationReport(models.Model):
    """Program analysis: one row per submitted deal registration, with the
    figures of the program as 0/100 values averaged by the pivot (rates) or
    NULL where they do not apply (AVG ignores them)."""

    _name = "partner.network.registration.report"
    _description = "Partner Program Analysis"
    _auto = False
    _rec_name = "lead_id"
    _order = "date desc, id desc"
    # what the view reads: flushed before it is queried
    _depends = {
        "crm.lead": [
            "registration_partner_id",
            "company_id",
            "registration_date",
            "registration_state",
            "registration_decision_date",
            "registration_deadline_margin",
            "registration_decision_days",
            "stage_id",
        ],
        "res.partner": ["network_tier_id"],
        "crm.stage": ["is_won"],
    }

    lead_id = fields.Many2one("crm.lead", string="Registration", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    tier_id = fields.Many2one("partner.network.tier", string="Tier", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date = fields.Date(string="Submitted On", readonly=True)
    registration_state = fields.Selection(
        REGISTRATION_STATES, string="Registration Status", readonly=True
    )
    registration_count = fields.Integer(string="Registrations", readonly=True)
    accepted_count = fields.Integer(string="Accepted", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    in_time_rate = fields.Float(
        string="Decided in Time (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the registrations due for a decision that were decided "
        "by their deadline (expired ones were not).",
    )
    acceptance_rate = fields.Float(
        string="Acceptance Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the closed registrations (decided or expired) that were "
        "accepted.",
    )
    decision_days = fields.Float(
        string="Days to Decision",
        aggregator="avg",
        readonly=True,
        help="Average days between submission and decision, of decided "
        "registrations.",
    )
    won_rate = fields.Float(
        string="Won Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the accepted registrations whose opportunity was won.",
    )

    def _select(self):
        """Columns of the view; addons add theirs with ``SQL("%s, ...", super())``."""
        earning = SQL("lead.registration_state IN %s", EARNING_STATES)
        decided = SQL(
            "lead.registration_decision_date IS NOT NULL "
            "AND lead.registration_state != 'expired'"
        )
        return SQL(
            """
            lead.id AS id,
            lead.id AS lead_id,
            lead.registration_partner_id AS partner_id,
            partner.network_tier_id AS tier_id,
            lead.company_id AS company_id,
            lead.registration_date::date AS date,
            lead.registration_state AS registration_state,
            1 AS registration_count,
            CASE WHEN %(earning)s THEN 1 ELSE 0 END AS accepted_count,
            CASE WHEN %(earning)s AND stage.is_won THEN 1 ELSE 0 END AS won_count,
            CASE WHEN %(decided)s
                      THEN CASE WHEN lead.registration_deadline_margin >= 0
                                THEN 100.0 ELSE 0.0 END
                 WHEN lead.registration_state = 'expired' THEN 0.0
            END AS in_time_rate,
            CASE WHEN %(decided)s OR lead.registration_state = 'expired'
                      THEN CASE WHEN %(earning)s THEN 100.0 ELSE 0.0 END
            END AS acceptance_rate,
            CASE WHEN %(decided)s THEN lead.registration_decision_days
            END AS decision_days,
            CASE WHEN %(earning)s
                      THEN CASE WHEN stage.is_won THEN 100.0 ELSE 0.0 END
            END AS won_rate
            """,
            earning=earning,
            decided=decided,
        )

    def _from(self):
        return SQL(
            """
            crm_lead lead
            JOIN res_partner partner ON partner.id = lead.registration_partner_id
            LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
            """
        )

    def _where(self):
        return SQL(
            "lead.registration_partner_id IS NOT NULL "
            "AND lead.registration_state IS NOT NULL "
            "AND lead.registration_state != 'draft'"
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
            )
        )
