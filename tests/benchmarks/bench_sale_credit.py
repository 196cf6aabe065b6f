#!/usr/bin/env python3
"""Benchmark what crediting invoices through their orders costs Odoo's invoicing.

One throwaway PostgreSQL cluster holds two databases without demo data:

* ``without``: ``sale_crm`` and the core addons (``partner_network``,
  ``partner_commission``): Odoo's own invoicing of sale orders;
* ``with``: the same plus ``partner_network_sale`` (and
  ``partner_commission_sale``, installed with it): every order is credited
  to an accepted registration of its customer, and its invoice carries it.

In each database the script confirms orders of 3 lines (``--customers``
customers, one order each in turn), then creates and posts their invoices
with ``sale.order._create_invoices(grouped=True)`` (one invoice per order)
and ``action_post()`` in one call, timed, at 100 and at 1,000 orders. The two
databases take turns (``--rounds`` of 100, then one batch of 1,000), so that
both see the same load of a shared machine.

The last line, ``BENCH sale_credit``, gives at 1,000 orders the seconds per
invoice of both, our overhead per invoice (ms, wall and CPU of this process)
and as a fraction of Odoo's own invoicing time (target at most 5%), and the
queries per invoice of both at 100 and 1,000 orders (ours must not grow).
"""

import argparse
import hashlib
import statistics
from pathlib import Path

from bench_common import Clock, bench_line, in_transaction, odoo_env, seeded

CORE = ("sale_crm", "partner_network", "partner_commission")
DATABASES = {"without": CORE, "with": (*CORE, "partner_network_sale")}
TARGET = 0.05


def seed_network(env, customers):
    """Products, customers and, with our addons, an accepted registration of
    a sponsor for each customer; return their ids."""
    products = env["product.product"].create(
        [
            {
                "name": f"Bench service {index}",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 100.0 * (index + 1),
            }
            for index in range(3)
        ]
    )
    partners = env["res.partner"].create(
        [
            # names that share no trigram: no registration is another's duplicate
            {
                "name": hashlib.sha1(str(index).encode()).hexdigest()[:12].upper(),
                "is_company": True,
            }
            for index in range(customers)
        ]
    )
    registrations = {}
    if "registration_id" in env["sale.order"]._fields:
        registrations = seed_registrations(env, partners)
    return products.ids, partners.ids, registrations


def seed_registrations(env, customers):
    """An accepted registration of an active sponsor for each customer."""
    from odoo import Command  # noqa: PLC0415 - only where Odoo is needed

    sponsor = env["res.partner"].create(
        {
            "name": "Bench sponsor",
            "network_category_ids": [
                Command.set(
                    env.ref("partner_network.partner_network_category_sponsor").ids
                )
            ],
            "network_state": "active",
        }
    )
    env["partner.network.agreement"].sudo().create(
        {
            "partner_id": sponsor.id,
            "company_id": env.company.id,
            "date_start": "2020-01-01",
            "state": "active",
        }
    )
    leads = env["crm.lead"].create(
        [
            {
                "name": f"Deal {customer.name}",
                "type": "opportunity",
                "registration_partner_id": sponsor.id,
                "partner_id": customer.id,
                "partner_name": customer.name,
                "email_from": f"buyer@bench-customer-{customer.id}.example.com",
                "registration_need": "ERP",
                "registration_budget": 10000.0,
                "registration_implementation_date": "2099-01-01",
            }
            for customer in customers
        ]
    )
    leads.action_registration_submit()
    leads.action_registration_accept("internal")
    return dict(zip(customers.ids, leads.ids, strict=True))


def confirmed_orders(env, seed, count):
    """``count`` confirmed orders of 3 lines; return their ids."""
    from odoo import Command  # noqa: PLC0415

    products, customers, registrations = seed
    values = []
    for index in range(count):
        customer = customers[index % len(customers)]
        order = {
            "partner_id": customer,
            "order_line": [
                Command.create({"product_id": product, "product_uom_qty": 2})
                for product in products
            ],
        }
        if registrations:
            order["registration_id"] = registrations[customer]
        values.append(order)
    orders = env["sale.order"].create(values)
    orders.action_confirm()
    return orders.ids


def invoice(env, order_ids):
    """Create and post the invoices of the orders, timed."""
    orders = env["sale.order"].browse(order_ids)
    with Clock() as clock:
        invoices = orders._create_invoices(grouped=True)
        invoices.action_post()
        env.flush_all()
    if len(invoices) != len(orders):
        raise SystemExit(f"{len(invoices)} invoices for {len(orders)} orders")
    return clock.figures


def measure(registries, seeds, count):
    """Invoice ``count`` new orders in each database in turn; return
    ``{name: (seconds, cpu, queries)}`` per invoice."""
    figures = {}
    for name, registry in registries.items():
        orders = in_transaction(registry, confirmed_orders, seeds[name], count)
        seconds, cpu, queries = in_transaction(registry, invoice, orders)
        figures[name] = (seconds / count, cpu / count, queries / count)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    odoo_env.require_odoo("for this benchmark")
    with odoo_env.throwaway_cluster() as cluster:
        root = Path(cluster["root"])
        config = odoo_env.write_config(root / "odoo.conf", cluster, root / "data")
        for name, addons in DATABASES.items():
            odoo_env.install(config, name, addons, demo=False)
        # Odoo parses its configuration once: the second registry is opened
        # directly, with the same configuration
        first, second = DATABASES
        registries = {first: odoo_env.registry(config, first)}
        registries[second] = type(registries[first])(second)
        seeds = {
            name: seeded(registry, f"{name}: network", seed_network, args.customers)
            for name, registry in registries.items()
        }
        measure(registries, seeds, 20)  # warm-up: caches, first queries
        small = [measure(registries, seeds, 100) for _round in range(args.rounds)]
        large = measure(registries, seeds, 1000)
        report(small, large)


def report(small, large):
    """Print the figures of each batch and the closing BENCH line."""
    for label, figures in [
        *((f"100 #{i}", f) for i, f in enumerate(small)),
        ("1000", large),
    ]:
        print(
            f"  {label}: "
            + ", ".join(
                f"{name} {s * 1000:.1f} ms ({cpu * 1000:.1f} cpu) {q:.1f} q/inv"
                for name, (s, cpu, q) in figures.items()
            ),
            flush=True,
        )
    base_s, base_cpu, base_q = large["without"]
    ours_s, ours_cpu, ours_q = large["with"]
    small_q = {
        name: statistics.median(round_[name][2] for round_ in small)
        for name in DATABASES
    }
    overhead = ours_s - base_s
    fraction = overhead / base_s
    bench_line(
        "sale_credit",
        orders=1000,
        lines=3,
        odoo_ms_per_invoice=f"{base_s * 1000:.1f}",
        ours_ms_per_invoice=f"{ours_s * 1000:.1f}",
        overhead_ms_per_invoice=f"{overhead * 1000:.2f}",
        overhead_cpu_ms_per_invoice=f"{(ours_cpu - base_cpu) * 1000:.2f}",
        overhead_fraction=f"{fraction:.3f}",
        target=f"{TARGET:.2f}",
        within_target=fraction <= TARGET,
        odoo_queries_per_invoice_100=f"{small_q['without']:.1f}",
        odoo_queries_per_invoice_1000=f"{base_q:.1f}",
        ours_queries_per_invoice_100=f"{small_q['with']:.1f}",
        ours_queries_per_invoice_1000=f"{ours_q:.1f}",
    )


if __name__ == "__main__":
    main()
