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
import sys
import time

from bench_common import (
    bench_line,
    milliseconds,
    odoo_server,
    percentile,
    sample_pages,
    seeded,
    throwaway_registry,
)

DATABASE = "pn_bench_portal"
LOGIN = "bench.portal"
URL = "/my/registrations"
STATES = ("submitted", "accepted", "rejected", "expired", "released", "draft")


def partners(env):
    """A reseller with a portal user, a promoter of its sub-network, and
    another reseller: ``(reseller, promoter, other)``."""
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
    return reseller, promoter, other


def seed(env, count):
    """``partners``, with ``count`` registrations of the reseller (a tenth
    by its promoter) and as many of the other reseller."""
    reseller, promoter, other = partners(env)
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--http-port", type=int, default=8469)
    args = parser.parse_args(argv)
    with throwaway_registry(DATABASE, ["partner_network"]) as (config, registry):
        seeded(
            registry,
            f"{2 * args.registrations} registrations",
            seed,
            args.registrations,
        )
        with odoo_server(config, DATABASE, args.http_port) as server:
            server.login(LOGIN, LOGIN)
            sample = sample_pages(
                server,
                {"list": (URL, 'class="o_registration_row"')},
                args.requests,
                args.warmup,
            )["list"]
            queries, server_ms = sample.server_figures()
    p50, p95 = milliseconds(server_ms)
    bench_line(
        "portal_registrations",
        registrations=args.registrations,
        requests=len(server_ms),
        server_p50_ms=p50,
        server_p95_ms=p95,
        client_p95_ms=f"{percentile(sample.client_ms, 0.95):.1f}",
        queries=max(queries),
        target_p95_ms=150,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
