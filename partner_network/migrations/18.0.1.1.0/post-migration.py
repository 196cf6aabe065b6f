# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Bring data of 18.0.1.0.0 to what this version computes and loads.

    The website key of a lead now keeps a mail provider's domain too (the
    provider list is applied when keys are compared), and the decision
    subtype lost its generic description (its file is noupdate).
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    leads = (
        env["crm.lead"]
        .with_context(active_test=False)
        .search([("website", "!=", False)])
    )
    env.add_to_compute(leads._fields["registration_key_website"], leads)
    subtype = env.ref("partner_network.mt_registration_decision", False)
    if subtype:
        subtype.description = False
