# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo-like data at scale for the load test, written through the ORM in
batches (one transaction per batch): portal partners with their users,
registrations in every state, paid invoices with their commission ledger,
settlements, and invoices left to pay by the back office."""

import random
import time
from datetime import date, timedelta

from bench_commission_phases import register_payments
from bench_commission_setup import (
    active_partners,
    invoice_values,
    payment_setup,
    search_or_create,
)
from bench_common import in_transaction
from clone import clone_paid_invoices

PASSWORD = "load-portal"
BATCH = 500
RATE = 10.0
# share of the registrations in each state (the rest are rejected)
ACCEPTED, SUBMITTED, EXPIRED = 0.10, 0.10, 0.20
PRODUCTS = (("Load Licence", 480.0), ("Load Support", 95.0), ("Load Days", 650.0))


def login_of(index):
    return f"load.partner.{index:04d}"


def prepare(env, partners):
    """The commission rule, the products and bank set-up, and ``partners``
    active resellers each with a portal user; return the ids the batches
    need."""
    company = env.company
    company.commission_hold_days = 0
    reseller = env.ref("partner_network.partner_network_category_reseller")
    search_or_create(
        env["partner.commission.rule"],
        [("name", "=", "Load resellers")],
        {"name": "Load resellers", "partner_category_id": reseller.id, "rate": RATE},
    )
    products = env["product.product"].create(
        [{"name": name, "type": "service", "list_price": p} for name, p in PRODUCTS]
    )
    names = [f"Load Reseller {index:04d}" for index in range(partners)]
    companies = active_partners(env, company, reseller, names, is_company=True)
    portal_users(env, companies)
    return {
        **payment_setup(env, company),
        "partners": companies.ids,
        "products": products.ids,
        "tax": company.account_sale_tax_id.ids,
    }


def portal_users(env, companies):
    """A portal user for a contact of each company; all share one password,
    hashed once (hashing it per user would take minutes)."""
    from odoo import Command  # noqa: PLC0415

    contacts = env["res.partner"].create(
        [{"name": f"Contact of {c.name}", "parent_id": c.id} for c in companies]
    )
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "login": login_of(index),
                    "partner_id": contact.id,
                    "groups_id": [Command.set(env.ref("base.group_portal").ids)],
                }
                for index, contact in enumerate(contacts)
            ]
        )
    )
    hashed = users._crypt_context().hash(PASSWORD)
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s", (hashed, tuple(users.ids))
    )


def partner_of(index, partners):
    """The partner of registration ``index``: every partner gets a share of
    each state (the state follows ``index % 100``; following
    ``index % len(partners)`` alone, 200 partners would each get the states
    of one residue, and only a tenth of them any accepted deal)."""
    return partners[(index // 100 + index) % len(partners)]


def registration_values(index, partner_id, today):
    """One registration of ``partner_id``; its state follows ``index``."""
    share = (index % 100) / 100
    values = {
        "name": f"Load deal {index:05d}",
        "type": "opportunity",
        "partner_name": f"Load Prospect {index:05d} Industries",
        "contact_name": f"Buyer {index:05d}",
        "registration_partner_id": partner_id,
        "registration_need": "An ERP for the load test",
        "registration_budget": 1000.0 + index,
        "registration_implementation_date": today + timedelta(days=90),
        "registration_date": f"{today - timedelta(days=20)} 09:00:00",
    }
    if share < ACCEPTED:
        values.update(
            registration_state="accepted",
            registration_channel="internal",
            registration_decision_date=f"{today - timedelta(days=10)} 09:00:00",
            registration_protected_until=today + timedelta(days=90),
        )
    elif share < ACCEPTED + SUBMITTED:
        # half of them past their deadline: work for the expiry cron
        late = index % 2
        values.update(
            registration_state="submitted",
            registration_deadline=today + timedelta(days=-3 if late else 14),
        )
    elif share < ACCEPTED + SUBMITTED + EXPIRED:
        values["registration_state"] = "expired"
    else:
        values["registration_state"] = "rejected"
    return values


def create_registrations(env, setup, start, stop):
    """Registrations ``start`` to ``stop``; the accepted ones get their
    prospect as a customer (the invoices go to them)."""
    today = date.today()
    partners = setup["partners"]
    values = [
        registration_values(index, partner_of(index, partners), today)
        for index in range(start, stop)
    ]
    accepted = [v for v in values if v["registration_state"] == "accepted"]
    customers = env["res.partner"].create(
        [{"name": v["partner_name"], "is_company": True} for v in accepted]
    )
    for vals, customer in zip(accepted, customers, strict=True):
        vals["partner_id"] = customer.id
    env["crm.lead"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    ).create(values)
    return customers.ids


def create_invoices(env, setup, customers, count, seed):
    """``count`` posted invoices of ``customers``; return their ids."""
    values = invoice_values(setup, random.Random(seed), count, customers)
    moves = env["account.move"].create(values)
    moves.action_post()
    return moves.ids


def settle(env):
    """Mature the ledger, settle it, approve half and bill a quarter."""
    env["partner.commission.line"]._cron_mature()
    settlements = env["partner.commission.settlement"]._create_settlements(
        date_to=date.today()
    )
    approved = settlements[: len(settlements) // 2]
    approved.action_approve()
    approved[: len(approved) // 2].action_create_bills()
    return settlements.ids


def crons_every_minute(env):
    """The expiry and settlement crons due now and every minute: the cron
    worker runs them during the traffic."""
    for xmlid in (
        "partner_network.ir_cron_crm_lead_registration_expire",
        "partner_commission.ir_cron_partner_commission_settlement_create",
    ):
        env.ref(xmlid).write(
            {
                "interval_number": 1,
                "interval_type": "minutes",
                "nextcall": env.cr.now(),
                "active": True,
            }
        )


def seed(registry, scale):
    """Write the data of ``scale`` (a Scale); return what the traffic needs."""
    began = time.monotonic()
    setup = in_transaction(registry, prepare, scale.partners)
    customers = []
    for start in range(0, scale.registrations, BATCH):
        stop = min(start + BATCH, scale.registrations)
        customers += in_transaction(registry, create_registrations, setup, start, stop)
    print(f"  {scale.registrations} registrations in {time.monotonic() - began:.0f}s")
    # the invoices go to customers in turn: shuffled, they spread over the
    # partners instead of falling to those of the first registrations
    random.Random(0).shuffle(customers)
    paid = []
    base = min(scale.invoices, max(50, scale.invoices // 20))
    for start in range(0, base, BATCH // 2):
        count = min(BATCH // 2, base - start)
        ids = in_transaction(registry, create_invoices, setup, customers, count, start)
        register_payments(registry, setup, ids)
        paid += ids
    copies = -(-scale.invoices // base) - 1
    cloned = in_transaction(registry, clone_paid_invoices, paid, copies)
    print(
        f"  {len(paid)} paid invoices, {cloned} copies in "
        f"{time.monotonic() - began:.0f}s",
        flush=True,
    )
    in_transaction(
        registry, create_invoices, setup, customers, scale.unpaid, scale.invoices
    )
    setup["settlements"] = in_transaction(registry, settle)
    in_transaction(registry, crons_every_minute)
    print(f"  seeded in {time.monotonic() - began:.0f}s", flush=True)
    return setup
