#!/usr/bin/env python3
"""Run every test of the project: the Odoo-free tier, then the Odoo tier.

The Odoo tier needs Odoo 18.0 importable by this Python and the PostgreSQL
server programs on PATH. It starts a throwaway cluster, then in parallel:

* installs partner_network's dependencies with demo data, then
  partner_network alone, then partner_commission (which brings Invoicing),
  and runs the addons' tests with pytest-odoo on that database;
* installs the dependencies without demo data, then both addons with Odoo's
  own runner (``--test-tags``), which runs the same tests at install time
  plus what pytest-odoo cannot run (browser tours);
* once the first database is built, runs Odoo's own tests of the apps our
  addons extend (``ODOO_TESTS``) with pytest-odoo on a copy of it: the
  compatibility tier.

Both installs must log no warning or error of their own. One summary line is
printed per tier and the exit status is non-zero on any failure. Logs are kept
in ``.test-logs/``.
"""

import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import odoo_env
import pgcluster

ROOT = odoo_env.ROOT
LOGS = ROOT / ".test-logs"
PYTEST_NO_TESTS = 5
OUR_LOG_LINE = re.compile(
    r" (WARNING|ERROR|CRITICAL) \S+ (odoo\.addons\.partner_\w+"
    r"|.*partner_(network|commission))"
)
RUNNER_SKIP = re.compile(r" INFO \S+ odoo\.addons\.partner_\w+\.tests\.\S+: skipped ")
RUNNER_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
MODULE_LOADED = re.compile(r"Module (partner_\w+) loaded in ([\d.]+)s")
# The compatibility tier: Odoo's own test files, per app, of the features our
# addons extend. An app's files run when the database with all our addons has
# the app installed (sale_crm, for one, comes with sale and crm). Their browser
# tours are left out (scripts/odoo_tests_plugin.py).
ODOO_TESTS = {
    "crm": (
        "test_crm_activity.py",
        "test_crm_lead.py",
        "test_crm_lead_convert.py",
        "test_crm_lead_convert_mass.py",
        "test_crm_lead_duplicates.py",
        "test_crm_lead_lost.py",
        "test_crm_lead_merge.py",
        "test_crm_lead_multicompany.py",
        "test_crm_lead_notification.py",
    ),
    "account": (
        "test_account_move_out_invoice.py",
        "test_account_move_out_refund.py",
        "test_account_move_reconcile.py",
        "test_account_payment_register.py",
        "test_portal_invoice.py",
    ),
    "portal": (
        "test_login.py",
        "test_message_format_portal.py",
        "test_portal.py",
        "test_portal_wizard.py",
    ),
    "website": (
        "test_auth_signup_uninvited.py",
        "test_controllers.py",
        "test_crawl.py",
        "test_menu.py",
        "test_res_users.py",
    ),
    "sale": (
        "test_access_rights.py",
        "test_controllers.py",
        "test_sale_order.py",
        "test_sale_to_invoice.py",
    ),
    "sale_crm": (
        "test_crm_lead_convert_quotation.py",
        "test_crm_lead_merge.py",
        "test_sale_crm.py",
    ),
    "website_slides": (
        "test_attendee.py",
        "test_security.py",
        "test_slide_channel.py",
        "test_slide_slide.py",
    ),
}
# Tests of ODOO_TESTS that fail on a database without our addons as well, and
# why; they are deselected.
ODOO_TESTS_FAILING_WITHOUT_US = {
    "portal/tests/test_portal_wizard.py::TestPortalWizard"
    "::test_portal_wizard_public_user": "with Website installed, revoking the "
    "public user's portal access leaves it the website groups it was given",
    "website/tests/test_menu.py::TestMenu::test_03_default_menu_for_new_website": (
        "counts the menus a new website copies as if no app had added one to the "
        "default menu: fails without our addons too once website_slides, "
        "website_sale or website_blog adds its own, as partner_network_website does"
    ),
}
COMPAT_DATABASE = "pn_compat"


class Tier:
    """Outcome of one tier: a summary line and whether it passed."""

    def __init__(self, name, ok, summary):
        self.name, self.ok, self.summary = name, ok, summary

    def line(self):
        return f"{self.name}: {'PASSED' if self.ok else 'FAILED'} - {self.summary}"


def run_logged(command, log_path, **kwargs):
    """Run ``command`` with its output in ``log_path``; return (status, seconds)."""
    start = time.monotonic()
    with open(log_path, "w") as log:
        status = subprocess.run(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            check=False,
            **kwargs,
        ).returncode
    return status, time.monotonic() - start


def pytest_summary(output):
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return lines[-1].strip("= ") if lines else "no output"


def run_pytest(name, args, log_path, allow_skips=True, env=None):
    """Run pytest, echo its output, and return a Tier. A skipped test fails
    the tier unless ``allow_skips``: what did not run was not proven."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]
    status, _seconds = run_logged(command, log_path, env=env)
    output = Path(log_path).read_text()
    summary = pytest_summary(output)
    ok = status in (0, PYTEST_NO_TESTS) and (allow_skips or " skipped" not in summary)
    if not ok:
        print(output)
    return Tier(name, ok, summary)


def free_tier():
    return run_pytest(
        "Odoo-free tier (tests/)",
        ["-p", "no:odoo", "-q", "-rfEs", "tests"],
        LOGS / "odoo-free.log",
    )


def own_problems(log_text):
    """Warnings and errors our addons logged while installing."""
    install_part = log_text.split("Starting post tests")[0]
    return [line for line in install_part.splitlines() if OUR_LOG_LINE.search(line)]


def install(config, database, modules, log_name, *extra):
    status, seconds = run_logged(
        odoo_env.odoo_command(
            config, "-d", database, "-i", ",".join(modules), "--stop-after-init", *extra
        ),
        LOGS / log_name,
    )
    if status:
        raise RuntimeError(
            f"installing {modules} on {database} failed, see {LOGS / log_name}"
        )
    return seconds


def load_times(log_name):
    return dict(MODULE_LOADED.findall((LOGS / log_name).read_text()))


def install_demo(config):
    """Dependencies and addons with demo data on pn_demo, one addon after the
    other (so that each installs on what it depends on only); return the
    problems our addons logged and the seconds their installation took."""
    first = odoo_env.ADDONS[0]
    install(config, "pn_demo", odoo_env.dependencies([first]), "install-deps-demo.log")
    seconds = 0.0
    problems = []
    for addon in odoo_env.ADDONS:
        log_name = f"install-demo-{addon}.log"
        seconds += install(config, "pn_demo", [addon], log_name)
        problems += own_problems((LOGS / log_name).read_text())
    return problems, seconds


def duplicate(config, source, target):
    """Copy database ``source`` to ``target``, filestore included."""
    command = [sys.executable, "-m", "odoo", "db", "-c", config, "duplicate"]
    log_path = LOGS / f"duplicate-{target}.log"
    status, _seconds = run_logged([*command, source, target], log_path)
    if status:
        raise RuntimeError(f"copying {source} to {target} failed, see {log_path}")


def own_tests(config):
    """Every test of our addons with pytest-odoo on pn_demo."""
    tier = run_pytest(
        "Odoo tier, pytest-odoo (database with demo data)",
        [
            f"--odoo-config={config}",
            "--odoo-database=pn_demo",
            "--odoo-http",
            "-q",
            "-rfEs",
            *odoo_env.ADDONS,
        ],
        LOGS / "pytest-odoo.log",
        allow_skips=False,
    )
    times = {}
    for addon in odoo_env.ADDONS:
        times.update(load_times(f"install-demo-{addon}.log"))
    return tier, times


def installed_modules(config, database):
    """Names of the modules installed in ``database``."""
    import psycopg2  # noqa: PLC0415 - Odoo's own requirement, the Odoo tier's only

    options = configparser.ConfigParser()
    options.read(config)
    settings = options["options"]
    connection = psycopg2.connect(
        host=settings.get("db_host"),
        port=settings.get("db_port"),
        user=settings.get("db_user"),
        dbname=database,
    )
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
            return {name for (name,) in cr.fetchall()}
    finally:
        connection.close()


def odoo_apps_dirs():
    """Map each of Odoo's apps to the directory it is loaded from: the first
    of the addons paths that holds it."""
    dirs = {}
    for directory in odoo_env.odoo_addons_paths()[:-1]:
        for path in Path(directory).glob("*/__manifest__.py"):
            dirs.setdefault(path.parent.name, Path(directory))
    return dirs


def compat_tier(config, database):
    """Odoo's own tests of the apps our addons extend, with pytest-odoo on
    ``database`` where all our addons are installed. Odoo's skips (a missing
    optional module) are allowed and counted; browser tours and the tests of
    ODOO_TESTS_FAILING_WITHOUT_US are deselected."""
    installed = installed_modules(config, database)
    apps = [app for app in ODOO_TESTS if app in installed]
    apps_dirs = odoo_apps_dirs()
    rootdir = Path(os.path.commonpath([apps_dirs[app] for app in apps]))
    files = [
        apps_dirs[app] / app / "tests" / name
        for app in apps
        for name in ODOO_TESTS[app]
    ]
    known = [
        (apps_dirs[app] / test).relative_to(rootdir)
        for test in ODOO_TESTS_FAILING_WITHOUT_US
        if (app := test.split("/", 1)[0]) in apps
    ]
    scripts = str(ROOT / "scripts")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(
            filter(None, [scripts, os.environ.get("PYTHONPATH")])
        ),
    )
    log_path = LOGS / "pytest-odoo-compat.log"
    tier = run_pytest(
        f"Odoo tier, compatibility (Odoo's own tests of {', '.join(apps)} with "
        "our addons)",
        [
            "-p",
            "odoo_tests_plugin",
            f"--rootdir={rootdir}",
            f"--odoo-config={config}",
            f"--odoo-database={database}",
            "--odoo-http",
            "-q",
            "-rfEs",
            *(f"--deselect={test}" for test in known),
            *map(str, files),
        ],
        log_path,
        env=env,
    )
    tier.ok = tier.ok and " passed" in tier.summary
    if tier.ok:
        for line in log_path.read_text().splitlines():
            if line.startswith("SKIPPED"):
                print(line)
    tier.summary += (
        f" ({len(files)} test files; deselected: their browser tours and "
        f"{len(known)} test(s) that fail without our addons too, listed in "
        "scripts/run_tests.py)"
    )
    return tier


def nodemo_branch(config):
    """Dependencies without demo data, then our addons under Odoo's test runner."""
    install(
        config,
        "pn_nodemo",
        odoo_env.dependencies(),
        "install-deps-nodemo.log",
        "--without-demo=all",
    )
    tags = ",".join(f"/{addon}" for addon in odoo_env.ADDONS)
    status, _seconds = run_logged(
        odoo_env.odoo_command(
            config,
            "-d",
            "pn_nodemo",
            "-i",
            ",".join(odoo_env.ADDONS),
            "--without-demo=all",
            f"--test-tags={tags}",
            "--stop-after-init",
        ),
        LOGS / "odoo-runner.log",
    )
    log_text = (LOGS / "odoo-runner.log").read_text()
    results = RUNNER_RESULT.findall(log_text)
    skipped = [line for line in log_text.splitlines() if RUNNER_SKIP.search(line)]
    if results:
        failed, errors, total = map(int, results[-1])
        summary = (
            f"{failed} failed, {errors} error(s), {len(skipped)} skipped of {total} "
            f"tests (--test-tags {tags})"
        )
        ok = status == 0 and not failed and not errors and not skipped
    else:
        summary = f"no test result in the log (exit status {status})"
        ok = False
    if not ok:
        print(
            "\n".join(
                line
                for line in log_text.splitlines()
                if " ERROR " in line or "FAIL" in line or RUNNER_SKIP.search(line)
            )
        )
    tier = Tier("Odoo tier, Odoo runner (database without demo data)", ok, summary)
    return tier, own_problems(log_text), load_times("odoo-runner.log")


def odoo_tier():
    with pgcluster.throwaway_cluster(log_to=LOGS / "postgresql.log") as cluster:
        data_dir = Path(cluster["root"]) / "odoo-data"
        demo_config = odoo_env.write_config(
            Path(cluster["root"]) / "demo.conf", cluster, data_dir
        )
        nodemo_config = odoo_env.write_config(
            Path(cluster["root"]) / "nodemo.conf", cluster, data_dir
        )
        with ThreadPoolExecutor(max_workers=2) as pool:
            nodemo = pool.submit(nodemo_branch, nodemo_config)
            demo_problems, install_seconds = install_demo(demo_config)
            duplicate(demo_config, "pn_demo", COMPAT_DATABASE)
            compat = pool.submit(compat_tier, demo_config, COMPAT_DATABASE)
            demo_tier, demo_times = own_tests(demo_config)
            compatibility_tier = compat.result()
            runner_tier, nodemo_problems, nodemo_times = nodemo.result()
    problems = demo_problems + nodemo_problems
    for line in problems:
        print(line)
    times = ", ".join(
        f"{addon} {demo_times.get(addon, '?')}s with demo / "
        f"{nodemo_times.get(addon, '?')}s without"
        for addon in odoo_env.ADDONS
    )
    install_tier = Tier(
        "Odoo tier, installation",
        not problems,
        f"{len(problems)} warning(s) or error(s) of our addons; installing the "
        f"addons with demo data took {install_seconds:.1f}s (with Invoicing); "
        f"module load times: {times}",
    )
    return [demo_tier, runner_tier, compatibility_tier, install_tier]


def compat_only():
    """The compatibility tier alone, on a database built for it."""
    with pgcluster.throwaway_cluster(log_to=LOGS / "postgresql.log") as cluster:
        config = odoo_env.write_config(
            Path(cluster["root"]) / "demo.conf",
            cluster,
            Path(cluster["root"]) / "odoo-data",
        )
        install_demo(config)
        return [compat_tier(config, "pn_demo")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tier",
        choices=("all", "free", "odoo", "compat"),
        default="all",
        help="tiers to run (compat: the compatibility tier alone)",
    )
    args = parser.parse_args(argv)
    shutil.rmtree(LOGS, ignore_errors=True)
    LOGS.mkdir()
    tiers = []
    if args.tier in ("all", "free"):
        tiers.append(free_tier())
    skipped = None
    if args.tier in ("all", "odoo", "compat"):
        problem = odoo_env.odoo_problem()
        if problem:
            skipped = (
                f"Odoo tier: SKIPPED - Odoo 18.0 is not importable by {sys.executable} "
                f"({problem}); install it ({odoo_env.ODOO_DOCS}) to run the Odoo tests."
            )
        else:
            try:
                tiers += compat_only() if args.tier == "compat" else odoo_tier()
            except (RuntimeError, subprocess.CalledProcessError) as error:
                tiers.append(Tier("Odoo tier", False, str(error)))
    print()
    for tier in tiers:
        print(tier.line())
    if skipped:
        print(skipped)
    return 0 if tiers and all(tier.ok for tier in tiers) else 1


if __name__ == "__main__":
    sys.exit(main())
