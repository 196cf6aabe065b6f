# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestNetworkStructure(PartnerNetworkCommon):
    def _count_partners(self, name):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("name", "=", name)])
        )

    def test_program_data_shipped(self):
        """The four categories, six roles and the tiers ship as editable data."""
        categories = self.env["partner.network.category"].search([])
        self.assertEqual(
            set(categories.mapped("code")), {"reseller", "isv", "sponsor", "alliance"}
        )
        self.assertRecordValues(
            self.category_reseller, [{"requires_company": True, "sells_direct": True}]
        )
        self.assertRecordValues(
            self.category_sponsor, [{"requires_company": False, "sells_direct": False}]
        )
        roles = self.env["partner.network.role"].search([])
        self.assertEqual(
            set(roles.mapped("code")),
            {
                "orientador",
                "mediador",
                "marketing_consultant",
                "client_manager",
                "project_consultant",
                "instructor",
            },
        )
        self.assertEqual(roles.category_id, self.category_sponsor)
        reseller_tiers = self.env["partner.network.tier"].search(
            [("category_id", "=", self.category_reseller.id)]
        )
        self.assertGreaterEqual(len(reseller_tiers), 2)
        self.assertTrue(all(tier.protection_days > 0 for tier in reseller_tiers))

    def test_new_network_partner_is_candidate(self):
        """A partner given a category joins as candidate, supervised by the company."""
        partner = self.env["res.partner"].create(
            {
                "name": "Nuevo Socio SA",
                "is_company": True,
                "network_category_ids": [Command.set(self.category_isv.ids)],
            }
        )
        self.assertRecordValues(
            partner,
            [
                {
                    "network_state": "candidate",
                    "network_master_company_id": self.company_a.id,
                }
            ],
        )

    def test_plain_contact_is_not_in_network(self):
        """Contacts without a network category have no network status."""
        partner = self.env["res.partner"].create({"name": "Cliente Final"})
        self.assertFalse(partner.network_state)
        self.assertFalse(partner.network_master_company_id)

    def test_categories_are_cumulative(self):
        """A company may be reseller, ISV and alliance at once."""
        self.reseller.network_category_ids = [
            Command.link(self.category_isv.id),
            Command.link(self.category_alliance.id),
        ]
        self.assertEqual(
            set(self.reseller.network_category_ids.mapped("code")),
            {"reseller", "isv", "alliance"},
        )

    def test_reseller_must_be_company(self):
        """An individual cannot be a reseller; nothing is created."""
        with self.assertRefused(ValidationError, "requires a company"):
            self.env["res.partner"].create(
                {
                    "name": "Juan Individuo",
                    "is_company": False,
                    "network_category_ids": [Command.set(self.category_reseller.ids)],
                }
            )
        self.assertEqual(self._count_partners("Juan Individuo"), 0)

    def test_reseller_cannot_become_individual(self):
        """Turning a reseller into an individual is refused and changes nothing."""
        with self.assertRefused(ValidationError, "requires a company"):
            self.reseller.write({"is_company": False})
        self.reseller.invalidate_recordset()
        self.assertTrue(self.reseller.is_company)

    def test_sponsor_may_be_individual(self):
        """Sponsors (promoters) may be natural persons."""
        self.assertFalse(self.sponsor.is_company)
        self.assertEqual(self.sponsor.network_category_ids, self.category_sponsor)

    def test_role_requires_its_category(self):
        """A Mediador role needs the sponsor category."""
        with self.assertRefused(ValidationError, "Mediador"):
            self.reseller.network_role_ids = [Command.link(self.role_mediador.id)]
        self.reseller.invalidate_recordset()
        self.assertFalse(self.reseller.network_role_ids)

    def test_tier_requires_its_category(self):
        """A sponsor cannot hold a reseller tier."""
        with self.assertRefused(ValidationError, "reserved to the category"):
            self.sponsor.network_tier_id = self.tier_gold
        self.sponsor.invalidate_recordset()
        self.assertEqual(self.sponsor.network_tier_id, self.tier_sponsor)

    def test_subnetwork_of_active_reseller(self):
        """A promoter joins the sub-network of an active reseller."""
        self.sponsor.network_parent_id = self.reseller
        self.assertEqual(self.reseller.network_child_ids, self.sponsor)
        self.assertEqual(self.reseller.network_child_count, 1)
        action = self.reseller.action_view_network_children()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), self.sponsor)

    def test_subnetwork_parent_must_be_reseller(self):
        """Only resellers lead sub-networks."""
        promoter = self.env["res.partner"].create(
            {
                "name": "Otro Promotor",
                "network_category_ids": [Command.set(self.category_sponsor.ids)],
            }
        )
        with self.assertRefused(ValidationError, "only an active reseller"):
            promoter.network_parent_id = self.sponsor
        promoter.invalidate_recordset()
        self.assertFalse(promoter.network_parent_id)

    def test_subnetwork_parent_must_be_active(self):
        """A suspended reseller cannot take new promoters."""
        self.reseller.network_state = "suspended"
        with self.assertRefused(ValidationError, "only an active reseller"):
            self.sponsor.network_parent_id = self.reseller
        self.sponsor.invalidate_recordset()
        self.assertFalse(self.sponsor.network_parent_id)

    def test_subnetwork_no_cycle(self):
        """A partner cannot lead its own sub-network."""
        with self.assertRefused(ValidationError, "cycle"):
            self.reseller.network_parent_id = self.reseller
        self.reseller.invalidate_recordset()
        self.assertFalse(self.reseller.network_parent_id)

    def test_reseller_cannot_join_subnetwork(self):
        """Sub-networks are made of promoters, not resellers."""
        with self.assertRefused(ValidationError, "not resellers"):
            self.reseller_two.network_parent_id = self.reseller
        self.sponsor.network_parent_id = self.reseller
        with self.assertRefused(ValidationError, "not resellers"):
            self.sponsor.write(
                {
                    "is_company": True,
                    "network_category_ids": [Command.link(self.category_reseller.id)],
                }
            )

    def test_leader_remains_reseller(self):
        """A sub-network leader cannot drop its reseller category."""
        self.sponsor.network_parent_id = self.reseller
        with self.assertRefused(ValidationError, "must remain a reseller"):
            self.reseller.network_category_ids = [Command.set(self.category_isv.ids)]
        self.reseller.invalidate_recordset()
        self.assertEqual(self.reseller.network_category_ids, self.category_reseller)

    def test_category_code_unique(self):
        """Category codes are unique in the database."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["partner.network.category"].create(
                    {"name": "Copy", "code": "reseller"}
                )

    def test_tier_bounds(self):
        """Tiers refuse negative protection or quota and bonuses above 100%."""
        for values in (
            {"protection_days": -1},
            {"max_open_registrations": -5},
            {"subnetwork_bonus_percent": 150.0},
        ):
            with self.subTest(values=values):
                with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                    with self.cr.savepoint():
                        self.tier_silver.write(values)
                        self.env.flush_all()

    def test_tier_partner_count(self):
        """A tier counts the partners holding it and opens them."""
        tier = self.env["partner.network.tier"].create(
            {"name": "Platinum", "category_id": self.category_reseller.id}
        )
        self.assertEqual(tier.partner_count, 0)
        self.reseller_two.network_tier_id = tier
        tier.invalidate_recordset(["partner_count"])
        self.assertEqual(tier.partner_count, 1)
        action = tier.action_view_partners()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]), self.reseller_two
        )


@tagged("post_install", "-at_install")
class TestNetworkPartnerCopy(PartnerNetworkCommon):
    """Sales staff duplicate contacts; a copy never joins the network silently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._new_user(
            "pn_salesperson", "sales_team.group_sale_salesman"
        )
        industry = cls.env["res.partner.industry"].create({"name": "Retail"})
        cls.reseller.write(
            {
                "network_manager_id": cls.user_a.id,
                "network_country_ids": [Command.set(cls.env.ref("base.es").ids)],
                "network_industry_ids": [Command.set(industry.ids)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Cliente Servido SA",
                "is_company": True,
                "network_reseller_id": cls.reseller.id,
            }
        )

    def test_salesperson_copies_a_plain_contact(self):
        """Duplicating an ordinary contact needs no network right."""
        contact = self.env["res.partner"].create(
            {"name": "Cliente Final", "email": "compras@cliente.example.com"}
        )
        copy = contact.with_user(self.salesperson).copy()
        self.assertRecordValues(
            copy,
            [{"email": "compras@cliente.example.com", "network_state": False}],
        )

    def test_copy_of_network_partner_is_a_plain_contact(self):
        """The copy of a network partner, or of a reseller's customer, holds no
        network field; the originals keep theirs."""
        Partner = self.env["res.partner"]
        empty = {
            name: [] if Partner._fields[name].type == "many2many" else False
            for name in Partner._network_managed_fields
        }
        for partner in (self.reseller, self.customer):
            for user in (self.salesperson, self.manager_a):
                with self.subTest(partner=partner.name, user=user.login):
                    copy = partner.with_user(user).copy()
                    self.assertRecordValues(copy, [empty])
        self.assertRecordValues(
            self.reseller,
            [
                {
                    "network_category_ids": self.category_reseller.ids,
                    "network_tier_id": self.tier_silver.id,
                    "network_state": "active",
                    "network_manager_id": self.user_a.id,
                }
            ],
        )
        self.assertEqual(self.customer.network_reseller_id, self.reseller)

    def test_only_real_network_changes_are_refused(self):
        """Empty network values pass for anyone; setting or clearing one still
        needs a network manager."""
        Partner = self.env["res.partner"].with_user(self.salesperson)
        nothing = {
            "network_category_ids": [Command.set([])],
            "network_role_ids": [Command.clear()],
            "network_tier_id": False,
            "network_parent_id": False,
            "network_reseller_id": False,
        }
        contact = Partner.create({"name": "Cliente Vacío", **nothing})
        contact.write(nothing)
        self.assertFalse(contact.network_category_ids)
        with self.assertRefused(AccessError, "Only Network Managers"):
            Partner.create(
                {
                    "name": "Socio Nuevo",
                    "network_category_ids": [Command.link(self.category_isv.id)],
                }
            )
        reseller = self.reseller.with_user(self.salesperson)
        for partner, values in (
            (contact, {"network_reseller_id": self.reseller.id}),
            (reseller, {"network_tier_id": False}),
            (reseller, {"network_category_ids": [Command.clear()]}),
        ):
            with (
                self.subTest(partner=partner.name, values=values),
                self.assertRefused(AccessError, "Only Network Managers"),
            ):
                partner.write(values)
        self.assertRecordValues(
            self.reseller,
            [
                {
                    "network_category_ids": self.category_reseller.ids,
                    "network_tier_id": self.tier_silver.id,
                }
            ],
        )
        self.assertFalse(contact.network_reseller_id)
