#!/usr/bin/env python3
"""Capture the partner portal and website in Chromium, for the addons' descriptions.

On a throwaway database with the addons and their demo data, the demo
reseller's promoter gets a paid invoice, both get their commission settlements
and the demo portal user ``iberia`` makes progress in its courses; then Odoo
serves the database and headless Chromium (driven over its DevTools protocol)
captures the program's website pages as a visitor, the portal pages as
``iberia`` and the partner form as ``admin`` into each addon's
``static/description``.
"""

import argparse
import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import odoo_env
import pgcluster

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "partner_program_screenshots"
WIDTH, HEIGHT = 1440, 900
# (addon, picture, URL): the website as a visitor, then the portal as iberia
VISITOR_PAGES = (
    ("partner_network_website", "program_page.png", "/partner-program"),
    ("partner_network_website", "application_form.png", "/partner-program/apply"),
    ("partner_network_website", "partner_directory.png", "/partner-program/directory"),
)
PORTAL_PAGES = (
    ("partner_network", "portal_home.png", "/my/home"),
    ("partner_network", "portal_registrations.png", "/my/registrations"),
    (
        "partner_network",
        "portal_registration_subnetwork.png",
        "/my/registrations/{lead}",
    ),
    ("partner_network", "portal_registration_errors.png", "/my/registrations/new"),
    ("partner_network", "portal_scorecard.png", "/my/scorecard"),
    ("partner_commission", "portal_commissions.png", "/my/commissions"),
    ("partner_commission", "portal_settlement.png", "/my/settlements/{settlement}"),
    ("partner_commission", "portal_rates.png", "/my/rates"),
    ("partner_network_sale", "portal_demo_units.png", "/my/demo-units"),
    ("partner_network_sale", "portal_demo_unit.png", "/my/demo-units/{demo}"),
    ("partner_network_slides", "portal_training.png", "/my/training"),
)
# (addon, picture, URL, notebook page, element scrolled into view) as admin
BACK_OFFICE_PAGES = (
    (
        "partner_network",
        "partner_scorecard.png",
        "/odoo/contacts/{promoter}",
        "partner_network_scorecard",
        ".o_notebook",
    ),
    (
        "partner_network_slides",
        "partner_certifications.png",
        "/odoo/contacts/{reseller}",
        "partner_network",
        "[name=network_certification_ids]",
    ),
)
FILL_REGISTRATION = (
    "const form = document.querySelector('form.o_registration_form');"
    "form.partner_name.value = 'Bodegas del Duero, S.L.';"
    "form.email_from.value = 'compras@bodegasduero.example.com';"
    "form.registration_need.value = 'ERP with lot traceability';"
    "form.registration_budget.value = 'about 20k';"
    "form.registration_implementation_date.value = '2001-01-31';"
    "form.submit();"
)


def prepare(env):
    """A paid invoice on the promoter's accepted registration, settled, and
    the portal user's first lessons done; return the ids the URLs need."""
    from odoo import Command

    lead = env.ref("partner_network.crm_lead_registration_sonrisa_demo")
    if not lead.partner_id:
        lead.partner_id = env["res.partner"].create(
            {"name": lead.partner_name, "is_company": True}
        )
    products = env["product.product"].search([("sale_ok", "=", True)], limit=3)
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": lead.partner_id.id,
            "registration_id": lead.id,
            "invoice_line_ids": [
                Command.create(
                    {"product_id": product.id, "quantity": 1, "price_unit": price}
                )
                for product, price in zip(
                    products, (4800.0, 2500.0, 900.0), strict=False
                )
            ],
        }
    )
    invoice.action_post()
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoice.ids
    ).create({})._create_payments()
    settlements = env["partner.commission.settlement"]._create_settlements()
    settlements.action_approve()
    iberia = env.ref("partner_network.res_partner_reseller_iberia_demo")
    slides = env.ref(
        "partner_network_slides.slide_slide_reseller_onboarding_registration_demo"
    ) | env.ref("partner_network_slides.slide_slide_gold_sales_certification_demo")
    slides.with_user(
        env.ref("partner_network.user_iberia_portal_demo")
    )._action_mark_completed()
    return {
        "settlement": settlements.filtered(lambda s: s.partner_id == iberia).id,
        "lead": lead.id,
        "reseller": iberia.id,
        "promoter": env.ref("partner_network.res_partner_promoter_marta_demo").id,
        "demo": env.ref(
            "partner_network_sale.partner_network_demo_request_approved_demo"
        ).id,
    }


class Chromium:
    """Just enough of the DevTools protocol to log in, browse and capture."""

    def __init__(self, profile):
        import websocket

        port = pgcluster.free_port()
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _attempt in range(50):
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/json"
                    ) as answer:
                        pages = [t for t in json.load(answer) if t["type"] == "page"]
                    break
                except OSError:
                    time.sleep(0.2)
            self.socket = websocket.create_connection(
                pages[0]["webSocketDebuggerUrl"], suppress_origin=True
            )
        except Exception:
            self.process.terminate()
            raise
        self.next_id = 0
        self.call("Page.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def evaluate(self, expression):
        """The value of a JavaScript expression; exit on an exception."""
        answer = self.call("Runtime.evaluate", expression=expression, awaitPromise=True)
        if "exceptionDetails" in answer:
            sys.exit(f"{expression}: {answer['exceptionDetails']['text']}")
        return answer.get("result", {}).get("value")

    def wait_for(self, expression):
        """Wait until a JavaScript expression is true (a page or a view loaded;
        the first back-office page waits for its assets to be built)."""
        for _attempt in range(300):
            time.sleep(0.2)
            if self.evaluate(expression):
                break
        time.sleep(1.5)  # counters, fonts and pictograms

    def open(self, url, ready="document.readyState === 'complete'"):
        """Browse to ``url``; exit if it asks to log in."""
        self.call("Page.navigate", url=url)
        self.wait_for(ready)
        if self.evaluate("location.pathname") == "/web/login":
            sys.exit(f"{url} asks to log in")

    def capture(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"  {path.relative_to(ROOT)}")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def log_in(browser, base, login):
    """Log ``login`` in over JSON-RPC (its password is its login, as in the demo
    data) and give the browser its session: the website's login page would
    stand between a submitted login form and the portal."""
    payload = {"params": {"db": DATABASE, "login": login, "password": login}}
    request = urllib.request.Request(
        f"{base}/web/session/authenticate",
        data=json.dumps({"jsonrpc": "2.0", "method": "call", **payload}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as answer:
        error = json.load(answer).get("error")
        cookies = SimpleCookie("\n".join(answer.headers.get_all("Set-Cookie", [])))
    if error or "session_id" not in cookies:
        sys.exit(f"Cannot log in as {login}: {error and error['data']['message']}")
    browser.call(
        "Network.setCookie",
        name="session_id",
        value=cookies["session_id"].value,
        url=base,
        httpOnly=True,
    )


def capture_all(browser, base, ids):
    """Capture the website as a visitor, the portal as the demo portal user
    and the partner form as the administrator."""
    for addon, name, url in VISITOR_PAGES:
        browser.open(base + url)
        browser.capture(ROOT / addon / "static" / "description" / name)
    log_in(browser, base, "iberia")
    for addon, name, url in PORTAL_PAGES:
        browser.open(base + url.format(**ids))
        if url == "/my/registrations/new":
            browser.evaluate(FILL_REGISTRATION)
            browser.wait_for("!!document.querySelector('.invalid-feedback')")
        browser.capture(ROOT / addon / "static" / "description" / name)
    log_in(browser, base, "admin")
    for addon, name, url, page, element in BACK_OFFICE_PAGES:
        tab = f"document.querySelector('.o_notebook a[name={page}]')"
        browser.open(base + url.format(**ids), ready=f"!!{tab}")
        browser.evaluate(f"{tab}.click()")
        browser.wait_for(f"!!document.querySelector('{element}')")
        browser.evaluate(
            f"document.querySelector('{element}').scrollIntoView({{block: 'end'}});"
            # the bus, back on a new page, warns that the page may be out of date
            "document.querySelectorAll('.o_notification_close').forEach(b => b.click())"
        )
        time.sleep(0.5)
        browser.capture(ROOT / addon / "static" / "description" / name)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http-port", type=int, help="default: a free port")
    args = parser.parse_args(argv)
    odoo_env.require_odoo("for the screenshots")
    with odoo_env.throwaway_database(DATABASE) as config:
        registry = odoo_env.registry(config, DATABASE)
        import odoo
        from odoo import SUPERUSER_ID, api

        with registry.cursor() as cr:
            ids = prepare(api.Environment(cr, SUPERUSER_ID, {}))
        odoo.sql_db.close_all()
        port = args.http_port or pgcluster.free_port()
        server = odoo_env.serve(config, DATABASE, port, "--log-level=warn")
        base = f"http://127.0.0.1:{port}"
        browser = None
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
            try:
                browser = Chromium(profile)
                for _attempt in range(120):
                    try:
                        urllib.request.urlopen(f"{base}/web/login")
                        break
                    except OSError:
                        time.sleep(1)
                capture_all(browser, base, ids)
            finally:
                if browser:
                    browser.close()
                server.terminate()
                server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
