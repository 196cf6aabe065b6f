#!/usr/bin/env python3
"""Benchmark the public partner directory against Odoo's own partner list.

Builds a throwaway database with partner_network_website and Odoo's
``website_crm_partner_assign`` (no demo data), publishes ``--small`` partners
in both (active network partners with categories, tier, country, sectors and
a description, listed in our directory; graded companies published on Odoo's
``/partners``), serves the database with Odoo and counts the queries of
``/partner-program/directory``; then brings the partners to ``--partners``
and requests our directory and Odoo's ``/partners`` ``--requests`` times
each, in turns (after a warm-up), as a visitor.

The server time of each request is what Odoo logs for it (SQL plus the
rest), with its query count. Ends with one ``BENCH directory key=value ...``
line: the p95 of both pages, the query counts of ours with ``--small`` and
``--partners`` partners (the same when no query is made per partner) and of
Odoo's page.
"""

import argparse
import sys

from bench_common import (
    bench_line,
    in_transaction,
    milliseconds,
    odoo_server,
    sample_pages,
    seeded,
    throwaway_registry,
)

DATABASE = "pn_bench_directory"
ADDONS = ["partner_network_website", "website_crm_partner_assign"]
OURS = ("/partner-program/directory", "o_partner_directory_card")
ODOO = ("/partners", "o_wcrm_short_description")
COUNTRIES = ("es", "ar", "pt", "mx", "uy", "cl")
INDUSTRIES = ("G", "J", "M", "C")
BATCH = 1000


def prepare(env):
    """What every seeded partner refers to, by id: the reseller category
    and its tiers, countries, sectors, Odoo's grades (published)."""
    ref = env.ref
    grades = env["res.partner.grade"].search([])
    grades.website_published = True
    category = ref("partner_network.partner_network_category_reseller")
    return {
        "category": category.id,
        "tiers": env["partner.network.tier"]
        .search([("category_id", "=", category.id)])
        .ids,
        "countries": [ref(f"base.{code}").id for code in COUNTRIES],
        "industries": [ref(f"base.res_partner_industry_{c}").id for c in INDUSTRIES],
        "grades": grades.ids,
        "company": env.company.id,
    }


def partner_values(refs, index):
    """A published reseller, in both directories."""
    from odoo import Command  # noqa: PLC0415 - only where Odoo is needed

    def pick(name, shift=0):
        return refs[name][(index + shift) % len(refs[name])]

    return {
        "name": f"Bench Partner {index:05d}, S.L.",
        "is_company": True,
        "city": f"City {index % 50}",
        "country_id": pick("countries"),
        "industry_id": pick("industries"),
        "website": f"https://www.partner-{index}.example.com",
        "network_category_ids": [Command.set([refs["category"]])],
        "network_tier_id": pick("tiers"),
        "network_state": "active",
        "network_master_company_id": refs["company"],
        "network_country_ids": [Command.set([pick("countries", 1)])],
        "network_industry_ids": [Command.set([pick("industries", 1)])],
        "network_published": True,
        "network_description": f"<p>Partner {index} implements ERP projects.</p>",
        "grade_id": pick("grades"),
        "website_published": True,
        "website_short_description": f"Partner {index} implements ERP projects.",
    }


def seed(env, start, stop):
    """Publish the partners numbered ``start`` to ``stop`` (excluded)."""
    refs = prepare(env)
    Partner = env["res.partner"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    for first in range(start, stop, BATCH):
        Partner.create(
            [
                partner_values(refs, index)
                for index in range(first, min(first + BATCH, stop))
            ]
        )
    env.flush_all()


def analyze(env):
    env.cr.execute("ANALYZE res_partner")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--http-port", type=int, default=8470)
    args = parser.parse_args(argv)
    with throwaway_registry(DATABASE, ADDONS) as (config, registry):
        seeded(registry, f"{args.small} partners", seed, 0, args.small)
        with odoo_server(config, DATABASE, args.http_port) as server:
            small = sample_pages(server, {"ours": OURS}, args.warmup, args.warmup)
            small_queries = max(small["ours"].server_figures()[0])
            seeded(
                registry, f"{args.partners} partners", seed, args.small, args.partners
            )
            in_transaction(registry, analyze)
            samples = sample_pages(
                server, {"ours": OURS, "odoo": ODOO}, args.requests, args.warmup
            )
            figures = {name: s.server_figures() for name, s in samples.items()}
    ours_queries, ours_ms = figures["ours"]
    odoo_queries, odoo_ms = figures["odoo"]
    bench_line(
        "directory",
        partners=args.partners,
        requests=len(ours_ms),
        ours_p95_ms=milliseconds(ours_ms)[1],
        odoo_p95_ms=milliseconds(odoo_ms)[1],
        ours_queries=max(ours_queries),
        **{f"ours_queries_{args.small}": small_queries},
        odoo_queries=max(odoo_queries),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
