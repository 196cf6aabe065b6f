# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestTierPricelist(PartnerNetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pricelist = cls.env["product.pricelist"]
        cls.standard_pricelist = Pricelist.create({"name": "Standard", "sequence": 1})
        cls.silver_pricelist = Pricelist.create(
            {
                "name": "Silver prices",
                "sequence": 50,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10,
                        }
                    )
                ],
            }
        )
        cls.gold_pricelist = Pricelist.create({"name": "Gold prices", "sequence": 60})
        cls.tier_silver.pricelist_id = cls.silver_pricelist
        cls.tier_gold.pricelist_id = cls.gold_pricelist
        cls.product = cls.env["product.product"].create(
            {"name": "Licence", "list_price": 200.0}
        )

    def test_tier_pricelist_is_partner_pricelist(self):
        """An active partner buys at its tier's special prices."""
        self.assertEqual(
            self.reseller.property_product_pricelist, self.silver_pricelist
        )
        price = self.reseller.property_product_pricelist._get_product_price(
            self.product, 1.0
        )
        self.assertAlmostEqual(price, 180.0)

    def test_pricelist_follows_tier_change(self):
        """Moving a partner to another tier moves it to that tier's pricelist."""
        self.reseller.network_tier_id = self.tier_gold
        self.assertEqual(self.reseller.property_product_pricelist, self.gold_pricelist)
        self.reseller.network_tier_id = False
        self.assertNotIn(
            self.reseller.property_product_pricelist,
            self.silver_pricelist + self.gold_pricelist,
        )

    def test_pricelist_follows_tier_configuration(self):
        """Changing a tier's pricelist reprices every partner of the tier."""
        self.tier_silver.pricelist_id = self.gold_pricelist
        self.assertEqual(self.reseller.property_product_pricelist, self.gold_pricelist)

    def test_tier_pricelist_wins_over_own_pricelist(self):
        """While active, the tier pricelist applies even if another was set by hand."""
        self.reseller.property_product_pricelist = self.standard_pricelist
        self.reseller.invalidate_recordset(["property_product_pricelist"])
        self.assertEqual(
            self.reseller.property_product_pricelist, self.silver_pricelist
        )

    def test_only_active_partners_get_tier_prices(self):
        """Candidates and suspended partners keep the standard pricelist."""
        self.reseller.network_state = "suspended"
        self.assertNotEqual(
            self.reseller.property_product_pricelist, self.silver_pricelist
        )
        self.reseller.network_state = "active"
        self.assertEqual(
            self.reseller.property_product_pricelist, self.silver_pricelist
        )

    def test_contacts_follow_their_company(self):
        """A contact person of a reseller buys at the reseller's tier prices."""
        contact = self.env["res.partner"].create(
            {"name": "Ana Compras", "parent_id": self.reseller.id}
        )
        self.assertEqual(contact.property_product_pricelist, self.silver_pricelist)

    def test_company_pricelist_not_used_elsewhere(self):
        """A tier pricelist of company A is not applied in company B."""
        self.silver_pricelist.company_id = self.company_a
        in_b = self.reseller.with_company(self.company_b)
        self.assertNotEqual(in_b.property_product_pricelist, self.silver_pricelist)
        self.assertEqual(
            self.reseller.property_product_pricelist, self.silver_pricelist
        )
