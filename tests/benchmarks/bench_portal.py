#!/usr/bin/env python3
"""Benchmark the partner portal's registrations list.

Builds a throwaway database with partner_network (no demo data), gives a
reseller ``--registrations`` deal registrations (a tenth of them from a
promoter of its sub-network, in every state) plus as many of other partners,
starts an Odoo server on it, logs in as the reseller's portal user and
requests ``/my/registrations`` ``--requests`` times (after a warm-up).

The server time of each request is what Odoo itself logs for it (time in SQL
plus the rest), with its query count; the client time is measured too.
Ends with one ``BENCH portal_registrations key=value ...`` line.
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import odoo_env  # noqa: E402
from bench_common import bench_line, percentile  # noqa: E402

DATABASE = "pn_bench_portal"
LOGIN = "bench.portal"
URL = "/my/registrations"
STATES = ("submitted", "accepted", "rejected", "expired", "released", "draft")
# werkzeug line of Odoo: "GET /my/registrations HTTP/1.1" 200 - <queries>
# <sql seconds> <other seconds>
REQUEST_LOG = re.compile(
    r'"GET /my/registrations HTTP/1\.1" 200 - (\d+) ([\d.]+) ([\d.]+)'
)


def seed(env, count):
    """A reseller with a portal user and ``count`` registrations, a promoter
    of its sub-network, and as many registrations of another reseller."""
    from odoo import Command

    ref = env.ref
    reseller_category = ref("partner_network.partner_network_category_reseller")
    sponsor_category = ref("partner_network.partner_network_category_sponsor")
    Partner = env["res.partner"]
    reseller, other = Partner.create(
        [
            {
                "name": name,
                "is_company": True,
                "network_category_ids": [Command.set(reseller_category.ids)],
                "network_state": "active",
            }
            for name in ("Bench Reseller, S.L.", "Other Reseller SRL")
        ]
    )
    promoter = Partner.create(
        {
            "name": "Bench Promoter",
            "network_category_ids": [Command.set(sponsor_category.ids)],
            "network_state": "active",
            "network_parent_id": reseller.id,
        }
    )
    contact = Partner.create({"name": "Bench Portal User", "parent_id": reseller.id})
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "login": LOGIN,
            "password": LOGIN,
            "partner_id": contact.id,
            "groups_id": [Command.set(ref("base.group_portal").ids)],
        }
    )
    today = time.strftime("%Y-%m-%d")
    Lead = env["crm.lead"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    for registrant, total in ((reseller, count), (other, count)):
        for start in range(0, total, 1000):
            Lead.create(
                [
                    {
                        "name": f"Registration {index}",
                        "type": "opportunity",
                        "partner_name": f"Prospect {index} of {registrant.name}",
                        "registration_partner_id": (
                            promoter
                            if index % 10 == 0 and registrant == reseller
                            else registrant
                        ).id,
                        "registration_state": STATES[index % len(STATES)],
                        "registration_need": "Benchmark",
                        "registration_budget": 1000.0 + index,
                        "registration_date": f"{today} 09:00:00",
                        "registration_deadline": today,
                    }
                    for index in range(start, min(start + 1000, total))
                ]
            )
    env.flush_all()


def login(session, base_url):
    page = session.get(f"{base_url}/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base_url}/web/login",
        data={"login": LOGIN, "password": LOGIN, "csrf_token": token},
        timeout=30,
    )
    response.raise_for_status()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--http-port", type=int, default=8469)
    args = parser.parse_args(argv)
    odoo_env.require_odoo("for this benchmark")
    import requests

    with odoo_env.throwaway_database(
        DATABASE, ["partner_network"], demo=False
    ) as config:
        registry = odoo_env.registry(config, DATABASE)
        import odoo
        from odoo import SUPERUSER_ID, api

        start = time.perf_counter()
        with registry.cursor() as cr:
            seed(api.Environment(cr, SUPERUSER_ID, {}), args.registrations)
        print(
            f"  seeded {2 * args.registrations} registrations "
            f"in {time.perf_counter() - start:.0f}s"
        )
        odoo.sql_db.close_all()
        log_path = Path(config).parent / "server.log"
        server = odoo_env.serve(
            config,
            DATABASE,
            args.http_port,
            "--workers=0",
            f"--logfile={log_path}",
            "--log-handler=werkzeug:INFO",
        )
        base_url = f"http://127.0.0.1:{args.http_port}"
        try:
            session = requests.Session()
            for _attempt in range(120):
                try:
                    login(session, base_url)
                    break
                except (requests.ConnectionError, AttributeError):
                    time.sleep(1)
            client_ms = []
            for index in range(args.warmup + args.requests):
                began = time.perf_counter()
                response = session.get(f"{base_url}{URL}", timeout=60)
                elapsed = (time.perf_counter() - began) * 1000
                response.raise_for_status()
                if 'class="o_registration_row"' not in response.text:
                    sys.exit("the list shows no registration: not logged in?")
                if index >= args.warmup:
                    client_ms.append(elapsed)
        finally:
            server.terminate()
            server.wait(timeout=60)
        logged = REQUEST_LOG.findall(log_path.read_text())[args.warmup :]
        server_ms = [(float(sql) + float(other)) * 1000 for _q, sql, other in logged]
        queries = [int(count) for count, _sql, _other in logged]
        bench_line(
            "portal_registrations",
            registrations=args.registrations,
            requests=len(server_ms),
            server_p50_ms=f"{statistics.median(server_ms):.1f}",
            server_p95_ms=f"{percentile(server_ms, 0.95):.1f}",
            client_p95_ms=f"{percentile(client_ms, 0.95):.1f}",
            queries=max(queries),
            target_p95_ms=150,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
