# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stored normalized keys that recognize a prospect (see prospect_keys)."""

from odoo import fields


def key_field(compute):
    """A normalized key computed by ``compute``, stored and indexed so that
    comparing prospects is an index lookup."""
    return fields.Char(compute=compute, store=True, index="btree_not_null")
