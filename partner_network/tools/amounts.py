# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Amounts typed by people, read with the separators of their language.

Pure functions without Odoo: the portal reads a budget with them, the tests
call them directly.
"""

DIGITS = frozenset("0123456789")
# Spaces separate thousands in every language (the SI convention); keyboards
# and word processors type any of these.
SPACES = frozenset(" \u00a0\u202f")
# Characters that separate thousands or decimals in some language: typed in
# the wrong place, they make a number ambiguous rather than not a number.
SEPARATORS = frozenset(".,'\u2019") | SPACES
# Odoo's res.lang grouping when a language sets none.
DEFAULT_GROUPING = (3, 0)


class AmountError(ValueError):
    """The text is not a number."""


class AmbiguousAmountError(AmountError):
    """The text is digits and separators not written the way of the language:
    reading it would mean guessing which number was meant."""


def group_sizes(grouping, count):
    """Sizes of the ``count`` digit groups of an integer, from the right, as
    Odoo's ``res.lang`` grouping writes them: a 0 repeats the size before it,
    a -1 or the end of the list leaves the remaining digits in one group,
    whose size is ``None`` (any)."""
    sizes, repeat = [], False
    for size in grouping:
        if size <= 0:
            repeat = size == 0
            break
        sizes.append(size)
    last = sizes[-1] if repeat and sizes else None
    return [sizes[index] if index < len(sizes) else last for index in range(count)]


def _check_grouping(groups, grouping):
    """Refuse the digit groups of an integer (left to right) unless the
    grouping writes them so: each of its sizes exactly, the leftmost group at
    most its size."""
    sizes = group_sizes(tuple(grouping) or DEFAULT_GROUPING, len(groups))
    *inner, (leftmost, leftmost_size) = zip(reversed(groups), sizes, strict=True)
    if any(size is None or len(group) != size for group, size in inner):
        raise AmbiguousAmountError(groups)
    if not leftmost or leftmost_size is not None and len(leftmost) > leftmost_size:
        raise AmbiguousAmountError(groups)


def parse_amount(
    text, decimal_point=".", thousands_sep=",", grouping=DEFAULT_GROUPING, decimals=None
):
    """Read ``text`` as the number it means with the given separators.

    Thousands are separated by ``thousands_sep`` or by spaces, one kind in a
    number, in groups as ``grouping`` (``res.lang`` style) says; a leading
    ``+`` or ``-`` is kept.

    :param int decimals: the most decimals the amount takes (a currency's);
        more is ambiguous ("48,000" in Spanish is 48 to the thousandth, or
        48000 written the English way)
    :return: the number, as a float
    :raise AmbiguousAmountError: digits and separators written another way
    :raise AmountError: anything else that is not a number
    """
    text = (text or "").strip()
    sign = -1 if text[:1] == "-" else 1
    if text[:1] in "+-":
        text = text[1:].lstrip()
    known = DIGITS | SEPARATORS | ({decimal_point, thousands_sep} - {None, False})
    if not text or not set(text) <= known or not DIGITS & set(text):
        raise AmountError(text)
    integer, point, fraction = text.partition(decimal_point)
    if not set(fraction) <= DIGITS or point and not fraction:
        raise AmbiguousAmountError(text)
    if decimals is not None and len(fraction) > decimals:
        raise AmbiguousAmountError(text)
    marks = set(integer) - DIGITS
    if marks:
        if not (marks <= SPACES or marks == {thousands_sep}):
            raise AmbiguousAmountError(text)
        for mark in marks:
            integer = integer.replace(mark, " ")
        _check_grouping(integer.split(" "), grouping)
    return sign * float(f"{integer.replace(' ', '') or '0'}.{fraction or '0'}")
