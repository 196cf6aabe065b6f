# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import closing

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.crm_lead_prospect import MATCH_LISTS
from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationDuplicates(RegistrationCommon):
    """The same prospect written differently is recognized on each key."""

    def _reasons(self, registration, field="registration_duplicate_ids"):
        """{candidate: match reason} as the reviewer reads them."""
        duplicates = registration[field].with_context(
            registration_match_lead_id=registration.id
        )
        return {lead: lead.registration_match_reason for lead in duplicates}

    def _pair(self, first_values, second_values):
        neutral = {"registration_vat": False, "country_id": self.spain.id}
        first = self._new_registration(self.sponsor, **{**neutral, **first_values})
        second = self._new_registration(self.promoter, **{**neutral, **second_values})
        return first, second

    def test_vat_written_differently(self):
        """'ES B-12345674' and 'esb12345674' are the same tax ID."""
        first, second = self._pair(
            {"partner_name": "Uno", "registration_vat": "ES B-12345674"},
            {"partner_name": "Dos", "registration_vat": "esb12345674"},
        )
        self.assertEqual(self._reasons(second), {first: "same tax ID"})

    def test_argentine_cuit_with_and_without_dashes_and_prefix(self):
        """A CUIT matches with dashes, without them and with the AR prefix."""
        first, _second = self._pair(
            {
                "partner_name": "Uno",
                "registration_vat": "30-71234567-1",
                "country_id": self.argentina.id,
            },
            {"partner_name": "Dos", "registration_vat": "AR30712345671"},
        )
        third = self._new_registration(
            self.reseller,
            partner_name="Tres",
            registration_vat="30712345671",
            country_id=False,
        )
        self.assertIn(first, third.registration_duplicate_ids)
        self.assertEqual(self._reasons(third)[first], "same tax ID")

    def test_company_name_without_case_accents_punctuation_legal_form(self):
        """'ACME Sistemas, S.A.' and 'Acme sistemas SA' are the same company."""
        first, second = self._pair(
            {"partner_name": "ACME Sistemas, S.A.", "phone": "+34 911 000 001"},
            {"partner_name": "Acme sistemas SA", "phone": "+34 911 000 002"},
        )
        self.assertEqual(self._reasons(second), {first: "same company name"})
        accented, _other = self._pair(
            {"partner_name": "Sistemas Peñalara, S.L.", "phone": "+34 911 000 003"},
            {"partner_name": "Otra", "phone": "+34 911 000 004"},
        )
        plain = self._new_registration(
            self.reseller, partner_name="SISTEMAS PENALARA SL", registration_vat=False
        )
        self.assertEqual(self._reasons(plain), {accented: "same company name"})

    def test_similar_company_name(self):
        """A typo makes a similar-name candidate; another company does not."""
        if not self.registry.has_trigram:
            self.skipTest("PostgreSQL has no pg_trgm in this database")
        first, second = self._pair(
            {
                "partner_name": "Distribuidora Andina de Software",
                "phone": "+34 911 000 005",
            },
            {
                "partner_name": "Distribuidora Andina de Sofware",
                "phone": "+34 911 000 006",
            },
        )
        self.assertEqual(
            self._reasons(second, "registration_similar_ids"),
            {first: "similar company name"},
        )
        self.assertFalse(second.registration_duplicate_ids)
        unrelated = self._new_registration(
            self.reseller, partner_name="Panadería La Espiga", registration_vat=False
        )
        self.assertNotIn(first, unrelated.registration_similar_ids)

    def test_email_domain_of_another_person(self):
        """Two people of the same company domain point to the same prospect."""
        first, second = self._pair(
            {"partner_name": "Uno", "email_from": "ana@acme-sistemas.es"},
            {"partner_name": "Dos", "email_from": "Luis <luis@ACME-Sistemas.es>"},
        )
        self.assertEqual(self._reasons(second), {first: "same web domain"})

    def test_website_matches_email_domain(self):
        """'www.Acme.com/' as website matches an email at acme.com."""
        first, second = self._pair(
            {
                "partner_name": "Uno",
                "website": "https://www.Acme-Sistemas.com/contacto",
            },
            {"partner_name": "Dos", "email_from": "ventas@acme-sistemas.com"},
        )
        self.assertEqual(self._reasons(second), {first: "same web domain"})

    def test_free_mail_domains_ignored(self):
        """Two prospects on gmail.com are not the same company."""
        first, second = self._pair(
            {"partner_name": "Uno", "email_from": "ana.uno@gmail.com"},
            {"partner_name": "Dos", "email_from": "luis.dos@gmail.com"},
        )
        self.assertNotIn(first, second.registration_duplicate_ids)

    def test_phone_written_differently(self):
        """'+34 600 000 000' and '600000000' in Spain are the same phone."""
        first, second = self._pair(
            {"partner_name": "Uno", "phone": "+34 600 000 000"},
            {"partner_name": "Dos", "phone": "600000000"},
        )
        self.assertEqual(self._reasons(second), {first: "same phone"})

    def test_several_reasons_and_company_scope(self):
        """All matching keys are listed; another company's leads are not candidates."""
        first = self._new_registration(self.sponsor, email_from="a@acme-sistemas.es")
        second = self._new_registration(self.promoter, email_from="b@acme-sistemas.es")
        other_company = self._new_registration(
            self.reseller, company_id=self.company_b.id
        )
        self.assertEqual(
            self._reasons(second),
            {first: "same tax ID, same web domain, same company name"},
        )
        self.assertNotIn(other_company, second.registration_duplicate_ids)

    def test_match_column_of_the_form(self):
        """The form's lists say what each candidate matched, read as the web
        client reads them: with the form view's specification, no context."""
        first, second = self._pair(
            {"partner_name": "Uno", "email_from": "ana@acme-sistemas.es"},
            {"partner_name": "Dos", "email_from": "luis@acme-sistemas.es"},
        )
        hint = self._new_registration(
            self.reseller,
            partner_name="Tres",
            registration_vat=False,
            email_from="tres@telefonica.net",
        )
        second.email_from = "dos@telefonica.net"
        second.website = "www.acme-sistemas.es"
        [values] = self._read_as_web_client(second.with_user(self.user_a))
        self.assertEqual(
            [
                (row["id"], row["registration_match_reason"])
                for row in values["registration_duplicate_ids"]
            ],
            [(first.id, "same web domain")],
        )
        self.assertEqual(
            [
                (row["id"], row["registration_match_reason"])
                for row in values["registration_similar_ids"]
            ],
            [(hint.id, "same mail provider")],
        )

    def _read_as_web_client(self, lead):
        """Read the candidate lists of ``lead`` as the web client reads them
        for its form: the columns of each list, with the list's context as
        the client evaluates it before knowing the record (none here)."""
        arch = lead.get_views([(False, "form")])["views"]["form"]["arch"]
        specification = {}
        for name in MATCH_LISTS:
            [node] = etree.fromstring(arch).xpath(f"//field[@name='{name}']")
            self.assertFalse(node.get("context"))
            columns = node.xpath("./list/field/@name")
            specification[name] = {
                "fields": {column: {} for column in columns},
                "limit": 40,
            }
        return lead.web_read(specification)

    def test_duplicate_check_is_index_lookups(self):
        """Checking a prospect costs the same few queries whatever the table size."""
        registrations = self.env["crm.lead"]
        for index in range(30):
            registrations |= self._new_registration(
                self.sponsor,
                partner_name=f"Empresa {index}",
                registration_vat=f"B{index:08d}",
            )
        target = registrations[0]
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            target._registration_find_duplicates()
        explain = self._explain(target)
        self.assertNotIn("Seq Scan on crm_lead", explain)

    def _explain(self, lead):
        """Query plan of the duplicate check with sequential scans disfavoured,
        as on a large table."""
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", lead._registration_duplicate_query()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute("SET LOCAL enable_seqscan = on")
        return plan


@tagged("post_install", "-at_install")
class TestRegistrationLock(RegistrationCommon):
    """At most one registration holds a prospect while submitted or protected."""

    def test_second_registration_refused_without_naming_the_first(self):
        """Another partner's submission of the same prospect is refused anonymously."""
        self._submitted(self.sponsor)
        second = self._new_registration(
            self.promoter,
            partner_name="Acme sistemas SA",
            registration_vat="esb12345674",
        )
        with self.assertRaises(UserError) as refusal, self.cr.savepoint():
            second.action_registration_submit()
        message = str(refusal.exception)
        self.assertIn("already registered in the partner network", message)
        for name in (self.sponsor.name, self.promoter.name, self.reseller.name):
            self.assertNotIn(name, message)
        self.assertEqual(second.registration_state, "draft")

    def test_lock_on_any_key(self):
        """A match on the phone alone is enough to refuse."""
        self._submitted(self.sponsor, registration_vat=False, phone="+34 600 111 222")
        second = self._new_registration(
            self.promoter,
            partner_name="Nombre Distinto",
            registration_vat=False,
            phone="600111222",
        )
        with self.assertRefused(UserError, "same phone"):
            second.action_registration_submit()

    def test_lock_is_freed_by_each_closing_decision(self):
        """Rejection, expiry and release each free the prospect."""
        closers = {
            "rejected": lambda lead: lead.action_registration_reject("not_fit"),
            "expired": lambda lead: lead._registration_expire(),
            "released": lambda lead: (
                lead.action_registration_accept("internal"),
                lead.action_registration_release(),
            ),
        }
        for state, close in closers.items():
            with self.subTest(state=state), closing(self.cr.savepoint()):
                first = self._submitted(self.sponsor)
                close(first)
                self.assertEqual(first.registration_state, state)
                second = self._submitted(self.promoter)
                self.assertEqual(second.registration_state, "submitted")

    def test_accepted_registration_keeps_the_lock(self):
        """Acceptance keeps the prospect protected."""
        first = self._submitted(self.sponsor)
        first.action_registration_accept("internal")
        second = self._new_registration(self.promoter)
        with self.assertRefused(UserError, "already registered"):
            second.action_registration_submit()

    def test_lock_is_per_company(self):
        """Another master company's registration does not lock this company's."""
        self._new_agreement(
            self.promoter,
            company=self.company_b,
            date_start="2020-01-01",
            state="active",
        )
        self._submitted(self.sponsor)
        other = self._submitted(self.promoter, company_id=self.company_b.id)
        self.assertEqual(other.registration_state, "submitted")

    def test_editing_into_a_locked_prospect_refused(self):
        """Changing a submitted registration's keys onto another's prospect fails."""
        self._submitted(self.sponsor)
        other = self._submitted(
            self.promoter, partner_name="Beta SL", registration_vat="B87654321"
        )
        with self.assertRefused(UserError, "already registered"):
            other.registration_vat = "ESB12345674"

    def test_lock_rows_follow_the_state(self):
        """The lock table holds keys only while the registration is locked."""
        registration = self._submitted(self.sponsor, email_from="x@acme-sistemas.es")
        locks = self.env["crm.lead.registration.lock"].search(
            [("lead_id", "=", registration.id)]
        )
        company = self.company_a.id
        self.assertEqual(
            set(locks.mapped("key")),
            {
                f"{company}:vat:B12345674",
                f"{company}:domain:acme-sistemas.es",
                f"{company}:name:acme sistemas",
            },
        )
        registration.action_registration_reject("duplicate")
        self.assertFalse(locks.exists())

    def test_keys_taken_in_one_order(self):
        """Keys are inserted sorted, whatever order they come in: two workers
        submitting the same prospect at once wait for each other instead of
        deadlocking (each holding a key the other wants), which the load
        test found as 'deadlock detected' errors."""
        lead = self._new_registration(self.sponsor)
        keys = [f"{self.company_a.id}:name:prospect {index:02d}" for index in range(20)]
        Lock = self.env["crm.lead.registration.lock"]
        self.assertFalse(Lock._hold(lead, {(lead.id, key) for key in reversed(keys)}))
        locks = Lock.search([("lead_id", "=", lead.id)], order="id")
        self.assertEqual(locks.mapped("key"), keys)


@tagged("post_install", "-at_install")
class TestAcceptedByCustomer(RegistrationCommon):
    """The accepted registrations of a customer, as order conflicts and
    invoice attribution look them up."""

    def _accepted(self, partner, **values):
        registration = self._submitted(partner, **values)
        registration.action_registration_accept("internal")
        return registration

    def test_by_contact_or_tax_id_in_the_companies(self):
        """A customer's accepted registrations are those of its contacts or of
        its tax id however written, oldest first, of the given companies or of
        none; submitted ones and other companies' are not."""
        customer = self.env["res.partner"].create(
            {"name": "Cliente Clave SA", "is_company": True, "vat": "ES A-28015865"}
        )
        contact = self.env["res.partner"].create(
            {"name": "Compras", "parent_id": customer.id}
        )
        other = self.env["res.partner"].create(
            {"name": "Otro Cliente SL", "is_company": True}
        )
        self._new_agreement(
            self.promoter,
            company=self.company_b,
            date_start="2020-01-01",
            state="active",
        )
        by_contact = self._accepted(
            self.sponsor,
            partner_id=contact.id,
            partner_name="Clave Compras",
            registration_vat=False,
            phone="+34 911 100 001",
        )
        by_tax_id = self._accepted(
            self.promoter, partner_name="Clave Norte", registration_vat="esa28015865"
        )
        self._submitted(
            self.reseller,
            partner_id=customer.id,
            partner_name="Clave Sur",
            registration_vat=False,
            phone="+34 911 100 002",
        )
        self._accepted(
            self.promoter,
            company_id=self.company_b.id,
            partner_id=customer.id,
            partner_name="Clave Oeste",
            registration_vat=False,
            phone="+34 911 100 003",
        )
        found = self.env["crm.lead"]._registration_accepted_by_customer(
            customer + other, self.company_a
        )
        self.assertEqual(set(found), {customer.id, other.id})
        self.assertEqual(found[customer.id].ids, (by_contact + by_tax_id).ids)
        self.assertFalse(found[other.id])
