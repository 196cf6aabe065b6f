# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The data of bench_commission.py: this run's customers, registrants with a
10% rule, OCA agents paid 10%, the shared configuration, and the invoices of
a batch."""

import time
from datetime import date

KINDS = ("without", "ours", "oca")
RATE = 10.0
PRODUCTS = (("Bench Licence", 480.0), ("Bench Support", 95.0), ("Bench Days", 650.0))


def search_or_create(model, domain, values):
    return model.search(domain, limit=1) or model.create(values)


def payment_setup(env, company):
    """The bank journal's manual inbound method gets the chart's Outstanding
    Receipts account: payments then are journal entries reconciled with the
    invoices. Return the ids the payments and bills need."""
    bank = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    manual = bank.inbound_payment_method_line_ids.filtered(
        lambda line: line.payment_method_id.code == "manual"
    )[:1]
    if not manual.payment_account_id:
        manual.payment_account_id = env["account.chart.template"].ref(
            "account_journal_payment_debit_account_id"
        )
    purchase = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
    )
    return {"bank": bank.id, "method_line": manual.id, "purchase": purchase.id}


def active_partners(env, company, category, names, **values):
    """Partners named ``names`` in the network ``category``, active, each with
    an active agreement with ``company`` (``values`` are extra partner
    values)."""
    from odoo import Command  # noqa: PLC0415 - only where Odoo is needed

    partners = env["res.partner"].create(
        [
            {
                "name": name,
                "network_category_ids": [Command.set(category.ids)],
                "network_state": "active",
                **values,
            }
            for name in names
        ]
    )
    env["partner.network.agreement"].create(
        [
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "date_start": "2020-01-01",
                "state": "active",
            }
            for partner in partners
        ]
    )
    return partners


def our_registrants(env, company, tag, partners):
    """Sponsors with an active agreement and a 10% rule for sponsors."""
    sponsor = env.ref("partner_network.partner_network_category_sponsor")
    search_or_create(
        env["partner.commission.rule"],
        [("name", "=", "Bench sponsors")],
        {"name": "Bench sponsors", "partner_category_id": sponsor.id, "rate": RATE},
    )
    names = [f"Bench {tag} sponsor {index}" for index in range(partners)]
    return active_partners(env, company, sponsor, names)


def oca_agents(env, tag, partners):
    """OCA agents paid 10% of the untaxed line once the invoice is paid, and
    the product of their bills."""
    commission = search_or_create(
        env["commission"],
        [("name", "=", "Bench 10%")],
        {
            "name": "Bench 10%",
            "commission_type": "fixed",
            "fix_qty": RATE,
            "invoice_state": "paid",
            "settlement_type": "sale_invoice",
        },
    )
    agents = env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} agent {index}",
                "agent": True,
                "commission_id": commission.id,
                "settlement": "monthly",
            }
            for index in range(partners)
        ]
    )
    oca_product = search_or_create(
        env["product.product"],
        [("name", "=", "Bench OCA commission")],
        {"name": "Bench OCA commission", "type": "service", "purchase_ok": True},
    )
    return agents, oca_product


def batch_customers(env, tag, customers, agents):
    """``customers`` customers of each batch; those of ``oca`` have an agent."""
    from odoo import Command  # noqa: PLC0415

    by_kind = {}
    for kind in KINDS:
        by_kind[kind] = env["res.partner"].create(
            [
                {
                    "name": f"Bench {tag} {kind} customer {index:04d}",
                    "is_company": True,
                    "agent_ids": [Command.set(agents[index % len(agents)].ids)]
                    if kind == "oca"
                    else [],
                }
                for index in range(customers)
            ]
        )
    return by_kind


def accept_registrations(env, company, customers, registrants):
    """An accepted registration of each of ``customers``, by ``registrants``
    in turn."""
    registrations = env["crm.lead"].create(
        [
            {
                "name": f"Deal {customer.name}",
                "type": "opportunity",
                "company_id": company.id,
                "registration_partner_id": registrants[index % len(registrants)].id,
                "partner_id": customer.id,
                "partner_name": customer.name,
                "registration_vat": f"X{customer.id}",
                "registration_need": "ERP",
                "registration_budget": 10000.0,
                "registration_implementation_date": "2099-01-01",
            }
            for index, customer in enumerate(customers)
        ]
    )
    registrations.action_registration_submit()
    registrations.action_registration_accept("internal")


def prepare(env, customers, partners):
    """Create this run's customers, registrants, agents and the shared
    configuration; return the ids the batches need."""
    tag = time.strftime("%Y%m%d%H%M%S")
    company = env.company
    products = env["product.product"]
    for name, price in PRODUCTS:
        products |= search_or_create(
            env["product.product"],
            [("name", "=", name)],
            {"name": name, "type": "service", "list_price": price},
        )
    setup = payment_setup(env, company)
    registrants = our_registrants(env, company, tag, partners)
    agents, oca_product = oca_agents(env, tag, partners)
    by_kind = batch_customers(env, tag, customers, agents)
    accept_registrations(env, company, by_kind["ours"], registrants)
    # what an interrupted run left to settle is not this run's work
    env["partner.commission.settlement"]._create_settlements(date_to=date.today())
    env["commission.make.settle"].create(
        {"date_to": date.today(), "settlement_type": "sale_invoice"}
    ).action_settle()
    return {
        **setup,
        "customers": {kind: partners.ids for kind, partners in by_kind.items()},
        "products": products.ids,
        "tax": company.account_sale_tax_id.ids,
        "oca_product": oca_product.id,
    }


def invoice_values(setup, rng, count, customers):
    """``count`` invoices of 3 lines for ``customers`` in turn; the same
    ``rng`` state gives the same amounts to every batch of a round."""
    from odoo import Command
    from odoo.fields import Date

    today = date.today()
    invoice_date = Date.subtract(today.replace(day=1), months=1)
    values = []
    for index in range(count):
        lines = [
            Command.create(
                {
                    "product_id": product_id,
                    "quantity": rng.randint(1, 5),
                    "price_unit": round(rng.uniform(20.0, 900.0), 2),
                    "tax_ids": [Command.set(setup["tax"])],
                }
            )
            for product_id in setup["products"]
        ]
        values.append(
            {
                "move_type": "out_invoice",
                "partner_id": customers[index % len(customers)],
                "invoice_date": invoice_date,
                "invoice_line_ids": lines,
            }
        )
    return values
