# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from lxml import html

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.partner_network.tests.common import PageAssertions

from .common import DemoUnitCommon


@tagged("post_install", "-at_install")
class TestDemoPortal(PageAssertions, DemoUnitCommon, HttpCase):
    def setUp(self):
        super().setUp()
        today = date.today()
        self.valid_form = {
            "product_id": str(self.demo_product.id),
            "quantity": "1",
            "purpose": "Demonstrations at the Córdoba trade fair",
            "date_start": (today + timedelta(days=3)).isoformat(),
            "date_return": (today + timedelta(days=30)).isoformat(),
        }

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _post(self, csrf=True, **values):
        data = {**self.valid_form, **values}
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/my/demo-units/new", data=data, allow_redirects=False)

    def _requests(self):
        """The requests of this test's partners (the demo data has others)."""
        partners = self.reseller | self.reseller_two
        return self.env["partner.network.demo.request"].search(
            [("partner_id", "in", partners.ids)]
        )

    def _count(self):
        return len(self._requests())

    def _invalid_fields(self, page):
        tree = html.fromstring(page.replace("\x00", ""))
        return {
            element.get("name")
            for element in tree.xpath("//form//*[@name]")
            if "is-invalid" in element.get("class", "")
        }

    def test_list_and_counter_show_own_requests(self):
        """The list shows the partner's requests with status and return date,
        never another partner's; the portal home counts them."""
        own = self._demo_request(date_return="2026-03-31")
        own.action_approve()
        self._demo_request(partner=self.reseller_two, purpose="Other secret fair")
        self.authenticate("pns_portal", "pns_portal")
        response = self._get("/my/demo-units")
        self.assertEqual(response.status_code, 200)
        self.assertInPage(own.name, response.text)
        self.assertInPage("Approved", response.text)
        self.assertInPage("03/31/2026", response.text)
        self.assertInPage("o_portal_wrap", response.text)
        self.assertEqual(response.text.count("o_demo_request_row"), 1)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["demo_request_count"]}
        )
        self.assertEqual(counters["demo_request_count"], 1)
        self.assertInPage('href="/my/demo-units"', self._get("/my").text)

    def test_foreign_and_missing_ids_answer_404(self):
        other = self._demo_request(partner=self.reseller_two, purpose="Secret fair")
        missing_id = other.id + 1000
        self.authenticate("pns_portal", "pns_portal")
        foreign = self._get(f"/my/demo-units/{other.id}")
        missing = self._get(f"/my/demo-units/{missing_id}")
        self.assertEqual(foreign.status_code, 404)
        self.assertEqual(missing.status_code, 404)
        self.assertSamePage(foreign.text, missing.text)
        self.assertNotInPage("Secret fair", foreign.text)
        self.authenticate("pns_portal_other", "pns_portal_other")
        self.assertEqual(self._get(f"/my/demo-units/{other.id}").status_code, 200)
        self.authenticate(None, None)
        response = self._get(f"/my/demo-units/{other.id}")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_valid_post_creates_the_request(self):
        self.authenticate("pns_portal", "pns_portal")
        response = self._post(
            partner_id=str(self.reseller_two.id), state="approved", quantity="2"
        )
        self.assertEqual(response.status_code, 303)
        request = self._requests()
        self.assertRecordValues(
            request,
            [
                {
                    "partner_id": self.reseller.id,
                    "product_id": self.demo_product.id,
                    "quantity": 2.0,
                    "state": "requested",
                    "company_id": self.company_a.id,
                    "user_id": self.salesman.id,
                    "date_return": date.fromisoformat(self.valid_form["date_return"]),
                }
            ],
        )
        self.assertIn(f"/my/demo-units/{request.id}", response.headers["Location"])
        page = self._get(f"/my/demo-units/{request.id}?submitted=1").text
        self.assertInPage("o_demo_request_submitted", page)

    def test_form_offers_only_demo_products(self):
        self.authenticate("pns_portal", "pns_portal")
        page = self._get("/my/demo-units/new").text
        self.assertInPage("Fiscal printer", page)
        self.assertNotInPage("ERP licence", page)

    def test_bad_input_re_renders_with_a_message_per_field(self):
        """Missing or malformed values, too long a text, an unknown product and
        a product not offered: the form comes back with each field marked and
        what was typed, and nothing is created."""
        too_long = "x" * 5001
        cases = [
            ({"product_id": ""}, "product_id", "Choose the product"),
            ({"product_id": "999999999"}, "product_id", "Choose one of the products"),
            ({"product_id": "abc"}, "product_id", "Choose one of the products"),
            (
                {"product_id": str(self.product.id)},
                "product_id",
                "Choose one of the products",
            ),
            ({"quantity": ""}, "quantity", "whole number of units"),
            ({"quantity": "abc"}, "quantity", "whole number of units"),
            ({"quantity": "0"}, "quantity", "whole number of units"),
            ({"quantity": "-1"}, "quantity", "whole number of units"),
            ({"quantity": "1.5"}, "quantity", "whole number of units"),
            ({"quantity": "100000"}, "quantity", "whole number of units"),
            ({"purpose": ""}, "purpose", "what you will demonstrate"),
            ({"purpose": too_long}, "purpose", "at most 5000 characters"),
            ({"date_start": ""}, "date_start", "the day you want the unit"),
            ({"date_start": "31/12/2026"}, "date_start", "YYYY-MM-DD"),
            ({"date_start": "2020-01-01"}, "date_start", "cannot be in the past"),
            ({"date_return": "2026-02-30"}, "date_return", "YYYY-MM-DD"),
            ({"date_return": ""}, "date_return", "the day you will return"),
            (
                {"date_return": date.today().isoformat()},
                "date_return",
                "before the start date",
            ),
            (
                {"date_return": (date.today() + timedelta(days=800)).isoformat()},
                "date_return",
                "at most 365 days",
            ),
            ({"purpose": "Fair\x00"}, "purpose", "invisible control character"),
        ]
        self.authenticate("pns_portal", "pns_portal")
        for values, field, message in cases:
            with self.subTest(field=field, values=str(values)[:60]):
                response = self._post(**values)
                self.assertEqual(response.status_code, 200)
                self.assertInPage(message, response.text)
                self.assertEqual(self._invalid_fields(response.text), {field})
        self.assertEqual(self._count(), 0)

    def test_typed_values_are_kept(self):
        self.authenticate("pns_portal", "pns_portal")
        response = self._post(quantity="abc", purpose="Keep this purpose")
        self.assertInPage("Keep this purpose", response.text)
        tree = html.fromstring(response.text)
        (selected,) = tree.xpath("//select[@name='product_id']/option[@selected]")
        self.assertEqual(selected.get("value"), str(self.demo_product.id))

    def test_html_is_stored_as_typed_and_escaped(self):
        payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        self.authenticate("pns_portal", "pns_portal")
        self.assertEqual(self._post(purpose=payload).status_code, 303)
        request = self._requests()
        self.assertEqual(request.purpose, payload)
        page = self._get(f"/my/demo-units/{request.id}").text
        self.assertNotInPage(payload, page)
        self.assertInPage("&lt;script&gt;", page)

    def test_over_the_limit_says_why_and_creates_nothing(self):
        self._demo_request()
        self._demo_request()
        self.authenticate("pns_portal", "pns_portal")
        response = self._post()
        self.assertEqual(response.status_code, 200)
        self.assertInPage("already has 2 open demo unit requests", response.text)
        self.assertEqual(self._count(), 2)

    def test_inactive_partner_cannot_request(self):
        self.reseller.network_state = "suspended"
        self.authenticate("pns_portal", "pns_portal")
        self.assertInPage(
            "o_demo_request_not_allowed", self._get("/my/demo-units/new").text
        )
        response = self._post()
        self.assertEqual(response.status_code, 200)
        self.assertInPage("Only active partners of the network", response.text)
        self.assertEqual(self._count(), 0)

    def test_post_without_csrf_is_refused(self):
        self.authenticate("pns_portal", "pns_portal")
        for token in (None, "wrong"):
            with self.subTest(token=token):
                data = {**self.valid_form}
                if token:
                    data["csrf_token"] = token
                response = self.url_open(
                    "/my/demo-units/new", data=data, allow_redirects=False
                )
                self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count(), 0)

    def test_routes_answer_a_visitor_with_the_login(self):
        for route in ("/my/demo-units", "/my/demo-units/new", "/my/demo-units/1"):
            with self.subTest(route=route):
                self.assertEqual(self._get(route).status_code, 303)
