# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    network_demo_ok = fields.Boolean(
        string="Demo Unit",
        help="Network partners may request this product as a demonstration "
        "unit, at the demo pricelist of their tier.",
    )
