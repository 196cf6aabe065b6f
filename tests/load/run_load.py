#!/usr/bin/env python3
# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load and fault test of the partner program on a real multi-worker Odoo.

A throwaway PostgreSQL cluster gets a database with all the addons of the
repository and demo-like data at scale; an Odoo server with ``--workers``
and a cron worker serves it on 127.0.0.1. Locust (in this process) then
drives portal partners and back-office users for a bounded time while the
expiry and settlement crons run, an HTTP worker is killed (SIGKILL) and
PostgreSQL is restarted (fast shutdown, then start). Afterwards the
invariants are checked in SQL and one ``BENCH load ...`` line is printed.
Exits non-zero when an invariant breaks, a submission answered 2xx is lost,
or a 5xx answers outside the fault windows. ``--smoke``: the same at a
smaller scale with only the addons the traffic drives, in minutes. The
seconds of each phase are printed as it ends.
"""

# locust patches the standard library with gevent: before anything else
import locust  # noqa: F401, I001

import argparse
import collections
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import gevent

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests" / "benchmarks")]

import faults as fault_module  # noqa: E402
import invariants  # noqa: E402
import odoo_env  # noqa: E402
import pgcluster  # noqa: E402
import report  # noqa: E402
import requests  # noqa: E402
import seed as seed_module  # noqa: E402
import traffic  # noqa: E402
from bench_common import percentile  # noqa: E402
from locust.env import Environment  # noqa: E402
from server import OdooServer  # noqa: E402

DATABASE = "pn_load"
# enough for a p95 that one slow request (a worker's garbage collection of
# its whole heap takes ~0.3 s) does not decide alone
UNLOADED_REQUESTS = 120
# Odoo's deployment rule of thumb: two HTTP workers per core, plus one
WORKERS = 2 * os.cpu_count() + 1


@dataclass(frozen=True)
class Scale:
    partners: int
    registrations: int
    invoices: int
    unpaid: int
    users: int
    seconds: int
    workers: int = WORKERS
    addons: tuple = odoo_env.ADDONS


# the addons whose routes and crons the traffic drives; the smoke installs
# only them (installing website, sale and slides too takes ten minutes)
TRAFFIC_ADDONS = ("partner_network", "partner_commission")
FULL = Scale(200, 10_000, 5_000, 400, 24, 300)
SMOKE = Scale(20, 1_000, 200, 80, 8, 60, addons=TRAFFIC_ADDONS)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small and quick")
    parser.add_argument("--users", type=int, help="simulated users")
    parser.add_argument("--seconds", type=int, help="seconds of traffic")
    parser.add_argument("--workers", type=int, help="Odoo HTTP workers (>= 2)")
    args = parser.parse_args(argv)
    scale = SMOKE if args.smoke else FULL
    changes = {
        name: getattr(args, name)
        for name in ("users", "seconds", "workers")
        if getattr(args, name)
    }
    scale = Scale(**{**scale.__dict__, **changes})
    if scale.workers < 2:
        parser.error("--workers must be at least 2")
    return scale


class Phases:
    """Wall-clock seconds of each phase of the run, printed as they end."""

    def __init__(self):
        self.seconds = {}
        self._began = time.monotonic()

    def done(self, name):
        now = time.monotonic()
        self.seconds[name] = now - self._began
        self._began = now
        print(f"  phase {name}: {self.seconds[name]:.0f}s", flush=True)

    def line(self):
        parts = " ".join(f"{name}={s:.0f}s" for name, s in self.seconds.items())
        return f"  phases: {parts} total={sum(self.seconds.values()):.0f}s"


def build_database(cluster, addons):
    """The database with ``addons`` installed (without demo data); return
    the Odoo configuration file."""
    root = Path(cluster["root"])
    config = odoo_env.write_config(root / "odoo.conf", cluster, root / "data")
    odoo_env.install(config, DATABASE, addons, demo=False)
    print(f"  installed {', '.join(addons)}", flush=True)
    return config


def seed_database(config, scale):
    import odoo  # noqa: PLC0415 - loaded once the database exists

    registry = odoo_env.registry(config, DATABASE)
    try:
        return seed_module.seed(registry, scale)
    finally:
        odoo.sql_db.close_all()


def unloaded_p95(base_url, workers):
    """p95 (ms) of /my/registrations of one portal user, alone on the
    server, over the same pages the traffic asks for; every worker renders
    each page first (a worker compiles the templates on its first request,
    which would otherwise count as the slowest unloaded requests)."""
    session = requests.Session()
    page = session.get(f"{base_url}/web/login", timeout=60)
    session.post(
        f"{base_url}/web/login",
        data={
            "login": seed_module.login_of(0),
            "password": seed_module.PASSWORD,
            "csrf_token": traffic.CSRF.search(page.text).group(1),
        },
        timeout=60,
    ).raise_for_status()
    urls = [f"{base_url}/my/registrations{page}" for page in traffic.REGISTRATION_PAGES]
    # as many requests at once as workers, twice over: each worker gets some
    warm = [
        gevent.spawn(requests.get, url, cookies=session.cookies, timeout=120)
        for url in urls
        for _copy in range(2 * workers)
    ]
    gevent.joinall(warm, raise_error=True)
    times = []
    for index in range(UNLOADED_REQUESTS):
        began = time.perf_counter()
        session.get(urls[index % len(urls)], timeout=60).raise_for_status()
        times.append((time.perf_counter() - began) * 1000)
    print(f"  unloaded /my/registrations: median {statistics.median(times):.0f} ms")
    return percentile(times, 0.95)


def cron_ids(base_url):
    """Ids of the expiry and settlement crons, read over JSON-RPC."""
    names = [
        "ir_cron_crm_lead_registration_expire",
        "ir_cron_partner_commission_settlement_create",
    ]
    payload = traffic.execute_kw_payload(
        DATABASE,
        "ir.model.data",
        "search_read",
        [[["name", "in", names], ["model", "=", "ir.cron"]]],
        {"fields": ["res_id"]},
    )
    result = requests.post(f"{base_url}/jsonrpc", json=payload, timeout=60).json()
    return [row["res_id"] for row in result["result"]]


def drive(server, cluster, scale, shared):
    """Locust's users for ``scale.seconds`` while the faults strike; return
    the requests and the faults."""
    recorded = report.Requests()
    env = Environment(user_classes=traffic.user_classes(shared), host=server.base_url)
    recorded.listen(env.events)
    faults = fault_module.Faults(
        server, cluster, scale.seconds * 0.25, scale.seconds * 0.55
    )
    runner = env.create_local_runner()
    runner.start(scale.users, spawn_rate=max(1, scale.users / 10))
    fault_greenlets = faults.start()
    gevent.sleep(scale.seconds)
    runner.quit()
    gevent.joinall(fault_greenlets, timeout=120)
    return recorded, faults


def run(scale):
    phases = Phases()
    with pgcluster.throwaway_cluster() as cluster:
        config = build_database(cluster, scale.addons)
        phases.done("install")
        setup = seed_database(config, scale)
        phases.done("seed")
        server = OdooServer(config, DATABASE, odoo_env.free_port(), scale.workers)
        try:
            print(f"  server up in {server.wait_serving():.0f}s", flush=True)
            figures = {"unloaded_p95": unloaded_p95(server.base_url, scale.workers)}
            shared = traffic.Shared(
                server.base_url,
                DATABASE,
                [seed_module.login_of(i) for i in range(len(setup["partners"]))],
                seed_module.PASSWORD,
                cron_ids(server.base_url),
            )
            phases.done("server")
            began = time.monotonic()
            recorded, faults = drive(server, cluster, scale, shared)
            figures["seconds"] = time.monotonic() - began
            server.wait_serving(timeout=60)
            phases.done("traffic")
        finally:
            server.stop()
        checks = {
            "invariants": invariants.check(cluster, DATABASE, seed_module.RATE),
            "lost": invariants.lost(cluster, DATABASE, shared.submitted),
        }
        phases.done("checks")
        rivals = collections.Counter(name for name, _won in shared.contested)
        contests = {name for name, count in rivals.items() if count > 1}
        figures.update(
            users=scale.users,
            submitted=len(shared.submitted),
            contests=len(contests),
            contested_won=sum(
                won for name, won in shared.contested if name in contests
            ),
            refusals=shared.refusals,
            ramp_end=max(shared.logged_in, default=0),
        )
        counts, broken = report.print_figures(figures, recorded, faults, checks)
        for kind, count in server.log_errors().most_common(10):
            print(f"  server log x{count}: {kind}")
        print(phases.line())
    return 1 if broken or checks["lost"] or counts["5xx_outside"] else 0


def main(argv=None):
    odoo_env.require_odoo("for the load test")
    scale = parse_args(argv)
    print(f"load test: {scale}", flush=True)
    return run(scale)


if __name__ == "__main__":
    sys.exit(main())
