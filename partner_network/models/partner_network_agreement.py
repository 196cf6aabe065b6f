# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.access import NETWORK_MANAGER_GROUP, check_group
from ..tools.cron import run_cron_batch

AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]
# Agreements not yet ended: in force or on their way to it.
AGREEMENT_RUNNING_STATES = ("draft", "submitted", "active")


class PartnerNetworkAgreement(models.Model):
    _name = "partner.network.agreement"
    _description = "Partner Network Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id"]
    _overlap_fields = {
        "state",
        "partner_id",
        "reseller_id",
        "company_id",
        "date_start",
        "date_end",
    }

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('network_category_ids', '!=', False)]",
        help="Network partner who signs the agreement.",
    )
    counterparty_type = fields.Selection(
        [("master", "Master Company"), ("reseller", "Reseller")],
        string="Signed With",
        required=True,
        default="master",
        tracking=True,
        help="Resellers sign with a master company; promoters sign with a reseller. "
        "The master company supervises every agreement.",
    )
    reseller_id = fields.Many2one(
        "res.partner",
        string="Reseller",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('network_category_ids.code', '=', 'reseller'), "
        "('network_state', '=', 'active'), ('id', '!=', partner_id)]",
        help="Reseller the promoter signs with.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Master Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    state = fields.Selection(
        AGREEMENT_STATES,
        string="Status",
        required=True,
        readonly=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(
        string="End Date",
        tracking=True,
        help="Leave empty for an agreement without end date.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Executive",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    # Informative scope: agreements are never exclusive by territory or sector.
    country_ids = fields.Many2many(
        "res.country",
        string="Territory",
        help="Countries covered by the agreement. Informative only: agreements "
        "are never exclusive by territory.",
    )
    industry_ids = fields.Many2many(
        "res.partner.industry",
        string="Sectors",
        help="Sectors covered by the agreement. Informative only: agreements are "
        "not exclusive by sector.",
    )
    note = fields.Html(string="Terms")

    _sql_constraints = [
        (
            "date_range",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "The end date of an agreement cannot be before its start date.",
        ),
        (
            "counterparty_reseller",
            "CHECK((counterparty_type = 'reseller') = (reseller_id IS NOT NULL))",
            "An agreement signed with a reseller names that reseller, and only then.",
        ),
        # Backstop of _check_no_overlap against concurrent activations: two
        # active agreements of a partner with the same counterparty in the same
        # company cannot cover the same day. Range types keep this on core
        # GiST operator classes (no btree_gist extension needed).
        (
            "active_no_overlap",
            "EXCLUDE USING gist ("
            "int4range(partner_id, partner_id, '[]') WITH &&, "
            "int4range(company_id, company_id, '[]') WITH &&, "
            "int4range(COALESCE(reseller_id, 0), COALESCE(reseller_id, 0), '[]') "
            "WITH &&, "
            "daterange(date_start, date_end, '[]') WITH &&"
            ") WHERE (state = 'active')",
            "A partner cannot have two active agreements with the same counterparty "
            "over the same period.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_user_id(self):
        for agreement in self:
            agreement.user_id = (
                agreement.partner_id.commercial_partner_id.network_manager_id
                or agreement.user_id
                or self.env.user
            )

    @api.onchange("counterparty_type")
    def _onchange_counterparty_type(self):
        if self.counterparty_type == "master":
            self.reseller_id = False

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("partner_id", "counterparty_type", "reseller_id")
    def _check_parties(self):
        for agreement in self:
            partner = agreement.partner_id
            if not partner.network_category_ids:
                raise ValidationError(
                    _(
                        "%(partner)s is not a network partner: give it a network "
                        "category before signing an agreement.",
                        partner=partner.display_name,
                    )
                )
            reseller = agreement.reseller_id
            if reseller == partner:
                raise ValidationError(
                    _("A partner cannot sign an agreement with itself.")
                )
            if reseller and not reseller._is_network_reseller(active_only=False):
                raise ValidationError(
                    _(
                        "%(reseller)s is not a reseller of the network.",
                        reseller=reseller.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # defaults count too: given in the context or as user defaults,
            # they would skip the workflow as well
            default_state = self.default_get(["state"]).get("state")
            if any(vals.get("state", default_state) != "draft" for vals in vals_list):
                self._check_workflow_write({"state"})
        if any(vals.get("state") == "active" for vals in vals_list):
            # pending changes of other agreements must reach the exclusion
            # constraint before the insert does
            self.flush_model(self._overlap_fields)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("partner.network.agreement") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        self._check_workflow_write(vals)
        if self._overlap_fields.intersection(vals):
            self._check_no_overlap(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(agreement.state != "draft" for agreement in self):
            raise UserError(
                _("Only draft agreements can be deleted; terminate the others instead.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_submit(self):
        """Submit draft agreements to the master company for activation."""
        self._check_state("draft", _("Only draft agreements can be submitted."))
        self._workflow_write({"state": "submitted"})
        return True

    def action_activate(self):
        """Activate submitted agreements (network manager of the master company)."""
        self._check_state("submitted", _("Only submitted agreements can be activated."))
        self._check_activation_rights()
        for agreement in self:
            partner = agreement.partner_id.commercial_partner_id
            if partner.network_state in ("suspended", "terminated"):
                raise UserError(
                    _(
                        "%(partner)s is %(status)s in the network: its agreements "
                        "cannot be activated.",
                        partner=partner.display_name,
                        status=dict(
                            partner._fields["network_state"]._description_selection(
                                self.env
                            )
                        )[partner.network_state],
                    )
                )
        self._workflow_write({"state": "active"})
        self.partner_id.filtered(
            lambda partner: partner.network_state == "candidate"
        ).action_network_activate()
        for agreement in self.filtered("reseller_id"):
            if not agreement.partner_id.network_parent_id:
                agreement.partner_id.network_parent_id = agreement.reseller_id
        return True

    def action_terminate(self):
        """Terminate agreements before their end date."""
        self._check_state(
            AGREEMENT_RUNNING_STATES,
            _("Only running agreements can be terminated."),
        )
        self._workflow_write({"state": "terminated"})
        return True

    def action_draft(self):
        """Send submitted agreements back to draft for changes."""
        self._check_state(
            "submitted", _("Only submitted agreements can be reset to draft.")
        )
        self._workflow_write({"state": "draft"})
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_no_overlap(self, vals):
        """Refuse, before writing ``vals``, an active agreement overlapping another.

        Checked ahead of the write: once written, the overlap would be refused
        by the exclusion constraint, which stays the backstop for concurrent
        transactions.
        """
        for agreement in self:
            if vals.get("state", agreement.state) != "active":
                continue
            date_start = fields.Date.to_date(
                vals.get("date_start", agreement.date_start)
            )
            date_end = fields.Date.to_date(vals.get("date_end", agreement.date_end))
            domain = [
                ("id", "not in", self.ids),
                ("state", "=", "active"),
                ("partner_id", "=", vals.get("partner_id", agreement.partner_id.id)),
                ("company_id", "=", vals.get("company_id", agreement.company_id.id)),
                ("reseller_id", "=", vals.get("reseller_id", agreement.reseller_id.id)),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date_start),
            ]
            if date_end:
                domain.append(("date_start", "<=", date_end))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    _(
                        "%(partner)s already has an active agreement with this "
                        "counterparty for part of the period of %(agreement)s.",
                        partner=agreement.partner_id.display_name,
                        agreement=agreement.name,
                    )
                )

    def _check_workflow_write(self, field_names):
        """Refuse to set the state outside the actions and the cron.

        Any user, managers included: the actions check the transition and the
        rights of the user, which a plain write would skip. Superuser code (the
        actions through _workflow_write, the cron, data files) passes.
        """
        if "state" in field_names and not self.env.su:
            raise UserError(
                _(
                    "The status of an agreement changes only through its actions "
                    "(submit, activate, terminate, back to draft), never by editing it."
                )
            )

    def _workflow_write(self, vals):
        """Write ``vals``, the state included, for an action that checked the
        transition; the user's right to write the records is checked as for any
        write."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _check_state(self, states, message):
        states = (states,) if isinstance(states, str) else states
        if any(agreement.state not in states for agreement in self):
            raise UserError(message)

    def _check_activation_rights(self):
        # Record rules already confine the agreements to the user's companies,
        # so a manager can only reach those of its own master companies.
        check_group(
            self.env,
            NETWORK_MANAGER_GROUP,
            _("Only a Network Manager of the master company can activate agreements."),
        )

    @api.model
    def _cron_expire(self, batch_size=500):
        """Expire active agreements past their end date, one batch per call."""
        domain = [
            ("state", "=", "active"),
            ("date_end", "<", fields.Date.context_today(self)),
        ]
        run_cron_batch(
            self,
            lambda agreements: agreements._workflow_write({"state": "expired"}),
            batch_size,
            domain=domain,
        )
