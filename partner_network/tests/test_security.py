# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestSecurity(PartnerNetworkCommon):
    def test_network_user_reads_configuration_only(self):
        """Network users read categories, roles and tiers but cannot change them."""
        tier = self.tier_silver.with_user(self.user_a)
        self.assertEqual(tier.protection_days, self.tier_silver.protection_days)
        for record in (
            self.category_reseller.with_user(self.user_a),
            self.role_orientador.with_user(self.user_a),
            tier,
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["partner.network.tier"].with_user(self.user_a).create(
                {"name": "Diamond", "category_id": self.category_reseller.id}
            )

    def test_manager_maintains_configuration(self):
        """Network managers create and edit the program configuration."""
        tier = (
            self.env["partner.network.tier"]
            .with_user(self.manager_a)
            .create({"name": "Diamond", "category_id": self.category_reseller.id})
        )
        tier.protection_days = 180
        self.assertEqual(tier.protection_days, 180)

    def test_network_user_cannot_change_structure(self):
        """Only managers move partners in the network; the partner is unchanged."""
        for values in (
            {"network_tier_id": self.tier_gold.id},
            {"network_state": "suspended"},
            {"network_category_ids": [Command.link(self.category_isv.id)]},
        ):
            with (
                self.subTest(values=values),
                self.assertRefused(AccessError, "Only Network Managers"),
            ):
                self.reseller.with_user(self.user_a).write(values)
        self.reseller.invalidate_recordset()
        self.assertRecordValues(
            self.reseller,
            [{"network_tier_id": self.tier_silver.id, "network_state": "active"}],
        )
        self.assertEqual(self.reseller.network_category_ids, self.category_reseller)

    def test_network_user_cannot_create_network_partner(self):
        """Creating a partner inside the network is a manager's decision."""
        Partner = self.env["res.partner"].with_user(self.user_a)
        with self.assertRefused(AccessError, "Only Network Managers"):
            Partner.create(
                {
                    "name": "Socio Nuevo",
                    "network_category_ids": [Command.set(self.category_sponsor.ids)],
                }
            )
        customer = Partner.create({"name": "Cliente Nuevo", "phone": "+34 600 000 000"})
        self.assertFalse(customer.network_state)

    def test_network_user_edits_contact_details(self):
        """Sales staff still edit the ordinary fields of network partners."""
        self.reseller.with_user(self.user_a).write({"phone": "+34 911 111 111"})
        self.assertEqual(self.reseller.phone, "+34 911 111 111")

    def test_manager_changes_structure(self):
        """Managers change tiers and statuses."""
        self.reseller.with_user(self.manager_a).write(
            {"network_tier_id": self.tier_gold.id}
        )
        self.assertEqual(self.reseller.network_tier_id, self.tier_gold)

    def test_form_editability_follows_group(self):
        """The partner form shows network fields editable for managers only."""
        self.assertFalse(self.reseller.with_user(self.user_a).network_can_edit)
        self.assertTrue(self.reseller.with_user(self.manager_a).network_can_edit)

    def test_internal_user_has_no_agreement_access(self):
        """Employees outside the network groups cannot read agreements."""
        agreement = self._new_agreement(self.reseller)
        with self.assertRaises(AccessError):
            agreement.with_user(self.internal_user).read(["name"])

    def test_network_user_prepares_agreements(self):
        """Network users create and submit agreements but cannot delete them."""
        agreement = (
            self.env["partner.network.agreement"]
            .with_user(self.user_a)
            .create({"partner_id": self.reseller.id, "date_start": "2026-01-01"})
        )
        agreement.action_submit()
        self.assertEqual(agreement.state, "submitted")
        agreement.action_draft()
        with self.assertRaises(AccessError):
            agreement.unlink()

    def test_company_b_sees_nothing_of_company_a(self):
        """Network users and managers of company B cannot see company A's agreements."""
        agreement_a = self._new_agreement(self.reseller)
        agreement_b = self._new_agreement(self.reseller, company=self.company_b)
        for user in (self.user_b, self.manager_b):
            with self.subTest(user=user.login):
                Agreement = self.env["partner.network.agreement"].with_user(user)
                self.assertEqual(
                    Agreement.search([("partner_id", "=", self.reseller.id)]),
                    agreement_b,
                )
                with self.assertRaises(AccessError):
                    agreement_a.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    agreement_a.with_user(user).write({"date_end": "2026-12-31"})
        self.assertFalse(agreement_a.date_end)

    def test_company_b_cannot_create_in_company_a(self):
        """A company B user cannot create an agreement supervised by company A."""
        with self.assertRaises(AccessError):
            self.env["partner.network.agreement"].with_user(self.user_b).create(
                {
                    "partner_id": self.reseller.id,
                    "company_id": self.company_a.id,
                    "date_start": "2026-01-01",
                }
            )

    def test_views_render_for_each_group(self):
        """Network views load for users and managers, group-restricted nodes too."""
        for user in (self.user_a, self.manager_a):
            for model, view_types in (
                ("res.partner", ("form", "list", "kanban", "search")),
                ("partner.network.agreement", ("form", "list", "kanban", "search")),
                ("partner.network.tier", ("form", "list", "search")),
            ):
                with self.subTest(user=user.login, model=model):
                    views = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, view_type) for view_type in view_types])
                    )
                    self.assertEqual(set(views["views"]), set(view_types))
        partner_form = (
            self.env["res.partner"]
            .with_user(self.user_a)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="partner_network"', partner_form)
        internal_form = (
            self.env["res.partner"]
            .with_user(self.internal_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn('name="partner_network"', internal_form)
