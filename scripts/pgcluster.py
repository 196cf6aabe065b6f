"""A throwaway PostgreSQL cluster for tests and demos.

PostgreSQL refuses to run as root, so when this runs as root the cluster is
created and started as an unprivileged system account. The server listens on a
Unix socket in a private directory only (no TCP), and everything is removed on
exit.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from contextlib import contextmanager

DB_USER = "odoo"
UNPRIVILEGED_ACCOUNTS = ("postgres", "nobody")


def _unprivileged_account():
    """Return the passwd entry of the account that will own the cluster."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in UNPRIVILEGED_ACCOUNTS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError(
        "Running as root and no unprivileged account (postgres, nobody) exists "
        "to own the PostgreSQL cluster."
    )


def free_port():
    """Return a TCP port of the loopback interface that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_account(account, command):
    """Prefix ``command`` so that it runs as ``account`` when we are root."""
    if os.geteuid() != 0:
        return command
    return [
        "setpriv",
        f"--reuid={account.pw_uid}",
        f"--regid={account.pw_gid}",
        "--clear-groups",
        "--",
        *command,
    ]


def _tool(name):
    path = shutil.which(name)
    if not path:
        raise RuntimeError(f"PostgreSQL server program '{name}' is not on PATH.")
    return path


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


@contextmanager
def _cleanup_on_termination():
    """Turn SIGTERM and SIGHUP into SystemExit meanwhile, so that a killed run
    still stops and removes its cluster."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        signum: signal.signal(signum, _exit_on_signal)
        for signum in (signal.SIGTERM, signal.SIGHUP)
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def throwaway_cluster(log_to=None):
    """Start a private PostgreSQL cluster; yield its connection settings."""
    with _cleanup_on_termination():
        yield from _throwaway_cluster(log_to)


def _pg_ctl(cluster, *args, check=True):
    """Run ``pg_ctl`` on the data directory of ``cluster``, as its owner;
    unchecked, quietly."""
    account, data, _log_file, _options, env = cluster["_server"]
    subprocess.run(
        _as_account(account, [_tool("pg_ctl"), "-D", data, *args]),
        env=env,
        check=check,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=None if check else subprocess.DEVNULL,
    )


def restart(cluster):
    """Restart the server of ``cluster`` the way an administrator does: a
    fast shutdown (sessions are disconnected, transactions rolled back),
    then a start with the same settings."""
    _account, _data, log_file, options, _env = cluster["_server"]
    _pg_ctl(cluster, "-m", "fast", "-w", "stop")
    _pg_ctl(cluster, "-l", log_file, "-o", options, "-w", "start")


def _throwaway_cluster(log_to):
    account = _unprivileged_account()
    root = tempfile.mkdtemp(prefix="pn-pg-")
    os.chmod(root, 0o711)
    data = os.path.join(root, "data")
    sockets = os.path.join(root, "socket")
    os.mkdir(sockets, 0o700)
    if os.geteuid() == 0:
        os.chown(root, account.pw_uid, account.pw_gid)
        os.chown(sockets, account.pw_uid, account.pw_gid)
    port = free_port()
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    log_file = os.path.join(root, "postgresql.log")
    run = dict(env=env, check=True, cwd=root, stdout=subprocess.DEVNULL)
    options = (
        f"-c listen_addresses='' -k {sockets} -p {port} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        "-c max_connections=100"
    )
    cluster = {
        "host": sockets,
        "port": port,
        "user": DB_USER,
        "root": root,
        "_server": (account, data, log_file, options, env),
    }
    try:
        subprocess.run(
            _as_account(
                account,
                [
                    _tool("initdb"),
                    "--pgdata",
                    data,
                    "--username",
                    DB_USER,
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C.UTF-8",
                    "--no-sync",
                ],
            ),
            **run,
        )
        _pg_ctl(cluster, "-l", log_file, "-o", options, "-w", "start")
        yield cluster
    finally:
        if os.path.isdir(data):
            _pg_ctl(cluster, "-m", "immediate", "-w", "stop", check=False)
        if log_to and os.path.exists(log_file):
            shutil.copy(log_file, log_to)
        shutil.rmtree(root, ignore_errors=True)
