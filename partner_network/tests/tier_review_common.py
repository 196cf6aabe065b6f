# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .registration_common import RegistrationCommon


class TierReviewCommon(RegistrationCommon):
    """A reseller ladder with review criteria and accepted registrations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_registered = cls.env.ref(
            "partner_network.partner_network_tier_reseller_registered"
        )
        cls.tier_silver.min_accepted_registrations = 2
        cls.tier_gold.min_accepted_registrations = 3
        (cls.reseller + cls.reseller_two).network_manager_id = cls.user_a
        cls._prospect_count = 0

    @classmethod
    def _new_reseller(cls, name, tier=None):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "network_category_ids": [Command.set(cls.category_reseller.ids)],
                "network_tier_id": (tier or cls.tier_silver).id,
                "network_state": "active",
                "network_manager_id": cls.user_a.id,
            }
        )
        cls._new_agreement(partner, date_start="2020-01-01", state="active")
        return partner

    @classmethod
    def _accepted(cls, partner, count=1):
        """``count`` accepted registrations of ``partner``, of distinct prospects."""
        leads = cls.env["crm.lead"]
        for _index in range(count):
            cls._prospect_count += 1
            number = cls._prospect_count
            leads |= cls._submitted(
                partner,
                partner_name=f"Prospect {number:03d} {'QXZ' * number}",
                registration_vat=False,
                email_from=f"buyer@prospect{number}.example.org",
            )
        leads.action_registration_accept("internal")
        return leads

    def _review(self, partners):
        partners._network_tier_review()
        return partners

    def _tier_review_activities(self, partners):
        return self.env["mail.activity"].search(
            partners._network_tier_activity_domain()
        )
