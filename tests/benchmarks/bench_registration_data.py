# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The data of bench_registration.py: a CRM of varied prospects seeded by
COPY, and the new registrations people write about them."""

import io
import unicodedata
from difflib import SequenceMatcher

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
PROVIDERS = {domain for domains in PROVIDER_MAIL.values() for domain in domains}
PERSONS = "ana luis marta jorge sofia pablo ines rui joao carla diego lucia".split()


def slug(text):
    from odoo.addons.partner_network.tools.prospect_keys import name_key

    return (name_key(text) or "x").replace(" ", "")


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


LEAD_COLUMNS = (
    "name type active company_id priority partner_name contact_name email_from "
    "email_normalized email_domain_criterion phone phone_sanitized website "
    "registration_vat country_id registration_key_vat registration_key_website "
    "registration_key_name registration_key_name_heads registration_key_name_tails "
    "create_date write_date"
).split()


def cell(value):
    """``value`` as a cell of COPY's text format."""
    if value is None or value is False:
        return r"\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def lead_row(rng, prospect, country_id, company_id):
    """The LEAD_COLUMNS of ``prospect``'s lead, with the keys Odoo and the
    addon derive from it."""
    from odoo.addons.iap.tools import iap_tools
    from odoo.addons.partner_network.tools import prospect_keys

    country = prospect["country"]
    email = prospect["email"].lower()
    vat = prospect["vat"] if prospect["with_vat"] else None
    name_key = prospect_keys.name_key(prospect["partner_name"])
    phone_e164 = (
        COUNTRIES[country][0] + prospect["phone_national"]
        if prospect["phone"]
        else None
    )
    return [
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
        country_id,
        prospect_keys.vat_key(vat, country),
        prospect_keys.url_domain(prospect["website"]),
        name_key,
        *prospect_keys.name_blocks(name_key),
        "2026-01-01 00:00:00",
        "2026-01-01 00:00:00",
    ]


def seed(env, rng, count):
    """COPY ``count`` leads with every stored key consistent; return their
    data and names left for distinct companies."""
    countries = {
        code: env["res.country"].search([("code", "=", code)]).id for code in COUNTRIES
    }
    names = generate_names(rng, count + 2000)
    spare_names, names = names[count:], names[:count]
    buffer, prospects = io.StringIO(), []
    for index, name in enumerate(names):
        country = rng.choice(list(COUNTRIES))
        prospect = make_prospect(rng, index, country, name)
        prospects.append(prospect)
        row = lead_row(rng, prospect, countries[country], env.company.id)
        buffer.write("\t".join(cell(value) for value in row) + "\n")
    buffer.seek(0)
    env.cr.copy_expert(f"COPY crm_lead ({', '.join(LEAD_COLUMNS)}) FROM STDIN", buffer)
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
