"""The addons pass the linters of the OCA 18.0 pre-commit configuration."""

import subprocess
import sys

from conftest import ADDONS, ROOT


def _run(*command):
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout + result.stderr


def test_pylint_odoo_mandatory_checks():
    status, output = _run(
        sys.executable,
        "-m",
        "pylint",
        "--rcfile=.pylintrc-mandatory",
        "--output-format=text",
        *ADDONS,
    )
    assert status == 0, output


def test_pylint_odoo_reports_no_error():
    """Optional checks may warn; none of them may report an error or fatal."""
    status, output = _run(
        sys.executable,
        "-m",
        "pylint",
        "--rcfile=.pylintrc",
        "--exit-zero",
        "--output-format=parseable",
        *ADDONS,
    )
    assert status == 0, output
    errors = [line for line in output.splitlines() if "[E" in line or "[F" in line]
    assert not errors, "\n".join(errors)


def test_oca_module_checks():
    status, output = _run("oca-checks-odoo-module", "--no-verbose", *ADDONS)
    assert status == 0, output


def test_oca_po_checks():
    files = [
        str(p.relative_to(ROOT))
        for addon in ADDONS
        for p in (ROOT / addon).glob("i18n/*.po*")
    ]
    status, output = _run(
        "oca-checks-po", "--no-verbose", "--disable=po-pretty-format", *files
    )
    assert status == 0, output


def test_ruff():
    """Checks only: .ruff.toml fixes what it can for developers, which would
    let this test pass on code it just rewrote."""
    for command in (
        ("ruff", "check", "--no-fix", "."),
        ("ruff", "format", "--check", "."),
    ):
        status, output = _run(*command)
        assert status == 0, output
