# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

REGISTRATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("expired", "Expired"),
    ("released", "Released"),
]
# States in which a registration holds its prospect exclusively.
LOCKED_STATES = ("submitted", "accepted")
# States in which a registration earns credit for what is sold to its
# prospect: accepted, or accepted and since released from its protection.
EARNING_STATES = ("accepted", "released")
REJECTION_REASONS = [
    ("duplicate", "Duplicate"),
    ("existing_customer", "Existing Customer"),
    ("channel_customer", "Customer of a Reseller"),
    ("incomplete", "Incomplete"),
    ("not_fit", "Not a Fit"),
    ("other", "Other"),
]
REGISTRATION_CHANNELS = [("internal", "Internal Sales Team"), ("reseller", "Reseller")]
# Fields of the registration workflow: its state and dates, the decision
# and the executing channel.
REGISTRATION_WORKFLOW_FIELDS = frozenset(
    {
        "registration_state",
        "registration_date",
        "registration_deadline",
        "registration_decision_date",
        "registration_rejection_reason",
        "registration_rejection_note",
        "registration_protected_until",
        "registration_channel",
        "registration_executing_partner_id",
    }
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Fields defining the prospect and the registrant: while a registration is
    # protected, only network managers change them.
    _registration_protected_fields = {
        "partner_name",
        "contact_name",
        "partner_id",
        "email_from",
        "phone",
        "mobile",
        "website",
        "country_id",
        "registration_vat",
        "registration_partner_id",
        "registration_role_id",
    }
    # Only the actions, the arbitration and the crons set the workflow fields
    # (see _registration_workflow_write), for every user.
    _registration_workflow_fields = REGISTRATION_WORKFLOW_FIELDS

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # Tracking of the prospect fields Odoo does not track itself
    website = fields.Char(tracking=True)
    phone = fields.Char(tracking=True)
    mobile = fields.Char(tracking=True)
    country_id = fields.Many2one(tracking=True)

    # Registrant
    registration_partner_id = fields.Many2one(
        "res.partner",
        string="Registered By",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('network_state', '=', 'active')]",
        help="Network partner who registered the opportunity.",
    )
    registration_role_id = fields.Many2one(
        "partner.network.role",
        string="Registrant Role",
        compute="_compute_registration_role_id",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
        domain="[('id', 'in', registration_partner_role_ids)]",
    )
    registration_leader_id = fields.Many2one(
        related="registration_partner_id.commercial_partner_id.network_parent_id",
        string="Sub-network Leader",
        store=True,
        index="btree_not_null",
        help="Reseller leading the registrant's sub-network: it follows the "
        "registration read-only in its portal.",
    )
    registration_partner_role_ids = fields.Many2many(
        related="registration_partner_id.network_role_ids"
    )
    registration_state = fields.Selection(
        REGISTRATION_STATES,
        string="Registration Status",
        compute="_compute_registration_state",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        copy=False,
    )
    # Opportunity notice: the need, budget and timeframe
    registration_vat = fields.Char(string="Prospect Tax ID", tracking=True, copy=False)
    registration_industry_id = fields.Many2one(
        "res.partner.industry", string="Prospect Sector", tracking=True
    )
    registration_need = fields.Text(string="Need", tracking=True)
    registration_budget = fields.Monetary(
        string="Estimated Budget", currency_field="company_currency", tracking=True
    )
    registration_implementation_date = fields.Date(
        string="Estimated Implementation", tracking=True
    )
    # Decision
    registration_date = fields.Datetime(
        string="Submitted On", readonly=True, copy=False
    )
    registration_deadline = fields.Date(
        string="Decision Deadline",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Last working day to accept the registration; after it, it lapses.",
    )
    registration_days_left = fields.Integer(
        string="Days Left", compute="_compute_registration_days_left"
    )
    registration_decision_date = fields.Datetime(
        string="Decided On", readonly=True, copy=False
    )
    registration_decision_days = fields.Float(
        string="Days to Decision",
        compute="_compute_registration_decision_stats",
        store=True,
        aggregator="avg",
    )
    registration_deadline_margin = fields.Integer(
        string="Days Before Deadline",
        compute="_compute_registration_decision_stats",
        store=True,
        aggregator="avg",
        help="Days between the decision and the deadline; negative when late.",
    )
    registration_rejection_reason = fields.Selection(
        REJECTION_REASONS,
        string="Rejection Reason",
        readonly=True,
        tracking=True,
        copy=False,
    )
    registration_rejection_note = fields.Text(
        string="Rejection Note", readonly=True, copy=False
    )
    registration_protected_until = fields.Date(
        string="Protected Until",
        readonly=True,
        tracking=True,
        copy=False,
        index="btree_not_null",
    )
    registration_channel = fields.Selection(
        REGISTRATION_CHANNELS,
        string="Executing Channel",
        readonly=True,
        tracking=True,
        copy=False,
    )
    registration_executing_partner_id = fields.Many2one(
        "res.partner",
        string="Executing Reseller",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        tracking=True,
        copy=False,
        domain="[('network_category_ids.code', '=', 'reseller'), "
        "('network_state', '=', 'active')]",
    )
    registration_attribution_ids = fields.One2many(
        "partner.network.attribution", "lead_id", string="Attribution History"
    )

    @api.depends("registration_partner_id")
    def _compute_registration_role_id(self):
        for lead in self:
            roles = lead.registration_partner_id.commercial_partner_id.network_role_ids
            if lead.registration_role_id in roles:
                continue
            lead.registration_role_id = roles[:1] if len(roles) == 1 else False

    @api.depends("registration_partner_id")
    def _compute_registration_state(self):
        for lead in self:
            if lead.registration_partner_id and not lead.registration_state:
                lead.registration_state = "draft"
            else:
                lead.registration_state = lead.registration_state

    @api.depends("registration_deadline", "registration_state")
    @api.depends_context("tz")
    def _compute_registration_days_left(self):
        today = fields.Date.context_today(self)
        for lead in self:
            if lead.registration_state == "submitted" and lead.registration_deadline:
                lead.registration_days_left = (lead.registration_deadline - today).days
            else:
                lead.registration_days_left = 0

    @api.depends(
        "registration_date", "registration_decision_date", "registration_deadline"
    )
    def _compute_registration_decision_stats(self):
        for lead in self:
            submitted, decided = lead.registration_date, lead.registration_decision_date
            if submitted and decided:
                lead.registration_decision_days = (
                    decided - submitted
                ).total_seconds() / 86400
            else:
                lead.registration_decision_days = 0.0
            if decided and lead.registration_deadline:
                lead.registration_deadline_margin = (
                    lead.registration_deadline - decided.date()
                ).days
            else:
                lead.registration_deadline_margin = 0

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(
            name.startswith("registration_")
            for vals in vals_list
            for name in self._portal_guarded_fields(vals)
        ):
            self._portal_refuse_write()
        if not self.env.su:
            # defaults count too: given in the context or as user defaults,
            # they would skip the workflow as well
            defaults = self.default_get(list(self._registration_workflow_fields))
            self._registration_check_workflow_fields(
                {
                    name
                    for vals in vals_list
                    for name, value in dict(defaults, **vals).items()
                    if value and (name, value) != ("registration_state", "draft")
                }
            )
        leads = super().create(vals_list)
        leads.filtered(
            lambda lead: lead.registration_state in LOCKED_STATES
        )._registration_sync_locks()
        return leads

    def write(self, vals):
        if self._portal_guarded_fields(vals) and (
            any(name.startswith("registration_") for name in vals)
            or any(self.mapped("registration_partner_id"))
        ):
            self._portal_refuse_write()
        self._registration_check_workflow_fields(vals)
        protected = self._registration_protected_fields.intersection(vals)
        if protected:
            self._registration_check_protected_write(protected)
        key_change = "registration_state" in vals or {
            "registration_vat",
            "country_id",
            "website",
            "partner_name",
            "email_from",
            "phone",
            "mobile",
            "company_id",
        }.intersection(vals)
        locked_before = self.filtered(
            lambda lead: lead.registration_state in LOCKED_STATES
        )
        result = super().write(vals)
        if key_change:
            (
                locked_before
                | self.filtered(lambda lead: lead.registration_state in LOCKED_STATES)
            )._registration_sync_locks()
        return result

    def _registration_check_workflow_fields(self, field_names):
        """Refuse to set workflow fields outside the workflow's own code.

        Any user, managers included: the actions check the transition and log
        the attribution, which a plain write would skip. Superuser code (the
        actions through _registration_workflow_write, the crons, data files)
        passes.
        """
        if self.env.su:
            return
        names = self._registration_workflow_fields.intersection(field_names)
        if names:
            labels = ", ".join(
                sorted(
                    self._fields[name]._description_string(self.env) for name in names
                )
            )
            raise UserError(
                _(
                    "These fields of a registration change only through its "
                    "actions (submit, review, release, transfer), never by editing "
                    "them: %(fields)s.",
                    fields=labels,
                )
            )

    def _registration_workflow_write(self, vals):
        """Write ``vals``, workflow fields included, for an action that checked
        the transition; the user's right to write the records is checked as
        for any write."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "registration_state" in init_values and self.registration_state in (
            "accepted",
            "rejected",
            "expired",
            "released",
        ):
            return self.env.ref("partner_network.mt_registration_decision")
        if (
            "registration_state" in init_values
            and self.registration_state == "submitted"
        ):
            return self.env.ref("partner_network.mt_registration_submitted")
        return super()._track_subtype(init_values)

    def _track_get_default_log_message(self, tracked_fields):
        # One subtype notifies every decision: its message says which one.
        if "registration_state" in tracked_fields:
            decisions = {
                "accepted": _("Registration accepted."),
                "rejected": _("Registration rejected."),
                "expired": _(
                    "Registration expired: it was not accepted by its decision "
                    "deadline."
                ),
                "released": _(
                    "Registration released: its prospect is no longer protected."
                ),
            }
            if self.registration_state in decisions:
                return decisions[self.registration_state]
        return super()._track_get_default_log_message(tracked_fields)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_registration_submit(self):
        """Submit draft registrations for review by the company."""
        if any(lead.registration_state != "draft" for lead in self):
            raise UserError(_("Only draft registrations can be submitted."))
        for lead in self:
            lead._registration_check_complete()
            lead._registration_check_registrant()
        self._registration_check_quota()
        self._registration_check_not_customer()
        now = self.env.cr.now()
        deadlines = self._registration_deadlines(now)
        for deadline, leads in self.grouped(lambda lead: deadlines[lead.id]).items():
            leads._registration_workflow_write(
                {
                    "registration_state": "submitted",
                    "registration_date": now,
                    "registration_deadline": deadline,
                }
            )
        for lead in self:
            reviewer = lead._registration_reviewer()
            lead.message_subscribe(
                partner_ids=(
                    lead.registration_partner_id.commercial_partner_id
                    | reviewer.filtered(
                        lambda user: not user._is_superuser()
                    ).partner_id
                ).ids
            )
            # the summary is copied from the activity type: in the reviewer's
            # language, not the submitter's
            lead.with_context(lang=reviewer.lang).activity_schedule(
                "partner_network.mail_activity_type_registration_review",
                date_deadline=lead.registration_deadline,
                user_id=reviewer.id,
            )
        self._registration_log_attribution("submitted")
        return True

    def action_registration_accept(self, channel, executing_partner=None, reason=None):
        """Accept submitted registrations, executed by ``channel``.

        Not a button: the review wizard (``crm.lead.registration.review``) is
        the UI path. Reachable over RPC all the same, so it checks, as every
        entry point, that the user is a network user, then its arguments.

        :param str channel: ``internal`` (the company's own sales team) or
            ``reseller`` (then ``executing_partner``, a res.partner record or
            id, is the active reseller chosen to execute the sale).
        """
        self._registration_check_reviewer()
        if any(lead.registration_state != "submitted" for lead in self):
            raise UserError(_("Only submitted registrations can be accepted."))
        if not isinstance(channel, str) or channel not in dict(REGISTRATION_CHANNELS):
            raise UserError(_("Choose the channel that executes the sale."))
        executing_partner = self.env["res.partner"].browse(
            getattr(executing_partner, "ids", executing_partner) or []
        )
        if channel == "reseller" and not executing_partner._is_network_reseller():
            raise UserError(
                _("Choose an active reseller of the network to execute the sale.")
            )
        today = fields.Date.context_today(self)
        now = self.env.cr.now()
        for lead in self:
            lead._registration_workflow_write(
                {
                    "registration_state": "accepted",
                    "registration_decision_date": now,
                    "registration_channel": channel,
                    "registration_executing_partner_id": executing_partner.id
                    if channel == "reseller"
                    else False,
                    "registration_protected_until": today
                    + timedelta(days=lead._registration_protection_days()),
                }
            )
        if channel == "reseller":
            self.partner_id.commercial_partner_id.filtered(
                lambda partner: not partner.network_reseller_id
            ).sudo().network_reseller_id = executing_partner
        self._registration_close_review()
        self._registration_log_attribution("accepted", reason=reason)
        return True

    def action_registration_reject(self, reason, note=None):
        """Reject submitted registrations with a reason and an optional note.

        Not a button: the review wizard (``crm.lead.registration.review``) is
        the UI path. Reachable over RPC all the same, so it checks, as every
        entry point, that the user is a network user, then its arguments.

        :param str reason: a key of ``REJECTION_REASONS``
        """
        self._registration_check_reviewer()
        if any(lead.registration_state != "submitted" for lead in self):
            raise UserError(_("Only submitted registrations can be rejected."))
        if not isinstance(reason, str) or reason not in dict(REJECTION_REASONS):
            raise UserError(_("Choose the reason of the rejection."))
        self._registration_workflow_write(
            {
                "registration_state": "rejected",
                "registration_decision_date": self.env.cr.now(),
                "registration_rejection_reason": reason,
                "registration_rejection_note": note or False,
            }
        )
        self._registration_close_review()
        return True

    def action_registration_release(self):
        """End the protection of accepted registrations: the prospect is free again."""
        self._registration_check_reviewer()
        if any(lead.registration_state != "accepted" for lead in self):
            raise UserError(_("Only accepted registrations can be released."))
        self._registration_workflow_write({"registration_state": "released"})
        return True

    def action_registration_review(self):
        """Open the review wizard of this registration."""
        self.ensure_one()
        self._registration_check_reviewer()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "partner_network.crm_lead_registration_review_action"
        )
        action["context"] = {"default_lead_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS: review and attribution
    # ------------------------------------------------------------

    def _registration_protection_days(self):
        self.ensure_one()
        tier = self.registration_partner_id.commercial_partner_id.network_tier_id
        if tier:
            return tier.protection_days
        return (self.company_id or self.env.company).registration_protection_days

    def _registration_reviewer(self):
        """The account executive of the registrant, else whoever follows the lead."""
        self.ensure_one()
        return (
            self.registration_partner_id.commercial_partner_id.network_manager_id
            or self.user_id
            or self.team_id.user_id
            or (
                self.env.user
                if not self.env.user.share
                else self.env.ref("base.user_root")
            )
        )

    def _registration_close_review(self):
        self.activity_unlink(["partner_network.mail_activity_type_registration_review"])

    def _registration_log_attribution(self, event, reason=None):
        self.env["partner.network.attribution"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "event": event,
                    "partner_id": lead.registration_partner_id.id,
                    "channel": lead.registration_channel,
                    "executing_partner_id": lead.registration_executing_partner_id.id,
                    "reason": reason,
                }
                for lead in self
            ]
        )
