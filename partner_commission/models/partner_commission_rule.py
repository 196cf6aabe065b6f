# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

BENEFICIARIES = [
    ("registrant", "Registrant"),
    ("upline", "Sub-network Leader"),
]


class PartnerCommissionRule(models.Model):
    _name = "partner.commission.rule"
    _description = "Partner Commission Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Among equally specific rules, the lowest sequence wins."
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="Valid From", tracking=True)
    date_to = fields.Date(string="Valid To", tracking=True)
    beneficiary = fields.Selection(
        BENEFICIARIES,
        required=True,
        default="registrant",
        tracking=True,
        help="Registrant: the partner who registered the deal. Sub-network "
        "leader: the reseller leading the registrant's sub-network (an override).",
    )
    # Partner side, from the most to the least specific
    partner_id = fields.Many2one(
        "res.partner", string="Partner", check_company=True, tracking=True
    )
    partner_tier_id = fields.Many2one(
        "partner.network.tier", string="Tier", tracking=True
    )
    partner_role_id = fields.Many2one(
        "partner.network.role",
        string="Role",
        tracking=True,
        help="The role the deal was registered with (for either beneficiary).",
    )
    partner_category_id = fields.Many2one(
        "partner.network.category", string="Category", tracking=True
    )
    # Product side
    product_id = fields.Many2one(
        "product.product", string="Product", check_company=True, tracking=True
    )
    product_categ_id = fields.Many2one(
        "product.category", string="Product Category", tracking=True
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(5, 2),
        required=True,
        tracking=True,
        help="Percentage of the paid base.",
    )

    _sql_constraints = [
        (
            "rate_range",
            "CHECK(rate >= 0 AND rate <= 100)",
            "A commission rate is between 0 and 100 percent.",
        ),
        (
            "date_range",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
            "A commission rule cannot end before it starts.",
        ),
    ]

    @api.model
    def _rules_by_company(self, companies):
        """Active rules of ``companies``, fetched once: {company: rules}."""
        rules = self.sudo().search([("company_id", "in", companies.ids)])
        return rules.grouped("company_id")

    def _best(self, beneficiary, partner, role, product, date):
        """The most specific rule of ``self`` for one beneficiary and product.

        Partner side: partner > tier > role > category > any; then product
        side: product > product category (the deepest first) > any; then
        sequence.
        """
        candidates = []
        for rule in self:
            if rule.beneficiary != beneficiary:
                continue
            if (rule.date_from and date < rule.date_from) or (
                rule.date_to and date > rule.date_to
            ):
                continue
            partner_score = rule._partner_score(partner, role)
            product_score = rule._product_score(product)
            if partner_score is None or product_score is None:
                continue
            candidates.append(
                (-partner_score, -product_score, rule.sequence, rule.id, rule)
            )
        return min(candidates)[-1] if candidates else self.browse()

    def _partner_score(self, partner, role):
        """How specifically this rule targets ``partner`` (None: not at all)."""
        self.ensure_one()
        checks = (
            (self.partner_id, self.partner_id == partner, 4),
            (self.partner_tier_id, self.partner_tier_id == partner.network_tier_id, 3),
            (self.partner_role_id, self.partner_role_id == role, 2),
            (
                self.partner_category_id,
                self.partner_category_id in partner.network_category_ids,
                1,
            ),
        )
        score = 0
        for criterion, matches, weight in checks:
            if criterion:
                if not matches:
                    return None
                score = max(score, weight)
        return score

    def _product_score(self, product):
        """How specifically this rule targets ``product`` (None: not at all)."""
        self.ensure_one()
        if self.product_id:
            return 1000 if self.product_id == product else None
        if self.product_categ_id:
            # parent_path is "1/4/9/": the deeper the rule's category, the
            # more specific the rule
            path = product.categ_id.parent_path or ""
            if f"/{self.product_categ_id.id}/" not in f"/{path}":
                return None
            return self.product_categ_id.parent_path.count("/")
        return 0
