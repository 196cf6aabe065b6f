# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The users locust simulates: portal partners browsing and submitting
registrations (a fifth of them for the same prospect at the same moment),
and back-office users accepting registrations, registering payments and
running the crons over JSON-RPC."""

import itertools
import random
import re
import time
import uuid
from datetime import date, timedelta

import gevent
from gevent.event import Event
from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
REGISTRATION_LINK = re.compile(r'href="/my/registrations/(\d+)')
SETTLEMENT_LINK = re.compile(r'href="/my/settlements/(\d+)')
SUBMITTED = re.compile(r"/my/registrations/(\d+)\?submitted=1")
# refusals the business rules give: answered as such, not failures
BUSINESS_ERRORS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")
CONTEST_WAIT = 20.0  # seconds a contested submission waits for a rival
# the pages of /my/registrations a partner asks for, in turn: the first, the
# second, a search (the unloaded measure asks for the same ones)
REGISTRATION_PAGES = ("", "/page/2", "?search=Load&search_in=prospect")


def execute_kw_payload(database, model, method, args, kwargs=None):
    """The JSON-RPC body of ``execute_kw`` as the administrator (uid 2)."""
    return {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [database, 2, "admin", model, method, args, kwargs or {}],
        },
    }


class Shared:
    """What the users of a run share: the server, the logins, the
    submissions answered, and the prospect contested at the moment."""

    def __init__(self, base_url, database, logins, password, crons):
        self.base_url, self.database = base_url, database
        self.logins = itertools.cycle(logins)
        self.password, self.crons = password, crons
        self.submitted = []  # (lead id, prospect) of each 2xx-answered submission
        self.contested = []  # outcome of each contested submission
        self.refusals = 0
        self.logged_in = []  # when each portal user's first login succeeded
        self._waiting = None  # (event, prospect) of a contest awaiting a rival

    def next_contest(self):
        """The prospect of a contested submission, submitted by two users at
        the same moment: join the contest awaiting a rival (both are released
        at once), or open one and wait up to CONTEST_WAIT seconds for a
        rival (then submit alone)."""
        if self._waiting:
            (event, prospect), self._waiting = self._waiting, None
            event.set()
            return prospect
        event = Event()
        prospect = f"Contested {uuid.uuid4().hex[:10]} Holdings"
        self._waiting = (event, prospect)
        event.wait(CONTEST_WAIT)
        if self._waiting and self._waiting[0] is event:
            self._waiting = None
        return prospect


def registration_form(token, prospect):
    slug = re.sub(r"[^a-z0-9]+", "-", prospect.lower()).strip("-")
    return {
        "csrf_token": token,
        "partner_name": prospect,
        "contact_name": "Ana Buyer",
        "email_from": f"ana@{slug}.example",
        "registration_need": "Replace their spreadsheets with an ERP.",
        "registration_budget": "25000",
        "registration_implementation_date": str(date.today() + timedelta(days=120)),
    }


class PortalPartner(HttpUser):
    """A reseller's portal user."""

    abstract = True
    # a person reading a page before the next one
    wait_time = between(2.0, 8.0)
    shared = None

    def on_start(self):
        """Log in, trying again while the server cannot (during a fault)."""
        self.registration_ids = []
        login = next(self.shared.logins)
        while True:
            page = self.client.get("/web/login", name="/web/login")
            match = CSRF.search(page.text or "")
            if match:
                answer = self.client.post(
                    "/web/login",
                    name="/web/login [POST]",
                    data={
                        "login": login,
                        "password": self.shared.password,
                        "csrf_token": match.group(1),
                    },
                )
                if answer.ok and "/web/login" not in answer.url:
                    self.shared.logged_in.append(time.time())
                    return
            gevent.sleep(1)

    @task(5)
    def list_registrations(self):
        page = random.choice(REGISTRATION_PAGES)
        response = self.client.get(f"/my/registrations{page}", name="/my/registrations")
        self.registration_ids = REGISTRATION_LINK.findall(response.text)

    @task(3)
    def open_registration(self):
        if self.registration_ids:
            lead_id = random.choice(self.registration_ids)
            self.client.get(
                f"/my/registrations/{lead_id}", name="/my/registrations/<id>"
            )

    @task(2)
    def submit_registration(self):
        contested = random.random() < 0.2
        form = self.client.get("/my/registrations/new", name="/my/registrations/new")
        match = CSRF.search(form.text or "")
        if not match:
            return
        if contested:
            prospect = self.shared.next_contest()
        else:
            prospect = f"Live {uuid.uuid4().hex[:12]} Trading"
        response = self.client.post(
            "/my/registrations/new",
            name="/my/registrations/new [POST]",
            data=registration_form(match.group(1), prospect),
            allow_redirects=False,
        )
        accepted = response.status_code in (302, 303) and SUBMITTED.search(
            response.headers.get("Location", "")
        )
        if accepted:
            self.shared.submitted.append((int(accepted.group(1)), prospect))
        elif response.status_code == 200:
            self.shared.refusals += 1
        if contested:
            self.shared.contested.append((prospect, bool(accepted)))

    @task(2)
    def read_commissions(self):
        self.client.get("/my/commissions", name="/my/commissions")

    @task(1)
    def settlement_pdf(self):
        response = self.client.get("/my/settlements", name="/my/settlements")
        ids = SETTLEMENT_LINK.findall(response.text)
        if ids:
            self.client.get(
                f"/my/settlements/{random.choice(ids)}?report_type=pdf",
                name="/my/settlements/<id> pdf",
            )


class BackOffice(HttpUser):
    """An administrator working over JSON-RPC (login admin)."""

    abstract = True
    wait_time = between(2.0, 5.0)
    shared = None

    def call(self, name, model, method, args, kwargs=None):
        """``execute_kw`` as the administrator; the result, or None when it
        fails (a business refusal is counted apart, not as a failure)."""
        payload = execute_kw_payload(self.shared.database, model, method, args, kwargs)
        with self.client.post(
            "/jsonrpc", json=payload, name=name, catch_response=True
        ) as response:
            if not response.ok:  # a 4xx, 5xx or no answer: failed already
                return None
            try:
                body = response.json()
            except ValueError:
                response.failure(f"not JSON: {response.text[:100]!r}")
                return None
            error = body.get("error")
            if not error:
                return body.get("result")
            kind = error.get("data", {}).get("name", "")
            if kind in BUSINESS_ERRORS:
                self.shared.refusals += 1
                response.success()
            else:
                response.failure(f"{kind}: {error.get('data', {}).get('message')}")
        return None

    @task(3)
    def accept_registration(self):
        ids = self.call(
            "rpc crm.lead search",
            "crm.lead",
            "search",
            [[["registration_state", "=", "submitted"]]],
            {"limit": 1, "offset": random.randint(0, 30)},
        )
        if ids:
            self.call(
                "rpc action_registration_accept",
                "crm.lead",
                "action_registration_accept",
                [ids, "internal"],
            )

    @task(3)
    def register_payment(self):
        domain = [
            ["move_type", "=", "out_invoice"],
            ["state", "=", "posted"],
            ["payment_state", "=", "not_paid"],
        ]
        ids = self.call(
            "rpc account.move search",
            "account.move",
            "search",
            [domain],
            {"limit": 1, "offset": random.randint(0, 20)},
        )
        if not ids:
            return
        context = {"active_model": "account.move", "active_ids": ids}
        wizard = self.call(
            "rpc payment register",
            "account.payment.register",
            "create",
            [{}],
            {"context": context},
        )
        if wizard:
            self.call(
                "rpc action_create_payments",
                "account.payment.register",
                "action_create_payments",
                [[wizard]],
                {"context": context},
            )

    @task(1)
    def run_cron(self):
        self.call(
            "rpc cron method_direct_trigger",
            "ir.cron",
            "method_direct_trigger",
            [[random.choice(self.shared.crons)]],
        )


def user_classes(shared, portal_weight=4):
    """The two kinds of users bound to ``shared``."""
    portal = type(
        "Portal", (PortalPartner,), {"shared": shared, "weight": portal_weight}
    )
    office = type("Office", (BackOffice,), {"shared": shared, "weight": 1})
    return [portal, office]
