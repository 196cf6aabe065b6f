# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase

from odoo.addons.partner_network.tests.common import PageAssertions

from .common import SlidesCommon, answer_certification, new_certification


class TestTrainingPortal(PageAssertions, SlidesCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = new_certification(cls.env, "Uno Certification")
        cls.certification_dos = new_certification(cls.env, "Dos Certification")
        cls.tier_silver.certification_ids = cls.certification_dos
        cls.passed_uno = answer_certification(
            cls.certification, cls.user_uno.partner_id
        )
        cls.passed_dos = answer_certification(
            cls.certification_dos, cls.user_dos.partner_id
        )

    def _page(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_home_counter(self):
        """The portal home counts the user's network courses."""
        self.authenticate("pn_slides_uno", "pn_slides_uno")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["training_count"]}
        )
        self.assertEqual(counters["training_count"], 2)
        home = self._page("/my").text
        self.assertInPage('href="/my/training"', home)

    def test_training_page_shows_own_only(self):
        """Each partner's page shows its courses, its certifications and the
        certifications its tier still misses, none of the other's."""
        self.authenticate("pn_slides_uno", "pn_slides_uno")
        page = self._page("/my/training")
        self.assertEqual(page.status_code, 200)
        self.assertInPage("Reseller Basics", page.text)
        self.assertInPage("Silver Selling", page.text)
        self.assertNotInPage("Gold Architecture", page.text)
        self.assertInPage("Uno Certification", page.text)
        self.assertInPage(f"/my/training/certificates/{self.passed_uno.id}", page.text)
        self.assertInPage("Your tier requires:", page.text)
        self.assertNotInPage(
            f"/my/training/certificates/{self.passed_dos.id}", page.text
        )
        self.authenticate("pn_slides_dos", "pn_slides_dos")
        page = self._page("/my/training").text
        self.assertInPage("Gold Architecture", page)
        self.assertNotInPage("Silver Selling", page)
        self.assertNotInPage("Uno Certification", page)
        self.assertNotInPage("Your tier requires:", page)

    def test_certificate_download(self):
        """A partner downloads the certificates of its people; another
        partner's or a missing one answers 404."""
        self.authenticate("pn_slides_uno", "pn_slides_uno")
        own = self._page(f"/my/training/certificates/{self.passed_uno.id}")
        self.assertEqual(own.status_code, 200)
        self.assertInPage("Uno%20Certification", own.headers["Content-Disposition"])
        foreign = self._page(f"/my/training/certificates/{self.passed_dos.id}")
        self.assertEqual(foreign.status_code, 404)
        missing = self._page("/my/training/certificates/0")
        self.assertEqual(missing.status_code, 404)

    def test_training_needs_login(self):
        """Visitors are sent to the login page."""
        page = self._page("/my/training")
        self.assertEqual(page.status_code, 303)
        self.assertIn("/web/login", page.headers["Location"])
