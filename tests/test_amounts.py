"""Amounts read with a language's separators (partner_network/tools/amounts.py),
without Odoo."""

import importlib.util

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "amounts", ROOT / "partner_network" / "tools" / "amounts.py"
)
amounts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(amounts)

# Separators and grouping as Odoo's res.lang data gives them
LANGUAGES = {
    "en_US": {"decimal_point": ".", "thousands_sep": ",", "grouping": [3, 0]},
    "es_ES": {"decimal_point": ",", "thousands_sep": ".", "grouping": [3, 0]},
    "pt_PT": {"decimal_point": ",", "thousands_sep": False, "grouping": []},
    "fr_FR": {"decimal_point": ",", "thousands_sep": "\u00a0", "grouping": [3, 0]},
    "de_CH": {"decimal_point": ".", "thousands_sep": "'", "grouping": [3, 0]},
    "en_IN": {"decimal_point": ".", "thousands_sep": ",", "grouping": [3, 2, 0]},
}


def parse(text, lang, decimals=2):
    return amounts.parse_amount(text, decimals=decimals, **LANGUAGES[lang])


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("48.000", "es_ES", 48000.0),
        ("48.000,50", "es_ES", 48000.5),
        ("1.000.000", "es_ES", 1000000.0),
        ("48000", "es_ES", 48000.0),
        ("25,000", "en_US", 25000.0),
        ("25,000.50", "en_US", 25000.5),
        ("25.5", "en_US", 25.5),
        (" 25 000 ", "en_US", 25000.0),
        ("1 234,5", "pt_PT", 1234.5),
        ("1\u00a0234,5", "pt_PT", 1234.5),
        ("1234,50", "pt_PT", 1234.5),
        ("25\u00a0000,50", "fr_FR", 25000.5),
        ("25\u202f000,50", "fr_FR", 25000.5),
        ("25'000.50", "de_CH", 25000.5),
        ("12,34,567", "en_IN", 1234567.0),
        (",5", "es_ES", 0.5),
        ("-100", "en_US", -100.0),
        ("+100", "en_US", 100.0),
    ],
)
def test_read_as_the_language_writes(text, lang, expected):
    assert parse(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("48000.50", "es_ES"),  # English decimals for a Spanish reader
        ("48.5", "es_ES"),
        ("48,000", "es_ES"),  # 48 to the thousandth, or 48000 the English way
        ("48.000.5", "es_ES"),
        ("1 234.567,5", "es_ES"),  # two kinds of thousands separators
        ("25,5", "en_US"),
        ("25.000", "en_US"),
        ("25.000,50", "en_US"),
        ("1,2345", "en_US"),
        ("1.234,5", "pt_PT"),  # Portuguese writes no dot in numbers
        ("1  234", "pt_PT"),
        ("5.", "en_US"),
        ("1,234,567", "de_CH"),
        ("1,234,56", "en_IN"),
    ],
)
def test_ambiguous_refused(text, lang):
    with pytest.raises(amounts.AmbiguousAmountError):
        parse(text, lang)


@pytest.mark.parametrize("text", ["", "  ", "lots", "nan", "inf", "1e20", "12€", "-"])
def test_not_a_number(text):
    with pytest.raises(amounts.AmountError) as raised:
        parse(text, "en_US")
    assert not isinstance(raised.value, amounts.AmbiguousAmountError)


def test_decimals_unbounded_when_not_given():
    assert amounts.parse_amount("0,125", decimal_point=",", thousands_sep=".") == 0.125


@pytest.mark.parametrize(
    ("grouping", "count", "expected"),
    [
        ([3, 0], 3, [3, 3, 3]),
        ([3, 2, 0], 4, [3, 2, 2, 2]),
        ([3], 3, [3, None, None]),
        ([3, -1], 2, [3, None]),
        ([], 2, [None, None]),
    ],
)
def test_group_sizes(grouping, count, expected):
    assert amounts.group_sizes(grouping, count) == expected


def _written(units, cents, thousands_sep, decimal_point):
    """The amount as a person of that language writes it."""
    digits = str(units)
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{thousands_sep.join(groups)}{decimal_point}{cents:02d}"


@given(
    units=st.integers(min_value=0, max_value=10**12),
    cents=st.integers(min_value=0, max_value=99),
    lang=st.sampled_from(["en_US", "es_ES", "fr_FR", "de_CH"]),
)
def test_what_a_language_writes_reads_back(units, cents, lang):
    separators = LANGUAGES[lang]
    text = _written(
        units, cents, separators["thousands_sep"], separators["decimal_point"]
    )
    assert parse(text, lang) == float(f"{units}.{cents:02d}")


@given(
    units=st.integers(min_value=1000, max_value=10**9),
    cents=st.integers(min_value=0, max_value=99),
)
def test_english_never_read_as_another_spanish_number(units, cents):
    """An amount written the English way is refused in Spanish, or read as
    the same number: never as another one."""
    text = _written(units, cents, ",", ".")
    try:
        value = parse(text, "es_ES")
    except amounts.AmountError:
        return
    assert value == float(f"{units}.{cents:02d}")
