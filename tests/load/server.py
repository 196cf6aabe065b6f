# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The multi-worker Odoo server under test: start it, tell its HTTP
workers apart, kill one, and wait until it serves again."""

import collections
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import odoo_env
import requests

START_TIMEOUT = 180
# a log line of Odoo: "<date> <time> <pid> <LEVEL> <db> werkzeug: ..."
WERKZEUG_LINE = re.compile(r"^\S+ \S+ (\d+) \w+ \S+ werkzeug: ", re.MULTILINE)
ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) \S+ (\S+): (.*)")
NUMBER = re.compile(r"\d+")


def odoo_script():
    """Odoo's launcher script: the server re-runs it for its gevent worker,
    which ``python -m odoo`` cannot be."""
    package = Path(importlib.util.find_spec("odoo").origin).parent
    for path in (shutil.which("odoo"), package.parent / "odoo-bin"):
        if path and Path(path).is_file():
            return str(path)
    raise RuntimeError("Neither 'odoo' on PATH nor odoo-bin next to Odoo found.")


class OdooServer:
    """``odoo --workers`` on 127.0.0.1, its log in a file of the cluster."""

    def __init__(self, config, database, port, workers):
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = Path(config).parent / "odoo-server.log"
        self.process = subprocess.Popen(
            [
                sys.executable,
                odoo_script(),
                "-c",
                config,
                "-d",
                database,
                f"--http-port={port}",
                "--http-interface=127.0.0.1",
                f"--workers={workers}",
                "--max-cron-threads=1",
                f"--gevent-port={odoo_env.free_port()}",
                "--limit-time-real=300",
                "--limit-time-cpu=240",
                "--db_maxconn=8",
                f"--logfile={self.log_path}",
                "--log-level=info",
            ]
        )

    def serves(self, timeout=5):
        """Whether the login page answers 200 now."""
        try:
            response = requests.get(f"{self.base_url}/web/login", timeout=timeout)
        except requests.RequestException:
            return False
        return response.status_code == 200

    def wait_serving(self, timeout=START_TIMEOUT, step=0.2):
        """Seconds until the server serves again (its answer included: a
        loaded server answers slowly, which is no failure to serve); raise
        after ``timeout``."""
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited: see {self.log_path}")
            if self.serves(timeout=max(1, timeout - (time.monotonic() - began))):
                return time.monotonic() - began
            time.sleep(step)
        raise RuntimeError(f"Odoo did not serve within {timeout}s: {self.log_path}")

    def children(self):
        """Process ids of the master's children (workers, the gevent one)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def http_workers(self):
        """The living children that answered a request (werkzeug logged it)."""
        logged = {int(pid) for pid in WERKZEUG_LINE.findall(self.log_path.read_text())}
        return [pid for pid in self.children() if pid in logged]

    def kill_worker(self):
        """SIGKILL one HTTP worker; return its pid."""
        pid = self.http_workers()[-1]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_errors(self):
        """How many ERROR and CRITICAL lines of the log there are of each
        kind: the logger and its message with the numbers taken out (ids,
        pids, times); for a failed query, PostgreSQL's reason logged after
        it instead of the query."""
        lines = self.log_path.read_text(errors="replace").splitlines()
        kinds = collections.Counter()
        for index, line in enumerate(lines):
            match = ERROR_LINE.match(line)
            if not match:
                continue
            logger, message = match.groups()
            if message.startswith("bad query"):
                message = next(
                    (
                        after
                        for after in lines[index + 1 : index + 5]
                        if after.startswith("ERROR:")
                    ),
                    message,
                )
            kinds[f"{logger}: {NUMBER.sub('N', message)[:160]}"] += 1
        return kinds
