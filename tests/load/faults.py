# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The faults injected during the traffic, and the time windows in which
requests may fail because of them."""

import time

import gevent
import pgcluster

# seconds after a fault ends during which its failures still count as its own
# (requests already waiting on a dead connection or worker)
GRACE = 3.0


class Faults:
    """Kill an HTTP worker at ``kill_at``, restart PostgreSQL at
    ``restart_at`` (seconds into the run); record the windows."""

    def __init__(self, server, cluster, kill_at, restart_at):
        self.server, self.cluster = server, cluster
        self.kill_at, self.restart_at = kill_at, restart_at
        self.windows = []  # (name, start, end) in epoch seconds
        self.recovery = {}  # name: seconds until the server served again
        self.notes = []

    def start(self):
        """Schedule both faults; return their greenlets."""
        return [
            gevent.spawn_later(self.kill_at, self._guard, "worker_kill"),
            gevent.spawn_later(self.restart_at, self._guard, "pg_restart"),
        ]

    def _guard(self, name):
        try:
            getattr(self, name)()
        except Exception as error:  # noqa: BLE001 - reported, the run goes on
            self.notes.append(f"{name} failed: {error!r}")

    def worker_kill(self):
        start = time.time()
        try:
            pid = self.server.kill_worker()
            self.notes.append(f"killed HTTP worker {pid}")
            # the master respawns it; serving again is the first answer
            self.recovery["worker_kill"] = self.server.wait_serving(timeout=120)
        finally:
            self.windows.append(("worker_kill", start, time.time() + GRACE))

    def pg_restart(self):
        start = time.time()
        try:
            pgcluster.restart(self.cluster)
            down = time.time() - start
            seconds = self.server.wait_serving(timeout=120)
            self.recovery["pg_restart"] = seconds
            self.notes.append(
                f"PostgreSQL down {down:.1f}s, served again {seconds:.1f}s after"
            )
        finally:
            self.windows.append(("pg_restart", start, time.time() + GRACE))

    def overlapping(self, started, ended):
        """Whether a request running from ``started`` to ``ended`` overlaps
        a fault window."""
        return any(started <= end and ended >= start for _n, start, end in self.windows)
