# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.partner_network.tests.tier_review_common import TierReviewCommon

from .common import answer_certification, new_certification


class TestTierReviewCertifications(TierReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = new_certification(cls.env, "Gold Sales")
        cls.tier_gold.write(
            {
                "min_accepted_registrations": 0,
                "certification_ids": cls.certification.ids,
            }
        )
        cls.tier_silver.min_accepted_registrations = 0
        cls.partner = cls._new_reseller("Certified Reseller")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Certified Contact", "parent_id": cls.partner.id}
        )

    def test_certification_alone_promotes(self):
        """Without the required certification the partner stays; once one of
        its people passed it, the review proposes the tier."""
        self._review(self.partner)
        self.assertEqual(self.partner.network_proposed_tier_id, self.tier_silver)
        answer_certification(self.certification, self.contact, right=False)
        self._review(self.partner)
        self.assertEqual(self.partner.network_proposed_tier_id, self.tier_silver)
        answer_certification(self.certification, self.contact)
        self._review(self.partner)
        self.assertEqual(self.partner.network_proposed_tier_id, self.tier_gold)

    def test_certification_and_registrations_together(self):
        """With registrations required too, the certification alone is not
        enough."""
        self.tier_gold.min_accepted_registrations = 1
        answer_certification(self.certification, self.contact)
        self._review(self.partner)
        self.assertEqual(self.partner.network_proposed_tier_id, self.tier_silver)
        self._accepted(self.partner)
        self._review(self.partner)
        self.assertEqual(self.partner.network_proposed_tier_id, self.tier_gold)

    def test_scorecard_names_missing_certification(self):
        """The scorecard's next tier says which certification is missing."""
        criteria = self.partner._network_tier_scorecard()["next_criteria"]
        self.assertEqual(
            [c for c in criteria if c["code"] == "certifications"],
            [
                {
                    "code": "certifications",
                    "label": "Required certifications",
                    "required": "Gold Sales",
                    "value": "0 of 1",
                    "missing": "Gold Sales",
                    "met": False,
                }
            ],
        )
