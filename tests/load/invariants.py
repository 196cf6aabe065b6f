# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What must hold after the run, checked in SQL on the database itself,
independently of the addons' code."""

import psycopg2

# prospects held by two open registrations at once, per normalized key
OPEN_TWICE = """
    SELECT company_id, key, count(*)
      FROM (SELECT company_id, unnest(ARRAY[
                   'name:' || registration_key_name,
                   'vat:' || registration_key_vat,
                   'web:' || registration_key_website]) AS key
              FROM crm_lead
             WHERE registration_state IN ('submitted', 'accepted')) keys
     WHERE key IS NOT NULL
  GROUP BY company_id, key
    HAVING count(*) > 1
"""
# lock rows of a registration that no longer holds its prospect
ORPHAN_LOCKS = """
    SELECT lock.id
      FROM crm_lead_registration_lock lock
 LEFT JOIN crm_lead lead ON lead.id = lock.lead_id
     WHERE lead.id IS NULL
        OR lead.registration_state NOT IN ('submitted', 'accepted')
"""
# per attributed invoice: the ledger's total, and the target recomputed here
# (untaxed product lines x paid fraction x the rate of the load's only rule)
LEDGER_OFF = """
    WITH invoice AS (
        SELECT id,
               CASE WHEN state = 'posted' AND amount_total <> 0
                    THEN LEAST(1, GREATEST(0,
                         1 - amount_residual / amount_total))
                    ELSE 0 END AS paid
          FROM account_move
         WHERE registration_id IS NOT NULL
           AND move_type IN ('out_invoice', 'out_refund')
    ), due AS (
        SELECT line.move_id,
               ROUND((-SUM(line.balance) * invoice.paid * %(rate)s / 100)::numeric,
                     2) AS amount
          FROM account_move_line line
          JOIN invoice ON invoice.id = line.move_id
         WHERE line.display_type = 'product'
      GROUP BY line.move_id, line.product_id, invoice.paid
    ), held AS (
        SELECT move_id, SUM(amount) AS amount
          FROM partner_commission_line
      GROUP BY move_id
    )
    SELECT invoice.id, COALESCE(held.amount, 0), COALESCE(SUM(due.amount), 0)
      FROM invoice
 LEFT JOIN due ON due.move_id = invoice.id
 LEFT JOIN held ON held.move_id = invoice.id
  GROUP BY invoice.id, held.amount
    HAVING ABS(COALESCE(held.amount, 0) - COALESCE(SUM(due.amount), 0)) > 0.001
"""
# two lines of one key written by one transaction: a difference added twice
LINE_TWICE = """
    SELECT move_id, product_id, partner_id, create_date, count(*)
      FROM partner_commission_line
  GROUP BY move_id, product_id, partner_id, create_date
    HAVING count(*) > 1
"""
BILLED_TWICE = """
    SELECT commission_settlement_id, count(*)
      FROM account_move
     WHERE commission_settlement_id IS NOT NULL AND state <> 'cancel'
  GROUP BY commission_settlement_id
    HAVING count(*) > 1
     UNION ALL
    SELECT invoice_id, count(*)
      FROM partner_commission_settlement
     WHERE invoice_id IS NOT NULL
  GROUP BY invoice_id
    HAVING count(*) > 1
"""
CHECKS = {
    "open_registration_twice": OPEN_TWICE,
    "orphan_lock": ORPHAN_LOCKS,
    "ledger_off_target": LEDGER_OFF,
    "commission_line_twice": LINE_TWICE,
    "settlement_billed_twice": BILLED_TWICE,
}


def connect(cluster, database):
    return psycopg2.connect(
        host=cluster["host"],
        port=cluster["port"],
        user=cluster["user"],
        dbname=database,
    )


def check(cluster, database, rate):
    """{check name: the rows breaking it} (empty lists when all hold)."""
    with connect(cluster, database) as connection, connection.cursor() as cr:
        broken = {}
        for name, query in CHECKS.items():
            cr.execute(query, {"rate": rate})
            broken[name] = cr.fetchall()
    connection.close()
    return broken


def lost(cluster, database, submitted):
    """The 2xx-answered submissions (lead id, prospect) not in the database."""
    if not submitted:
        return []
    with connect(cluster, database) as connection, connection.cursor() as cr:
        cr.execute(
            "SELECT id, partner_name FROM crm_lead WHERE id = ANY(%s)",
            ([lead_id for lead_id, _name in submitted],),
        )
        found = set(cr.fetchall())
    connection.close()
    return [item for item in submitted if item not in found]
