# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.crm_lead_portal import PORTAL_READABLE_FIELDS
from .test_portal import PortalCommon

# What staff wrote on the registrations, and a domain matching each value
INTERNAL_DOMAINS = {
    "description": ("ilike", "margin"),
    "expected_revenue": (">", 1000),
    "priority": ("=", "3"),
    "probability": (">", 50),
}


@tagged("post_install", "-at_install")
class TestPortalFieldAccess(PortalCommon, HttpCase):
    """A portal partner reads of its registrations, and of its sub-network's,
    only what its portal pages show, through the ORM and JSON-RPC alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage = cls.env["crm.stage"].create({"name": "Internal Stage"})
        cls.tag = cls.env["crm.tag"].create({"name": "Internal Tag"})
        cls.registrations = cls.reg_own + cls.reg_sub
        for revenue, lead in ((5000, cls.reg_own), (9000, cls.reg_sub)):
            lead.write(
                {
                    "description": "<p>Internal note: margin 40%</p>",
                    "date_deadline": "2099-03-31",
                    "expected_revenue": revenue,
                    "priority": "3",
                    "probability": 80,
                    "user_id": cls.user_a.id,
                    "stage_id": cls.stage.id,
                    "tag_ids": [Command.set(cls.tag.ids)],
                }
            )
        # Another partner's draft for the same phone: Odoo's duplicates of the
        # partner's lead would tell it that this one exists.
        cls.reg_own.phone = "+34 911 000 111"
        cls._new_registration(cls.reseller_two, phone=cls.reg_own.phone)
        cls.hidden_fields = sorted(
            set(cls.env["crm.lead"]._fields) - PORTAL_READABLE_FIELDS
        )

    def _call_kw(self, method, args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": "crm.lead", "method": method, "args": args, "kwargs": kwargs},
        )

    def test_hidden_fields_refused_through_the_orm(self):
        """Every field the portal does not show raises AccessError, on the
        partner's own registration and on its sub-network's."""
        self.assertEqual(self.reg_own.duplicate_lead_count, 1)
        self.assertIn("duplicate_lead_ids", self.hidden_fields)
        self.assertIn("description", self.hidden_fields)
        Lead = self.env["crm.lead"].with_user(self.portal_reseller)
        for fname in self.hidden_fields:
            for lead in self.registrations.with_user(self.portal_reseller):
                with self.subTest(field=fname, lead=lead.partner_name):
                    self.env.invalidate_all()
                    with self.assertRaises(AccessError):
                        lead.read([fname])
                    with self.assertRaises(AccessError):
                        Lead.search_read([("id", "=", lead.id)], [fname])

    def test_shown_fields_readable(self):
        """The fields the portal shows read as they are, and a read without
        field names returns those only."""
        for lead in self.registrations:
            with self.subTest(lead=lead.partner_name):
                as_portal = lead.with_user(self.portal_reseller)
                self.env.invalidate_all()
                values = as_portal.read(sorted(PORTAL_READABLE_FIELDS))[0]
                self.assertEqual(values["partner_name"], lead.partner_name)
                self.assertEqual(values["registration_state"], "submitted")
                self.assertEqual(values["registration_budget"], 12000.0)
                self.assertEqual(
                    values["registration_partner_id"][0],
                    lead.registration_partner_id.id,
                )
                self.env.invalidate_all()
                self.assertEqual(set(as_portal.read()[0]), PORTAL_READABLE_FIELDS)
                self.env.invalidate_all()
                self.assertEqual(as_portal.partner_name, lead.partner_name)
                self.assertEqual(as_portal.display_name, lead.name)
                self.assertGreaterEqual(as_portal.registration_days_left, 0)

    def test_hidden_values_do_not_answer_searches(self):
        """Domains, orders and groupings on hidden fields tell nothing of a
        registration's values, while staff finds them."""
        Lead = self.env["crm.lead"].with_user(self.portal_reseller)
        domains = [
            [(fname, operator, value)]
            for fname, (operator, value) in INTERNAL_DOMAINS.items()
        ] + [
            [("user_id", "=", self.user_a.id)],
            [("stage_id", "=", self.stage.id)],
            [("tag_ids", "in", self.tag.ids)],
        ]
        for domain in domains:
            domain = [("id", "in", self.registrations.ids), *domain]
            with self.subTest(domain=domain):
                self.assertEqual(
                    self.env["crm.lead"].search_count(domain), 2, "staff finds both"
                )
                self.assertEqual(Lead.search_count(domain), 0)
        # Paths into models the portal cannot read are refused
        for domain in (
            [("stage_id.name", "=", "Internal Stage")],
            [("tag_ids.name", "=", "Internal Tag")],
        ):
            with self.subTest(domain=domain), self.assertRaises(AccessError):
                Lead.search_count(domain)
        mine = [("id", "in", self.registrations.ids)]
        ascending = Lead.search(mine, order="expected_revenue asc, id")
        descending = Lead.search(mine, order="expected_revenue desc, id")
        self.assertEqual(ascending.ids, descending.ids)
        for groupby in ("user_id", "tag_ids", "priority", "date_deadline:month"):
            with self.subTest(groupby=groupby):
                groups = Lead.read_group(mine, ["expected_revenue:sum"], [groupby])
                self.assertEqual(len(groups), 1)
                self.assertFalse(groups[0][groupby])
                self.assertFalse(groups[0]["expected_revenue"])

    def test_portal_searches_still_work(self):
        """What the portal pages search, filter and sort on still works."""
        Lead = self.env["crm.lead"].with_user(self.portal_reseller)
        partner = self.reseller
        for domain, expected in (
            ([("registration_partner_id", "=", partner.id)], self.reg_own),
            ([("registration_leader_id", "=", partner.id)], self.reg_sub),
            ([("registration_state", "=", "submitted")], self.registrations),
            ([("partner_name", "ilike", "textiles")], self.reg_own),
            ([("contact_name", "=", False)], self.registrations),
            ([("name", "ilike", "Opportunity")], self.registrations),
        ):
            with self.subTest(domain=domain):
                self.assertEqual(Lead.search(domain), expected)
        for order in (
            "registration_date desc, id desc",
            "registration_deadline asc, id desc",
            "partner_name asc, id desc",
            "registration_state, id desc",
        ):
            with self.subTest(order=order):
                self.assertEqual(len(Lead.search([], order=order)), 2)

    @mute_logger("odoo.http")
    def test_hidden_fields_refused_over_jsonrpc(self):
        """The same fields answer AccessError to JSON-RPC, whatever the method."""
        self.authenticate("portal_reseller", "portal_reseller")
        ids = self.registrations.ids
        for fname in self.hidden_fields:
            with self.subTest(field=fname):
                with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                    self._call_kw("read", [ids, [fname]])
        for fname in (
            "description",
            "expected_revenue",
            "user_id",
            "stage_id",
            "tag_ids",
            "duplicate_lead_ids",
            "duplicate_lead_count",
        ):
            for method, args, kwargs in (
                ("search_read", [[("id", "in", ids)], [fname]], {}),
                ("copy_data", [ids[:1]], {}),
                ("web_read", [ids], {"specification": {fname: {}}}),
                (
                    "web_search_read",
                    [[("id", "in", ids)]],
                    {"specification": {fname: {}}},
                ),
            ):
                with self.subTest(field=fname, method=method):
                    with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                        self._call_kw(method, args, **kwargs)

    def test_shown_fields_over_jsonrpc(self):
        self.authenticate("portal_reseller", "portal_reseller")
        records = self._call_kw(
            "search_read",
            [
                [("id", "in", self.registrations.ids)],
                ["partner_name", "registration_state"],
            ],
            order="id",
        )
        self.assertEqual(
            records,
            [
                {
                    "id": lead.id,
                    "partner_name": lead.partner_name,
                    "registration_state": "submitted",
                }
                for lead in self.registrations.sorted("id")
            ],
        )
        self.assertEqual(
            set(self._call_kw("read", [self.reg_sub.ids])[0]), PORTAL_READABLE_FIELDS
        )

    def test_pages_and_chatter_still_show_the_registration(self):
        """The list, the page and the chatter of a registration show what
        they showed, for the registrant and its sub-network leader."""
        self.authenticate("portal_reseller", "portal_reseller")
        for sortby in ("date", "deadline", "prospect", "state"):
            with self.subTest(sortby=sortby):
                response = self.url_open(f"/my/registrations?sortby={sortby}")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.text.count('class="o_registration_row"'), 2)
        for lead in self.registrations:
            with self.subTest(lead=lead.partner_name):
                page = self.url_open(f"/my/registrations/{lead.id}").text
                self.assertInPage(lead.partner_name, page)
                self.assertInPage(lead.registration_need, page)
                self.assertNotInPage("margin 40%", page)
                self.make_jsonrpc_request(
                    "/portal/chatter_init",
                    {"thread_model": "crm.lead", "thread_id": lead.id},
                )
        self.reg_own.message_post(
            body="We are reviewing it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        fetched = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "crm.lead", "thread_id": self.reg_own.id},
        )
        self.assertIn(
            "We are reviewing it.",
            str([message["body"] for message in fetched["data"]["mail.message"]]),
        )

    def test_other_leads_shared_with_portal_keep_their_access(self):
        """A lead that is not a registration, shared with portal users by
        another module (Odoo's partner assignment), stays fully readable and
        searchable: only registrations are restricted."""
        self.env["ir.model.access"].create(
            {
                "name": "test portal reads assigned leads",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "group_id": self.env.ref("base.group_portal").id,
                "perm_read": True,
            }
        )
        self.env["ir.rule"].create(
            {
                "name": "test portal leads assigned",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "groups": [Command.set(self.env.ref("base.group_portal").ids)],
                "domain_force": "[('partner_id', '=', user.commercial_partner_id.id),"
                " ('registration_partner_id', '=', False)]",
            }
        )
        assigned = self.env["crm.lead"].create(
            {
                "name": "Assigned to the reseller",
                "partner_id": self.reseller.id,
                "description": "<p>Call the buyer</p>",
                "expected_revenue": 7000,
            }
        )
        Lead = self.env["crm.lead"].with_user(self.portal_reseller)
        self.env.invalidate_all()
        self.assertEqual(
            assigned.with_user(self.portal_reseller).read(["expected_revenue"])[0][
                "expected_revenue"
            ],
            7000,
        )
        self.assertEqual(Lead.search([("expected_revenue", ">", 1000)]), assigned)
        # a registration sorts as if it had no revenue: last, although less
        both = [("id", "in", (assigned | self.reg_own).ids)]
        self.assertEqual(
            Lead.search(both, order="expected_revenue asc").ids,
            [assigned.id, self.reg_own.id],
        )
        with self.assertRaises(AccessError):
            self.reg_own.with_user(self.portal_reseller).read(["expected_revenue"])
