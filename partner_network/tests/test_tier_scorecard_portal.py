# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import PageAssertions
from .tier_review_common import TierReviewCommon


@tagged("post_install", "-at_install")
class TestTierScorecardPortal(PageAssertions, TierReviewCommon, HttpCase):
    """/my/scorecard shows the user's own partner only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_reseller = cls._new_portal_user("portal_reseller", cls.reseller)
        cls.portal_other = cls._new_portal_user("portal_other", cls.reseller_two)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Plain Customer", "email": "plain@customer.example.com"}
        )
        cls.portal_customer = cls._new_portal_user("portal_customer", cls.customer)
        cls._accepted(cls.reseller, 1)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_scorecard_of_own_partner(self):
        """A reseller sees its tier's criteria with its figure and what is
        missing, the next tier and its benefits, and nothing of another partner."""
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._get("/my/scorecard")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertInPage("Reseller Uno, S.L.", page)
        self.assertInPage("Silver Reseller", page)
        self.assertInPage("Next tier:", page)
        self.assertInPage("Gold Reseller", page)
        self.assertInPage("Registrations protected for 120 days", page)
        self.assertInPage('data-criterion="accepted_registrations"', page)
        self.assertNotInPage("Reseller Dos SRL", page)

    def test_scorecard_of_the_other_partner(self):
        """Another partner's scorecard shows its own tier, the highest: it
        has no next tier, and the reseller's name never appears."""
        self.authenticate("portal_other", "portal_other")
        page = self._get("/my/scorecard").text
        self.assertInPage("Reseller Dos SRL", page)
        self.assertInPage("This is the highest tier of your category.", page)
        self.assertNotInPage("Reseller Uno", page)
        self.assertNotInPage("Next tier:", page)

    def test_scorecard_ignores_a_foreign_partner_id(self):
        """A partner id in the query string changes nothing."""
        self.authenticate("portal_other", "portal_other")
        page = self._get(f"/my/scorecard?partner_id={self.reseller.id}").text
        self.assertNotInPage("Reseller Uno", page)

    def test_not_a_network_partner(self):
        """A portal user whose partner is not in the network is sent back to
        its portal home (the page that links here, as Odoo's crawler of the
        demo user follows it), which counts no scorecard."""
        self.authenticate("portal_customer", "portal_customer")
        response = self._get("/my/scorecard")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["scorecard_count"]}
        )
        self.assertEqual(counters["scorecard_count"], 0)

    def test_home_entry_for_network_partner(self):
        """The portal home counts the scorecard of a network partner."""
        self.authenticate("portal_reseller", "portal_reseller")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["scorecard_count"]}
        )
        self.assertEqual(counters["scorecard_count"], 1)
        self.assertInPage('href="/my/scorecard"', self._get("/my").text)

    def test_anonymous_redirected_to_login(self):
        """Visitors are sent to the login page."""
        response = self._get("/my/scorecard")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
