# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationSecurity(RegistrationCommon):
    def test_network_user_sees_registrations_of_own_company_only(self):
        """A network user of company B sees nothing of company A's registrations."""
        registration_a = self._submitted(self.sponsor)
        self._new_agreement(
            self.promoter,
            company=self.company_b,
            date_start="2020-01-01",
            state="active",
        )
        registration_b = self._submitted(self.promoter, company_id=self.company_b.id)
        Lead_b = self.env["crm.lead"].with_user(self.user_b)
        self.assertEqual(
            Lead_b.search([("registration_state", "!=", False)]), registration_b
        )
        with self.assertRaises(AccessError):
            registration_a.with_user(self.user_b).read(["partner_name"])

    def test_network_user_sees_all_registrations_of_the_company(self):
        """Reviewers see registrations assigned to other salespeople."""
        registration = self._new_registration(self.sponsor, user_id=self.manager_a.id)
        self.assertEqual(
            registration.with_user(self.user_a).read(["partner_name"])[0][
                "partner_name"
            ],
            "ACME Sistemas, S.A.",
        )

    def test_lock_table_is_not_for_users(self):
        """Network users cannot read or forge prospect locks."""
        registration = self._submitted(self.sponsor)
        Lock = self.env["crm.lead.registration.lock"]
        with self.assertRaises(AccessError):
            Lock.with_user(self.user_a).search([])
        with self.assertRaises(AccessError):
            Lock.with_user(self.manager_a).create(
                {"key": "1:vat:X", "lead_id": registration.id}
            )
