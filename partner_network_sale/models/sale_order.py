# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.partner_network.models.crm_lead import EARNING_STATES

# Context key of the conflict wizard: a network manager confirms orders
# although another partner's registration protects their customer.
CONFLICT_CONFIRMED = "registration_conflict_confirmed"
MANAGER_GROUP = "partner_network.group_network_manager"


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "partner.network.registration.mixin"]

    registration_id = fields.Many2one(
        # precompute is checked against this definition alone: it repeats
        # that the field is computed and stored
        compute="_compute_registration_id",
        store=True,
        precompute=True,
        help="Accepted registration this order is credited to: its registrant "
        "is credited with the sale.",
    )
    registration_partner_id = fields.Many2one(
        related="registration_id.registration_partner_id",
        string="Registrant",
        store=True,
        index="btree_not_null",
    )
    registration_channel = fields.Selection(
        related="registration_id.registration_channel",
        string="Executing Channel",
        store=True,
    )
    registration_end_customer_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        tracking=True,
        check_company=True,
        index="btree_not_null",
        help="Customer the executing reseller sells to, when the order is "
        "addressed to the reseller.",
    )

    @api.depends("opportunity_id")
    def _compute_registration_id(self):
        """Credit the order to its opportunity when that opportunity is a
        registration that earns credit; otherwise keep what was chosen."""
        for order in self:
            lead = order.opportunity_id
            if lead.registration_state in EARNING_STATES:
                order.registration_id = lead

    def write(self, vals):
        if "registration_id" in vals and not self.env.user.has_group(MANAGER_GROUP):
            changed = self.filtered(
                lambda order: order.state == "sale"
                and order.registration_id.id != vals["registration_id"]
            )
            if changed:
                raise UserError(
                    _(
                        "The registration of the confirmed order %(order)s can "
                        "only be changed by a network manager.",
                        order=changed[0].display_name,
                    )
                )
        return super().write(vals)

    def action_confirm(self):
        conflicts = self._registration_conflicts()
        confirmed = self.env.context.get(
            CONFLICT_CONFIRMED
        ) and self.env.user.has_group(MANAGER_GROUP)
        if (
            conflicts
            and not confirmed
            and not self.env.su
            and self.env.user._is_internal()
        ):
            return self._action_registration_conflict(conflicts)
        result = super().action_confirm()
        self._registration_log_conflicts(conflicts)
        return result

    def _registration_customers(self):
        """The customer each order sells to: its end customer when a reseller
        executes it, else its customer."""
        return {
            order.id: (
                order.registration_end_customer_id or order.partner_id
            ).commercial_partner_id
            for order in self
        }

    def _registration_conflicts(self):
        """{order: registrations} of the orders among these whose customer is
        the prospect of accepted, protected registrations they are not
        credited to."""
        customers = self._registration_customers()
        partners = self.env["res.partner"].union(*customers.values())
        if not partners:
            return {}
        today = fields.Date.context_today(self)
        registrations = self.env["crm.lead"]._registration_accepted_by_customer(
            partners, self.company_id
        )
        conflicts = {}
        for order in self:
            protecting = registrations[customers[order.id].id].filtered(
                lambda lead, order=order: lead != order.registration_id
                and lead.company_id in (order.company_id, self.env["res.company"])
                and (
                    not lead.registration_protected_until
                    or lead.registration_protected_until >= today
                )
            )
            if protecting:
                conflicts[order] = protecting
        return conflicts

    def _action_registration_conflict(self, conflicts):
        """Open the wizard that warns of the registrations these orders would
        take credit from."""
        wizard = self.env["sale.order.registration.conflict"].create(
            {
                "order_ids": [fields.Command.set(self.ids)],
                "registration_ids": [
                    fields.Command.set(
                        self.env["crm.lead"].union(*conflicts.values()).ids
                    )
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Protected Customer"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _registration_log_conflicts(self, conflicts):
        """Tell each registration that an order for its prospect was
        confirmed without it, and who confirmed it."""
        for order, registrations in conflicts.items():
            for registration in registrations:
                registration.message_post(
                    body=_(
                        "%(order)s was confirmed by %(user)s for this "
                        "registration's prospect without being credited to it.",
                        order=order._get_html_link(),
                        user=self.env.user.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
