# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The phases of a round of bench_commission.py: create and post, payments,
settlement and bills of each batch, timed with the time of our own hooks,
then checked."""

import functools
import random
import time
from datetime import date

from bench_commission_setup import KINDS, RATE, invoice_values
from bench_common import Clock

PHASES = ("create_post", "payments", "settle", "bills")
# the figures of a phase
WALL, CPU, QUERIES, HOOK_WALL, HOOK_CPU = range(5)


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


class Timer(Clock):
    """``Clock``'s figures of what runs inside ``with``, then the wall and
    CPU time of our hooks (``HOOKS``) in it."""

    def __enter__(self):
        self.hooks = (HOOKS.wall, HOOKS.cpu)
        return super().__enter__()

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self.hooks = (HOOKS.wall - self.hooks[0], HOOKS.cpu - self.hooks[1])

    @property
    def figures(self):
        return super().figures + self.hooks


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
