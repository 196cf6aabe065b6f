# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import format_date
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.models.ir_qweb import IrQWeb
from odoo.addons.partner_network.tests.common import PageAssertions

from .common import CommissionCommon


class CommissionPortalCommon(PageAssertions, CommissionCommon):
    """The sponsor (in the reseller's sub-network) and the reseller, each with
    a portal user, a paid invoice and a settlement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_sponsor.max_open_registrations = 0
        cls.product_a.name = "Portal Tour Licence"
        cls.portal_sponsor = cls._new_portal_user(
            "portal_sponsor", cls.sponsor, cls.company
        )
        cls.portal_reseller = cls._new_portal_user(
            "portal_reseller", cls.reseller, cls.company
        )
        cls.invoice = cls._invoice(cls, invoice_date="2026-03-10")
        cls._pay(cls, cls.invoice, date="2026-03-20")
        cls.settlements = cls.env["partner.commission.settlement"]._create_settlements(
            "2026-12-31"
        )
        cls.settlement_sponsor = cls.settlements.filtered(
            lambda s: s.partner_id == cls.sponsor
        )
        cls.settlement_reseller = cls.settlements.filtered(
            lambda s: s.partner_id == cls.reseller
        )


@tagged("post_install", "-at_install")
class TestCommissionPortal(CommissionPortalCommon, HttpCase):
    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_setup(self):
        self.assertEqual(self.settlement_sponsor.amount_total, 100.0)
        self.assertEqual(self.settlement_reseller.amount_total, 20.0)

    def test_commission_lines_of_the_partner_only(self):
        self.authenticate("portal_sponsor", "portal_sponsor")
        response = self._get("/my/commissions")
        self.assertEqual(response.status_code, 200)
        self.assertInPage(self.invoice.name, response.text)
        self.assertInPage("100.00", response.text)
        self.assertNotInPage("20.00", response.text)
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._get("/my/commissions?filterby=settled")
        self.assertInPage("20.00", response.text)
        self.assertInPage("Sub-network Leader", response.text)
        self.assertNotInPage("100.00", response.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["commission_count", "settlement_count"]}
        )
        self.assertEqual(counters["commission_count"], 1)
        self.assertEqual(counters["settlement_count"], 1)

    def test_commission_list_formats_rows_without_field_widgets(self):
        """The commission list formats its rows in one pass: six field
        widgets per row cost more than the queries of the page (a portal
        list of 80 lines took twice the time of the registrations list)."""
        rendered = []
        get_field = IrQWeb._get_field

        def spy(qweb, record, field_name, *args):
            rendered.append(record._name)
            return get_field(qweb, record, field_name, *args)

        self.authenticate("portal_reseller", "portal_reseller")
        with patch.object(IrQWeb, "_get_field", spy):
            response = self._get("/my/commissions")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("partner.commission.line", rendered)
        line = self.env["partner.commission.line"].search(
            [("partner_id", "=", self.reseller.id)]
        )
        day = format_date(self.env, line.date)
        rate = f"{line.rate:.2f} %"
        for text in (day, "Sub-network Leader", "20.00", rate, "Settled"):
            self.assertInPage(text, response.text)

    def test_settlement_routes_foreign_and_missing_404(self):
        missing_id = self.settlements.sorted("id")[-1].id + 1000
        self.authenticate("portal_sponsor", "portal_sponsor")
        foreign_id = self.settlement_reseller.id
        for suffix in ("", "?report_type=pdf", "?report_type=html&download=true"):
            with self.subTest(suffix=suffix):
                foreign = self._get(f"/my/settlements/{foreign_id}{suffix}")
                missing = self._get(f"/my/settlements/{missing_id}{suffix}")
                self.assertEqual(foreign.status_code, 404)
                self.assertEqual(missing.status_code, 404)
                self.assertSamePage(foreign.text, missing.text)
        token = self._get(f"/my/settlements/{foreign_id}?access_token=anything")
        self.assertEqual(token.status_code, 404)
        listing = self._get("/my/settlements")
        self.assertInPage(self.settlement_sponsor.name, listing.text)
        self.assertNotInPage(self.settlement_reseller.name, listing.text)

    def test_odd_parameters_never_fail(self):
        """Hand-made URLs of every route answer a page or a 404, never an
        error."""
        self.authenticate("portal_reseller", "portal_reseller")
        odd = (
            "?page=abc&sortby=../../etc&filterby=%00&search_in=zzz"
            "&search=%27%22%3Cx%3E&report_type=xlsx&download=maybe"
        )
        for url in (
            "/my",
            "/my/registrations",
            "/my/registrations/page/99999",
            "/my/registrations/new",
            "/my/agreements",
            "/my/commissions",
            "/my/commissions/page/0",
            "/my/settlements",
            f"/my/settlements/{self.settlement_reseller.id}",
        ):
            with self.subTest(url=url):
                response = self._get(url + odd)
                self.assertEqual(response.status_code, 200)
        for url in (
            "/my/registrations/abc",
            "/my/settlements/-1",
            "/my/settlements/1e3",
        ):
            with self.subTest(url=url):
                self.assertEqual(self._get(url + odd).status_code, 404)

    def test_cancelled_settlement_hidden(self):
        self.settlement_sponsor.action_cancel()
        self.authenticate("portal_sponsor", "portal_sponsor")
        response = self._get(f"/my/settlements/{self.settlement_sponsor.id}")
        self.assertEqual(response.status_code, 404)

    def test_statement_pdf_of_the_right_partner(self):
        self.authenticate("portal_sponsor", "portal_sponsor")
        page = self._get(f"/my/settlements/{self.settlement_sponsor.id}")
        self.assertEqual(page.status_code, 200)
        self.assertInPage("Portal Tour Licence", page.text)
        response = self._get(
            f"/my/settlements/{self.settlement_sponsor.id}?report_type=pdf"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        text = self._document_text(response.content)
        self.assertInPage(self.settlement_sponsor.name, text)
        self.assertInPage(self.sponsor.name, text)
        self.assertInPage(self.invoice.name, text)
        self.assertNotInPage(self.reseller.name, text)
        download = self._get(
            f"/my/settlements/{self.settlement_sponsor.id}"
            "?report_type=pdf&download=true"
        )
        self.assertEqual(download.status_code, 200)
        filename = re.sub(
            r"\W+", "_", f"Commission Statement - {self.settlement_sponsor.name}"
        )
        self.assertEqual(
            download.headers["Content-Disposition"],
            f"attachment; filename*=UTF-8''{filename}.pdf",
        )
        self.assertEqual(
            self.settlement_sponsor.access_url,
            f"/my/settlements/{self.settlement_sponsor.id}",
        )

    def _document_text(self, content):
        """Text of a statement: a real PDF, or the HTML that Odoo's test mode
        renders instead of calling wkhtmltopdf."""
        if content.startswith(b"%PDF"):
            reader = PdfFileReader(io.BytesIO(content))
            return " ".join(page.extractText() for page in reader.pages)
        return re.sub(r"\s+", " ", content.decode())

    def test_orm_foreign_and_own_records(self):
        """Portal users read their own commission data and change nothing."""
        self.env.invalidate_all()
        Settlement = self.env["partner.commission.settlement"].with_user(
            self.portal_sponsor
        )
        Line = self.env["partner.commission.line"].with_user(self.portal_sponsor)
        self.assertEqual(Settlement.search([]), self.settlement_sponsor)
        self.assertEqual(Line.search([]).partner_id, self.sponsor)
        foreign = self.settlement_reseller.with_user(self.portal_sponsor)
        own = self.settlement_sponsor.with_user(self.portal_sponsor)
        calls = {
            "read foreign": lambda: foreign.read(["amount_total"]),
            "read foreign line": lambda: foreign.line_ids.with_user(
                self.portal_sponsor
            ).read(["amount"]),
            "approve": own.action_approve,
            "bills": own.action_create_bills,
            "cancel": own.action_cancel,
            "write state": lambda: own.write({"state": "paid"}),
            "write amount": lambda: own.line_ids.with_user(self.portal_sponsor).write(
                {"amount": 1000.0}
            ),
            "unlink": own.unlink,
        }
        for name, call in calls.items():
            with self.subTest(call=name), self.assertRaises(AccessError):
                call()
        self.assertEqual(self.settlement_sponsor.state, "draft")
        self.assertEqual(self.settlement_sponsor.amount_total, 100.0)

    @mute_logger("odoo.http")
    def test_jsonrpc_refused(self):
        self.authenticate("portal_sponsor", "portal_sponsor")
        for model, method, args in (
            ("partner.commission.settlement", "read", [[self.settlement_reseller.id]]),
            (
                "partner.commission.settlement",
                "action_approve",
                [[self.settlement_sponsor.id]],
            ),
            (
                "partner.commission.line",
                "write",
                [self.settlement_sponsor.line_ids.ids, {"amount": 1.0}],
            ),
        ):
            with self.subTest(method=method):
                with self.assertRaisesRegex(Exception, "AccessError"):
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {"model": model, "method": method, "args": args, "kwargs": {}},
                    )
        self.assertEqual(self.settlement_sponsor.state, "draft")


@tagged("post_install", "-at_install", "partner_program_browser")
class TestPortalTour(CommissionPortalCommon, HttpCase):
    def test_portal_tour(self):
        """In Chromium, a partner registers a deal, finds it with its deadline,
        and opens its settlement statement."""
        self.start_tour("/my", "partner_program_portal_tour", login="portal_sponsor")
        lead = self.env["crm.lead"].search(
            [("partner_name", "=", "Tour Prospect Logistics, S.L.")]
        )
        self.assertEqual(lead.registration_partner_id, self.sponsor)
        self.assertEqual(lead.registration_state, "submitted")
        self.assertTrue(lead.registration_deadline)
