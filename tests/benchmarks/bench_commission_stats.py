# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The statistics of bench_commission.py: the overheads of a round, the
medians over the rounds and their BENCH lines, and the rounds kept from one
run to the next (``--record``)."""

import hashlib
import json
import statistics
import time

from bench_commission_phases import (
    CPU,
    HOOK_CPU,
    HOOK_WALL,
    PHASES,
    QUERIES,
    WALL,
    run_round,
)
from bench_commission_setup import KINDS
from bench_common import ROOT, bench_line

# targets of the issue: our overhead at most half of OCA's, our payment hook
# at most 10% of the payment phase
RATIO_TARGET = 0.5
HOOK_TARGET = 0.10
CODE_SUFFIXES = (".py", ".xml", ".csv", ".js")
# bump when a change of the benchmark changes what a round measures: the
# rounds recorded before it then no longer count
RECORD_VERSION = 3


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


def phase(rounds, kind, name, figure=WALL):
    """The median over ``rounds`` of a figure of a phase of a batch."""
    return statistics.median(batches[kind][name][figure] for batches in rounds)


def per_invoice_queries(rounds, count, kind, name):
    return f"{phase(rounds, kind, name, QUERIES) / count:.1f}"


def system_line(count, rounds, system):
    """Print the ``commission_<system>`` line; return the median overheads
    of ``system`` over ``rounds``: wall and CPU time (s)."""
    overhead_s = statistics.median(overhead(b, system, WALL) for b in rounds)
    overhead_cpu = statistics.median(overhead(b, system, CPU) for b in rounds)

    def seconds(kind, name, figure=WALL, digits=1):
        return f"{phase(rounds, kind, name, figure):.{digits}f}"

    bench_line(
        f"commission_{system}",
        n=count,
        rounds=len(rounds),
        create_post_s=seconds(system, "create_post"),
        create_post_without_s=seconds("without", "create_post"),
        payments_s=seconds(system, "payments"),
        payments_without_s=seconds("without", "payments"),
        settle_s=seconds(system, "settle", digits=2),
        bills_s=seconds(system, "bills", digits=2),
        overhead_s=f"{overhead_s:.1f}",
        overhead_ms_per_invoice=f"{overhead_s * 1000 / count:.2f}",
        overhead_cpu_s=f"{overhead_cpu:.1f}",
        create_post_queries_per_invoice=per_invoice_queries(
            rounds, count, system, "create_post"
        ),
        create_post_without_queries_per_invoice=per_invoice_queries(
            rounds, count, "without", "create_post"
        ),
        payments_queries_per_invoice=per_invoice_queries(
            rounds, count, system, "payments"
        ),
        payments_without_queries_per_invoice=per_invoice_queries(
            rounds, count, "without", "payments"
        ),
        settle_queries=int(phase(rounds, system, "settle", QUERIES)),
        bills_queries=int(phase(rounds, system, "bills", QUERIES)),
        # our hooks run on every invoice, with commission data or not
        create_post_hook_s=seconds(system, "create_post", HOOK_WALL, 2),
        create_post_without_hook_s=seconds("without", "create_post", HOOK_WALL, 2),
        payments_hook_s=seconds(system, "payments", HOOK_WALL, 2),
        payments_without_hook_s=seconds("without", "payments", HOOK_WALL, 2),
    )
    return overhead_s, overhead_cpu


def ratio(ours, oca):
    # a ratio to a non-positive overhead means nothing
    return f"{ours / oca:.3f}" if oca > 0 else "n/a"


def met(value, target):
    return "n/a" if value == "n/a" else ("yes" if float(value) <= target else "no")


def overhead_line(count, rounds, overheads):
    """Print the ``commission_overhead`` line from ``overheads`` ({system:
    (wall, CPU)}) and the share of our payment phase in our hook."""
    median = statistics.median
    wall_ratio = ratio(overheads["ours"][0], overheads["oca"][0])
    cpu_ratio = ratio(overheads["ours"][1], overheads["oca"][1])
    hook = median(hook_fraction(batches, WALL) for batches in rounds)
    hook_cpu = median(hook_fraction(batches, CPU) for batches in rounds)
    direct = median(hook_direct_fraction(b, HOOK_WALL, WALL) for b in rounds)
    direct_cpu = median(hook_direct_fraction(b, HOOK_CPU, CPU) for b in rounds)
    bench_line(
        "commission_overhead",
        n=count,
        rounds=len(rounds),
        ours_s=f"{overheads['ours'][0]:.1f}",
        oca_s=f"{overheads['oca'][0]:.1f}",
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


def summarize(count, rounds):
    """Print the BENCH lines of one ``n`` from ``rounds`` ({kind: phases});
    return the median overhead per invoice of each system (ms)."""
    overheads = {
        system: system_line(count, rounds, system) for system in ("ours", "oca")
    }
    overhead_line(count, rounds, overheads)
    return {system: wall * 1000 / count for system, (wall, _cpu) in overheads.items()}


def growth_line(per_invoice):
    """Print ``commission_growth`` from the overheads per invoice
    ({n: {system: ms}}) of several ``n``."""
    measured = list(per_invoice)
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
