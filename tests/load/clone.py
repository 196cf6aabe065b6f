# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Paid invoices at scale in SQL: the ORM posts and pays a few hundred (on a
shared 2-core machine, about one a second), then each is copied with its
payment, reconciliation and commission ledger, row for row, every reference
between the copied rows following the copies (read from the foreign keys,
so every column, ours and Odoo's, is copied). Copies keep their invoice's
customer and registration: a customer with several paid invoices."""

# the rows of a paid invoice, its payment and its ledger; a move's name gets
# the copy number (names are unique per journal)
TABLES = (
    "account_move",
    "account_move_line",
    "account_payment",
    "account_full_reconcile",
    "account_partial_reconcile",
    "partner_commission_line",
)
FOREIGN_KEYS = """
    SELECT cl.relname, att.attname, ref.relname
      FROM pg_constraint con
      JOIN pg_class cl ON cl.oid = con.conrelid
      JOIN pg_class ref ON ref.oid = con.confrelid
      JOIN pg_attribute att ON att.attrelid = con.conrelid
                           AND att.attnum = con.conkey[1]
     WHERE con.contype = 'f' AND ref.relname = ANY(%s)
"""
COLUMNS = """
    SELECT column_name FROM information_schema.columns
     WHERE table_name = %s AND table_schema = 'public'
  ORDER BY ordinal_position
"""


def selections(invoice_ids):
    """{table: SQL selecting the ids of the rows to copy}."""
    ids = ",".join(map(str, invoice_ids)) or "0"
    payments = f"""SELECT p.id FROM account_payment p
        JOIN account_move_line pl ON pl.move_id = p.move_id
        JOIN account_partial_reconcile r ON r.credit_move_id = pl.id
        JOIN account_move_line il ON il.id = r.debit_move_id
       WHERE il.move_id IN ({ids})"""
    moves = f"""SELECT unnest(ARRAY[{ids}]) UNION
        SELECT move_id FROM account_payment WHERE id IN ({payments})"""
    lines = f"SELECT id FROM account_move_line WHERE move_id IN ({moves})"
    return {
        "account_move": f"SELECT * FROM ({moves}) m",
        "account_move_line": lines,
        "account_payment": payments,
        "account_full_reconcile": f"""SELECT full_reconcile_id
            FROM account_move_line WHERE id IN ({lines})
             AND full_reconcile_id IS NOT NULL""",
        "account_partial_reconcile": f"""SELECT id FROM account_partial_reconcile
            WHERE debit_move_id IN ({lines}) OR credit_move_id IN ({lines})""",
        "partner_commission_line": f"""SELECT id FROM partner_commission_line
            WHERE move_id IN ({ids})""",
    }


def build_maps(cr, chosen, copies):
    """A table ``clone_<table>`` (old id, copy number, new id) per table."""
    for table in TABLES:
        cr.execute(f"DROP TABLE IF EXISTS clone_{table}")
        cr.execute(
            f"""CREATE TEMP TABLE clone_{table} AS
                SELECT old.id AS old_id, copy.k,
                       nextval('{table}_id_seq') AS new_id
                  FROM (SELECT DISTINCT id FROM ({chosen[table]}) s(id)) old,
                       generate_series(1, %s) copy(k)""",
            (copies,),
        )
        cr.execute(f"CREATE INDEX ON clone_{table} (old_id, k)")


def references(cr):
    """{(table, column): referenced table} among the copied tables, and the
    relation tables (no id) that point to a copied table."""
    cr.execute(FOREIGN_KEYS, (list(TABLES),))
    refs, relations = {}, {}
    for table, column, target in cr.fetchall():
        if table in TABLES:
            refs[(table, column)] = target
        else:
            relations.setdefault(table, {})[column] = target
    return refs, relations


def column_expression(table, column, refs):
    """How a column of the copy is computed from the copied row ``t``."""
    if column == "id":
        return "map.new_id"
    if (table, column) in (
        ("account_move", "name"),
        ("account_move_line", "move_name"),
    ):
        return f"t.{column} || '-' || map.k"
    target = refs.get((table, column))
    if target:
        return (
            f"COALESCE((SELECT new_id FROM clone_{target} c "
            f"WHERE c.old_id = t.{column} AND c.k = map.k), t.{column})"
        )
    return f"t.{column}"


def copy_table(cr, table, refs):
    cr.execute(COLUMNS, (table,))
    columns = [row[0] for row in cr.fetchall()]
    values = ", ".join(column_expression(table, c, refs) for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    cr.execute(
        f"""INSERT INTO {table} ({names})
            SELECT {values}
              FROM {table} t JOIN clone_{table} map ON map.old_id = t.id"""
    )


def copy_relation(cr, table, columns, copies):
    """Copy the rows of a many2many table that link copied rows, every
    copied side following its copy."""
    cr.execute(COLUMNS, (table,))
    all_columns = [row[0] for row in cr.fetchall()]
    if "id" in all_columns:
        return
    joins, values, linked = [], [], []
    for index, column in enumerate(all_columns):
        target = columns.get(column)
        if not target:
            values.append(f"t.{column}")
            continue
        joins.append(
            f"LEFT JOIN clone_{target} m{index} "
            f"ON m{index}.old_id = t.{column} AND m{index}.k = copy.k"
        )
        values.append(f"COALESCE(m{index}.new_id, t.{column})")
        linked.append(f"m{index}.new_id IS NOT NULL")
    cr.execute(
        f"""INSERT INTO {table} ({", ".join(all_columns)})
            SELECT {", ".join(values)}
              FROM {table} t CROSS JOIN generate_series(1, %s) copy(k)
                   {" ".join(joins)}
             WHERE {" OR ".join(linked)}
            ON CONFLICT DO NOTHING""",
        (copies,),
    )


def clone_paid_invoices(env, invoice_ids, copies):
    """Copy these paid invoices ``copies`` times; return how many were made."""
    cr = env.cr
    env.flush_all()
    build_maps(cr, selections(invoice_ids), copies)
    refs, relations = references(cr)
    # the copied rows reference each other both ways (a payment and its
    # move): foreign keys are checked by the mapping, not row by row
    cr.execute("SET LOCAL session_replication_role = replica")
    for table in TABLES:
        copy_table(cr, table, refs)
    for table, columns in relations.items():
        copy_relation(cr, table, columns, copies)
    cr.execute("SET LOCAL session_replication_role = origin")
    env.invalidate_all()
    return len(invoice_ids) * copies
