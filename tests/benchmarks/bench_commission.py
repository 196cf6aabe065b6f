#!/usr/bin/env python3
"""Benchmark the cost of partner_commission against OCA's account_commission_oca.

Both modules are installed in the same database (OCA's ``commission_oca`` and
``account_commission_oca`` 18.0 come from PyPI, outside this repository:
``pip install --no-deps odoo-addon-commission-oca==18.0.1.1.0.2
odoo-addon-account-commission-oca==18.0.1.1.0.3``). For each ``-n`` the script
runs rounds of three batches of ``n`` customer invoices:

* ``without``: invoices of customers with no accepted registration and no
  agent (the baseline of both systems);
* ``ours``: invoices of customers with an accepted registration whose
  registrant (a sponsor) has a 10% commission rule: attributed on posting,
  ledger synced on every payment, then ``_create_settlements``,
  ``action_approve`` and ``action_create_bills`` (posted vendor bills);
* ``oca``: invoices of customers with an OCA agent whose commission pays 10%
  of the line once the invoice is paid (``invoice_state = paid``), then the
  ``commission.make.settle`` and ``commission.make.invoice`` wizards, and the
  vendor bills they make are posted (ours are posted too).

Every invoice has 3 lines (15% sales tax) and goes to one of ``--customers``
customers of its batch; the three batches of a round have the same amounts.
Invoices are created and posted ``--chunk`` at a time, then paid with Odoo's
payment registration wizard (one payment per invoice) ``--chunk`` at a time,
one transaction per chunk. The batches alternate chunk by chunk, in an order
that rotates from chunk to chunk and from round to round, so that the three
see the same load of a shared machine. The bank journal's manual inbound
method gets the chart's Outstanding Receipts account, so that payments are
journal entries reconciled with the invoices (without it, Odoo 18 records a
payment without entry until the bank statement, and our ledger, which follows
what is reconciled, would see nothing paid yet).

A system's overhead in a round is (create+post of its batch - of ``without``)
+ (payments of its batch - of ``without``) + settlement + bills. Each ``-n``
ends with ``BENCH commission_ours``, ``BENCH commission_oca`` (medians over the
rounds of each phase and of the overhead, also in CPU time of this process,
which other work on the machine disturbs less, and queries per invoice) and
``BENCH commission_overhead`` (their ratio and the share of our payment phase
spent in our hook, with the targets); several ``-n`` in one run end with
``BENCH commission_growth`` (the overhead per invoice at each ``n``).

The share of our hook comes two ways: by difference (payments of ``ours`` -
of ``without``, over those of ``ours``), and measured directly (``HookClock``:
the time spent in our own commission code during the payments of ``ours``,
over their time). On a shared machine, the first carries the noise of two
phases of minutes; the second does not.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from bench_commission_phases import HOOKS, run_round
from bench_commission_setup import prepare
from bench_commission_stats import Record, bench, growth_line
from bench_common import in_transaction, odoo_env, throwaway_registry

DATABASE = "pc_bench"
MODULES = ("partner_commission", "account_commission_oca")
# invoices of each batch in the untimed round that precedes the measures
WARM_UP = 30


def ensure_database(config, database):
    """Install both modules in ``database`` unless they are already there."""
    import odoo

    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    installed = set()
    if odoo.service.db.exp_db_exist(database):
        with odoo.sql_db.db_connect(database).cursor() as cr:
            cr.execute(
                "SELECT name FROM ir_module_module "
                "WHERE state = 'installed' AND name IN %s",
                [MODULES],
            )
            installed = {name for (name,) in cr.fetchall()}
        odoo.sql_db.close_db(database)
    if installed != set(MODULES):
        subprocess.run(
            odoo_env.odoo_command(
                config,
                "-d",
                database,
                "-i",
                ",".join(MODULES),
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
            ),
            check=True,
        )


def measure(registry, args, plan, record):
    """Run and summarize every (n, rounds) of ``plan`` on ``registry`` (none:
    summarize the record only); return {n: {system: ms per invoice}} of the
    sizes summarized."""
    setup = None
    if registry:
        HOOKS.install()
        setup = in_transaction(registry, prepare, args.customers, args.partners)
        # untimed: whatever runs for the first time (caches, sequences) would
        # otherwise burden the batch that happens to go first
        run_round(registry, setup, WARM_UP, -1, WARM_UP, args.seed)
    per_invoice = {}
    for count, count_rounds in plan:
        summary = bench(registry, setup, count, count_rounds, args, record)
        if summary:
            per_invoice[count] = summary
    return per_invoice


def run(args, plan):
    """Measure in the database of ``--odoo-config``, in a throwaway cluster,
    or nowhere when no round is to run; then print the growth line."""
    record = Record(args.record, args)
    if not any(count_rounds for _count, count_rounds in plan):
        per_invoice = measure(None, args, plan, record)
    elif args.odoo_config:
        ensure_database(args.odoo_config, args.database)
        registry = odoo_env.registry(args.odoo_config, args.database)
        per_invoice = measure(registry, args, plan, record)
    else:
        with throwaway_registry(args.database, list(MODULES)) as (_config, registry):
            per_invoice = measure(registry, args, plan, record)
    if len(per_invoice) > 1:
        growth_line(per_invoice)


def oca_problem():
    import importlib.util

    for module in MODULES[1:] + ("commission_oca",):
        if not importlib.util.find_spec(f"odoo.addons.{module}"):
            return (
                f"{module} is not importable: pip install --no-deps "
                "odoo-addon-commission-oca==18.0.1.1.0.2 "
                "odoo-addon-account-commission-oca==18.0.1.1.0.3"
            )
    return None


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-n",
        "--invoices",
        type=int,
        action="append",
        help="invoices per batch; repeat for several sizes (default 1000 and 10000)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        nargs="+",
        default=[3],
        help="rounds of the three batches: one number, or one per -n",
    )
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument(
        "--partners", type=int, default=10, help="registrants, and as many agents"
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=100,
        help="invoices per transaction; the batches alternate chunk by chunk",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--record",
        type=Path,
        help="JSON-lines file that keeps each round: later runs with the same "
        "code and settings add their rounds to it (--rounds 0: summarize only)",
    )
    parser.add_argument(
        "--odoo-config",
        help="Odoo configuration of an existing server to use (default: a "
        "throwaway PostgreSQL cluster)",
    )
    parser.add_argument(
        "--database",
        default=DATABASE,
        help="database, created with both modules when missing",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    odoo_env.require_odoo("for this benchmark")
    problem = oca_problem()
    if problem:
        sys.exit(f"OCA's commission modules are needed for this benchmark: {problem}")
    sizes = args.invoices or [1000, 10_000]
    rounds = args.rounds * len(sizes) if len(args.rounds) == 1 else args.rounds
    if len(rounds) != len(sizes):
        sys.exit("Give one --rounds for all -n, or one per -n.")
    run(args, list(zip(sizes, rounds, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
