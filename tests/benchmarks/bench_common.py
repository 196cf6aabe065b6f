# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The harness every benchmark script shares: its throwaway database, the
Odoo server it requests pages from, its clocks and query counts, and the
figures it prints the same way (``BENCH <scenario> key=value ...``)."""

import re
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import odoo_env  # noqa: E402

# the werkzeug line Odoo logs for each request: "GET <path> HTTP/1.1" <status>
# - <queries> <sql seconds> <other seconds>
REQUEST_LOG = r'"GET {path} HTTP/1\.1" 200 - (\d+) ([\d.]+) ([\d.]+)'
# seconds a starting server has to answer its login page
SERVER_START_TIMEOUT = 120


def bench_line(scenario, **figures):
    """Print the one line a scenario ends with."""
    print(f"BENCH {scenario} " + " ".join(f"{k}={v}" for k, v in figures.items()))


def percentile(values, fraction):
    """The value of ``values`` below which ``fraction`` of them lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def milliseconds(values):
    """p50 and p95 of ``values`` (milliseconds), as printed."""
    return f"{statistics.median(values):.1f}", f"{percentile(values, 0.95):.1f}"


class Clock:
    """Wall time, CPU time of this process (Odoo's Python side: less
    sensitive to other work on the machine, blind to PostgreSQL's) and the
    queries of what runs inside ``with``."""

    def __enter__(self):
        import odoo  # noqa: PLC0415 - only where Odoo is needed

        self.queries = odoo.sql_db.sql_counter
        self.seconds = time.perf_counter()
        self.cpu = time.process_time()
        return self

    def __exit__(self, *exc):
        import odoo  # noqa: PLC0415

        self.seconds = time.perf_counter() - self.seconds
        self.cpu = time.process_time() - self.cpu
        self.queries = odoo.sql_db.sql_counter - self.queries

    @property
    def figures(self):
        return (self.seconds, self.cpu, self.queries)


@contextmanager
def throwaway_registry(database, addons):
    """A private PostgreSQL cluster with ``database`` (``addons``, no demo
    data), loaded in this process: yield ``(config, registry)``."""
    odoo_env.require_odoo("for this benchmark")
    with odoo_env.throwaway_database(database, addons, demo=False) as config:
        registry = odoo_env.registry(config, database)
        try:
            yield config, registry
        finally:
            import odoo  # noqa: PLC0415

            odoo.sql_db.close_all()


def in_transaction(registry, function, *args):
    """Run ``function(env, *args)`` as the superuser in one committed
    transaction; return what it returns."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        return function(api.Environment(cr, SUPERUSER_ID, {}), *args)


def seeded(registry, what, function, *args):
    """``in_transaction``, saying how long it took to seed ``what``."""
    start = time.perf_counter()
    result = in_transaction(registry, function, *args)
    print(f"  seeded {what} in {time.perf_counter() - start:.0f}s", flush=True)
    return result


class Server:
    """An Odoo server in the background (one process, each request logged
    by werkzeug with its query count and server time), and a browser
    session on it."""

    def __init__(self, config, database, http_port):
        import requests  # noqa: PLC0415 - only where a server runs

        self.base_url = f"http://127.0.0.1:{http_port}"
        self.log_path = Path(config).parent / f"server-{http_port}.log"
        self.session = requests.Session()
        self.process = odoo_env.serve(
            config,
            database,
            http_port,
            "--workers=0",
            f"--logfile={self.log_path}",
            "--log-handler=werkzeug:INFO",
        )

    def get(self, path):
        """GET ``path``; return the response, its client time (ms)."""
        began = time.perf_counter()
        response = self.session.get(f"{self.base_url}{path}", timeout=60)
        elapsed = (time.perf_counter() - began) * 1000
        response.raise_for_status()
        return response, elapsed

    def wait_ready(self):
        import requests  # noqa: PLC0415

        for _attempt in range(SERVER_START_TIMEOUT):
            try:
                return self.get("/web/login")[0]
            except requests.ConnectionError:
                time.sleep(1)
        sys.exit(f"the server did not answer in {SERVER_START_TIMEOUT}s")

    def login(self, login, password):
        """Log the session in as ``login``."""
        page = self.wait_ready()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.session.post(
            f"{self.base_url}/web/login",
            data={"login": login, "password": password, "csrf_token": token},
            timeout=30,
        )
        response.raise_for_status()

    def logged(self, path):
        """``(queries, server ms)`` of each request of ``path`` logged so far:
        what Odoo logs for it, time in SQL plus the rest."""
        pattern = re.compile(REQUEST_LOG.format(path=re.escape(path)))
        return [
            (int(queries), (float(sql) + float(other)) * 1000)
            for queries, sql, other in pattern.findall(self.log_path.read_text())
        ]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


@contextmanager
def odoo_server(config, database, http_port):
    """Serve ``database`` with Odoo while inside ``with``: yield a Server."""
    server = Server(config, database, http_port)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


class PageSample:
    """Requests of one page: the client time of each, and what the server
    logged for them (``Server.logged``), warm-up excluded."""

    def __init__(self, server, path, marker):
        self.server, self.path, self.marker = server, path, marker
        self.skip = len(server.logged(path))
        self.client_ms = []

    def request(self, measured=True):
        """One request; refuse a page that does not show ``marker``."""
        response, elapsed = self.server.get(self.path)
        if self.marker not in response.text:
            sys.exit(f"{self.path} does not show {self.marker!r}")
        if measured:
            self.client_ms.append(elapsed)
        else:
            self.skip += 1

    def server_figures(self):
        """``(queries, server ms)`` of the measured requests."""
        logged = self.server.logged(self.path)[self.skip :]
        if len(logged) != len(self.client_ms):
            sys.exit(f"{len(logged)} requests of {self.path} logged, not {len(self)}")
        return [count for count, _ms in logged], [ms for _count, ms in logged]

    def __len__(self):
        return len(self.client_ms)


def sample_pages(server, pages, requests, warmup):
    """Request each of ``pages`` (``{name: (path, marker)}``) ``warmup``
    then ``requests`` times, in turns, so that all see the same load of the
    machine; return ``{name: PageSample}``."""
    samples = {
        name: PageSample(server, path, marker) for name, (path, marker) in pages.items()
    }
    for index in range(warmup + requests):
        for sample in samples.values():
            sample.request(measured=index >= warmup)
    return samples
