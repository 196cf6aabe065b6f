# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import html
from markupsafe import escape

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import html2plaintext, mute_logger

from .common import PageAssertions
from .registration_common import RegistrationCommon

VALID_FORM = {
    "partner_name": "Portal Prospect Foods, S.L.",
    "contact_name": "Ana Compras",
    "registration_vat": "ESB87654321",
    "email_from": "ana@portal-prospect-foods.example.com",
    "phone": "+34 911 222 333",
    "website": "www.portal-prospect-foods.example.com",
    "registration_need": "Warehouse management for 2 sites",
    "registration_budget": "35000",
    "registration_implementation_date": (
        date.today() + relativedelta(months=6)
    ).isoformat(),
}


class PortalCommon(PageAssertions, RegistrationCommon):
    """Portal users of a reseller, of a promoter of its sub-network, and of
    another reseller, each with registrations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subpromoter = cls.env["res.partner"].create(
            {
                "name": "Pedro Promotor",
                "network_category_ids": [Command.set(cls.category_sponsor.ids)],
                "network_role_ids": [Command.set(cls.role_mediador.ids)],
                "network_tier_id": cls.tier_sponsor.id,
                "network_state": "active",
                "network_parent_id": cls.reseller.id,
            }
        )
        cls._new_agreement(cls.subpromoter, date_start="2020-01-01", state="active")
        cls.portal_reseller = cls._new_portal_user("portal_reseller", cls.reseller)
        cls.portal_subpromoter = cls._new_portal_user(
            "portal_subpromoter", cls.subpromoter
        )
        cls.portal_other = cls._new_portal_user("portal_other", cls.reseller_two)
        cls.reg_own = cls._submitted(
            cls.reseller,
            partner_name="Own Prospect Textiles, S.A.",
            registration_vat="ESA11111111",
        )
        cls.reg_sub = cls._submitted(
            cls.subpromoter,
            partner_name="Sub Prospect Metals SL",
            registration_vat="ESB22222222",
        )
        cls.reg_other = cls._submitted(
            cls.reseller_two,
            partner_name="Other Prospect Secrets SRL",
            registration_vat="ESB33333333",
        )


@tagged("post_install", "-at_install")
class TestPortalRegistrationAccess(PortalCommon, HttpCase):
    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_list_shows_own_and_subnetwork(self):
        """A reseller sees its registrations and its promoters', nothing else."""
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._get("/my/registrations")
        self.assertEqual(response.status_code, 200)
        self.assertInPage("Own Prospect Textiles", response.text)
        self.assertInPage("Sub Prospect Metals", response.text)
        self.assertNotInPage("Other Prospect Secrets", response.text)
        self.assertInPage("o_registration_countdown", response.text)
        response = self._get("/my/registrations?filterby=subnetwork")
        self.assertInPage("Sub Prospect Metals", response.text)
        self.assertNotInPage("Own Prospect Textiles", response.text)
        response = self._get("/my/registrations?search=Textiles&search_in=prospect")
        self.assertInPage("Own Prospect Textiles", response.text)
        self.assertNotInPage("Sub Prospect Metals", response.text)

    def test_promoter_does_not_see_its_reseller(self):
        self.authenticate("portal_subpromoter", "portal_subpromoter")
        response = self._get("/my/registrations")
        self.assertInPage("Sub Prospect Metals", response.text)
        self.assertNotInPage("Own Prospect Textiles", response.text)
        self.assertEqual(
            self._get(f"/my/registrations/{self.reg_own.id}").status_code, 404
        )

    def test_foreign_and_missing_ids_answer_the_same_404(self):
        """Another partner's registration cannot be told from a missing one."""
        missing_id = self.env["crm.lead"].search([], order="id desc", limit=1).id + 1000
        self.authenticate("portal_reseller", "portal_reseller")
        foreign = self._get(f"/my/registrations/{self.reg_other.id}")
        missing = self._get(f"/my/registrations/{missing_id}")
        self.assertEqual(foreign.status_code, 404)
        self.assertEqual(missing.status_code, 404)
        self.assertSamePage(foreign.text, missing.text)
        self.assertNotInPage("Other Prospect Secrets", foreign.text)
        own = self._get(f"/my/registrations/{self.reg_own.id}")
        self.assertEqual(own.status_code, 200)
        self.assertInPage("Own Prospect Textiles", own.text)
        self.assertInPage('data-allow_composer="1"', own.text)

    def test_subnetwork_registration_is_read_only(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._get(f"/my/registrations/{self.reg_sub.id}")
        self.assertEqual(response.status_code, 200)
        self.assertInPage("Sub Prospect Metals", response.text)
        self.assertInPage("read only", response.text)
        self.assertInPage('data-allow_composer="0"', response.text)
        lead = self.reg_sub.with_user(self.portal_reseller)
        self.env.invalidate_all()
        self.assertEqual(lead.partner_name, "Sub Prospect Metals SL")
        with self.assertRaises(AccessError):
            lead.write({"registration_need": "changed"})

    def test_orm_foreign_records_refused(self):
        """Reading, writing, deleting or acting on another partner's
        registration raises AccessError through the ORM."""
        lead = self.reg_other.with_user(self.portal_reseller)
        self.env.invalidate_all()
        calls = {
            "read": lambda: lead.read(["partner_name"]),
            "write": lambda: lead.write({"contact_name": "Intruder"}),
            "unlink": lead.unlink,
            "copy": lead.copy,
            "submit": lead.action_registration_submit,
            "accept": lambda: lead.action_registration_accept("internal"),
            "reject": lambda: lead.action_registration_reject("other"),
            "release": lead.action_registration_release,
            "review": lead.action_registration_review,
            "post": lambda: lead.message_post(body="Intrusion"),
        }
        for name, call in calls.items():
            with self.subTest(call=name), self.assertRaises(AccessError):
                call()
                self.env.flush_all()
        self.assertEqual(self.reg_other.contact_name, False)
        self.assertEqual(self.reg_other.registration_state, "submitted")

    def test_orm_own_records_read_only(self):
        """On its own registration, a partner changes neither the registrant,
        the state nor the prospect."""
        lead = self.reg_own.with_user(self.portal_reseller)
        self.env.invalidate_all()
        self.assertEqual(lead.registration_state, "submitted")
        for vals in (
            {"registration_partner_id": self.reseller_two.id},
            {"registration_state": "accepted"},
            {"partner_name": "Renamed"},
            {"registration_deadline": "2099-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                lead.write(vals)
        with self.assertRaises(AccessError):
            lead.read(["registration_duplicate_ids"])
        self.assertEqual(self.reg_own.registration_state, "submitted")

    def test_registration_fields_guarded_when_portal_may_write(self):
        """Another module granting portal users write access on leads (the
        partner assignment portal does) still leaves registrations untouched."""
        self.env["ir.model.access"].create(
            {
                "name": "test portal write on leads",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "group_id": self.env.ref("base.group_portal").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
            }
        )
        self.env["ir.rule"].create(
            {
                "name": "test portal leads assigned",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "groups": [Command.set(self.env.ref("base.group_portal").ids)],
                "domain_force": "[('registration_partner_id', '=', "
                "user.commercial_partner_id.id)]",
            }
        )
        lead = self.reg_own.with_user(self.portal_reseller)
        for vals in (
            {"registration_state": "accepted"},
            {"registration_partner_id": self.reseller_two.id},
            {"email_from": "new@example.com"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                lead.write(vals)
        with self.assertRaises(AccessError):
            lead.create(
                {
                    "name": "Self-made",
                    "registration_partner_id": self.reseller.id,
                    "registration_state": "accepted",
                }
            )
        self.assertEqual(self.reg_own.registration_state, "submitted")

    @mute_logger("odoo.http")
    def test_jsonrpc_foreign_records_refused(self):
        self.authenticate("portal_reseller", "portal_reseller")
        for method, args in (
            ("read", [[self.reg_other.id], ["partner_name"]]),
            ("write", [[self.reg_other.id], {"contact_name": "Intruder"}]),
            ("write", [[self.reg_own.id], {"registration_state": "accepted"}]),
            ("action_registration_release", [[self.reg_other.id]]),
            ("read", [[self.reg_own.id], ["registration_duplicate_ids"]]),
        ):
            with self.subTest(method=method, args=args):
                with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {
                            "model": "crm.lead",
                            "method": method,
                            "args": args,
                            "kwargs": {},
                        },
                    )
        self.assertEqual(self.reg_other.contact_name, False)
        self.assertEqual(self.reg_own.registration_state, "submitted")

    def test_chatter_registrant_talks_with_reviewer(self):
        """The registrant posts on its registration; a sub-network leader and
        another partner cannot."""
        self.authenticate("portal_reseller", "portal_reseller")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "crm.lead",
                "thread_id": self.reg_own.id,
                "post_data": {
                    "body": "When do we hear back?",
                    "message_type": "comment",
                },
            },
        )
        message = self.reg_own.message_ids.filtered(
            lambda m: "When do we hear back?" in m.body
        )
        self.assertEqual(message.author_id, self.portal_reseller.partner_id)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "crm.lead",
                "thread_id": self.reg_own.id,
                "post_data": {
                    "body": '<script>alert("x")</script>'
                    '<b onmouseover="alert(1)">Hi</b>',
                    "message_type": "comment",
                },
            },
        )
        stored = self.reg_own.message_ids.filtered(lambda m: "Hi" in (m.body or ""))
        self.assertTrue(stored)
        self.assertNotInPage("<script", stored.body)
        self.assertNotInPage("onmouseover", stored.body)
        for lead in (self.reg_sub, self.reg_other):
            with self.subTest(lead=lead.partner_name), mute_logger("odoo.http"):
                with self.assertRaisesRegex(JsonRpcException, "NotFound"):
                    self.make_jsonrpc_request(
                        "/mail/message/post",
                        {
                            "thread_model": "crm.lead",
                            "thread_id": lead.id,
                            "post_data": {
                                "body": "Intrusion",
                                "message_type": "comment",
                            },
                        },
                    )
            self.assertFalse(
                lead.message_ids.filtered(lambda m: "Intrusion" in (m.body or ""))
            )

    def test_home_counters(self):
        self.authenticate("portal_reseller", "portal_reseller")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["registration_count", "agreement_count"]}
        )
        self.assertEqual(counters["registration_count"], 2)
        self.assertEqual(counters["agreement_count"], 1)
        response = self._get("/my/agreements")
        self.assertEqual(response.status_code, 200)
        self.assertInPage(self.reseller.network_agreement_ids.name, response.text)
        self.assertNotInPage(
            self.reseller_two.network_agreement_ids.name, response.text
        )

    def test_list_query_count_does_not_grow(self):
        """The registrations list costs as many queries for 10 registrations
        as for 1,000 (one page)."""
        Lead = self.env["crm.lead"]

        def create(count):
            Lead.create(
                [
                    {
                        "name": f"Bulk {index}",
                        "type": "opportunity",
                        "partner_name": f"Bulk Prospect {index}",
                        # both the reseller and its promoter, as on any page
                        "registration_partner_id": (
                            self.reseller if index % 2 else self.subpromoter
                        ).id,
                        "registration_need": "Bulk",
                    }
                    for index in range(count)
                ]
            )

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            response = self._get("/my/registrations?sortby=prospect")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before, response.text.count(
                'class="o_registration_row"'
            )

        self.authenticate("portal_reseller", "portal_reseller")
        create(8)
        queries()  # warm the caches of the views and assets
        with_ten, rows_ten = queries()
        create(990)
        with_thousand, rows_thousand = queries()
        self.assertEqual((rows_ten, rows_thousand), (10, 80))
        self.assertEqual(with_ten, with_thousand)


@tagged("post_install", "-at_install")
class TestPortalRegistrationForm(PortalCommon, HttpCase):
    def setUp(self):
        super().setUp()
        self.authenticate("portal_reseller", "portal_reseller")

    def _post(self, values, csrf=True):
        data = dict(values)
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/my/registrations/new", data=data, allow_redirects=False)

    def _count(self):
        return self.env["crm.lead"].search_count([])

    def test_valid_submission(self):
        """A valid post creates and submits a registration for the partner;
        ownership fields in the post are ignored."""
        before = self._count()
        response = self._post(
            {
                **VALID_FORM,
                "registration_partner_id": str(self.reseller_two.id),
                "registration_state": "accepted",
                "user_id": str(self.env.ref("base.user_admin").id),
                "registration_deadline": "2000-01-01",
            }
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._count(), before + 1)
        lead = self.env["crm.lead"].search([], order="id desc", limit=1)
        self.assertInPage(f"/my/registrations/{lead.id}", response.headers["Location"])
        self.assertEqual(lead.registration_partner_id, self.reseller)
        self.assertEqual(lead.registration_state, "submitted")
        self.assertFalse(lead.user_id)
        self.assertGreater(str(lead.registration_deadline), "2026-01-01")
        self.assertEqual(lead.registration_budget, 35000.0)
        self.assertEqual(lead.email_from, VALID_FORM["email_from"])
        page = self.url_open(response.headers["Location"])
        self.assertInPage("Your registration was submitted", page.text)

    def test_bad_input_rerenders_with_message(self):
        """Every kind of bad input is answered with a message next to what
        was typed, and creates nothing."""
        cases = [
            ({"registration_budget": "-100"}, "The budget must be greater than zero."),
            ({"registration_budget": "0"}, "The budget must be greater than zero."),
            ({"registration_budget": "lots"}, "Enter the budget as a number"),
            ({"registration_budget": "nan"}, "Enter the budget as a number"),
            ({"registration_budget": "1e20"}, "Enter the budget as a number"),
            ({"registration_budget": "1000000000000"}, "The budget is too large"),
            ({"registration_budget": ""}, "Enter the estimated budget."),
            (
                {"registration_implementation_date": "2001-01-01"},
                "cannot be in the past",
            ),
            (
                {"registration_implementation_date": "31/12/2099"},
                "Enter the date as YYYY-MM-DD.",
            ),
            (
                {"registration_implementation_date": "2999-01-01"},
                "must be within 10 years",
            ),
            ({"email_from": "not-an-email"}, "Enter a valid email address."),
            ({"website": "javascript:alert(1)"}, "Enter a website address"),
            ({"phone": "call me maybe"}, "Enter a phone number"),
            ({"partner_name": "X" * 5000}, "at most 200 characters"),
            ({"registration_need": "N" * 10000}, "at most 5000 characters"),
            ({"partner_name": ""}, "the prospect&#39;s company name"),
            ({"registration_need": " "}, "the description of the need"),
            (
                {
                    "registration_vat": "",
                    "email_from": "",
                    "phone": "",
                    "website": "",
                },
                "tax ID, email, phone or website",
            ),
        ]
        before = self._count()
        for overrides, message in cases:
            with self.subTest(overrides=str(overrides)[:80]):
                response = self._post({**VALID_FORM, **overrides})
                self.assertEqual(response.status_code, 200)
                self.assertInPage(message, response.text)
                self.assertInPage(
                    str(escape(VALID_FORM["contact_name"])), response.text
                )
        self.assertEqual(self._count(), before)

    def test_html_is_escaped(self):
        payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        response = self._post(
            {**VALID_FORM, "registration_need": payload, "contact_name": payload}
        )
        self.assertEqual(response.status_code, 303)
        lead = self.env["crm.lead"].search([], order="id desc", limit=1)
        self.assertEqual(lead.registration_need, payload)
        page = self.url_open(response.headers["Location"])
        self.assertNotInPage("<script>alert", page.text)
        self.assertNotInPage("<img src=x", page.text)
        self.assertInPage("&lt;script&gt;", page.text)
        listing = self.url_open("/my/registrations")
        self.assertNotInPage("<script>alert", listing.text)
        # Odd input re-rendered after an error is escaped too
        response = self._post(
            {**VALID_FORM, "registration_need": payload, "registration_budget": "x"}
        )
        self.assertNotInPage("<script>alert", response.text)

    def test_business_refusals(self):
        """Quota, a prospect held by another partner and an existing customer
        are refused, naming no other partner (see test_registration_refusal)."""
        before = self._count()
        held = self._post(
            {**VALID_FORM, "registration_vat": "ESB33333333", "partner_name": "Held"}
        )
        self.assertEqual(held.status_code, 200)
        self.assertInPage("o_registration_error", held.text)
        self.assertNotInPage(self.reseller_two.name, held.text)
        self.assertNotInPage("Other Prospect Secrets", held.text)
        self.env["res.partner"].create(
            {
                "name": "Customer Already, S.A.",
                "is_company": True,
                "vat": "ESA44444444",
                "network_reseller_id": self.reseller_two.id,
            }
        )
        customer = self._post({**VALID_FORM, "registration_vat": "ESA44444444"})
        self.assertInPage(
            "already registered in the network or is a customer", customer.text
        )
        self.assertNotInPage(self.reseller_two.name, customer.text)
        self.tier_silver.max_open_registrations = 1
        quota = self._post(VALID_FORM)
        self.assertInPage("open registrations, the most its tier", quota.text)
        self.assertEqual(self._count(), before)

    def test_inactive_partner_or_no_agreement(self):
        before = self._count()
        self.reseller.network_agreement_ids.state = "terminated"
        response = self._post(VALID_FORM)
        self.assertInPage("has no active agreement", response.text)
        self.reseller.network_state = "suspended"
        response = self._post(VALID_FORM)
        self.assertInPage("Only active partners of the network", response.text)
        self.assertInPage("is not active in the partner network", response.text)
        self.assertEqual(self._count(), before)

    @mute_logger("odoo.http")
    def test_csrf_required(self):
        before = self._count()
        self.assertEqual(self._post(VALID_FORM, csrf=False).status_code, 400)
        response = self.url_open(
            "/my/registrations/new",
            data={**VALID_FORM, "csrf_token": "forged"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        # A GET with the form's values in the URL only shows the empty form
        response = self.url_open(
            "/my/registrations/new?partner_name=Sneaky&registration_budget=1"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._count(), before)

    def test_not_a_network_partner(self):
        outsider = self.env["res.partner"].create({"name": "Outsider SA"})
        self._new_portal_user("portal_outsider", outsider)
        self.authenticate("portal_outsider", "portal_outsider")
        before = self._count()
        response = self._post(VALID_FORM)
        self.assertInPage("Only partners of the network can register", response.text)
        self.assertEqual(self._count(), before)
        self.assertInPage(
            "There are no deal registrations", self.url_open("/my/registrations").text
        )


@tagged("post_install", "-at_install")
class TestPortalLanguages(PortalCommon, HttpCase):
    """Partners use the portal in Spanish and Portuguese, errors included."""

    def _portal_in(self, code):
        self._activate_portal_lang(code)
        self.env["ir.module.module"]._load_module_terms(["partner_network"], [code])
        self.portal_reseller.partner_id.lang = code
        self.authenticate("portal_reseller", "portal_reseller")

    def _post_bad_budget(self):
        return self.url_open(
            "/my/registrations/new",
            data={
                **VALID_FORM,
                "registration_budget": "-1",
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_spanish(self):
        self._portal_in("es_ES")
        listing = self.url_open("/my/registrations")
        self.assertInPage("Registrar una oportunidad", listing.text)
        self.assertInPage("Pendientes de decisión", listing.text)
        self.assertInPage(
            "El presupuesto debe ser mayor que cero.", self._post_bad_budget().text
        )

    def test_portuguese(self):
        self._portal_in("pt_PT")
        listing = self.url_open("/my/registrations")
        self.assertInPage("Registar uma oportunidade", listing.text)
        self.assertInPage(
            "O orçamento deve ser maior que zero.", self._post_bad_budget().text
        )


@tagged("post_install", "-at_install")
class TestPortalRegistrationPage(PortalCommon, HttpCase):
    def test_every_label_keeps_its_value(self):
        """Each label of the page is followed by its value, or by a dash when
        the value was not given: no value moves under the wrong label."""
        self.authenticate("portal_reseller", "portal_reseller")
        page = self.url_open(f"/my/registrations/{self.reg_own.id}").text
        lists = html.fromstring(page).xpath(
            "//div[contains(@class, 'o_registration_detail')]//dl"
        )
        self.assertEqual(len(lists), 3)
        details = {}
        for terms in lists:
            texts = [" ".join(term.text_content().split()) for term in terms]
            with self.subTest(labels=texts[::2]):
                self.assertEqual(
                    [term.tag for term in terms], ["dt", "dd"] * (len(terms) // 2)
                )
                self.assertTrue(all(texts[1::2]), texts)
            details.update(zip(texts[::2], texts[1::2], strict=True))
        self.assertEqual(details["Company"], self.reg_own.partner_name)
        self.assertEqual(details["Contact"], "\u2014")
        self.assertEqual(details["Tax ID"], self.reg_own.registration_vat)

    def test_countdown_translated_in_the_list_and_the_page(self):
        """The "day(s) left" countdown is one text to translate, shown
        translated in the list and on the page."""
        self._activate_portal_lang("es_ES")
        self.env.ref(
            "partner_network.registration_days_left"
        ).update_field_translations(
            "arch_db", {"es_ES": {"day(s) left": "día(s) restantes"}}
        )
        self.portal_reseller.partner_id.lang = "es_ES"
        self.authenticate("portal_reseller", "portal_reseller")
        for url in ("/my/registrations", f"/my/registrations/{self.reg_own.id}"):
            with self.subTest(url=url):
                page = self.url_open(url).text
                self.assertInPage("día(s) restantes", page)
                self.assertNotInPage("day(s) left", page)


@tagged("post_install", "-at_install")
class TestRegistrationDecisionMessages(RegistrationCommon):
    def test_each_decision_message_names_it(self):
        """The message notifying a decision says which decision it is."""
        decision = self.env.ref("partner_network.mt_registration_decision")

        def accept_and_release(lead):
            lead.action_registration_accept("internal")
            self._track(lead)
            lead.action_registration_release()

        cases = {
            "accepted": (
                lambda lead: lead.action_registration_accept("internal"),
                "Registration accepted.",
            ),
            "rejected": (
                lambda lead: lead.action_registration_reject("not_fit"),
                "Registration rejected.",
            ),
            "expired": (
                lambda lead: lead._registration_expire(),
                "Registration expired: it was not accepted by its decision deadline.",
            ),
            "released": (
                accept_and_release,
                "Registration released: its prospect is no longer protected.",
            ),
        }
        for index, (state, (decide, text)) in enumerate(cases.items()):
            with self.subTest(decision=state):
                lead = self._submitted(
                    self.sponsor,
                    partner_name=f"Decision Prospect {index}",
                    registration_vat=f"ESB9999999{index}",
                )
                # decided in a later transaction, with mail tracking on
                lead = self._track(lead).with_env(self.env(context={}))
                decide(lead)
                self._track(lead)
                self.assertEqual(lead.registration_state, state)
                message = lead.message_ids.filtered(
                    lambda message: message.subtype_id == decision
                )[:1]
                self.assertEqual(html2plaintext(message.body), text)
