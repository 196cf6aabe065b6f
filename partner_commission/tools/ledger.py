# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Arithmetic of the commission ledger (pure functions, no Odoo environment).

Commission accrues on what was effectively paid: the target of each key
(invoice, product, beneficiary) is ``base x paid fraction x rate``. The ledger
only ever appends the difference between the target and what it already
holds, so it converges after any sequence of events, and replaying an event
adds nothing.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple


class Accruals(NamedTuple):
    """Commission per key (invoice id, product id, beneficiary id): what the
    invoices are due, or what the ledger already holds.

    ``amounts`` and ``bases`` (the paid base) map each key to a number,
    ``terms`` to the values a line of that key carries (rule, rate, ...).
    """

    amounts: dict
    bases: dict
    terms: dict


def round_amount(value, digits=2):
    """Round half away from zero to ``digits`` decimals (as currencies do)."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def paid_fraction(total, residual):
    """Share of an invoice that is paid, between 0 and 1."""
    if not total:
        return 0.0
    return min(1.0, max(0.0, 1.0 - residual / total))


def target(base, fraction, rate, digits=2):
    """Commission due on ``base`` when ``fraction`` of it is paid, at ``rate``%."""
    return round_amount(base * fraction * rate / 100.0, digits)


def deltas(targets, recorded, digits=2):
    """Return {key: amount} to append so that the ledger equals ``targets``.

    ``recorded`` is what the ledger holds per key; keys missing from
    ``targets`` are due zero.
    """
    result = {}
    for key in set(targets) | set(recorded):
        delta = round_amount(targets.get(key, 0.0) - recorded.get(key, 0.0), digits)
        if delta:
            result[key] = delta
    return result


def corrections(due, held, digits):
    """Return [(key, amount, base)], the lines to append so that the ledger,
    which holds the ``held`` Accruals, holds the ``due`` ones.

    ``digits`` maps each invoice id to the decimals of its currency, in the
    order the lines are made; the keys of other invoices are left alone.
    """
    due_by_invoice = _by_invoice(due.amounts)
    held_by_invoice = _by_invoice(held.amounts)
    result = []
    for invoice, places in digits.items():
        changes = deltas(due_by_invoice[invoice], held_by_invoice[invoice], places)
        for key, amount in changes.items():
            base = due.bases.get(key, 0.0) - held.bases.get(key, 0.0)
            result.append((key, amount, round_amount(base, places)))
    return result


def totals(amounts):
    """Return {invoice id: sum} of ``amounts`` keyed by (invoice id, ...)."""
    result = defaultdict(float)
    for key, amount in amounts.items():
        result[key[0]] += amount
    return result


def _by_invoice(amounts):
    """Split ``amounts`` keyed by (invoice id, ...) into one dict per invoice."""
    result = defaultdict(dict)
    for key, amount in amounts.items():
        result[key[0]][key] = amount
    return result


def payouts(balances, digits=2):
    """Group consecutive months into payouts, carrying balances forward.

    ``balances`` is a list of (month, balance) in month order. A month is paid
    when its balance, plus what the earlier unpaid months carry, is positive
    once rounded to ``digits``: it is paid with those months. Return the paid
    groups, each a list of months; the months after the last group carry
    forward into a later payout.
    """
    groups, carried, total = [], [], 0.0
    for month, balance in balances:
        carried.append(month)
        total = round_amount(total + balance, digits)
        if total > 0:
            groups.append(carried)
            carried, total = [], 0.0
    return groups
