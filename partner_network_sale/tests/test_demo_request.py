# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import DemoUnitCommon


@tagged("post_install", "-at_install")
class TestDemoRequestLimit(DemoUnitCommon):
    def _count(self):
        return self.env["partner.network.demo.request"].search_count(
            [("partner_id", "=", self.reseller.id)]
        )

    def test_over_the_tier_limit_nothing_is_created(self):
        """A third open request of a tier allowing two is refused with the
        reason, and nothing is created; a returned unit frees its place."""
        first = self._demo_request()
        self._demo_request()
        with self.assertRefused(UserError, "already has 2 open demo unit requests"):
            self._demo_request()
        self.assertEqual(self._count(), 2)
        first.action_approve()
        first.action_returned()
        self._demo_request()
        self.assertEqual(self._count(), 3)

    def test_one_create_over_the_limit_creates_none(self):
        vals = {
            "partner_id": self.reseller.id,
            "product_id": self.demo_product.id,
            "purpose": "Shops",
            "date_return": "2099-01-31",
        }
        with self.assertRefused(UserError, "allows 2 at once"):
            self.env["partner.network.demo.request"].with_user(self.salesman).create(
                [vals] * 3
            )
        self.assertEqual(self._count(), 0)

    def test_zero_means_no_limit(self):
        self.tier_silver.demo_units_max = 0
        for _index in range(4):
            self._demo_request()
        self.assertEqual(self._count(), 4)

    def test_rejected_and_purchased_units_are_not_open(self):
        self._demo_request().action_reject()
        bought = self._demo_request()
        bought.action_approve()
        bought.action_purchased()
        self._demo_request()
        self._demo_request()
        self.assertEqual(self._count(), 4)


@tagged("post_install", "-at_install")
class TestDemoRequestWorkflow(DemoUnitCommon):
    def test_approve_creates_the_order_at_the_demo_pricelist(self):
        """Approving makes the partner's quotation of the unit at its tier's
        demo pricelist; the approver becomes responsible when no one was."""
        self.reseller.network_manager_id = False
        request = self._demo_request(quantity=2.0)
        self.assertFalse(request.user_id)
        request.with_user(self.salesman).action_approve()
        order = request.sale_order_id
        self.assertRecordValues(
            request, [{"state": "approved", "user_id": self.salesman.id}]
        )
        self.assertRecordValues(
            order,
            [
                {
                    "partner_id": self.reseller.id,
                    "pricelist_id": self.demo_pricelist.id,
                    "origin": request.name,
                    "state": "draft",
                    "company_id": self.company_a.id,
                }
            ],
        )
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "product_id": self.demo_product.id,
                    "product_uom_qty": 2.0,
                    "price_unit": 400.0,
                }
            ],
        )

    def test_responsible_is_the_account_executive(self):
        request = self._demo_request()
        self.assertEqual(request.user_id, self.salesman)
        self.assertTrue(request.name.startswith("DEMO/"))

    def test_approve_without_demo_pricelist_is_refused(self):
        self.tier_silver.demo_pricelist_id = False
        request = self._demo_request()
        with self.assertRefused(UserError, "has no demo pricelist"):
            request.action_approve()
        self.assertRecordValues(
            request, [{"state": "requested", "sale_order_id": False}]
        )
        self.assertFalse(self.env["sale.order"].search([("origin", "=", request.name)]))

    def test_states_follow_the_workflow(self):
        """requested -> approved -> returned | purchased, or rejected; any
        other move is refused with the current status."""
        request = self._demo_request()
        with self.assertRaisesRegex(UserError, "is Requested: it cannot become"):
            request.action_returned()
        with self.assertRaisesRegex(UserError, "is Requested"):
            request.action_purchased()
        request.action_approve()
        with self.assertRaisesRegex(UserError, "is Approved: it cannot become"):
            request.action_reject()
        with self.assertRaisesRegex(UserError, "is Approved"):
            request.action_approve()
        request.action_purchased()
        self.assertEqual(request.state, "purchased")
        with self.assertRaisesRegex(UserError, "is Purchased"):
            request.action_returned()
        rejected = self._demo_request()
        rejected.action_reject()
        self.assertEqual(rejected.state, "rejected")
        with self.assertRaisesRegex(UserError, "is Rejected"):
            rejected.action_approve()

    def test_status_changes_with_the_buttons_only(self):
        request = self._demo_request()
        with self.assertRaisesRegex(UserError, "changes with its buttons only"):
            request.write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "changes with its buttons only"):
            request.copy({"state": "returned"})
        with self.assertRaisesRegex(UserError, "partner of a demo unit request"):
            request.write({"partner_id": self.reseller_two.id})
        self.assertRecordValues(
            request, [{"state": "requested", "partner_id": self.reseller.id}]
        )

    def test_state_changes_are_tracked(self):
        request = self._demo_request().with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(request)
        request.action_approve()
        self._track(request)
        values = request.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(values.mapped("new_value_char"), ["Approved"])

    def test_product_not_offered_is_refused(self):
        with self.assertRefused(ValidationError, "is not offered as a demo unit"):
            self._demo_request(product_id=self.product.id)

    def test_inactive_partner_is_refused(self):
        self.reseller.network_state = "suspended"
        with self.assertRefused(ValidationError, "Only active network partners"):
            self._demo_request()

    @mute_logger("odoo.sql_db")
    def test_quantity_and_dates_are_checked(self):
        with self.assertRefused(Exception, "quantity_positive"):
            self._demo_request(quantity=0.0)
        with self.assertRefused(Exception, "dates_ordered"):
            self._demo_request(date_start="2026-04-01", date_return="2026-03-01")


@tagged("post_install", "-at_install")
class TestDemoRequestReminder(DemoUnitCommon):
    def test_reminder_activity_before_the_return_date(self):
        """A week before its return date, the responsible of an approved unit
        gets one activity due that day; units due later, or not lent, none."""
        due = self._demo_request(date_return="2026-03-20")
        later = self._demo_request(date_return="2026-04-30")
        for request in due + later:
            request.action_approve()
        self.tier_silver.demo_units_max = 0
        pending = self._demo_request(date_return="2026-03-18")
        Request = self.env["partner.network.demo.request"]
        with freeze_time("2026-03-14"):
            Request._cron_return_reminder()
            Request._cron_return_reminder()
        self.assertRecordValues(
            due.activity_ids,
            [
                {
                    "user_id": self.salesman.id,
                    "date_deadline": due.date_return,
                    "summary": "Demo unit due back",
                }
            ],
        )
        self.assertFalse(later.activity_ids)
        self.assertFalse(pending.activity_ids)
        self.assertTrue(due.return_reminded)

    def test_reminder_runs_in_batches(self):
        self.tier_silver.demo_units_max = 0
        requests = self.env["partner.network.demo.request"]
        for _index in range(3):
            requests |= self._demo_request(date_return="2026-03-20")
        requests.action_approve()
        with freeze_time("2026-03-14"):
            requests._cron_return_reminder(batch_size=2)
            self.assertEqual(len(requests.activity_ids), 2)
            requests._cron_return_reminder(batch_size=2)
        self.assertEqual(len(requests.activity_ids), 3)


@tagged("post_install", "-at_install")
class TestDemoRequestAccess(DemoUnitCommon):
    def test_portal_user_reads_its_own_only(self):
        own = self._demo_request()
        other = self._demo_request(partner=self.reseller_two)
        Request = self.env["partner.network.demo.request"]
        self.assertEqual(Request.with_user(self.portal_reseller).search([]), own)
        self.assertEqual(Request.with_user(self.portal_other).search([]), other)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_reseller).read(["purpose"])
        for action in (
            lambda: own.with_user(self.portal_reseller).write({"purpose": "x"}),
            lambda: own.with_user(self.portal_reseller).unlink(),
            lambda: own.with_user(self.portal_reseller).action_approve(),
            lambda: Request.with_user(self.portal_reseller).create(
                {
                    "partner_id": self.reseller.id,
                    "product_id": self.demo_product.id,
                    "purpose": "x",
                    "date_return": "2099-01-01",
                }
            ),
        ):
            with self.assertRaises(AccessError):
                action()
        self.assertRecordValues(own, [{"purpose": "Trade fair in Rosario"}])

    def test_other_company_requests_are_hidden(self):
        request = self._demo_request()
        Request = self.env["partner.network.demo.request"]
        self.assertFalse(Request.with_user(self.user_b).search([]))
        with self.assertRaises(AccessError):
            request.with_user(self.user_b).read(["name"])

    def test_product_of_another_company_is_refused(self):
        product = self.env["product.product"].create(
            {
                "name": "Company B scale",
                "network_demo_ok": True,
                "company_id": self.company_b.id,
            }
        )
        with self.assertRefused(UserError, "Incompatible companies"):
            self._demo_request(user=self.env.user, product_id=product.id)

    def test_network_user_cannot_delete(self):
        request = self._demo_request()
        with self.assertRaises(AccessError):
            request.with_user(self.salesman).unlink()
        request.with_user(self.sales_manager).unlink()
        self.assertFalse(request.exists())

    def test_salesperson_without_network_access_sees_none(self):
        request = self._demo_request()
        seller = self._new_user("pns_plain_seller", "sales_team.group_sale_salesman")
        with self.assertRaises(AccessError):
            request.with_user(seller).read(["name"])
