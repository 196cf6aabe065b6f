"""Shared helpers of the test and demo commands: find Odoo, configure it."""

import ast
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from pgcluster import free_port, throwaway_cluster

ROOT = Path(__file__).resolve().parent.parent


def own_addons():
    """The addons of this repository, each after those of them it depends on."""
    manifests = {
        path.parent.name: ast.literal_eval(path.read_text())
        for path in sorted(ROOT.glob("*/__manifest__.py"))
    }
    ordered = []

    def visit(name):
        if name in ordered:
            return
        for dependency in manifests[name].get("depends", []):
            if dependency in manifests:
                visit(dependency)
        ordered.append(name)

    for name in manifests:
        visit(name)
    return tuple(ordered)


ADDONS = own_addons()
ODOO_DOCS = (
    "https://www.odoo.com/documentation/18.0/administration/on_premise/source.html"
)


def odoo_problem(python=sys.executable):
    """Return why Odoo 18.0 cannot be used by ``python``, or None if it can."""
    probe = (
        "import odoo.release as r, sys\n"
        "if r.version_info[0] != 18:\n"
        "    sys.exit('found Odoo %s, not 18.0' % r.version)\n"
    )
    result = subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return None
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def require_odoo(purpose):
    """Exit with why Odoo 18.0 is missing, when ``purpose`` needs it."""
    problem = odoo_problem()
    if problem:
        sys.exit(f"Odoo 18.0 is needed {purpose}: {problem}; see {ODOO_DOCS}")


def odoo_addons_paths():
    """Directories holding Odoo's own addons, then ours."""
    if os.environ.get("ODOO_ADDONS_PATH"):
        paths = os.environ["ODOO_ADDONS_PATH"].split(",")
    else:
        found = subprocess.run(
            [
                sys.executable,
                "-c",
                "import odoo, os; print(os.path.dirname(odoo.__file__))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        odoo_dir = Path(found)
        candidates = [odoo_dir / "addons", odoo_dir.parent / "addons"]
        paths = [str(p) for p in candidates if (p / "web" / "__manifest__.py").exists()]
    return [*paths, str(ROOT)]


def dependencies(addons=ADDONS):
    """Odoo modules ``addons`` depend on, without our own."""
    deps = set()
    for addon in addons:
        manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
        deps.update(manifest.get("depends", []))
    return sorted(deps - set(ADDONS))


def write_config(path, cluster, data_dir, http_port=None):
    """Write an Odoo configuration file for ``cluster``; return its path."""
    lines = [
        "[options]",
        f"db_host = {cluster['host']}",
        f"db_port = {cluster['port']}",
        f"db_user = {cluster['user']}",
        "db_password = False",
        f"addons_path = {','.join(odoo_addons_paths())}",
        f"data_dir = {data_dir}",
        f"http_port = {http_port or free_port()}",
        "http_interface = 127.0.0.1",
        "list_db = False",
        "max_cron_threads = 0",
    ]
    Path(path).write_text("\n".join(lines) + "\n")
    return str(path)


def odoo_command(config, *args):
    return [sys.executable, "-m", "odoo", "-c", config, *args]


def install(config, database, addons=ADDONS, demo=True):
    """Create ``database`` with ``addons`` installed, with or without demo data."""
    args = ["-d", database, "-i", ",".join(addons), "--stop-after-init"]
    if not demo:
        args.append("--without-demo=all")
    subprocess.run(odoo_command(config, *args, "--log-level=warn"), check=True)


@contextmanager
def throwaway_database(database, addons=ADDONS, demo=True, http_port=None):
    """Start a private PostgreSQL cluster, create ``database`` with ``addons``
    in it, and yield the path of an Odoo configuration file for it. The
    cluster is removed on exit."""
    with throwaway_cluster() as cluster:
        root = Path(cluster["root"])
        config = write_config(
            root / "odoo.conf", cluster, root / "data", http_port=http_port
        )
        install(config, database, addons, demo=demo)
        yield config


def registry(config, database):
    """Load Odoo with ``config`` in this process; return the registry of
    ``database``."""
    import odoo  # noqa: PLC0415 - only where Odoo is needed
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    return Registry(database)


def serve(config, database, http_port, *args):
    """Start an Odoo server on ``database`` in the background."""
    return subprocess.Popen(
        odoo_command(
            config,
            "-d",
            database,
            f"--http-port={http_port}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            *args,
        )
    )
