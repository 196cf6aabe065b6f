# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .crm_lead import EARNING_STATES


class PartnerNetworkRegistrationMixin(models.AbstractModel):
    """A document credited to a deal registration (a sale order, an invoice).

    The field's shape, a tracked, company-checked link to a registration in
    an earning state, is the same for all. Each model that inherits it
    defines ``_compute_registration_id`` (from what it is credited: its
    opportunity, the invoice it reverses, its customer, with its own
    dependencies) and completes the field (help, groups, precompute).
    """

    _name = "partner.network.registration.mixin"
    _description = "Document Credited to a Deal Registration"

    registration_id = fields.Many2one(
        "crm.lead",
        string="Deal Registration",
        compute="_compute_registration_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        copy=False,
        check_company=True,
        domain=f"[('registration_state', 'in', {EARNING_STATES}), "
        "('company_id', 'in', (company_id, False))]",
        help="Accepted registration this document is credited to.",
    )
