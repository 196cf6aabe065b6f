# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import parse_qs, urlsplit

from odoo.tests import HttpCase, tagged

from .test_portal import PortalCommon

# What Odoo's own links append to a portal URL: the token and signature of a
# shared document, the pager, the search bar (a NUL byte and a long text typed
# in it too; the HTTP server refuses request lines over 64 kB itself).
ODOO_QUERIES = (
    "",
    "?access_token=x",
    "?access_token=",
    "?access_token=x&pid=1&hash=x",
    "?page=2&sortby=deadline&filterby=accepted",
    "?search=Prospect&search_in=name",
    "?search=%00&search_in=prospect",
    "?search=" + "x" * 50_000,
)


@tagged("post_install", "-at_install")
class TestRegistrationPortalUrls(PortalCommon, HttpCase):
    """The links Odoo makes to registrations and agreements answer a page, a
    redirection or a 404, logged in or not, never an error.

    A registration has no access token (crm.lead is not a portal document):
    a token in its URL opens nothing, only the login does.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.missing_id = (
            cls.env["crm.lead"].search([], order="id desc", limit=1).id + 1000
        )

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_access_token_opens_nothing(self):
        """The owner and its sub-network leader open the registration whatever
        token its URL carries; another partner gets the 404 of a missing one;
        a visitor the login page."""
        url = f"/my/registrations/{self.reg_sub.id}"
        missing_url = f"/my/registrations/{self.missing_id}"
        for query in ("?access_token=x", "?access_token=", "?access_token=x&pid=1"):
            with self.subTest(query=query):
                for login in ("portal_subpromoter", "portal_reseller"):
                    self.authenticate(login, login)
                    response = self._get(url + query)
                    self.assertEqual(response.status_code, 200)
                    self.assertInPage("Sub Prospect Metals", response.text)
                self.authenticate("portal_other", "portal_other")
                foreign = self._get(url + query)
                self.assertEqual(foreign.status_code, 404)
                self.assertSamePage(foreign.text, self._get(missing_url + query).text)
                self.authenticate(None, None)
                response = self._get(url + query)
                self.assertEqual(response.status_code, 303)
                location = urlsplit(response.headers["Location"])
                self.assertEqual(location.path, "/web/login")
                self.assertEqual(parse_qs(location.query)["redirect"], [url + query])

    def test_mail_view_links(self):
        """``/mail/view`` of a registration or an agreement, from its mails,
        redirects without error and shows it to no other partner."""
        agreement = self.subpromoter.network_agreement_ids
        links = [
            (f"/mail/view?model=crm.lead&res_id={self.reg_sub.id}", "Sub Prospect"),
            (
                f"/mail/view?model=crm.lead&res_id={self.reg_sub.id}"
                f"&access_token=x&pid={self.subpromoter.id}&hash=x",
                "Sub Prospect",
            ),
            (f"/mail/view?model=crm.lead&res_id={self.missing_id}", "Sub Prospect"),
            (
                "/mail/view?model=partner.network.agreement" f"&res_id={agreement.id}",
                agreement.name,
            ),
        ]
        for login in (None, "portal_subpromoter", "portal_other"):
            self.authenticate(login, login)
            for url, secret in links:
                with self.subTest(login=login, url=url):
                    response = self.url_open(url)
                    statuses = [hop.status_code for hop in response.history]
                    self.assertEqual(set(statuses), {303})
                    self.assertEqual(response.status_code, 200)
                    if login != "portal_subpromoter":
                        self.assertNotInPage(secret, response.text)

    def test_foreign_ids_log_no_returned_exception(self):
        """A scan of foreign and missing ids answers 404s and logs nothing:
        the controller raises its NotFound, Odoo warns when one is returned."""
        self.authenticate("portal_other", "portal_other")
        with self.assertNoLogs("odoo.http", level="WARNING"):
            for lead_id in (self.reg_own.id, self.reg_sub.id, self.missing_id):
                for query in ("", "?access_token=x"):
                    url = f"/my/registrations/{lead_id}{query}"
                    with self.subTest(url=url):
                        self.assertEqual(self._get(url).status_code, 404)

    def test_every_route_with_odoo_parameters(self):
        """Every portal route, with what Odoo's links append, answers 200 to
        a partner and 303 (the login page) to a visitor."""
        routes = (
            "/my",
            "/my/registrations",
            "/my/registrations/page/2",
            f"/my/registrations/{self.reg_own.id}",
            "/my/registrations/new",
            "/my/agreements",
            "/my/agreements/page/2",
        )
        for login, expected in ((None, 303), ("portal_reseller", 200)):
            self.authenticate(login, login)
            for route in routes:
                for query in ODOO_QUERIES:
                    with self.subTest(login=login, url=route + query[:80]):
                        response = self._get(route + query)
                        self.assertEqual(response.status_code, expected)
