#!/usr/bin/env python3
"""Benchmark deal registration on a large CRM.

Builds a throwaway database with partner_network (no demo data), seeds it with
``--leads`` crm.lead rows of varied prospects by COPY (with the stored fields
Odoo and the addon derive from them: email_normalized, email_domain_criterion,
phone_sanitized and the registration keys), then:

* ``duplicates``: creates ``--registrations`` new registrations, half of them
  existing prospects rewritten the way people write them (case, accents,
  punctuation, legal form, tax id format, another person's email at the same
  domain, phone with spaces), half distinct companies with similar names (an
  existing name with one word replaced by a different word), half of which
  write from a mail provider's mailbox (hotmail.com.ar, telefonica.net,
  iol.pt...) like many prospects of the table, and times our duplicate check
  and Odoo's own ``_compute_potential_lead_duplicates`` on each, in the same
  run; reports p50/p95, recall and false positives (a registration flagged as
  duplicate of any lead), also for the registrations written from a
  provider's mailbox, and how often our check also showed hints (trigram
  candidates that share no key, or candidates that share only the mail
  provider, listed apart for the reviewer to judge);
* ``expiry``: lets ``--expire`` overdue submitted registrations lapse with the
  cron method, batch after batch as the cron runner does, and reports the time
  and queries per registration.

Each scenario ends with one ``BENCH <scenario> key=value ...`` line.
"""

import argparse
import random
import statistics
import sys
import time

from bench_common import (
    Clock,
    bench_line,
    in_transaction,
    percentile,
    seeded,
    throwaway_registry,
)
from bench_registration_data import (
    COUNTRIES,
    PROVIDERS,
    rewrite,
    seed,
    similar_company,
)

DATABASE = "pn_bench"


def ratio(part, total):
    return f"{part / total:.3f}" if total else "n/a"


def labelled_registrations(rng, prospects, spare_names, count):
    """``count`` registrations to check, shuffled: half variants of existing
    prospects, half distinct companies with similar names. Each is
    ``(values, original lead id or None, kind, country)``."""
    from odoo.addons.partner_network.tools.prospect_keys import name_key

    taken = {name_key(p["name"]) for p in prospects}
    existing = rng.sample(prospects, count // 2)
    labelled = []
    for prospect in existing:
        values, kind = rewrite(rng, prospect)
        labelled.append((values, prospect["id"], kind, prospect["country"]))
    for prospect in rng.sample(prospects, count - len(existing)):
        labelled.append(
            (
                similar_company(rng, prospect, spare_names, taken),
                None,
                "distinct",
                prospect["country"],
            )
        )
    rng.shuffle(labelled)
    return labelled


def create_registrations(env, labelled):
    """The registrations of ``labelled``, by one sponsor."""
    partner = env["res.partner"].create({"name": "Bench Sponsor"})
    spain = env.ref("base.es")
    countries = {
        code: env["res.country"].search([("code", "=", code)]) for code in COUNTRIES
    }
    leads = env["crm.lead"].create(
        [
            {
                "name": f"Registration {index}",
                "type": "opportunity",
                "registration_partner_id": partner.id,
                "country_id": countries[country].id or spain.id,
                **values,
            }
            for index, (values, _original, _kind, country) in enumerate(labelled)
        ]
    )
    env.flush_all()
    return leads


def from_provider(email):
    """Whether ``email`` is a mailbox at one of PROVIDER_MAIL."""
    return (email or "").rpartition("@")[2].lower() in PROVIDERS


class Tally:
    """What our duplicate check and Odoo's found, and their times."""

    def __init__(self):
        self.ms = {"ours": [], "odoo": []}
        self.found = {"ours": 0, "odoo": 0}
        self.found_by_kind = {}
        self.false_positives = {"ours": 0, "odoo": 0}
        # registrations written from a provider's mailbox: [count, ours, Odoo]
        self.provider_found, self.provider_false = [0, 0, 0], [0, 0, 0]
        # registrations shown hints (not duplicates): similar names, mail provider
        self.hints = {"similar_name": 0, "mail_provider": 0}

    def ours(self, lead):
        """Our check of ``lead``: the ids of the duplicates it found."""
        from odoo.addons.partner_network.models.crm_lead_prospect import HINT_KINDS

        start = time.perf_counter()
        result = lead._registration_find_duplicates()[lead.id]
        self.ms["ours"].append((time.perf_counter() - start) * 1000)
        hinted = [k for k in result.values() if HINT_KINDS.issuperset(k)]
        for hint in self.hints:
            self.hints[hint] += any(hint in kinds for kinds in hinted)
        return {
            cid for cid, kinds in result.items() if not HINT_KINDS.issuperset(kinds)
        }

    def odoo(self, lead):
        """Odoo's check of ``lead``: the ids of the duplicates it found."""
        start = time.perf_counter()
        lead._compute_potential_lead_duplicates()
        self.ms["odoo"].append((time.perf_counter() - start) * 1000)
        return set(lead.duplicate_lead_ids.ids) - {lead.id}

    def variant(self, original, kind, found, original_from_provider):
        """Count a variant of lead ``original``: ``found`` ({check: ids})."""
        hits = self.found_by_kind.setdefault(kind, [0, 0, 0])
        hits[0] += 1
        if original_from_provider:
            self.provider_found[0] += 1
        for position, check in enumerate(("ours", "odoo"), start=1):
            hit = original in found[check]
            self.found[check] += hit
            hits[position] += hit
            if original_from_provider:
                self.provider_found[position] += hit

    def distinct(self, found, from_mailbox):
        """Count a distinct company: ``found`` ({check: ids}) is wrong."""
        if from_mailbox:
            self.provider_false[0] += 1
        for position, check in enumerate(("ours", "odoo"), start=1):
            self.false_positives[check] += bool(found[check])
            if from_mailbox:
                self.provider_false[position] += bool(found[check])


def run_checks(env, leads, labelled, origin_emails, verbose):
    """Both checks on each lead, alternating which runs first so that
    neither always gets a warm cache; return the Tally."""
    tally = Tally()
    for position, (lead, (values, original, kind, _country)) in enumerate(
        zip(leads, labelled, strict=True)
    ):
        env.invalidate_all()
        if position % 2:
            found = {"ours": tally.ours(lead)}
            found["odoo"] = tally.odoo(lead)
        else:
            found = {"odoo": tally.odoo(lead)}
            found["ours"] = tally.ours(lead)
        if original:
            tally.variant(original, kind, found, from_provider(origin_emails[original]))
            continue
        if found["ours"] and verbose:
            matches = env["crm.lead"].browse(found["ours"]).mapped("partner_name")
            print(f"  false positive: {lead.partner_name!r} ~ {matches}")
        tally.distinct(found, from_provider(values.get("email_from")))
    return tally


def report_duplicates(env, tally, count):
    """Print what both checks found and the ``duplicates`` line."""
    existing_count = sum(total for total, _ours, _odoo in tally.found_by_kind.values())
    distinct_count = count - existing_count
    for kind, (total, ours_found, odoo_found) in sorted(tally.found_by_kind.items()):
        print(
            f"  variants sharing {kind}: {total}, "
            f"ours found {ours_found}, Odoo found {odoo_found}"
        )
    total, ours_found, odoo_found = tally.provider_found
    print(
        f"  variants of prospects writing from a provider's mailbox: {total}, "
        f"ours found {ours_found}, Odoo found {odoo_found}"
    )
    total, ours_flagged, odoo_flagged = tally.provider_false
    print(
        f"  distinct companies writing from a provider's mailbox: {total}, "
        f"ours flagged {ours_flagged}, Odoo flagged {odoo_flagged}"
    )
    ours_ms, odoo_ms = tally.ms["ours"], tally.ms["odoo"]
    ours_p95, odoo_p95 = percentile(ours_ms, 0.95), percentile(odoo_ms, 0.95)
    found, false_positives = tally.found, tally.false_positives
    bench_line(
        "duplicates",
        leads=env["crm.lead"].search_count([]),
        registrations=count,
        ours_p50_ms=f"{statistics.median(ours_ms):.2f}",
        ours_p95_ms=f"{ours_p95:.2f}",
        odoo_p50_ms=f"{statistics.median(odoo_ms):.2f}",
        odoo_p95_ms=f"{odoo_p95:.2f}",
        p95_ratio=f"{ours_p95 / odoo_p95:.2f}",
        ours_recall=f"{found['ours'] / existing_count:.3f}",
        odoo_recall=f"{found['odoo'] / existing_count:.3f}",
        ours_false_positive_rate=f"{false_positives['ours'] / distinct_count:.3f}",
        odoo_false_positive_rate=f"{false_positives['odoo'] / distinct_count:.3f}",
        ours_provider_mailbox_recall=ratio(
            tally.provider_found[1], tally.provider_found[0]
        ),
        ours_provider_mailbox_false_positive_rate=ratio(
            tally.provider_false[1], tally.provider_false[0]
        ),
        ours_similar_names_shown_rate=f"{tally.hints['similar_name'] / count:.3f}",
        ours_mail_provider_hints_shown_rate=(
            f"{tally.hints['mail_provider'] / count:.3f}"
        ),
    )


def bench_duplicates(env, rng, prospects, spare_names, count, verbose=False):
    """Check ``count`` new registrations with ours and Odoo's duplicate
    checks; print the ``duplicates`` line."""
    labelled = labelled_registrations(rng, prospects, spare_names, count)
    leads = create_registrations(env, labelled)
    origin_emails = {prospect["id"]: prospect["email"] for prospect in prospects}
    tally = run_checks(env, leads, labelled, origin_emails, verbose)
    report_duplicates(env, tally, count)


def overdue_registrations(env, count):
    """Make ``count`` leads overdue submitted registrations of one partner,
    with their locks and review activities; return the partner's id and a
    progress record of the expiry cron."""
    partner = env["res.partner"].create({"name": "Bench Expiry Partner"})
    env.cr.execute(
        """
        WITH picked AS (
            SELECT id FROM crm_lead
            WHERE registration_state IS NULL ORDER BY id LIMIT %(count)s
        )
        UPDATE crm_lead l SET registration_partner_id = %(partner)s,
            registration_state = 'submitted',
            registration_date = '2026-01-05 09:00:00',
            registration_deadline = '2026-01-26'
        FROM picked WHERE l.id = picked.id
        """,
        {"count": count, "partner": partner.id},
    )
    env.cr.execute(
        """
        INSERT INTO crm_lead_registration_lock (lead_id, key)
        SELECT id, company_id || ':vat:bench' || id FROM crm_lead
        WHERE registration_partner_id = %(partner)s;
        INSERT INTO mail_activity (res_model_id, res_model, res_id,
            activity_type_id, date_deadline, user_id, summary, automated,
            create_date, write_date)
        SELECT %(model)s, 'crm.lead', id, %(type)s, '2026-01-26', %(user)s,
            'Review', true, now(), now()
        FROM crm_lead WHERE registration_partner_id = %(partner)s
        """,
        {
            "partner": partner.id,
            "model": env["ir.model"]._get_id("crm.lead"),
            "type": env.ref(
                "partner_network.mail_activity_type_registration_review"
            ).id,
            "user": env.ref("base.user_admin").id,
        },
    )
    cron = env.ref("partner_network.ir_cron_crm_lead_registration_expire")
    return partner.id, env["ir.cron.progress"].create({"cron_id": cron.id}).id


def expire_batch(env, progress_id, batch_size):
    """One call of the expiry cron; return how many registrations remain."""
    env = env(context={"ir_cron_progress_id": progress_id})
    env["crm.lead"]._cron_registration_expire(batch_size=batch_size)
    return env["ir.cron.progress"].browse(progress_id).remaining


def expiry_outcome(env, partner_id):
    """The registrations of ``partner_id`` by state, and the locks left."""
    env.cr.execute(
        "SELECT registration_state, count(*) FROM crm_lead "
        "WHERE registration_partner_id = %s GROUP BY 1",
        [partner_id],
    )
    states = dict(env.cr.fetchall())
    env.cr.execute(
        "SELECT count(*) FROM crm_lead_registration_lock l "
        "JOIN crm_lead c ON c.id = l.lead_id WHERE c.registration_partner_id = %s",
        [partner_id],
    )
    return states, env.cr.fetchone()[0]


def bench_expiry(registry, count, batch_size):
    """Let ``count`` overdue registrations lapse through the cron method,
    batch after batch, each call in its own transaction as the cron runner
    does; print the ``expiry`` line."""
    partner_id, progress_id = in_transaction(registry, overdue_registrations, count)
    calls = 0
    with Clock() as clock:
        while True:
            calls += 1
            if not in_transaction(registry, expire_batch, progress_id, batch_size):
                break
    states, locks_left = in_transaction(registry, expiry_outcome, partner_id)
    bench_line(
        "expiry",
        registrations=count,
        expired=states.get("expired", 0),
        batches=calls,
        batch_size=batch_size,
        seconds=f"{clock.seconds:.1f}",
        ms_per_registration=f"{clock.seconds * 1000 / count:.2f}",
        queries_per_registration=f"{clock.queries / count:.2f}",
        locks_left=locks_left,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--registrations", type=int, default=1000)
    parser.add_argument("--expire", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--verbose", action="store_true", help="show each false positive"
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with throwaway_registry(DATABASE, ["partner_network"]) as (_config, registry):
        prospects, spare_names = seeded(
            registry, f"{args.leads} leads", seed, rng, args.leads
        )
        with registry.cursor() as cr:
            from odoo import SUPERUSER_ID, api

            env = api.Environment(cr, SUPERUSER_ID, {})
            bench_duplicates(
                env, rng, prospects, spare_names, args.registrations, args.verbose
            )
            cr.rollback()
        if args.expire:
            bench_expiry(registry, args.expire, args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
