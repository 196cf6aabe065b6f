# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _get_partner_pricelist_multi(self, partner_ids):
        """Give active network partners the pricelist of their tier.

        The tier pricelist takes precedence over the partner's own pricelist
        while the partner is active in the network, in every company where the
        pricelist may be used; otherwise the standard resolution applies.
        """
        result = super()._get_partner_pricelist_multi(partner_ids)
        company = self.env.company
        # Program configuration is read as superuser: the pricing of any
        # partner (portal and public users included) depends on it.
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .browse(partner_ids)
        )
        for partner in partners:
            commercial = partner.commercial_partner_id
            pricelist = commercial.network_tier_id.pricelist_id
            if (
                commercial.network_state == "active"
                and pricelist._get_partner_pricelist_multi_filter_hook()
                and pricelist.company_id.id in (company.id, False)
            ):
                result[partner.id] = self.browse(pricelist.id)
        return result
