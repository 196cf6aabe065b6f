#!/usr/bin/env python3
"""Benchmark the tier review cron over a large network.

Builds a throwaway database with partner_commission (no demo data), seeds it
by SQL with ``--partners`` active resellers (Silver, account executive set),
``--registrations`` registrations of theirs (two thirds accepted or released,
decided in the last 12 months; the rest rejected or submitted) and
``--invoices`` posted customer invoices credited to accepted registrations,
paid in full, in part or not at all; gives the reseller tiers criteria on
both (accepted registrations and paid revenue), then runs
``_cron_network_tier_review`` batch after batch, each call in its own
transaction as the cron runner does (after one batch rolled back, that warms
the registry's caches), and reports the total time, the queries per partner
and the queries of each full batch (constant: min = max).

Ends with one ``BENCH tier_review ...`` line.
"""

import argparse
import sys

from bench_common import Clock, bench_line, in_transaction, seeded, throwaway_registry

DATABASE = "pn_bench_tier"


def seed_partners(env, count):
    """``count`` active Silver resellers of the network; return their ids."""
    category = env.ref("partner_network.partner_network_category_reseller")
    silver = env.ref("partner_network.partner_network_tier_reseller_silver")
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type,
            autopost_bills, network_state, network_tier_id, network_manager_id,
            network_master_company_id, company_id, create_date, write_date)
        SELECT 'Bench Reseller ' || n, 'Bench Reseller ' || n, true, true,
            'contact', 'ask', 'active', %(tier)s, %(user)s, %(company)s, NULL,
            now(), now()
          FROM generate_series(1, %(count)s) n
        RETURNING id
        """,
        {
            "tier": silver.id,
            "user": env.ref("base.user_admin").id,
            "company": env.company.id,
            "count": count,
        },
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        """
        UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%(ids)s);
        INSERT INTO res_partner_network_category_rel (partner_id, category_id)
        SELECT unnest(%(ids)s), %(category)s
        """,
        {"ids": ids, "category": category.id},
    )
    return ids


def seed_registrations(env, partner_ids, count):
    """``count`` registrations spread over the partners, decided in the last
    12 months: 1 in 3 accepted, 1 in 3 released, the rest rejected or still
    submitted."""
    env.cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, company_id,
            registration_partner_id, registration_state, registration_date,
            registration_decision_date, create_date, write_date)
        SELECT 'Bench Registration ' || n, 'opportunity', true, %(company)s,
            (%(partners)s)[1 + (n * 7919) %% array_length(%(partners)s, 1)],
            (ARRAY['accepted', 'released', 'rejected', 'submitted'])[1 + n %% 4],
            now() - ((n %% 360) || ' days')::interval,
            CASE WHEN n %% 4 != 3
                 THEN now() - ((n %% 360) || ' days')::interval + interval '3 days'
            END,
            now(), now()
          FROM generate_series(1, %(count)s) n
        """,
        {"company": env.company.id, "partners": partner_ids, "count": count},
    )
    env.cr.execute("ANALYZE crm_lead")


def seed_invoices(env, count):
    """``count`` posted invoices credited to accepted registrations, of
    1,000 to 10,000 untaxed (21% tax), paid in full, half or not at all."""
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    env.cr.execute(
        """
        WITH earning AS (
            SELECT id, row_number() OVER (ORDER BY id) AS rank FROM crm_lead
             WHERE registration_state IN ('accepted', 'released')
        ), picked AS (
            SELECT n, e.id AS lead_id, 1000 + (n * 37) %% 9000 AS untaxed,
                   (ARRAY[0.0, 0.5, 1.0])[1 + n %% 3] AS unpaid
              FROM generate_series(1, %(count)s) n
              JOIN earning e
                ON e.rank = 1 + n %% (SELECT count(*) FROM earning)
        )
        INSERT INTO account_move (name, journal_id, company_id, currency_id,
            state, move_type, auto_post, date, invoice_date, registration_id,
            amount_untaxed, amount_total, amount_residual,
            amount_untaxed_signed, amount_total_signed, amount_residual_signed,
            create_date, write_date)
        SELECT 'BENCH/' || n, %(journal)s, %(company)s, %(currency)s, 'posted',
            'out_invoice', 'no', current_date - (n %% 300),
            current_date - (n %% 300), lead_id,
            untaxed, untaxed * 1.21, untaxed * 1.21 * unpaid,
            untaxed, untaxed * 1.21, untaxed * 1.21 * unpaid, now(), now()
          FROM picked
        """,
        {
            "count": count,
            "journal": journal.id,
            "company": env.company.id,
            "currency": env.company.currency_id.id,
        },
    )
    env.cr.execute("ANALYZE account_move")


def seed(env, partners, registrations, invoices):
    """The network, its registrations and invoices, the tier criteria and a
    progress record of the review cron; return the progress id."""
    partner_ids = seed_partners(env, partners)
    seed_registrations(env, partner_ids, registrations)
    seed_invoices(env, invoices)
    env.ref("partner_network.partner_network_tier_reseller_silver").write(
        {"min_accepted_registrations": 3, "min_paid_revenue": 5000.0}
    )
    env.ref("partner_network.partner_network_tier_reseller_gold").write(
        {"min_accepted_registrations": 8, "min_paid_revenue": 20000.0}
    )
    cron = env.ref("partner_network.ir_cron_res_partner_network_tier_review")
    return env["ir.cron.progress"].create({"cron_id": cron.id}).id


def review_batch(env, progress_id, batch_size):
    """One call of the review cron: ``(done, remaining)``."""
    env = env(context={"ir_cron_progress_id": progress_id})
    env["res.partner"]._cron_network_tier_review(batch_size=batch_size)
    progress = env["ir.cron.progress"].browse(progress_id)
    return progress.done, progress.remaining


def warm_up(registry, progress_id, batch_size):
    """Review one batch and roll it back: the registry's caches (xml ids,
    models, default subtypes) fill as on a running server, so that each
    measured batch costs the same queries."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415 - only where Odoo is needed

    with registry.cursor() as cr:
        review_batch(api.Environment(cr, SUPERUSER_ID, {}), progress_id, batch_size)
        cr.rollback()


def outcome(env):
    """Proposals by direction and review activities."""
    env.cr.execute(
        "SELECT coalesce(network_tier_proposal, 'same'), count(*) FROM res_partner "
        "WHERE name LIKE 'Bench Reseller %' GROUP BY 1"
    )
    proposals = dict(env.cr.fetchall())
    type_id = env.ref("partner_network.mail_activity_type_network_tier_review").id
    env.cr.execute(
        "SELECT count(*) FROM mail_activity WHERE activity_type_id = %s", [type_id]
    )
    return proposals, env.cr.fetchone()[0]


def bench_review(registry, partners, progress_id, batch_size):
    """Run the cron until no partner remains; print the ``tier_review`` line."""
    warm_up(registry, progress_id, batch_size)
    batch_queries = []
    with Clock() as clock:
        while True:
            with Clock() as batch:
                done, remaining = in_transaction(
                    registry, review_batch, progress_id, batch_size
                )
            if done == batch_size:
                batch_queries.append(batch.queries)
            if not remaining:
                break
    proposals, activities = in_transaction(registry, outcome)
    bench_line(
        "tier_review",
        partners=partners,
        batches=len(batch_queries) + (1 if partners % batch_size else 0),
        batch_size=batch_size,
        seconds=f"{clock.seconds:.1f}",
        ms_per_partner=f"{clock.seconds * 1000 / partners:.2f}",
        queries_per_partner=f"{clock.queries / partners:.3f}",
        queries_per_batch_min=min(batch_queries),
        queries_per_batch_max=max(batch_queries),
        promotions=proposals.get("promotion", 0),
        demotions=proposals.get("demotion", 0),
        unchanged=proposals.get("same", 0),
        activities=activities,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=50_000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args(argv)
    with throwaway_registry(DATABASE, ["partner_commission"]) as (_config, registry):
        progress_id = seeded(
            registry,
            f"{args.partners} partners, {args.registrations} registrations, "
            f"{args.invoices} invoices",
            seed,
            args.partners,
            args.registrations,
            args.invoices,
        )
        bench_review(registry, args.partners, progress_id, args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
