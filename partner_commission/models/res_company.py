# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    commission_hold_days = fields.Integer(
        string="Commission Hold Period",
        default=0,
        help="Days a commission line waits before it can be settled, e.g. to let "
        "refunds and chargebacks come in.",
    )
    commission_basis = fields.Selection(
        [
            ("reconciled", "Reconciled payments"),
            ("bank_matched", "Payments matched with a bank statement"),
        ],
        default="reconciled",
        required=True,
        help="What counts as effectively paid: any reconciled payment, or only "
        "payments already matched with a bank statement line.",
    )
    commission_product_id = fields.Many2one(
        "product.product",
        string="Commission Product",
        help="Product of the vendor bills paying commissions; its expense account "
        "books them. Defaults to the Partner Commission product.",
    )

    _sql_constraints = [
        (
            "commission_hold_days_positive",
            "CHECK(commission_hold_days >= 0)",
            "The commission hold period cannot be negative.",
        ),
    ]
