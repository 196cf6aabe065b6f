# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a well-formed value typed in a portal or website form looks like.

Pure patterns (no Odoo environment), shared by every form of the suite:
the deal registration form of the portal and the website's partner
application form check their inputs with them.
"""

import re

WEBSITE_PATTERN = re.compile(
    r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,63}(:\d{1,5})?(/\S*)?$", re.IGNORECASE
)
PHONE_PATTERN = re.compile(r"^\+?[\d\s().\-/]{6,40}$")
# Characters no one types in a form (PostgreSQL refuses NUL): tab, line
# feed and carriage return are the only control characters kept.
CONTROL_PATTERN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_character(value):
    """Whether ``value`` is a text holding a character no one types."""
    return isinstance(value, str) and bool(CONTROL_PATTERN.search(value))
