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

    @api.model
    def _ledger_rates(self, companies):
        """Return ``choose(company, beneficiary, partner, role, product,
        date)``, which gives the (rule, rate) the ledger applies: the most
        specific rule of the company (``_best``) and its ``_ledger_rate``.
        The rules of ``companies`` are fetched once and each choice is made
        once: many invoices share their terms."""
        rules = self._rules_by_company(companies)
        chosen = {}

        def choose(company, beneficiary, partner, *terms):
            key = (company, beneficiary, partner, *terms)
            if key not in chosen:
                rule = rules.get(company, self.browse())._best(
                    beneficiary, partner, *terms
                )
                chosen[key] = (rule, rule._ledger_rate(beneficiary, partner))
            return chosen[key]

        return choose

    def _ledger_rate(self, beneficiary, partner):
        """The rate of this rule for ``partner`` earning as ``beneficiary``;
        without rule (``self`` empty), the tier's sub-network bonus of a
        sub-network leader, and 0 for a registrant."""
        if self:
            return self.rate
        if beneficiary == "upline":
            return partner.network_tier_id.subnetwork_bonus_percent
        return 0.0

    @api.model
    def _portal_rate_card(self):
        """The rates the ledger applies today to the commissions of the
        user's commercial partner, as registrant and as sub-network leader
        (see ``_rate_card_lines``).

        The portal reads no rule: only the user's own partner is read with
        sudo, and the rules of its master company, where its registrations
        and so their invoices are made (never another company's).
        """
        partner = self.env.user.commercial_partner_id.sudo()
        company = partner.network_master_company_id
        if not partner.network_category_ids or not company:
            return []
        rules = self._rules_by_company(company).get(company, self.sudo())
        lines = []
        for beneficiary, registrants in (
            ("registrant", partner),
            ("upline", partner.network_child_ids),
        ):
            roles = self._rate_card_roles(registrants)
            lines += rules._rate_card_lines(beneficiary, partner, roles)
        return lines

    def _rate_card_lines(self, beneficiary, partner, roles):
        """The rules of ``self`` (one company's) that win today for
        ``partner`` as ``beneficiary``, for a registration carrying any of
        ``roles``: ``_best`` chooses, as in the ledger, for each product side
        these rules name (a product, a product category, any product).

        One dict per winning rule, with ``beneficiary``, ``rule`` and
        ``rate``, from any product to a single one; first, for a sub-network
        leader left without a rule for some product, its tier's sub-network
        bonus (an empty ``rule``).
        """
        today = fields.Date.context_today(self)
        candidates = self.filtered(
            lambda rule: rule.beneficiary == beneficiary
            and any(rule._partner_score(partner, role) is not None for role in roles)
        )
        any_side = (self.env["product.product"], self.env["product.category"])
        sides = {(rule.product_id, rule.product_categ_id) for rule in candidates}
        winners = self.browse()
        bonus = False
        for role in roles:
            for product, categ in sides | {any_side}:
                rule = candidates._best(
                    beneficiary, partner, role, product, today, categ
                )
                winners |= rule
                bonus = bonus or (not rule and (product, categ) == any_side)
        lines = []
        bonus_rate = partner.network_tier_id.subnetwork_bonus_percent
        if beneficiary == "upline" and bonus and bonus_rate:
            lines.append(
                {"beneficiary": beneficiary, "rule": self.browse(), "rate": bonus_rate}
            )
        winners = winners.sorted(
            lambda rule: (
                bool(rule.product_id),
                bool(rule.product_categ_id),
                rule.product_id.display_name
                or rule.product_categ_id.complete_name
                or "",
                rule.partner_role_id.name or "",
                rule.sequence,
            )
        )
        lines += [
            {"beneficiary": beneficiary, "rule": rule, "rate": rule.rate}
            for rule in winners
        ]
        return lines

    @api.model
    def _rate_card_roles(self, registrants):
        """The roles a registration of ``registrants`` may carry, an empty
        one standing for none: a partner's only role is taken by its
        registrations; a partner with several roles, or none, may register
        without one."""
        roles = set()
        for registrant in registrants:
            roles.update(registrant.network_role_ids)
            if len(registrant.network_role_ids) != 1:
                roles.add(registrant.network_role_ids.browse())
        return roles

    def _best(self, beneficiary, partner, role, product, date, categ=None):
        """The most specific rule of ``self`` for one beneficiary and product
        (or, without product, for the products of ``categ``).

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
            product_score = rule._product_score(product, categ)
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

    def _product_score(self, product, categ=None):
        """How specifically this rule targets ``product``, or without product
        any product of ``categ`` (None: not at all)."""
        self.ensure_one()
        if self.product_id:
            return 1000 if self.product_id == product else None
        if self.product_categ_id:
            # parent_path is "1/4/9/": the deeper the rule's category, the
            # more specific the rule
            categ = product.categ_id if product else categ
            path = (categ and categ.parent_path) or ""
            if f"/{self.product_categ_id.id}/" not in f"/{path}":
                return None
            return self.product_categ_id.parent_path.count("/")
        return 0
