# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

from odoo.addons.partner_network.tools.cron import run_cron_batch
from odoo.addons.partner_network.tools.locks import touch_rows

DEMO_STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("returned", "Returned"),
    ("purchased", "Purchased"),
]
# Requests that hold one of the partner's demo units
OPEN_STATES = ("requested", "approved")
# Days before the return date when the responsible is reminded
REMINDER_DAYS = 7
# Context key of the actions that move a request from state to state
WORKFLOW_KEY = "demo_request_workflow"


class PartnerNetworkDemoRequest(models.Model):
    _name = "partner.network.demo.request"
    _description = "Demo Unit Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('network_category_ids', '!=', False)]",
        help="The network partner the demo unit is granted to.",
    )
    tier_id = fields.Many2one(related="partner_id.network_tier_id", string="Tier")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Reminded of the return date; by default the partner's account "
        "executive.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        tracking=True,
        check_company=True,
        domain="[('network_demo_ok', '=', True), ('sale_ok', '=', True)]",
    )
    quantity = fields.Float(
        default=1.0, digits="Product Unit of Measure", tracking=True
    )
    purpose = fields.Text(
        required=True, help="What the partner demonstrates the unit for."
    )
    date_start = fields.Date(
        string="Wanted From",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_return = fields.Date(
        string="Return Date", required=True, index=True, tracking=True
    )
    state = fields.Selection(
        DEMO_STATES,
        string="Status",
        required=True,
        default="requested",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sale Order",
        readonly=True,
        copy=False,
        tracking=True,
        check_company=True,
        help="The order of the demo unit, at the tier's demo pricelist, made "
        "on approval.",
    )
    return_reminded = fields.Boolean(
        copy=False,
        readonly=True,
        help="The responsible was given an activity before the return date.",
    )

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "The quantity of a demo unit request must be positive.",
        ),
        (
            "dates_ordered",
            "CHECK(date_return >= date_start)",
            "A demo unit is returned after the day it is wanted from.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_user_id(self):
        """The partner's account executive, unless someone was chosen."""
        for request in self:
            if not request.user_id:
                request.user_id = request.partner_id.network_manager_id

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("product_id")
    def _check_product_id(self):
        for request in self:
            if not request.product_id.network_demo_ok:
                raise ValidationError(
                    _(
                        "%(product)s is not offered as a demo unit.",
                        product=request.product_id.display_name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_id(self):
        for request in self:
            if request.partner_id.network_state != "active":
                raise ValidationError(
                    _(
                        "Only active network partners receive demo units; "
                        "%(partner)s is not one.",
                        partner=request.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(WORKFLOW_KEY) and any(
            vals.get("state", "requested") != "requested" for vals in vals_list
        ):
            raise self._workflow_error()
        self._check_demo_units_limit(vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = self.env["ir.sequence"].with_company(
                    company or self.env.company
                ).next_by_code("partner.network.demo.request") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.context.get(WORKFLOW_KEY):
            raise self._workflow_error()
        if "partner_id" in vals and any(
            request.partner_id.id != vals["partner_id"] for request in self
        ):
            raise UserError(_("The partner of a demo unit request cannot be changed."))
        return super().write(vals)

    def _workflow_error(self):
        return UserError(
            _("The status of a demo unit request changes with its buttons only.")
        )

    def _check_demo_units_limit(self, vals_list):
        """Refuse requests that would give a partner more open demo units
        than its tier allows.

        The partner's row is updated first, as the registration quota does: a
        concurrent request of the same partner waits for this transaction and
        fails to serialize, so that its retry counts this request.
        """
        wanted = Counter(
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        )
        if not wanted:
            return
        partners = self.env["res.partner"].sudo().browse(sorted(wanted))
        touch_rows(partners)
        counts = dict(
            self.sudo()._read_group(
                [("partner_id", "in", partners.ids), ("state", "in", OPEN_STATES)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in partners:
            limit = partner.network_tier_id.demo_units_max
            count = counts.get(partner, 0)
            if limit and count + wanted[partner.id] > limit:
                raise UserError(
                    _(
                        "%(partner)s already has %(count)s open demo unit "
                        "requests; its tier %(tier)s allows %(limit)s at once. "
                        "Return or buy a demo unit before requesting another.",
                        partner=partner.display_name,
                        count=count,
                        tier=partner.network_tier_id.name,
                        limit=limit,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_state(self, states, target):
        """Refuse to move to ``target`` requests that are not in ``states``."""
        wrong = self.filtered(lambda request: request.state not in states)
        if wrong:
            names = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(request)s is %(state)s: it cannot become %(target)s.",
                    request=wrong[0].name,
                    state=names[wrong[0].state],
                    target=names[target],
                )
            )

    def _set_state(self, state, **values):
        return self.with_context(**{WORKFLOW_KEY: True}).write(
            {"state": state, **values}
        )

    def action_approve(self):
        """Grant the demo units: each gets its order at the tier's demo
        pricelist, and the approver is responsible when no one was."""
        self._check_state(("requested",), "approved")
        missing = self.filtered(lambda request: not request.tier_id.demo_pricelist_id)
        if missing:
            raise UserError(
                _(
                    "%(partner)s's tier has no demo pricelist: set one on the "
                    "tier before approving its demo units.",
                    partner=missing[0].partner_id.display_name,
                )
            )
        orders = self.env["sale.order"].create(
            [request._prepare_sale_order_vals() for request in self]
        )
        for request, order in zip(self, orders, strict=True):
            request._set_state(
                "approved",
                sale_order_id=order.id,
                user_id=request.user_id.id or self.env.user.id,
            )
        return True

    def _prepare_sale_order_vals(self):
        """Values of the order of this approved demo unit."""
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "pricelist_id": self.tier_id.demo_pricelist_id.id,
            "origin": self.name,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "product_uom_qty": self.quantity,
                    }
                )
            ],
        }

    def action_reject(self):
        """Refuse the requested demo units."""
        self._check_state(("requested",), "rejected")
        return self._set_state("rejected")

    def action_returned(self):
        """Record that the partner gave the demo units back."""
        self._check_state(("approved",), "returned")
        return self._set_state("returned")

    def action_purchased(self):
        """Record that the partner keeps the demo units and buys them."""
        self._check_state(("approved",), "purchased")
        return self._set_state("purchased")

    def action_view_sale_order(self):
        """Open the order of the demo unit."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _reminder_domain(self):
        """Approved requests due back within ``REMINDER_DAYS``, not reminded yet."""
        due = fields.Date.context_today(self) + timedelta(days=REMINDER_DAYS)
        return [
            ("state", "=", "approved"),
            ("date_return", "<=", due),
            ("return_reminded", "=", False),
        ]

    def _schedule_return_reminder(self):
        """Give each responsible an activity due on the return date."""
        for request in self:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=request.date_return,
                summary=_("Demo unit due back"),
                note=_(
                    "%(partner)s returns or buys %(product)s by %(date)s.",
                    partner=request.partner_id.display_name,
                    product=request.product_id.display_name,
                    date=format_date(self.env, request.date_return),
                ),
                user_id=request.user_id.id or self.env.user.id,
            )
        self.write({"return_reminded": True})

    @api.model
    def _cron_return_reminder(self, batch_size=500):
        """Remind the responsibles of the demo units due back soon, one batch
        per call; the cron runner commits and calls again while some remain."""
        run_cron_batch(
            self,
            lambda requests: requests._schedule_return_reminder(),
            batch_size,
            domain=self._reminder_domain(),
        )
