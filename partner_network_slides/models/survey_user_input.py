# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    # grouping the attempts by organisation in one query (tier review)
    network_commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Organisation",
    )
