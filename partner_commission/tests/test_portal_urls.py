# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from odoo.tests import HttpCase, tagged

from .test_portal import CommissionPortalCommon

STATEMENT = "partner_commission.report_partner_commission_statement"


@tagged("post_install", "-at_install")
class TestSettlementPortalUrls(CommissionPortalCommon, HttpCase):
    """The links Odoo itself makes to a settlement: ``get_portal_url()``, the
    ``/mail/view`` button of its notification mails, and the report route.

    A settlement is a portal document (``portal.mixin``): its access token
    opens it to whoever holds the link, as Odoo's quotations and invoices do;
    a token never opens another settlement than its own.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.missing_id = cls.settlements.sorted("id")[-1].id + 1000
        cls.token_sponsor = cls.settlement_sponsor._portal_ensure_token()
        cls.token_reseller = cls.settlement_reseller._portal_ensure_token()

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _assertLoginPage(self, response, url):
        """A visitor is sent to the login page, which brings it back to
        ``url``, and the redirection carries no access token of its own."""
        self.assertEqual(response.status_code, 303, url)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(location.path, "/web/login", url)
        # werkzeug's full path of a URL without query ends with "?"
        (redirect,) = parse_qs(location.query)["redirect"]
        self.assertEqual(redirect.removesuffix("?"), url)

    def test_portal_urls_open_the_owners_settlement(self):
        """Logged in, the owner opens the page, PDF and download of its
        settlement with the right, a wrong or no access token."""
        settlement = self.settlement_sponsor
        self.authenticate("portal_sponsor", "portal_sponsor")
        for url in (
            settlement.get_portal_url(),
            f"{settlement.access_url}?access_token=wrong",
            settlement.access_url,
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 200)
                self.assertInPage(settlement.name, response.text)
        for url in (
            settlement.get_portal_url(report_type="pdf"),
            settlement.get_portal_url(report_type="pdf", download=True),
            f"{settlement.access_url}?access_token=wrong&report_type=pdf",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_access_token_alone_opens_its_settlement(self):
        """Not logged in, the right access token opens the settlement and its
        statement; any other token leads to the login page."""
        settlement = self.settlement_sponsor
        response = self._get(settlement.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertInPage(settlement.name, response.text)
        self.assertNotInPage(self.settlement_reseller.name, response.text)
        # the page's own PDF links carry the token
        pdf_url = settlement.get_portal_url(report_type="pdf")
        self.assertInPage(pdf_url.replace("&", "&amp;"), response.text)
        pdf = self._get(pdf_url)
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        for url in (
            settlement.access_url,
            f"{settlement.access_url}?access_token=wrong",
            f"{settlement.access_url}?access_token=",
            f"{settlement.access_url}?access_token={self.token_reseller}",
            f"{settlement.access_url}?access_token={self.token_reseller}"
            "&report_type=pdf",
            f"/my/settlements/{self.missing_id}?access_token={self.token_sponsor}",
        ):
            with self.subTest(url=url):
                self._assertLoginPage(self._get(url), url)

    def test_other_partner_gets_404(self):
        """Logged in, another partner gets the 404 of a missing settlement,
        whatever token it adds; the settlement's own token is the link of its
        mail, and opens that settlement only."""
        foreign = self.settlement_sponsor
        self.authenticate("portal_reseller", "portal_reseller")
        missing = self._get(f"/my/settlements/{self.missing_id}")
        self.assertEqual(missing.status_code, 404)
        for url in (
            foreign.access_url,
            f"{foreign.access_url}?access_token=wrong",
            f"{foreign.access_url}?access_token={self.token_reseller}",
            f"{foreign.access_url}?access_token={self.token_reseller}"
            "&report_type=pdf&download=true",
            f"/my/settlements/{self.missing_id}?access_token={self.token_sponsor}",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 404)
                self.assertSamePage(response.text, missing.text)
        shared = self._get(foreign.get_portal_url())
        self.assertEqual(shared.status_code, 200)
        self.assertInPage(foreign.name, shared.text)

    def test_cancelled_settlement_not_opened_by_its_token(self):
        """A cancelled settlement leaves the portal, its mailed link too."""
        settlement = self.settlement_sponsor
        url = settlement.get_portal_url()
        settlement.action_cancel()
        self._assertLoginPage(self._get(url), url)
        self.authenticate("portal_sponsor", "portal_sponsor")
        self.assertEqual(self._get(url).status_code, 404)

    def _mailed_view_url(self, settlement):
        """Path and query of the "View" button of a notification mail that
        the settlement's partner receives."""
        # a partner with an address, and the mail kept in the queue to read
        settlement.partner_id.email = "statements@partner.example.com"
        settlement.with_context(mail_notify_force_send=False).message_post(
            body="Your statement is ready.",
            partner_ids=settlement.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", settlement._name),
                ("res_id", "=", settlement.id),
                ("recipient_ids", "in", settlement.partner_id.ids),
            ]
        )
        self.assertEqual(len(mail), 1)
        links = re.findall(r'href="([^"]*/mail/view\?[^"]*)"', mail.body_html)
        self.assertTrue(links, "the mail has no View button")
        link = urlsplit(unescape(links[0]))
        return f"{link.path}?{link.query}"

    def test_notification_mail_view_button(self):
        """The "View" button of a notification mail opens the settlement, to
        its partner logged in or not."""
        settlement = self.settlement_sponsor
        url = self._mailed_view_url(settlement)
        self.assertEqual(parse_qs(urlsplit(url).query)["res_id"], [str(settlement.id)])
        for login in (None, "portal_sponsor"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(url)
                self.assertEqual([hop.status_code for hop in response.history], [303])
                self.assertEqual(response.status_code, 200)
                self.assertInPage(settlement.name, response.text)

    def test_mail_view_without_token(self):
        """``/mail/view`` without the token opens the settlement to its owner
        only: the others, logged in or not, never get its token."""
        settlement = self.settlement_sponsor
        url = f"/mail/view?model={settlement._name}&res_id={settlement.id}"
        for login in (None, "portal_reseller"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                for query in ("", "&access_token=wrong", "&access_token="):
                    response = self._get(url + query)
                    self.assertEqual(response.status_code, 303)
                    location = response.headers["Location"]
                    self.assertNotIn(self.token_sponsor, location)
                    self.assertNotIn(settlement.access_url, location)
        self.authenticate("portal_sponsor", "portal_sponsor")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertInPage(settlement.name, response.text)
        missing = self._get(f"/mail/view?model={settlement._name}&res_id=0")
        self.assertEqual(missing.status_code, 303)

    def test_foreign_ids_log_no_returned_exception(self):
        """A scan of foreign and missing ids answers 404s and logs nothing:
        the controller raises its NotFound, Odoo warns when one is returned."""
        self.authenticate("portal_reseller", "portal_reseller")
        with self.assertNoLogs("odoo.http", level="WARNING"):
            for settlement_id in (self.settlement_sponsor.id, self.missing_id):
                for query in ("", "?report_type=pdf", "?access_token=wrong"):
                    url = f"/my/settlements/{settlement_id}{query}"
                    with self.subTest(url=url):
                        self.assertEqual(self._get(url).status_code, 404)

    def test_report_route_refusal_is_clean(self):
        """The back-office report route prints a statement to whoever may read
        the settlement, and refuses the others with a 403 that logs no error."""
        own, foreign = self.settlement_sponsor, self.settlement_reseller
        self.authenticate("portal_sponsor", "portal_sponsor")
        with self.assertNoLogs("odoo", level="ERROR"):
            for converter in ("pdf", "html"):
                for ids in (f"{foreign.id}", f"{own.id},{foreign.id}"):
                    url = f"/report/{converter}/{STATEMENT}/{ids}"
                    with self.subTest(url=url):
                        self.assertEqual(self._get(url).status_code, 403)
                # Odoo's answer to a missing record, on every route
                url = f"/report/{converter}/{STATEMENT}/{self.missing_id}"
                self.assertEqual(self._get(url).status_code, 400)
            response = self._get(f"/report/html/{STATEMENT}/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertInPage(own.name, response.text)
        self.assertInPage(self.invoice.name, response.text)
        self.assertNotInPage(foreign.name, response.text)
        self.authenticate(self.internal_user.login, self.internal_user.login)
        with self.assertNoLogs("odoo", level="ERROR"):
            response = self._get(f"/report/pdf/{STATEMENT}/{own.id}")
        self.assertEqual(response.status_code, 403)
