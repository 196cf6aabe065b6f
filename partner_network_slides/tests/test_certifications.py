# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .common import SlidesCommon, answer_certification, new_certification


class TestCertifications(SlidesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = new_certification(cls.env, "Network Sales")
        cls.other_certification = new_certification(cls.env, "Network Support")
        cls.tier_silver.certification_ids = cls.certification | cls.other_certification

    def test_passed_certifications_of_the_people(self):
        """The partner lists what its people passed, who and when; failed
        attempts and other partners' certificates are not listed."""
        passed = answer_certification(self.certification, self.user_uno.partner_id)
        answer_certification(
            self.other_certification, self.user_uno.partner_id, right=False
        )
        answer_certification(self.other_certification, self.user_dos.partner_id)
        self.assertEqual(self.reseller.network_certification_ids, passed)
        self.assertRecordValues(
            self.reseller.network_certification_ids,
            [
                {
                    "survey_id": self.certification.id,
                    "partner_id": self.user_uno.partner_id.id,
                    "end_datetime": passed.end_datetime,
                }
            ],
        )
        self.assertEqual(
            self.reseller.network_missing_certification_ids, self.other_certification
        )
        self.assertEqual(self.user_uno.partner_id.network_certification_ids, passed)

    def test_not_a_certification(self):
        """A passed quiz that is no certification does not count."""
        quiz = new_certification(self.env, "Just a Quiz")
        quiz.certification = False
        answer_certification(quiz, self.user_uno.partner_id)
        self.assertFalse(self.reseller.network_certification_ids)

    def test_network_user_reads_certifications(self):
        """Network staff without survey rights read the partner's
        certifications and the tier's requirements."""
        answer_certification(self.certification, self.user_uno.partner_id)
        reseller = self.reseller.with_user(self.user_a)
        self.assertEqual(
            reseller.network_certification_ids.survey_id.title, "Network Sales"
        )
        self.assertEqual(
            sorted(
                self.tier_silver.with_user(self.user_a).certification_ids.mapped(
                    "title"
                )
            ),
            ["Network Sales", "Network Support"],
        )

    def test_missing_follows_tier(self):
        """The missing certifications are those of the partner's tier."""
        self.assertEqual(
            self.reseller.network_missing_certification_ids,
            self.certification | self.other_certification,
        )
        self.assertFalse(self.reseller_two.network_missing_certification_ids)
        self.reseller.network_category_ids = [Command.set(self.category_reseller.ids)]
        self.reseller.network_tier_id = self.tier_gold
        self.assertFalse(self.reseller.network_missing_certification_ids)
