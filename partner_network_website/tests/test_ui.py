# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import ApplicationCommon


@tagged("post_install", "-at_install", "partner_program_browser")
class TestApplicationTour(ApplicationCommon, HttpCase):
    def test_visitor_becomes_partner(self):
        """In Chromium, a visitor applies from the program page; once a
        network manager accepts, the new partner logs in to its portal and,
        with partner_commission, opens its rates."""
        self.start_tour("/partner-program", "partner_program_apply_tour")
        application = self.Application.sudo().search(
            [("email", "=", "ana.gil@tour-sponsor.example.com")]
        )
        self.assertRecordValues(
            application,
            [
                {
                    "state": "new",
                    "is_company": False,
                    "category_ids": self.category_sponsor.ids,
                    "role_ids": self.role_orientador.ids,
                    "partner_id": False,
                }
            ],
        )
        application.with_user(self.manager_a).action_accept()
        user = application.partner_id.user_ids
        self.assertTrue(user._is_portal())
        user.password = user.login
        self.start_tour("/my", "partner_program_new_partner_tour", login=user.login)
        self._open_rates(user)

    def _open_rates(self, user):
        """The new partner opens the rate card of partner_commission, which
        this addon does not depend on: the test command installs it with
        every addon, and this last leg of the tour runs where it is."""
        if "partner.commission.rule" not in self.env:
            return
        partner = user.partner_id.commercial_partner_id
        self.env["partner.commission.rule"].create(
            {
                "name": "Tour sponsor rate",
                "company_id": partner.network_master_company_id.id,
                "partner_id": partner.id,
                "rate": 7.25,
            }
        )
        self.start_tour("/my", "partner_commission_rates_tour", login=user.login)
