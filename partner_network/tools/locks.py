# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The row lock that serializes concurrent writers of the same records."""

from odoo.tools import SQL


def lock_rows(records):
    """Lock the rows of ``records`` until the transaction ends.

    Rows are locked in id order, so that two transactions locking overlapping
    records wait for each other instead of deadlocking; the cache is then
    dropped, as what was read before waiting may have changed.
    """
    if not records:
        return
    records.env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
            SQL.identifier(records._table),
            tuple(records.ids),
        )
    )
    records.invalidate_recordset()
