#!/usr/bin/env python3
"""Capture the partner portal in Chromium, for the addons' descriptions.

On a throwaway database with both addons and their demo data, the demo
reseller's promoter gets a paid invoice and both get their commission
settlements; then Odoo serves the database and headless Chromium (driven over
its DevTools protocol) logs in as the demo portal user ``iberia`` and captures
the portal pages into each addon's ``static/description``.
"""

import argparse
import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import odoo_env
import pgcluster

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "partner_program_screenshots"
LOGIN = "iberia"
WIDTH, HEIGHT = 1280, 860


def prepare(env):
    """A paid invoice on the promoter's accepted registration, settled."""
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
    return settlements.filtered(lambda s: s.partner_id == iberia).id, lead.id


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
        return self.call("Runtime.evaluate", expression=expression, awaitPromise=True)

    def open(self, url):
        self.call("Page.navigate", url=url)
        for _attempt in range(100):
            time.sleep(0.2)
            state = self.evaluate("document.readyState")["result"].get("value")
            if state == "complete":
                break
        time.sleep(1.5)  # counters, fonts and pictograms

    def capture(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"  {path.relative_to(ROOT)}")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http-port", type=int, default=8479)
    args = parser.parse_args(argv)
    odoo_env.require_odoo("for the screenshots")
    with odoo_env.throwaway_database(DATABASE) as config:
        registry = odoo_env.registry(config, DATABASE)
        import odoo
        from odoo import SUPERUSER_ID, api

        with registry.cursor() as cr:
            settlement_id, lead_id = prepare(api.Environment(cr, SUPERUSER_ID, {}))
        odoo.sql_db.close_all()
        server = odoo_env.serve(config, DATABASE, args.http_port, "--log-level=warn")
        base = f"http://127.0.0.1:{args.http_port}"
        network = ROOT / "partner_network" / "static" / "description"
        commission = ROOT / "partner_commission" / "static" / "description"
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
                browser.open(f"{base}/web/login")
                browser.evaluate(
                    f"document.querySelector('input[name=login]').value = '{LOGIN}';"
                    f"document.querySelector('input[name=password]').value = '{LOGIN}';"
                    "document.querySelector('form.oe_login_form').submit();"
                )
                time.sleep(3)
                browser.open(f"{base}/my/home")
                browser.capture(network / "portal_home.png")
                browser.open(f"{base}/my/registrations")
                browser.capture(network / "portal_registrations.png")
                browser.open(f"{base}/my/registrations/{lead_id}")
                browser.capture(network / "portal_registration_subnetwork.png")
                browser.open(f"{base}/my/registrations/new")
                browser.evaluate(
                    "const form = document.querySelector('form.o_registration_form');"
                    "form.partner_name.value = 'Bodegas del Duero, S.L.';"
                    "form.email_from.value = 'compras@bodegasduero.example.com';"
                    "form.registration_need.value = 'ERP with lot traceability';"
                    "form.registration_budget.value = 'about 20k';"
                    "form.registration_implementation_date.value = '2001-01-31';"
                    "form.submit();"
                )
                time.sleep(3)
                browser.capture(network / "portal_registration_errors.png")
                browser.open(f"{base}/my/commissions")
                browser.capture(commission / "portal_commissions.png")
                browser.open(f"{base}/my/settlements/{settlement_id}")
                browser.capture(commission / "portal_settlement.png")
            finally:
                if browser:
                    browser.close()
                server.terminate()
                server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
