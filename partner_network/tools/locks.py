# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The row locks that serialize concurrent writers of the same records."""

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


def touch_rows(records):
    """Update the rows of ``records`` in place before a count bounded by them.

    A quota counted for a record (e.g. a partner's open requests) is checked by
    reading other rows; updating the bounding row, rather than locking it with
    FOR UPDATE, makes a concurrent transaction that also touches it wait for
    this one and then fail to serialize, so that its retry counts what this
    transaction created. Rows are updated in id order to avoid deadlocks.
    """
    if not records:
        return
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET write_date = write_date WHERE id IN %s",
            SQL.identifier(records._table),
            tuple(sorted(records.ids)),
        )
    )
