# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.sale_order import CONFLICT_CONFIRMED, MANAGER_GROUP


class SaleOrderRegistrationConflict(models.TransientModel):
    _name = "sale.order.registration.conflict"
    _description = "Order for a Customer Protected by a Registration"

    order_ids = fields.Many2many("sale.order", string="Orders", readonly=True)
    registration_ids = fields.Many2many(
        "crm.lead", string="Protecting Registrations", readonly=True
    )
    message = fields.Text(compute="_compute_message")

    def _compute_message(self):
        """Name the registrations at stake, which the salesperson may not be
        allowed to open."""
        for wizard in self:
            wizard.message = "\n".join(
                _(
                    "%(registration)s, registered by %(partner)s",
                    registration=registration.name,
                    partner=registration.registration_partner_id.display_name,
                )
                for registration in wizard.registration_ids.sudo()
            )

    def action_confirm(self):
        """Confirm the orders anyway (network managers only); the
        registrations they do not credit are told in their chatter."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(
                _(
                    "Only a network manager can confirm an order for a customer "
                    "protected by another registration. Credit the order to that "
                    "registration, or ask a network manager."
                )
            )
        return self.order_ids.with_context(
            **{CONFLICT_CONFIRMED: True}
        ).action_confirm()
