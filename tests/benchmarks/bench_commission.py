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
import functools
import hashlib
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import odoo_env  # noqa: E402
import pgcluster  # noqa: E402
from bench_common import bench_line  # noqa: E402

DATABASE = "pc_bench"
MODULES = ("partner_commission", "account_commission_oca")
KINDS = ("without", "ours", "oca")
PHASES = ("create_post", "payments", "settle", "bills")
# the figures of a phase
WALL, CPU, QUERIES, HOOK_WALL, HOOK_CPU = range(5)
RATE = 10.0
# targets of the issue: our overhead at most half of OCA's, our payment hook
# at most 10% of the payment phase
RATIO_TARGET = 0.5
HOOK_TARGET = 0.10
CODE_SUFFIXES = (".py", ".xml", ".csv", ".js")
# bump when a change of this script changes what a round measures: the rounds
# recorded before it then no longer count
RECORD_VERSION = 3
# invoices of each batch in the untimed round that precedes the measures
WARM_UP = 30
PRODUCTS = (("Bench Licence", 480.0), ("Bench Support", 95.0), ("Bench Days", 650.0))


def search_or_create(model, domain, values):
    return model.search(domain, limit=1) or model.create(values)


def prepare(env, customers, partners):
    """Create this run's customers, registrants, agents and the shared
    configuration; return the ids the batches need."""
    from odoo import Command

    tag = time.strftime("%Y%m%d%H%M%S")
    company = env.company
    tax = company.account_sale_tax_id
    products = env["product.product"]
    for name, price in PRODUCTS:
        products |= search_or_create(
            env["product.product"],
            [("name", "=", name)],
            {"name": name, "type": "service", "list_price": price},
        )
    bank = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    manual = bank.inbound_payment_method_line_ids.filtered(
        lambda line: line.payment_method_id.code == "manual"
    )[:1]
    if not manual.payment_account_id:
        manual.payment_account_id = env["account.chart.template"].ref(
            "account_journal_payment_debit_account_id"
        )
    purchase = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
    )
    # ours: sponsors with an active agreement and a 10% rule for sponsors
    sponsor = env.ref("partner_network.partner_network_category_sponsor")
    search_or_create(
        env["partner.commission.rule"],
        [("name", "=", "Bench sponsors")],
        {"name": "Bench sponsors", "partner_category_id": sponsor.id, "rate": RATE},
    )
    registrants = env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} sponsor {index}",
                "network_category_ids": [Command.set(sponsor.ids)],
                "network_state": "active",
            }
            for index in range(partners)
        ]
    )
    env["partner.network.agreement"].create(
        [
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "date_start": "2020-01-01",
                "state": "active",
            }
            for partner in registrants
        ]
    )
    # OCA: agents paid 10% of the untaxed line once the invoice is paid
    commission = search_or_create(
        env["commission"],
        [("name", "=", "Bench 10%")],
        {
            "name": "Bench 10%",
            "commission_type": "fixed",
            "fix_qty": RATE,
            "invoice_state": "paid",
            "settlement_type": "sale_invoice",
        },
    )
    agents = env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} agent {index}",
                "agent": True,
                "commission_id": commission.id,
                "settlement": "monthly",
            }
            for index in range(partners)
        ]
    )
    oca_product = search_or_create(
        env["product.product"],
        [("name", "=", "Bench OCA commission")],
        {"name": "Bench OCA commission", "type": "service", "purchase_ok": True},
    )
    by_kind = {}
    for kind in KINDS:
        by_kind[kind] = env["res.partner"].create(
            [
                {
                    "name": f"Bench {tag} {kind} customer {index:04d}",
                    "is_company": True,
                    "agent_ids": [Command.set(agents[index % partners].ids)]
                    if kind == "oca"
                    else [],
                }
                for index in range(customers)
            ]
        )
    registrations = env["crm.lead"].create(
        [
            {
                "name": f"Deal {customer.name}",
                "type": "opportunity",
                "company_id": company.id,
                "registration_partner_id": registrants[index % partners].id,
                "partner_id": customer.id,
                "partner_name": customer.name,
                "registration_vat": f"X{customer.id}",
                "registration_need": "ERP",
                "registration_budget": 10000.0,
                "registration_implementation_date": "2099-01-01",
            }
            for index, customer in enumerate(by_kind["ours"])
        ]
    )
    registrations.action_registration_submit()
    registrations.action_registration_accept("internal")
    # what an interrupted run left to settle is not this run's work
    env["partner.commission.settlement"]._create_settlements(date_to=date.today())
    env["commission.make.settle"].create(
        {"date_to": date.today(), "settlement_type": "sale_invoice"}
    ).action_settle()
    return {
        "customers": {kind: partners.ids for kind, partners in by_kind.items()},
        "products": products.ids,
        "tax": tax.ids,
        "bank": bank.id,
        "method_line": manual.id,
        "purchase": purchase.id,
        "oca_product": oca_product.id,
    }


def invoice_values(setup, rng, count, customers):
    """``count`` invoices of 3 lines for ``customers`` in turn; the same
    ``rng`` state gives the same amounts to every batch of a round."""
    from odoo import Command
    from odoo.fields import Date

    today = date.today()
    invoice_date = Date.subtract(today.replace(day=1), months=1)
    values = []
    for index in range(count):
        lines = [
            Command.create(
                {
                    "product_id": product_id,
                    "quantity": rng.randint(1, 5),
                    "price_unit": round(rng.uniform(20.0, 900.0), 2),
                    "tax_ids": [Command.set(setup["tax"])],
                }
            )
            for product_id in setup["products"]
        ]
        values.append(
            {
                "move_type": "out_invoice",
                "partner_id": customers[index % len(customers)],
                "invoice_date": invoice_date,
                "invoice_line_ids": lines,
            }
        )
    return values


class HookClock:
    """Wall and CPU time spent in our own commission code, measured directly:
    the outermost calls of the methods our overrides and precommit hook run
    (nested calls are counted once). An upper bound of what it costs: the
    ledger sync flushes whatever Odoo left pending before it reads. Odoo's
    ``super()`` work in our overrides is not counted: it is the same without
    commission data. The difference of two phases of minutes measures the
    same thing with the noise of a shared machine."""

    METHODS = {
        "account.move": (
            "_compute_registration_id",
            "_commission_sync",
            "_commission_sync_pending",
            "_commission_sync_later",
            "_commission_moves_touched_by",
        ),
        "account.partial.reconcile": ("_commission_sync_invoices",),
    }

    def __init__(self):
        self.wall = self.cpu = 0.0
        self.depth = 0

    def install(self):
        from odoo.addons.partner_commission.models import account_move
        from odoo.addons.partner_commission.models import (
            account_partial_reconcile as partial,
        )

        classes = {
            "account.move": account_move.AccountMove,
            "account.partial.reconcile": partial.AccountPartialReconcile,
        }
        for model, names in self.METHODS.items():
            for name in names:
                setattr(classes[model], name, self.timed(getattr(classes[model], name)))

    def timed(self, method):
        clock = self

        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            if clock.depth:
                return method(*args, **kwargs)
            clock.depth += 1
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                clock.wall += time.perf_counter() - wall
                clock.cpu += time.process_time() - cpu
                clock.depth -= 1

        return wrapper


HOOKS = HookClock()


class Timer:
    """Wall time, CPU time of this process (Odoo's Python side: less
    sensitive to other work on the machine, blind to PostgreSQL's), queries,
    and the wall and CPU time of our hooks (``HOOKS``) of what runs inside
    ``with``."""

    def __enter__(self):
        import odoo

        self.queries = odoo.sql_db.sql_counter
        self.start = time.perf_counter()
        self.cpu = time.process_time()
        self.hooks = (HOOKS.wall, HOOKS.cpu)
        return self

    def __exit__(self, *exc):
        import odoo

        self.seconds = time.perf_counter() - self.start
        self.cpu = time.process_time() - self.cpu
        self.queries = odoo.sql_db.sql_counter - self.queries
        self.hooks = (HOOKS.wall - self.hooks[0], HOOKS.cpu - self.hooks[1])

    @property
    def figures(self):
        return (self.seconds, self.cpu, self.queries) + self.hooks


def rotated(items, shift):
    shift %= len(items)
    return items[shift:] + items[:shift]


def add(phases, name, figures):
    totals = phases.get(name, (0,) * (HOOK_CPU + 1))
    phases[name] = tuple(map(sum, zip(totals, figures, strict=True)))


def create_post(registry, values):
    from odoo import SUPERUSER_ID, api

    with Timer() as timer, registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        moves = env["account.move"].create(values)
        moves.action_post()
        ids = moves.ids
    return ids, timer.figures


def register_payments(registry, setup, invoice_ids):
    """One payment per invoice with Odoo's payment registration wizard."""
    from odoo import SUPERUSER_ID, api

    with Timer() as timer, registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice_ids
        ).create(
            {
                "payment_date": date.today(),
                "journal_id": setup["bank"],
                "payment_method_line_id": setup["method_line"],
                "group_payment": False,
            }
        )._create_payments()
    return timer.figures


def run_round(registry, setup, count, index, chunk, seed):
    """One round: the three batches, alternating chunk by chunk (in an order
    that rotates) so that each sees the same load of the machine; then each
    system settles and bills. Return {kind: {phase: figures}}."""
    values = {
        kind: invoice_values(
            setup, random.Random(seed + index), count, setup["customers"][kind]
        )
        for kind in KINDS
    }
    invoice_ids = {kind: [] for kind in KINDS}
    result = {kind: {} for kind in KINDS}
    starts = range(0, count, chunk)
    for step, start in enumerate(starts):
        for kind in rotated(KINDS, index + step):
            ids, figures = create_post(registry, values[kind][start : start + chunk])
            invoice_ids[kind] += ids
            add(result[kind], "create_post", figures)
    for step, start in enumerate(starts):
        for kind in rotated(KINDS, index + step):
            figures = register_payments(
                registry, setup, invoice_ids[kind][start : start + chunk]
            )
            add(result[kind], "payments", figures)
    bills_totals = {"without": None}
    for system in rotated(("ours", "oca"), index):
        if system == "ours":
            phases = settle_ours(registry)
        else:
            phases = settle_oca(registry, setup)
        bills_totals[system] = phases.pop("bills_total")
        result[system].update(phases)
    for kind in KINDS:
        check_batch(registry, kind, invoice_ids[kind], bills_totals[kind])
    return result


def settle_ours(registry):
    from odoo import SUPERUSER_ID, api

    result = {}
    with Timer() as timer, registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Settlement = env["partner.commission.settlement"]
        settlements = Settlement._create_settlements(date_to=date.today())
        settlements.action_approve()
        settlement_ids = settlements.ids
    result["settle"] = timer.figures
    with Timer() as timer, registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        settlements = env["partner.commission.settlement"].browse(settlement_ids)
        bills = settlements.action_create_bills()
        result["bills_total"] = sum(bills.mapped("amount_untaxed"))
    result["bills"] = timer.figures
    return result


def settle_oca(registry, setup):
    from odoo import SUPERUSER_ID, Command, api

    result = {}
    with Timer() as timer, registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        action = (
            env["commission.make.settle"]
            .create({"date_to": date.today(), "settlement_type": "sale_invoice"})
            .action_settle()
        )
        settlement_ids = action["domain"][0][2] if action else []
    result["settle"] = timer.figures
    with Timer() as timer, registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        action = (
            env["commission.make.invoice"]
            .create(
                {
                    "journal_id": setup["purchase"],
                    "product_id": setup["oca_product"],
                    "settlement_ids": [Command.set(settlement_ids)],
                    "date": date.today(),
                }
            )
            .button_create()
        )
        bills = env["account.move"].browse(action["domain"][0][2])
        bills.action_post()
        result["bills_total"] = sum(bills.mapped("amount_untaxed"))
    result["bills"] = timer.figures
    return result


def check_batch(registry, kind, invoice_ids, bills_total):
    """Every invoice is paid; a system earned 10% of the untaxed amounts and
    billed all of it."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        invoices = env["account.move"].browse(invoice_ids)
        unpaid = invoices.filtered(
            lambda move: move.payment_state not in ("paid", "in_payment")
        )
        if unpaid:
            raise AssertionError(f"{kind}: {len(unpaid)} invoices are not paid")
        if kind == "without":
            return
        if kind == "ours":
            earned = env["partner.commission.line"].search(
                [("move_id", "in", invoice_ids)]
            )
            unsettled = earned.filtered(lambda line: line.state != "settled")
        else:
            earned = env["account.invoice.line.agent"].search(
                [("invoice_id", "in", invoice_ids)]
            )
            unsettled = earned.filtered(lambda line: not line.settled)
        due = sum(invoices.mapped("amount_untaxed")) * RATE / 100
        total = sum(earned.mapped("amount"))
        if abs(total - due) > 0.01 * len(earned) or unsettled:
            raise AssertionError(
                f"{kind}: earned {total:.2f} for {due:.2f} due, "
                f"{len(unsettled)} lines not settled"
            )
        if abs(bills_total - total) > 0.01 * len(invoice_ids):
            raise AssertionError(f"{kind}: billed {bills_total:.2f} of {total:.2f}")


def overhead(batches, system, figure):
    """A system's overhead in one round: its extra create+post and payment
    time over the ``without`` batch, plus its settlement and bills."""
    with_, without = batches[system], batches["without"]
    return (
        with_["create_post"][figure]
        - without["create_post"][figure]
        + with_["payments"][figure]
        - without["payments"][figure]
        + with_["settle"][figure]
        + with_["bills"][figure]
    )


def hook_fraction(batches, figure):
    """Share of our payment phase spent in our payment hook, by difference
    with the ``without`` batch."""
    ours, without = batches["ours"]["payments"], batches["without"]["payments"]
    return (ours[figure] - without[figure]) / ours[figure]


def hook_direct_fraction(batches, hook, figure):
    """Share of our payment phase spent in our hook, measured directly."""
    ours = batches["ours"]["payments"]
    return ours[hook] / ours[figure]


def summarize(count, rounds):
    """Print the BENCH lines of one ``n`` from ``rounds`` ({kind: phases});
    return the median overhead per invoice of each system (ms)."""
    median = statistics.median
    overheads, cpu, per_invoice = {}, {}, {}

    def phase(kind, name, figure=WALL):
        return median(batches[kind][name][figure] for batches in rounds)

    for system in ("ours", "oca"):
        overheads[system] = median(overhead(b, system, WALL) for b in rounds)
        cpu[system] = median(overhead(b, system, CPU) for b in rounds)
        per_invoice[system] = overheads[system] * 1000 / count
        bench_line(
            f"commission_{system}",
            n=count,
            rounds=len(rounds),
            create_post_s=f"{phase(system, 'create_post'):.1f}",
            create_post_without_s=f"{phase('without', 'create_post'):.1f}",
            payments_s=f"{phase(system, 'payments'):.1f}",
            payments_without_s=f"{phase('without', 'payments'):.1f}",
            settle_s=f"{phase(system, 'settle'):.2f}",
            bills_s=f"{phase(system, 'bills'):.2f}",
            overhead_s=f"{overheads[system]:.1f}",
            overhead_ms_per_invoice=f"{per_invoice[system]:.2f}",
            overhead_cpu_s=f"{cpu[system]:.1f}",
            create_post_queries_per_invoice=(
                f"{phase(system, 'create_post', QUERIES) / count:.1f}"
            ),
            create_post_without_queries_per_invoice=(
                f"{phase('without', 'create_post', QUERIES) / count:.1f}"
            ),
            payments_queries_per_invoice=(
                f"{phase(system, 'payments', QUERIES) / count:.1f}"
            ),
            payments_without_queries_per_invoice=(
                f"{phase('without', 'payments', QUERIES) / count:.1f}"
            ),
            settle_queries=int(phase(system, "settle", QUERIES)),
            bills_queries=int(phase(system, "bills", QUERIES)),
            # our hooks run on every invoice, with commission data or not
            create_post_hook_s=f"{phase(system, 'create_post', HOOK_WALL):.2f}",
            create_post_without_hook_s=(
                f"{phase('without', 'create_post', HOOK_WALL):.2f}"
            ),
            payments_hook_s=f"{phase(system, 'payments', HOOK_WALL):.2f}",
            payments_without_hook_s=f"{phase('without', 'payments', HOOK_WALL):.2f}",
        )

    def ratio(ours, oca):
        # a ratio to a non-positive overhead means nothing
        return f"{ours / oca:.3f}" if oca > 0 else "n/a"

    def met(value, target):
        return "n/a" if value == "n/a" else ("yes" if float(value) <= target else "no")

    wall_ratio = ratio(overheads["ours"], overheads["oca"])
    cpu_ratio = ratio(cpu["ours"], cpu["oca"])
    hook = median(hook_fraction(batches, WALL) for batches in rounds)
    hook_cpu = median(hook_fraction(batches, CPU) for batches in rounds)
    direct = median(hook_direct_fraction(b, HOOK_WALL, WALL) for b in rounds)
    direct_cpu = median(hook_direct_fraction(b, HOOK_CPU, CPU) for b in rounds)
    bench_line(
        "commission_overhead",
        n=count,
        rounds=len(rounds),
        ours_s=f"{overheads['ours']:.1f}",
        oca_s=f"{overheads['oca']:.1f}",
        ratio=wall_ratio,
        ratio_cpu=cpu_ratio,
        ratio_target=RATIO_TARGET,
        ratio_met=met(wall_ratio, RATIO_TARGET),
        ours_payment_hook_fraction=f"{hook:.3f}",
        ours_payment_hook_fraction_cpu=f"{hook_cpu:.3f}",
        ours_payment_hook_direct_fraction=f"{direct:.3f}",
        ours_payment_hook_direct_fraction_cpu=f"{direct_cpu:.3f}",
        hook_target=HOOK_TARGET,
        hook_met=met(hook, HOOK_TARGET),
        hook_direct_met=met(direct, HOOK_TARGET),
    )
    return per_invoice


def bench(registry, setup, count, rounds, args, record):
    """Run ``rounds`` rounds of ``count`` invoices after those ``record``
    holds of the same code and settings; summarize them all."""
    results = record.rounds(count)
    earlier = len(results)
    for index in range(earlier, earlier + rounds):
        batches = run_round(registry, setup, count, index, args.chunk, args.seed)
        for kind in KINDS:
            phases = batches[kind]
            print(
                f"  n={count} round {index + 1}: {kind}: "
                + " ".join(
                    f"{name} {phases[name][WALL]:.1f}s/"
                    f"{phases[name][CPU]:.1f}cpu/{phases[name][QUERIES]}q"
                    for name in PHASES
                    if name in phases
                ),
                flush=True,
            )
        record.add(count, batches)
        results.append(batches)
    if earlier:
        print(f"  n={count}: {earlier} round(s) from {record.path}")
    if not results:
        print(f"  n={count}: no round to summarize")
        return None
    if len(results) < 3:
        print(
            f"  n={count}: {len(results)} round(s) only, fewer than the 3 that "
            "make the medians robust to noise"
        )
    return summarize(count, results)


class Record:
    """Rounds kept in a JSON-lines file (``--record``), so that the rounds of
    a large ``n`` can be measured by several runs: a round counts only with
    the code, the OCA modules and the settings it was measured with."""

    def __init__(self, path, args):
        self.path = path
        self.key = self.fingerprint(args)

    @staticmethod
    def fingerprint(args):
        import importlib.metadata

        import odoo

        digest = hashlib.sha256()
        for addon in ("partner_network", "partner_commission"):
            for path in sorted((ROOT / addon).rglob("*")):
                # what runs: the code and data files, not tests or texts
                if path.suffix in CODE_SUFFIXES and "tests" not in path.parts:
                    digest.update(str(path.relative_to(ROOT)).encode())
                    digest.update(path.read_bytes())
        digest.update(str(RECORD_VERSION).encode())
        for dist in ("odoo-addon-commission-oca", "odoo-addon-account-commission-oca"):
            digest.update(importlib.metadata.version(dist).encode())
        settings = (odoo.release.version, args.customers, args.partners, args.chunk)
        digest.update(repr(settings + (args.seed,)).encode())
        return digest.hexdigest()[:16]

    def rounds(self, count):
        if not self.path or not self.path.exists():
            return []
        rounds = []
        for line in self.path.read_text().splitlines():
            entry = json.loads(line)
            if entry["key"] == self.key and entry["n"] == count:
                rounds.append(entry["batches"])
        return rounds

    def add(self, count, batches):
        if self.path:
            entry = {"key": self.key, "n": count, "at": time.time(), "batches": batches}
            with self.path.open("a") as file:
                file.write(json.dumps(entry) + "\n")


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


def run(config, args, plan):
    """Measure and summarize every (n, rounds) of ``plan``; without
    ``config`` (no round to run), summarize the record only."""
    record = Record(args.record, args)
    setup = registry = None
    if config:
        from odoo import SUPERUSER_ID, api
        from odoo.modules.registry import Registry

        ensure_database(config, args.database)
        registry = Registry(args.database)
        HOOKS.install()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            setup = prepare(env, args.customers, args.partners)
        # untimed: whatever runs for the first time (caches, sequences) would
        # otherwise burden the batch that happens to go first
        run_round(registry, setup, WARM_UP, -1, WARM_UP, args.seed)
    per_invoice = {}
    for count, count_rounds in plan:
        per_invoice[count] = bench(registry, setup, count, count_rounds, args, record)
    measured = [count for count, _rounds in plan if per_invoice[count]]
    if len(measured) > 1:
        bench_line(
            "commission_growth",
            n=",".join(str(count) for count in measured),
            ours_ms_per_invoice=",".join(
                f"{per_invoice[count]['ours']:.2f}" for count in measured
            ),
            oca_ms_per_invoice=",".join(
                f"{per_invoice[count]['oca']:.2f}" for count in measured
            ),
        )


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


def main(argv=None):
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
    args = parser.parse_args(argv)
    problem = odoo_env.odoo_problem()
    if problem:
        sys.exit(f"Odoo 18.0 is needed for this benchmark: {problem}")
    problem = oca_problem()
    if problem:
        sys.exit(f"OCA's commission modules are needed for this benchmark: {problem}")
    import odoo

    sizes = args.invoices or [1000, 10_000]
    rounds = args.rounds * len(sizes) if len(args.rounds) == 1 else args.rounds
    if len(rounds) != len(sizes):
        sys.exit("Give one --rounds for all -n, or one per -n.")
    plan = list(zip(sizes, rounds, strict=True))
    if not any(rounds):
        run(None, args, plan)
    elif args.odoo_config:
        run(args.odoo_config, args, plan)
    else:
        with pgcluster.throwaway_cluster() as cluster:
            root = Path(cluster["root"])
            config = odoo_env.write_config(root / "bench.conf", cluster, root / "data")
            run(config, args, plan)
            odoo.sql_db.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
