#!/usr/bin/env python3
"""Start Odoo with both addons and their demo data on a throwaway database.

A private PostgreSQL cluster is created (and removed on exit), a database
``partner_program`` gets the addons with demo data, and Odoo serves it on
http://127.0.0.1:8069 (user ``admin``, password ``admin``) until Ctrl+C.
While it runs, the printed configuration file also serves pytest-odoo for the
edit-and-test loop.
"""

import argparse
import subprocess
import sys

import odoo_env

DATABASE = "partner_program"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8069, help="HTTP port")
    args = parser.parse_args(argv)
    odoo_env.require_odoo("for the demo server")
    print(f"Installing the addons with demo data in database {DATABASE}...")
    with odoo_env.throwaway_database(DATABASE, http_port=args.port) as config:
        print(
            f"\nOpen http://127.0.0.1:{args.port}/odoo and log in as admin / admin;\n"
            f"the partner portal is http://127.0.0.1:{args.port}/my for iberia / "
            f"iberia.\n"
            f"Edit-and-test loop, in another terminal:\n"
            f"  {sys.executable} -m odoo -c {config} -d {DATABASE} "
            f"-u partner_network --stop-after-init   # after changing fields or XML\n"
            f"  {sys.executable} -m pytest --odoo-config={config} "
            f"--odoo-database={DATABASE} partner_network\n"
            f"Stop with Ctrl+C: the database is removed.\n"
        )
        try:
            subprocess.run(
                odoo_env.odoo_command(config, "-d", DATABASE, "--log-level=warn"),
                check=False,
            )
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
