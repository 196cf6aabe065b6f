"""The commission ledger converges (partner_commission/tools/ledger.py), without Odoo.

Thousands of random event sequences on a simulated invoice: after every event
the ledger, which only ever appends the deltas, equals the target; replaying
a sync appends nothing; entries already written (settled) are never touched.
"""

import importlib.util

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "ledger", ROOT / "partner_commission" / "tools" / "ledger.py"
)
ledger = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ledger)

RATES = {"registrant": 10.0, "upline": 2.5}


def sync(journal, bases, fraction, digits):
    """Append the deltas of a sync; return the targets and what was appended."""
    targets = {
        (product, who): ledger.target(base, fraction, rate, digits)
        for product, base in bases.items()
        for who, rate in RATES.items()
    }
    recorded = {}
    for key, amount in journal:
        recorded[key] = recorded.get(key, 0.0) + amount
    appended = ledger.deltas(targets, recorded, digits)
    journal.extend(appended.items())
    return targets, appended


events = st.lists(
    st.tuples(
        st.sampled_from(["pay", "refund", "unpay", "draft", "post", "sync"]),
        st.floats(min_value=0.01, max_value=1.0),
    ),
    max_size=30,
)


@settings(max_examples=3000, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["licence", "service", "hardware"]),
        st.floats(min_value=-5000, max_value=50000, allow_nan=False).map(
            lambda amount: round(amount, 2)
        ),
        min_size=1,
    ),
    events,
    st.sampled_from([0, 2, 3]),
)
def test_ledger_converges_after_any_sequence(bases, sequence, digits):
    total = sum(bases.values()) or 1.0
    residual, posted = abs(total), True
    journal = []
    for event, share in sequence:
        if event == "pay":
            residual -= residual * share
        elif event == "unpay":
            residual = min(abs(total), residual + abs(total) * share)
        elif event == "refund":
            residual = max(0.0, residual - abs(total) * share)
        elif event == "draft":
            posted = False
        elif event == "post":
            posted = True
        fraction = ledger.paid_fraction(abs(total), residual) if posted else 0.0
        settled = list(journal)
        targets, _appended = sync(journal, bases, fraction, digits)
        assert journal[: len(settled)] == settled  # history never rewritten
        for key, due in targets.items():
            held = sum(amount for k, amount in journal if k == key)
            assert ledger.round_amount(held, digits) == due
        _targets, again = sync(journal, bases, fraction, digits)
        assert again == {}  # replaying the event changes nothing


@given(st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=0, max_value=1e6))
def test_paid_fraction_is_a_fraction(total, residual):
    assert 0.0 <= ledger.paid_fraction(total, residual) <= 1.0


def test_rounding_is_half_up():
    assert ledger.round_amount(0.125) == 0.13
    assert ledger.round_amount(-0.125) == -0.13
    assert ledger.round_amount(2.5, 0) == 3.0
    assert ledger.target(1000.0, 0.4, 10.0) == 40.0
    assert ledger.deltas({"a": 40.0}, {"a": 40.0, "b": 5.0}) == {"b": -5.0}


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.floats(min_value=-500, max_value=500, allow_nan=False).map(
            lambda amount: round(amount, 2)
        ),
        max_size=24,
    )
)
def test_payouts_carry_negative_balances_forward(balances):
    """Every payout is positive, every month is paid once and in order, and
    what is carried past the last payout never adds up to a positive amount
    at any month."""
    months = list(enumerate(balances))
    groups = ledger.payouts(months)
    paid = [month for group in groups for month in group]
    assert paid == list(range(len(paid)))
    for group in groups:
        assert ledger.round_amount(sum(balances[month] for month in group)) > 0
    carried = 0.0
    for month in range(len(paid), len(balances)):
        carried = ledger.round_amount(carried + balances[month])
        assert carried <= 0


def test_payouts_round_the_balance():
    """0.10 + 0.20 - 0.30 is positive as floats, 0.00 as money: not paid."""
    assert 0.1 + 0.2 - 0.3 > 0
    assert ledger.payouts([("march", 0.1 + 0.2 - 0.3)]) == []
    assert ledger.payouts([("march", -100.0), ("april", 300.0), ("may", 5.0)]) == [
        ["march", "april"],
        ["may"],
    ]
