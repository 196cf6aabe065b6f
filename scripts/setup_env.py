#!/usr/bin/env python3
"""Install what the project needs to run its tests, then say whether Odoo is there.

Installs requirements-test.txt with this Python's pip (and psycopg2 when it is
missing). Odoo 18.0 itself is never fetched or built here: install it
following Odoo's documentation, into this same Python.
"""

import importlib.util
import os
import shutil
import subprocess
import sys

import odoo_env


def main():
    requirements = ["-r", str(odoo_env.ROOT / "requirements-test.txt")]
    if importlib.util.find_spec("psycopg2") is None:
        # Odoo installs psycopg2 from source; without Odoo the wheel will do.
        requirements.append("psycopg2-binary")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", *requirements], check=True
    )
    # Debian's Chromium runs the browser tests of the Odoo tier; wkhtmltopdf
    # prints the PDF statements (Odoo's own requirement for PDF reports).
    missing = [
        program for program in ("chromium", "wkhtmltopdf") if not shutil.which(program)
    ]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", *missing],
            check=False,
        )
    if not shutil.which("chromium"):
        print(
            "Chromium is not installed: the Odoo tier's browser tests cannot run "
            "(install Debian's 'chromium' package)."
        )
    if not shutil.which("wkhtmltopdf"):
        print(
            "wkhtmltopdf is not installed: PDF statements cannot be printed "
            "(install Debian's 'wkhtmltopdf' package)."
        )
    problem = odoo_env.odoo_problem()
    if problem:
        print(
            f"Odoo 18.0 is NOT importable by {sys.executable} ({problem}): only the "
            f"Odoo-free tests can run. Install Odoo 18.0 into this Python: "
            f"{odoo_env.ODOO_DOCS}"
        )
    elif not all(shutil.which(program) for program in ("initdb", "pg_ctl", "postgres")):
        print(
            f"Odoo 18.0 is importable by {sys.executable}, but the PostgreSQL server "
            "programs (initdb, pg_ctl, postgres) are not on PATH: the Odoo tests "
            "need them."
        )
    else:
        print(f"Odoo 18.0 is importable by {sys.executable}: both test tiers can run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
