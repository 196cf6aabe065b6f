# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..tools import prospect_keys
from ..tools.access import NETWORK_MANAGER_GROUP, check_group
from ..tools.key_fields import key_field
from .crm_lead import LOCKED_STATES
from .partner_network_agreement import AGREEMENT_RUNNING_STATES

NETWORK_STATES = [
    ("candidate", "Candidate"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("terminated", "Terminated"),
]

# Which network statuses each state-changing action starts from.
NETWORK_TRANSITIONS = {
    "active": ("candidate", "suspended"),
    "suspended": ("active",),
    "terminated": ("candidate", "active", "suspended"),
    "candidate": ("terminated",),
}


def _sets_value(value):
    """Whether a value written to a field sets something: a non-empty value, or
    x2many commands that do more than clear or remove."""
    if isinstance(value, list | tuple):
        return any(
            not isinstance(command, list | tuple)
            or command[0]
            not in (Command.UNLINK, Command.DELETE, Command.CLEAR, Command.SET)
            or (command[0] == Command.SET and command[2])
            for command in value
        )
    return bool(value)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Fields that define the program structure: only Network Managers change them.
    _network_managed_fields = {
        "network_category_ids",
        "network_role_ids",
        "network_tier_id",
        "network_state",
        "network_parent_id",
        "network_master_company_id",
        "network_manager_id",
        "network_country_ids",
        "network_industry_ids",
        "network_reseller_id",
    }

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # Program structure
    network_category_ids = fields.Many2many(
        "partner.network.category",
        "res_partner_network_category_rel",
        "partner_id",
        "category_id",
        string="Network Categories",
        tracking=True,
        copy=False,
        help="Categories are cumulative: a partner may be a reseller and a sponsor "
        "at the same time.",
    )
    network_role_ids = fields.Many2many(
        "partner.network.role",
        "res_partner_network_role_rel",
        "partner_id",
        "role_id",
        string="Network Roles",
        tracking=True,
        copy=False,
    )
    network_tier_id = fields.Many2one(
        "partner.network.tier",
        string="Network Tier",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
    )
    network_tier_pricelist_id = fields.Many2one(
        related="network_tier_id.pricelist_id", string="Tier Pricelist"
    )
    network_state = fields.Selection(
        NETWORK_STATES,
        string="Network Status",
        compute="_compute_network_state",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        copy=False,
    )
    network_master_company_id = fields.Many2one(
        "res.company",
        string="Master Company",
        compute="_compute_network_master_company_id",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
        help="Master company of the network that supervises this partner's agreements.",
    )
    network_manager_id = fields.Many2one(
        "res.users",
        string="Account Executive",
        tracking=True,
        copy=False,
        help="Internal account executive who receives this partner's deal "
        "registrations.",
    )
    # Sub-network: promoters working with a reseller
    network_parent_id = fields.Many2one(
        "res.partner",
        string="Sub-network Leader",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('network_category_ids.code', '=', 'reseller'), "
        "('network_state', '=', 'active'), ('id', '!=', id)]",
        help="Reseller that leads the sub-network this promoter belongs to.",
    )
    network_child_ids = fields.One2many(
        "res.partner", "network_parent_id", string="Sub-network Partners"
    )
    network_child_count = fields.Integer(
        string="Sub-network Size", compute="_compute_network_child_count"
    )
    # Territory and sector: informative, never an exclusivity
    network_country_ids = fields.Many2many(
        "res.country",
        "res_partner_network_country_rel",
        "partner_id",
        "country_id",
        string="Territory",
        copy=False,
        help="Countries where the partner works. Informative only: the network "
        "never grants territorial exclusivity.",
    )
    network_industry_ids = fields.Many2many(
        "res.partner.industry",
        "res_partner_network_industry_rel",
        "partner_id",
        "industry_id",
        string="Sectors",
        copy=False,
        help="Sectors the partner works in. Informative only: the network never "
        "grants sector exclusivity.",
    )
    network_can_edit = fields.Boolean(compute="_compute_network_can_edit")
    # End customers served by a reseller of the network
    network_reseller_id = fields.Many2one(
        "res.partner",
        string="Served by Reseller",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('network_category_ids.code', '=', 'reseller')]",
        help="Reseller of the network that contracts with and serves this customer. "
        "Its prospects cannot be registered by other partners.",
    )
    network_customer_ids = fields.One2many(
        "res.partner", "network_reseller_id", string="Customers Served"
    )
    # Normalized keys, to recognize a prospect among existing customers; web
    # domains as written (website and email): which ones identify a company is
    # decided when they are compared, by the list of mail providers.
    network_key_vat = key_field("_compute_network_keys")
    network_key_domain = key_field("_compute_network_keys")
    network_key_email_domain = key_field("_compute_network_keys")
    network_key_phone = key_field("_compute_network_keys")
    network_key_name = key_field("_compute_network_keys")
    network_agreement_ids = fields.One2many(
        "partner.network.agreement", "partner_id", string="Network Agreements"
    )
    network_agreement_count = fields.Integer(
        string="Agreements", compute="_compute_network_agreement_count"
    )

    @api.depends_context("uid")
    def _compute_network_can_edit(self):
        can_edit = self.env.user.has_group("partner_network.group_network_manager")
        self.network_can_edit = can_edit

    @api.depends("network_category_ids")
    def _compute_network_state(self):
        for partner in self:
            if partner.network_category_ids and not partner.network_state:
                partner.network_state = "candidate"
            else:
                partner.network_state = partner.network_state

    @api.depends("network_category_ids")
    def _compute_network_master_company_id(self):
        for partner in self:
            if partner.network_category_ids and not partner.network_master_company_id:
                partner.network_master_company_id = (
                    partner.company_id or self.env.company
                )
            else:
                partner.network_master_company_id = partner.network_master_company_id

    @api.depends(
        "vat", "country_id", "website", "email", "phone", "mobile", "name", "is_company"
    )
    def _compute_network_keys(self):
        for partner in self:
            (
                partner.network_key_vat,
                partner.network_key_domain,
                name,
            ) = prospect_keys.company_keys(
                partner.vat, partner.country_id.code, partner.website, partner.name
            )
            partner.network_key_email_domain = prospect_keys.email_domain(partner.email)
            number = partner.phone or partner.mobile
            partner.network_key_phone = number and partner._phone_format(
                number=number, country=partner.country_id
            )
            partner.network_key_name = partner.is_company and name

    def _compute_network_child_count(self):
        counts = dict(
            self._read_group(
                [("network_parent_id", "in", self.ids)],
                ["network_parent_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.network_child_count = counts.get(partner, 0)

    def _compute_network_agreement_count(self):
        counts = dict(
            self.env["partner.network.agreement"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.network_agreement_count = counts.get(partner, 0)

    @api.depends(
        "country_id",
        "specific_property_product_pricelist",
        "commercial_partner_id.network_state",
        "commercial_partner_id.network_tier_id.pricelist_id",
    )
    @api.depends_context("company", "country_code")
    def _compute_product_pricelist(self):
        # Same computation (see product.pricelist._get_partner_pricelist_multi);
        # redefined so that a tier or status change refreshes the pricelist.
        return super()._compute_product_pricelist()

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("network_category_ids", "is_company")
    def _check_network_category_company(self):
        for partner in self:
            categories = partner.network_category_ids.filtered("requires_company")
            if categories and not partner.is_company:
                raise ValidationError(
                    _(
                        "%(partner)s cannot join the network as %(categories)s: "
                        "this category requires a company.",
                        partner=partner.display_name,
                        categories=", ".join(categories.mapped("name")),
                    )
                )

    @api.constrains("network_category_ids", "network_role_ids", "network_tier_id")
    def _check_network_role_tier_category(self):
        for partner in self:
            wrong_roles = partner.network_role_ids.filtered(
                lambda role, partner=partner: role.category_id
                not in partner.network_category_ids
            )
            if wrong_roles:
                raise ValidationError(
                    _(
                        "%(partner)s cannot act as %(roles)s without belonging to "
                        "the category of the role.",
                        partner=partner.display_name,
                        roles=", ".join(wrong_roles.mapped("name")),
                    )
                )
            tier = partner.network_tier_id
            if tier and tier.category_id not in partner.network_category_ids:
                raise ValidationError(
                    _(
                        "%(partner)s cannot hold the tier %(tier)s, which is "
                        "reserved to the category %(category)s.",
                        partner=partner.display_name,
                        tier=tier.name,
                        category=tier.category_id.name,
                    )
                )

    @api.constrains("network_parent_id", "network_category_ids")
    def _check_network_parent(self):
        if self._has_cycle("network_parent_id"):
            raise ValidationError(
                _("A sub-network cannot contain its own leader (cycle detected).")
            )
        for partner in self:
            parent = partner.network_parent_id
            if parent and not parent._is_network_reseller():
                raise ValidationError(
                    _(
                        "%(parent)s cannot lead a sub-network: only an active "
                        "reseller can.",
                        parent=parent.display_name,
                    )
                )
            if parent and partner._is_network_reseller(active_only=False):
                raise ValidationError(
                    _(
                        "%(partner)s is a reseller: sub-networks are made of "
                        "promoters, not resellers.",
                        partner=partner.display_name,
                    )
                )
            if partner.network_child_ids and not partner._is_network_reseller(
                active_only=False
            ):
                raise ValidationError(
                    _(
                        "%(partner)s leads a sub-network and must remain a reseller.",
                        partner=partner.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(self._network_changes_structure(vals) for vals in vals_list):
            self._check_network_manager()
        return super().create(vals_list)

    def write(self, vals):
        if self._network_changes_structure(vals):
            self._check_network_manager()
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_network_activate(self):
        """Activate candidate or suspended partners in the network."""
        return self._network_set_state("active")

    def action_network_suspend(self):
        """Suspend active partners: they keep their structure but cannot operate."""
        return self._network_set_state("suspended")

    def action_network_terminate(self):
        """Terminate partners and their running agreements."""
        self._network_set_state("terminated")
        self.network_agreement_ids.filtered(
            lambda agreement: agreement.state in AGREEMENT_RUNNING_STATES
        ).action_terminate()
        return True

    def action_network_reset_candidate(self):
        """Reopen terminated partners as candidates to rejoin the network."""
        return self._network_set_state("candidate")

    def action_view_network_agreements(self):
        """Open the agreements signed by this partner."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_network.partner_network_agreement_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_network_children(self):
        """Open the promoters of this reseller's sub-network."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_network.res_partner_action_network"
        )
        action["domain"] = [("network_parent_id", "=", self.id)]
        action["context"] = {"default_network_parent_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _network_changes_structure(self, vals):
        """Whether writing ``vals`` on these partners (none when creating)
        changes their place in the network: it sets a network field, or clears
        one that some of them hold. Empty values (empty x2many commands, as a
        copy or an import sends them) change nothing."""
        return any(
            _sets_value(value) or any(self.mapped(name))
            for name, value in vals.items()
            if name in self._network_managed_fields
        )

    def _check_network_manager(self):
        """Refuse changes of the network structure to non Network Managers."""
        check_group(
            self.env,
            NETWORK_MANAGER_GROUP,
            _(
                "Only Network Managers can change a partner's place in the network "
                "(categories, roles, tier, status, sub-network, master company, "
                "account executive, territory and sectors)."
            ),
        )

    def _is_network_reseller(self, active_only=True):
        self.ensure_one()
        return "reseller" in self.network_category_ids.mapped("code") and (
            not active_only or self.network_state == "active"
        )

    @api.model
    def _network_customer_domain(self):
        """Domain of the partners that are already customers: served by a
        reseller, with a won opportunity, or invoiced when Invoicing is there."""
        domain = expression.OR(
            [
                [("network_reseller_id", "!=", False)],
                [("opportunity_ids.stage_id.is_won", "=", True)],
            ]
        )
        if "customer_rank" in self._fields:
            domain = expression.OR([domain, [("customer_rank", ">", 0)]])
        return domain

    def _network_transfer_portfolio(self, target, reason):
        """Continuity: hand a reseller's customers, open registrations and
        sub-network to ``target`` (a reseller), or to the master company when
        ``target`` is empty."""
        self.ensure_one()
        self.env["crm.lead"]._registration_check_manager()
        if not self._is_network_reseller(active_only=False):
            raise UserError(
                _("%(partner)s is not a reseller.", partner=self.display_name)
            )
        target = target or self.browse()
        if target == self:
            raise UserError(_("Choose another reseller to take over the portfolio."))
        Lead = self.env["crm.lead"].with_context(active_test=False)
        customers = self.network_customer_ids
        own = Lead.search(
            [
                ("registration_partner_id", "child_of", self.ids),
                ("registration_state", "in", LOCKED_STATES),
            ]
        )
        executed = (
            Lead.search(
                [
                    ("registration_state", "in", LOCKED_STATES),
                    "|",
                    ("registration_executing_partner_id", "=", self.id),
                    ("partner_id", "child_of", customers.ids),
                ]
            )
            - own
        )
        if own:
            own._registration_transfer(target, reason, transfer_registrant=bool(target))
        if executed:
            executed._registration_transfer(target, reason)
        customers.write({"network_reseller_id": target.id})
        self.network_child_ids.write({"network_parent_id": target.id})
        self.message_post(
            body=_(
                "Portfolio transferred to %(target)s: %(reason)s",
                target=target.display_name or _("the master company"),
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _network_set_state(self, state):
        state_labels = dict(
            self._fields["network_state"]._description_selection(self.env)
        )
        for partner in self:
            if not partner.network_category_ids:
                raise UserError(
                    _(
                        "%(partner)s is not a network partner: give it a network "
                        "category first.",
                        partner=partner.display_name,
                    )
                )
            if partner.network_state not in NETWORK_TRANSITIONS[state]:
                raise UserError(
                    _(
                        "%(partner)s cannot become %(new)s from the status %(old)s.",
                        partner=partner.display_name,
                        new=state_labels[state],
                        old=state_labels.get(partner.network_state, ""),
                    )
                )
        self.write({"network_state": state})
        return True
