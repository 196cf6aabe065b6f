# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .tier_review_common import TierReviewCommon


@tagged("post_install", "-at_install")
class TestProgramAnalysis(TierReviewCommon):
    """The program analysis, checked against figures computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.won_stage = cls.env["crm.stage"].create({"name": "Won", "is_won": True})

    def _registrations(self):
        """Four registrations of the reseller submitted on Monday 2 March 2026:
        accepted after 2 days and won, rejected after 44 days (late), expired,
        still pending."""
        with self._at("2026-03-02 10:00:00"):
            leads = [
                self._submitted(
                    self.reseller,
                    partner_name=f"Analysed Prospect {name}",
                    registration_vat=False,
                    email_from=f"buyer@{name}.example.org",
                )
                for name in ("alpha", "bravo", "charlie", "delta")
            ]
        accepted, rejected, expired, _pending = leads
        with self._at("2026-03-04 10:00:00"):
            accepted.action_registration_accept("internal")
        accepted.stage_id = self.won_stage
        with self._at("2026-04-15 10:00:00"):
            rejected.action_registration_reject("not_fit")
        expired._registration_expire()
        return leads

    def _figures(self, groupby=()):
        return (
            self.env["partner.network.registration.report"]
            .with_user(self.manager_a)
            ._read_group(
                [("partner_id", "=", self.reseller.id)],
                list(groupby),
                [
                    "registration_count:sum",
                    "accepted_count:sum",
                    "won_count:sum",
                    "in_time_rate:avg",
                    "acceptance_rate:avg",
                    "decision_days:avg",
                    "won_rate:avg",
                ],
            )
        )

    def test_rates_by_partner(self):
        """4 registrations, 1 accepted and won; of the 3 closed ones, 1 decided
        in time and 1 accepted; 23 days to decide on average ((2 + 44) / 2)."""
        self._registrations()
        ((count, accepted, won, in_time, acceptance, days, won_rate),) = self._figures()
        self.assertEqual((count, accepted, won), (4, 1, 1))
        self.assertAlmostEqual(in_time, 100 / 3, places=2)
        self.assertAlmostEqual(acceptance, 100 / 3, places=2)
        self.assertAlmostEqual(days, 23.0, places=2)
        self.assertAlmostEqual(won_rate, 100.0, places=2)

    def test_by_tier_and_month(self):
        """Rows group by the partner's tier and the month of submission."""
        self._registrations()
        rows = self._figures(("tier_id", "date:month"))
        self.assertEqual(
            [(tier, month.month, count) for tier, month, count, *_rest in rows],
            [(self.tier_silver, 3, 4)],
        )

    def test_managers_only(self):
        """Network users do not read the program analysis."""
        with self.assertRaises(AccessError):
            self.env["partner.network.registration.report"].with_user(
                self.user_a
            ).search([])
