#!/usr/bin/env python3
"""Start Odoo with both addons and their demo data on a throwaway database.

A private PostgreSQL cluster is created (and removed on exit), a database
``partner_program`` gets the addons with demo data, and Odoo serves it on
http://127.0.0.1:8069 (``--port`` for another port; user ``admin``, password
``admin``) until Ctrl+C or SIGTERM. While it runs, the printed configuration
file also serves pytest-odoo for the edit-and-test loop.
"""

import argparse
import contextlib
import errno
import socket
import subprocess
import sys
import time

import odoo_env

DATABASE = "partner_program"
HOST = "127.0.0.1"
DEFAULT_PORT = 8069
START_TIMEOUT = 120  # seconds Odoo may take to open its port
STOP_TIMEOUT = 30  # seconds Odoo may take to stop once asked to


def port_problem(port, host=HOST):
    """Why Odoo could not listen on ``port`` of ``host`` now, or None if it can.

    The port is bound the way Odoo's server binds it (address reuse on), so a
    port that only lingers in TIME_WAIT after a previous run counts as free.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"Port {port} of {host} is already in use (another server?)."
            return f"Port {port} of {host} cannot be opened: {error.strerror}."
    return None


def suggested_port(port):
    """The first port after ``port`` that is free now, or None."""
    return next(
        (other for other in range(port + 1, 65536) if not port_problem(other)), None
    )


def refuse_port(problem, port):
    """Say what is wrong with ``port`` and how to choose another; exit status."""
    other = suggested_port(port)
    example = (
        f" (port {other} is free: python3 scripts/demo_server.py --port {other})"
        if other
        else ""
    )
    print(f"{problem} Choose another port with --port{example}.", file=sys.stderr)
    return 2


def tcp_port(text):
    """A TCP port number given on the command line."""
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (1 to 65535)")
    return port


def wait_until_listening(server, port, timeout=START_TIMEOUT):
    """Wait until ``server`` accepts connections on ``port``; False when it
    exits or times out first."""
    deadline = time.monotonic() + timeout
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(server):
    """Stop ``server`` the way Odoo stops cleanly (SIGTERM); kill it when it
    takes too long, or when this script is told again to stop."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=STOP_TIMEOUT)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def serve(config, port):
    """Serve the demo database until Odoo exits or this script is stopped;
    return the exit status."""
    # Odoo gets a process group of its own: a Ctrl+C in the terminal reaches
    # this script only, which then stops Odoo once, cleanly.
    server = subprocess.Popen(
        odoo_env.odoo_command(config, "-d", DATABASE, "--log-level=warn"),
        process_group=0,
    )
    try:
        if not wait_until_listening(server, port):
            print(f"Odoo did not start serving on port {port}.", file=sys.stderr)
            return server.poll() or 1
        url = f"http://{HOST}:{port}"
        print(
            f"\nOpen {url}/odoo and log in as admin / admin;\n"
            f"the partner portal is {url}/my for iberia / iberia.\n"
            f"Edit-and-test loop, in another terminal:\n"
            f"  {sys.executable} -m odoo -c {config} -d {DATABASE} "
            f"-u partner_network --stop-after-init   # after changing fields or XML\n"
            f"  {sys.executable} -m pytest --odoo-config={config} "
            f"--odoo-database={DATABASE} partner_network\n"
            f"Stop with Ctrl+C: the database is removed.\n",
            flush=True,
        )
        return server.wait()
    finally:
        stop(server)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port", type=tcp_port, default=DEFAULT_PORT, help="HTTP port of Odoo"
    )
    args = parser.parse_args(argv)
    problem = port_problem(args.port)
    if problem:
        return refuse_port(problem, args.port)
    odoo_env.require_odoo("for the demo server")
    print(f"Installing the addons with demo data in database {DATABASE}...")
    try:
        with odoo_env.throwaway_database(DATABASE, http_port=args.port) as config:
            # the installation takes minutes: someone may have taken the port
            problem = port_problem(args.port)
            if problem:
                return refuse_port(problem, args.port)
            return serve(config, args.port)
    except KeyboardInterrupt:
        return 0
    finally:
        print(f"Stopped: database {DATABASE} and its cluster are removed.")


if __name__ == "__main__":
    sys.exit(main())
