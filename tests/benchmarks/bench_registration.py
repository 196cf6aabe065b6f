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
import io
import random
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import odoo_env  # noqa: E402
from bench_common import bench_line, percentile  # noqa: E402

DATABASE = "pn_bench"
COUNTRIES = {
    # code: (phone prefix, mobile national pattern, web suffix, legal forms)
    "ES": ("+34", "6{}", ".es", ["S.A.", "S.L.", "SL", "SA", "S.L.U."]),
    "AR": ("+54", "911{}", ".com.ar", ["S.R.L.", "SRL", "S.A.", "SA", "S.A.S."]),
    "PT": ("+351", "91{}", ".pt", ["Lda", "Lda.", "S.A.", "Unipessoal Lda"]),
    "MX": ("+52", "55{}", ".com.mx", ["S.A. de C.V.", "SA de CV", "S. de R.L."]),
}
PREFIXES = (
    "Distribuidora Comercial Grupo Talleres Transportes Clínica Ferretería Sistemas "
    "Soluciones Industrias Servicios Consultora Constructora Laboratorios Farmacia "
    "Hotel Restaurante Panadería Textil Agro Logística Ingeniería Estudio Centro "
    "Instituto Colegio Editorial Imprenta Óptica Veterinaria Inmobiliaria Seguros "
    "Energía Metalúrgica Química Plásticos Maderas Muebles Calzados Bodegas Lácteos"
).split()
CORES = (
    "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín "
    "Jiménez Ruiz Hernández Díaz Moreno Álvarez Muñoz Romero Alonso Gutiérrez Navarro "
    "Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Suárez Molina Morales "
    "Ortega Delgado Castro Ortiz Rubio Marín Sanz Iglesias Núñez Medina Garrido "
    "Santos Castillo Cortés Lozano Guerrero Cano Prieto Méndez Cruz Flores Herrera "
    "Peña León Márquez Cabrera Gallego Calvo Vidal Campos Reyes Vega Fuentes Carrasco "
    "Diez Aguilar Caballero Nieto Santana Pascual Herrero Montero Lorenzo Hidalgo "
    "Giménez Ibáñez Ferrer Durán Silva Sousa Costa Oliveira Pereira Ferreira Almeida "
    "Carvalho Teixeira Mendes Nunes Lopes Marques Gomes Ribeiro Pinto Rocha Andina "
    "Pampeana Cantábrica Atlántica Mediterránea Ibérica Lusitana Patagónica Austral "
    "Boreal Levante Poniente Cordillera Litoral Meseta Ribera Sierra Valle Delta"
).split()
QUALIFIERS = (
    "del Sur|del Norte|del Este|del Oeste|Central|Integral|Global|Express|Premium|"
    "Hermanos|e Hijos|y Asociados|Madrid|Barcelona|Valencia|Sevilla|Bilbao|Córdoba|"
    "Rosario|Mendoza|Salta|Tucumán|Lisboa|Porto|Braga|Coimbra|Faro|Monterrey|"
    "Guadalajara|Puebla|Norte Grande|Digital|Tecnológica|Industrial|Moderna|Nueva|"
    "Unida|Regional|Nacional|Internacional|Plus|2000|21|Pro|Max|Uno|Dos|Tres"
).split("|")
FREE_MAIL = ("gmail.com", "hotmail.com", "yahoo.es", "outlook.com", "live.com")
# Mail providers of each market, in the addon's list (or Odoo's, for Mexico):
# thousands of prospects of the table write from each of them.
PROVIDER_MAIL = {
    "ES": ("telefonica.net", "terra.es", "gmx.es", "movistar.es", "ono.com"),
    "AR": ("hotmail.com.ar", "fibertel.com.ar", "arnet.com.ar", "speedy.com.ar"),
    "PT": ("iol.pt", "netcabo.pt", "clix.pt", "mail.telepac.pt"),
    "MX": ("prodigy.net.mx", "live.com.mx"),
}
PERSONS = "ana luis marta jorge sofia pablo ines rui joao carla diego lucia".split()


def slug(text):
    from odoo.addons.partner_network.tools.prospect_keys import name_key

    return (name_key(text) or "x").replace(" ", "")


def ratio(part, total):
    return f"{part / total:.3f}" if total else "n/a"


def make_prospect(rng, index, country, name):
    """One prospect as a company writes it about itself."""
    phone_prefix, mobile, suffix, forms = COUNTRIES[country]
    legal = rng.choice(forms)
    domain = f"{slug(name)}{index % 97}{suffix}"
    digits = "".join(rng.choice("0123456789") for _ in range(8))
    national = mobile.format(digits)[: {"ES": 9, "AR": 11, "PT": 9, "MX": 10}[country]]
    mailbox = rng.random()
    if mailbox < 0.7:
        email = f"{rng.choice(PERSONS)}@{domain}"
    elif mailbox < 0.85:
        email = f"{rng.choice(PERSONS)}.{index}@{rng.choice(FREE_MAIL)}"
    else:
        email = f"{slug(name)}.{index}@{rng.choice(PROVIDER_MAIL[country])}"
    return {
        "name": name,
        "legal": legal,
        "partner_name": f"{name} {legal}",
        "country": country,
        "vat": f"B{index:08d}" if country == "ES" else f"{30000000000 + index}",
        "domain": domain,
        "email": email,
        "company_mail": mailbox < 0.7,
        "website": f"https://www.{domain}/" if rng.random() < 0.5 else None,
        "phone_national": national,
        "phone": f"{phone_prefix} {national}" if rng.random() < 0.7 else None,
        "with_vat": rng.random() < 0.4,
    }


def generate_names(rng, count):
    """Distinct company names such as 'Talleres Gómez Ribera del Sur'."""
    names = set()
    while len(names) < count:
        parts = [rng.choice(PREFIXES), rng.choice(CORES)]
        if rng.random() < 0.6:
            parts.append(rng.choice(CORES))
        if rng.random() < 0.7:
            parts.append(rng.choice(QUALIFIERS))
        names.add(" ".join(parts))
    names = sorted(names)
    rng.shuffle(names)
    return names


def seed(env, rng, count):
    """COPY ``count`` leads with every stored key consistent; return their data."""
    from odoo.addons.iap.tools import iap_tools
    from odoo.addons.partner_network.tools import prospect_keys

    countries = {
        code: env["res.country"].search([("code", "=", code)]).id for code in COUNTRIES
    }
    company_id = env.company.id
    names = generate_names(rng, count + 2000)
    spare_names, names = names[count:], names[:count]
    buffer, prospects = io.StringIO(), []
    columns = (
        "name type active company_id priority partner_name contact_name email_from "
        "email_normalized email_domain_criterion phone phone_sanitized website "
        "registration_vat country_id registration_key_vat registration_key_website "
        "registration_key_name registration_key_name_heads registration_key_name_tails "
        "create_date write_date"
    ).split()

    def cell(value):
        if value is None or value is False:
            return r"\N"
        return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    for index, name in enumerate(names):
        country = rng.choice(list(COUNTRIES))
        prospect = make_prospect(rng, index, country, name)
        prospects.append(prospect)
        email = prospect["email"].lower()
        website_domain = prospect_keys.url_domain(prospect["website"])
        vat = prospect["vat"] if prospect["with_vat"] else None
        name_key = prospect_keys.name_key(prospect["partner_name"])
        phone_e164 = (
            COUNTRIES[country][0] + prospect["phone_national"]
            if prospect["phone"]
            else None
        )
        row = [
            f"Opportunity {prospect['partner_name']}",
            "opportunity",
            "t",
            company_id,
            "0",
            prospect["partner_name"],
            rng.choice(PERSONS).title(),
            email,
            email,
            iap_tools.mail_prepare_for_domain_search(email),
            prospect["phone"],
            phone_e164,
            prospect["website"],
            vat,
            countries[country],
            prospect_keys.vat_key(vat, country),
            website_domain,
            name_key,
            *prospect_keys.name_blocks(name_key),
            "2026-01-01 00:00:00",
            "2026-01-01 00:00:00",
        ]
        buffer.write("\t".join(cell(value) for value in row) + "\n")
    buffer.seek(0)
    env.cr.copy_expert(f"COPY crm_lead ({', '.join(columns)}) FROM STDIN", buffer)
    env.cr.execute(
        "SELECT id FROM crm_lead WHERE create_date = '2026-01-01' ORDER BY id"
    )
    for prospect, (lead_id,) in zip(prospects, env.cr.fetchall(), strict=True):
        prospect["id"] = lead_id
    env.cr.execute("ANALYZE crm_lead")
    return prospects, spare_names


def rewrite(rng, prospect):
    """The same prospect as another partner writes it; returns (values, kind)."""
    name = prospect["name"]
    style = rng.choice(("upper", "lower", "plain", "accentless"))
    if style == "upper":
        name = name.upper()
    elif style == "lower":
        name = name.lower()
    elif style == "accentless":
        import unicodedata

        name = "".join(
            c
            for c in unicodedata.normalize("NFKD", name)
            if not unicodedata.combining(c)
        )
    legal = rng.choice(COUNTRIES[prospect["country"]][3]).replace(
        ".", rng.choice(("", "."))
    )
    values = {"partner_name": f"{name}{rng.choice((',', ''))} {legal}"}
    kind = rng.choice(("name", "vat", "email", "phone"))
    if kind == "vat" and prospect["with_vat"]:
        vat = prospect["vat"]
        values["registration_vat"] = (
            f"ES {vat[0]}-{vat[1:]}"
            if prospect["country"] == "ES"
            else f"{vat[:2]}-{vat[2:10]}-{vat[10:]}"
        )
    elif kind == "email" and prospect["company_mail"]:
        values["email_from"] = f"otra.persona@{prospect['email'].split('@')[1].upper()}"
    elif kind == "phone" and prospect["phone"]:
        national = prospect["phone_national"]
        values["phone"] = " ".join(
            national[i : i + 3] for i in range(0, len(national), 3)
        )
    else:
        kind = "name"
        values["email_from"] = f"contacto.{rng.randrange(10**6)}@gmail.com"
    return values, kind


def similar_company(rng, prospect, spare_names, taken):
    """A distinct company whose name resembles an existing one: one of its
    words replaced by a different word of the vocabulary (not a spelling
    variant of it, which is what a duplicate check should catch)."""
    from odoo.addons.partner_network.tools.prospect_keys import name_key

    words = prospect["name"].split()
    while True:
        position = rng.randrange(1, len(words))
        replacement = rng.choice(rng.choice(spare_names).split())
        if len(replacement) < 4 or replacement in words:
            continue
        spelling = SequenceMatcher(
            None, name_key(replacement), name_key(words[position])
        ).ratio()
        if spelling > 0.5:
            continue
        words[position] = replacement
        key = name_key(" ".join(words))
        if key not in taken:
            taken.add(key)
            break
    if rng.random() < 0.5:
        # another shop writing from a mailbox at a provider, the same as the
        # prospect it resembles when it writes from one
        provider = (
            prospect["email"].split("@")[1]
            if prospect["email"].endswith(PROVIDER_MAIL[prospect["country"]])
            else rng.choice(PROVIDER_MAIL[prospect["country"]])
        )
        email = f"{slug(' '.join(words))}.{rng.randrange(10**6)}@{provider}"
    else:
        email = f"info.{rng.randrange(10**6)}@{slug(' '.join(words))}-nuevo.com"
    return {
        "partner_name": " ".join(words)
        + " "
        + rng.choice(COUNTRIES[prospect["country"]][3]),
        "email_from": email,
    }


def bench_duplicates(env, rng, prospects, spare_names, count, verbose=False):
    partner = env["res.partner"].create({"name": "Bench Sponsor"})
    spain = env.ref("base.es")
    from odoo.addons.partner_network.models.crm_lead_prospect import HINT_KINDS
    from odoo.addons.partner_network.tools.prospect_keys import name_key

    providers = {domain for domains in PROVIDER_MAIL.values() for domain in domains}

    def from_provider(email):
        return (email or "").rpartition("@")[2].lower() in providers

    taken = {name_key(p["name"]) for p in prospects}
    existing = rng.sample(prospects, count // 2)
    prospects_by_id = {prospect["id"]: prospect for prospect in existing}
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
    ours_ms, odoo_ms = [], []
    found = {"ours": 0, "odoo": 0}
    found_by_kind = {}
    false_positives = {"ours": 0, "odoo": 0}
    # registrations written from a provider's mailbox: [count, ours, Odoo]
    provider_found, provider_false = [0, 0, 0], [0, 0, 0]
    # registrations shown hints (not duplicates): similar names, mail provider
    hints = {"similar_name": 0, "mail_provider": 0}
    for position, (lead, (values, original, kind, _country)) in enumerate(
        zip(leads, labelled, strict=True)
    ):
        env.invalidate_all()

        def ours(lead=lead):
            start = time.perf_counter()
            result = lead._registration_find_duplicates()[lead.id]
            ours_ms.append((time.perf_counter() - start) * 1000)
            hinted = [k for k in result.values() if HINT_KINDS.issuperset(k)]
            for hint in hints:
                hints[hint] += any(hint in kinds for kinds in hinted)
            return {
                cid for cid, kinds in result.items() if not HINT_KINDS.issuperset(kinds)
            }

        def odoo(lead=lead):
            start = time.perf_counter()
            lead._compute_potential_lead_duplicates()
            odoo_ms.append((time.perf_counter() - start) * 1000)
            return set(lead.duplicate_lead_ids.ids) - {lead.id}

        # alternate which check runs first, so neither always gets a warm cache
        if position % 2:
            our_ids, odoo_ids = ours(), odoo()
        else:
            odoo_ids, our_ids = odoo(), ours()
        mailbox = from_provider(values.get("email_from"))
        if original:
            found["ours"] += original in our_ids
            found["odoo"] += original in odoo_ids
            hits = found_by_kind.setdefault(kind, [0, 0, 0])
            hits[0] += 1
            hits[1] += original in our_ids
            hits[2] += original in odoo_ids
            if from_provider(prospects_by_id[original]["email"]):
                provider_found[0] += 1
                provider_found[1] += original in our_ids
                provider_found[2] += original in odoo_ids
        else:
            if our_ids and verbose:
                matches = env["crm.lead"].browse(our_ids).mapped("partner_name")
                print(f"  false positive: {lead.partner_name!r} ~ {matches}")
            false_positives["ours"] += bool(our_ids)
            false_positives["odoo"] += bool(odoo_ids)
            if mailbox:
                provider_false[0] += 1
                provider_false[1] += bool(our_ids)
                provider_false[2] += bool(odoo_ids)
    existing_count, distinct_count = len(existing), count - len(existing)
    for kind, (total, ours_found, odoo_found) in sorted(found_by_kind.items()):
        print(
            f"  variants sharing {kind}: {total}, "
            f"ours found {ours_found}, Odoo found {odoo_found}"
        )
    total, ours_found, odoo_found = provider_found
    print(
        f"  variants of prospects writing from a provider's mailbox: {total}, "
        f"ours found {ours_found}, Odoo found {odoo_found}"
    )
    total, ours_flagged, odoo_flagged = provider_false
    print(
        f"  distinct companies writing from a provider's mailbox: {total}, "
        f"ours flagged {ours_flagged}, Odoo flagged {odoo_flagged}"
    )
    ours_p95, odoo_p95 = percentile(ours_ms, 0.95), percentile(odoo_ms, 0.95)
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
        ours_provider_mailbox_recall=ratio(provider_found[1], provider_found[0]),
        ours_provider_mailbox_false_positive_rate=ratio(
            provider_false[1], provider_false[0]
        ),
        ours_similar_names_shown_rate=f"{hints['similar_name'] / count:.3f}",
        ours_mail_provider_hints_shown_rate=f"{hints['mail_provider'] / count:.3f}",
    )
    return leads


def bench_expiry(registry, count, batch_size):
    import odoo
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        partner = env["res.partner"].create({"name": "Bench Expiry Partner"})
        user = env.ref("base.user_admin")
        activity_type = env.ref(
            "partner_network.mail_activity_type_registration_review"
        )
        model_id = env["ir.model"]._get_id("crm.lead")
        cr.execute(
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
        cr.execute(
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
                "model": model_id,
                "type": activity_type.id,
                "user": user.id,
            },
        )
        cron = env.ref("partner_network.ir_cron_crm_lead_registration_expire")
        progress_id = env["ir.cron.progress"].create({"cron_id": cron.id}).id
        partner_id = partner.id
    queries_before = odoo.sql_db.sql_counter
    start = time.perf_counter()
    calls = 0
    while True:
        calls += 1
        with registry.cursor() as cr:  # each call commits, as the cron runner does
            env = api.Environment(
                cr, SUPERUSER_ID, {"ir_cron_progress_id": progress_id}
            )
            env["crm.lead"]._cron_registration_expire(batch_size=batch_size)
            progress = env["ir.cron.progress"].browse(progress_id)
            remaining = progress.remaining
        if not remaining:
            break
    elapsed = time.perf_counter() - start
    queries = odoo.sql_db.sql_counter - queries_before
    with registry.cursor() as cr:
        cr.execute(
            "SELECT registration_state, count(*) FROM crm_lead "
            "WHERE registration_partner_id = %s GROUP BY 1",
            [partner_id],
        )
        states = dict(cr.fetchall())
        cr.execute(
            "SELECT count(*) FROM crm_lead_registration_lock l "
            "JOIN crm_lead c ON c.id = l.lead_id WHERE c.registration_partner_id = %s",
            [partner_id],
        )
        locks_left = cr.fetchone()[0]
    bench_line(
        "expiry",
        registrations=count,
        expired=states.get("expired", 0),
        batches=calls,
        batch_size=batch_size,
        seconds=f"{elapsed:.1f}",
        ms_per_registration=f"{elapsed * 1000 / count:.2f}",
        queries_per_registration=f"{queries / count:.2f}",
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
    odoo_env.require_odoo("for this benchmark")
    rng = random.Random(args.seed)
    with odoo_env.throwaway_database(
        DATABASE, ["partner_network"], demo=False
    ) as config:
        registry = odoo_env.registry(config, DATABASE)
        import odoo
        from odoo import SUPERUSER_ID, api

        start = time.perf_counter()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            prospects, spare_names = seed(env, rng, args.leads)
        print(f"  seeded {args.leads} leads in {time.perf_counter() - start:.0f}s")
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            bench_duplicates(
                env, rng, prospects, spare_names, args.registrations, args.verbose
            )
            cr.rollback()
        if args.expire:
            bench_expiry(registry, args.expire, args.batch_size)
        odoo.sql_db.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
