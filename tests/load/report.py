# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every request of the run as locust reports it, and the figures printed
at the end."""

import collections
import time

from bench_common import bench_line, percentile


class Requests:
    """The requests locust fired, with their outcome and start time."""

    def __init__(self):
        self.records = []  # (started, ended, name, ms, status, error)

    def listen(self, events):
        events.request.add_listener(self.on_request)

    def on_request(self, name, response_time, response=None, exception=None, **_kw):
        ended = time.time()
        status = getattr(response, "status_code", 0) or 0
        error = str(exception)[:200] if exception else None
        started = ended - response_time / 1000
        self.records.append((started, ended, name, response_time, status, error))

    def outcomes(self, faults):
        """Counts of the failures, apart inside and outside fault windows,
        and the most frequent messages of those outside."""
        counts = collections.Counter()
        messages = collections.Counter()
        for started, ended, name, _ms, status, error in self.records:
            if not error and status < 500:
                continue
            where = "faults" if faults.overlapping(started, ended) else "outside"
            kind = "5xx" if status >= 500 else "other"
            counts[f"{kind}_{where}"] += 1
            if where == "outside":
                messages[f"{name}: {status} {error}"] += 1
        return counts, messages.most_common(8)

    def steady_p95(self, name, since, faults):
        """``(count, p95)`` of route ``name`` in the steady state: requests
        started once every user had logged in (``since``) and overlapping no
        fault window."""
        times = [
            ms
            for started, ended, route, ms, _status, _error in self.records
            if route == name
            and started >= since
            and not faults.overlapping(started, ended)
        ]
        return len(times), percentile(times, 0.95) if times else 0

    def route_p95(self):
        by_route = collections.defaultdict(list)
        for _s, _e, name, ms, _status, _error in self.records:
            by_route[name].append(ms)
        return {name: (len(v), percentile(v, 0.95)) for name, v in by_route.items()}


def print_figures(run, requests, faults, checks):
    """The BENCH line, then the per-route p95 and what the checks found."""
    times = [record[3] for record in requests.records] or [0]
    counts, messages = requests.outcomes(faults)
    broken = sum(len(rows) for rows in checks["invariants"].values())
    bench_line(
        "load",
        users=run["users"],
        seconds=round(run["seconds"]),
        requests=len(requests.records),
        rps=f"{len(requests.records) / run['seconds']:.1f}",
        p50_ms=round(percentile(times, 0.50)),
        p95_ms=round(percentile(times, 0.95)),
        p99_ms=round(percentile(times, 0.99)),
        errors_5xx=counts["5xx_outside"],
        errors_other=counts["other_outside"],
        lost=len(checks["lost"]),
        duplicates=broken,
        faults=len(faults.windows),
    )
    for name, (count, p95) in sorted(requests.route_p95().items()):
        print(f"  p95 {name}: {p95:.0f} ms ({count} requests)")
    loaded = requests.route_p95().get("/my/registrations", (0, 0))[1]
    count, steady = requests.steady_p95("/my/registrations", run["ramp_end"], faults)
    unloaded = run["unloaded_p95"]
    print(
        f"  /my/registrations p95 unloaded {unloaded:.0f} ms, loaded {loaded:.0f} ms"
        f" (x{loaded / unloaded if unloaded else 0:.1f} over the whole run);"
        f" steady {steady:.0f} ms ({count} requests after the users' logins and"
        f" outside the fault windows: x{steady / unloaded if unloaded else 0:.1f},"
        " target <= 3)"
    )
    for name, seconds in sorted(faults.recovery.items()):
        print(f"  recovery after {name}: {seconds:.1f} s (target <= 10)")
    print(
        f"  in fault windows: {counts['5xx_faults']} 5xx, "
        f"{counts['other_faults']} other failures"
    )
    for note in faults.notes:
        print(f"  fault: {note}")
    print(
        f"  submissions answered 2xx: {run['submitted']} "
        f"(lost {len(checks['lost'])}), {run['contests']} prospects submitted by "
        f"two partners at once, won by {run['contested_won']} (target: one each), "
        f"business refusals {run['refusals']}"
    )
    for message, count in messages:
        print(f"  failure x{count}: {message}")
    for name, rows in checks["invariants"].items():
        if rows:
            print(f"  BROKEN {name}: {len(rows)} rows, e.g. {rows[:3]}")
    return counts, broken
