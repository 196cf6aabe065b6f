# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import ApplicationCommon

REVIEW_ACTIVITY = "partner_network_website.mail_activity_type_application_review"


@tagged("post_install", "-at_install")
class TestApplicationAccept(MockEmail, ApplicationCommon):
    """Accepting onboards the applicant: a candidate partner (never a
    duplicate), a draft agreement and a portal user in its language."""

    def _partner_count(self):
        return self.env["res.partner"].with_context(active_test=False).search_count([])

    def test_accept_organisation_creates_candidate(self):
        """An organisation becomes a candidate company with the requested
        categories, its contact a portal user, and a draft agreement with the
        master company is ready; the review activities are closed."""
        application = self._new_application(
            category_ids=[
                Command.set((self.category_reseller | self.category_sponsor).ids)
            ],
            role_ids=[Command.set(self.role_mediador.ids)],
        )
        application._schedule_review()
        self.assertTrue(application.activity_ids)
        with self.mock_mail_gateway():
            application.with_user(self.manager_a).action_accept()
        partner = application.partner_id
        self.assertRecordValues(
            partner,
            [
                {
                    "name": "Nuevos Sistemas, S.L.",
                    "is_company": True,
                    "vat": "ESB24680134",
                    "country_id": self.spain.id,
                    "industry_id": self.industry_retail.id,
                    "network_state": "candidate",
                    "network_master_company_id": self.company_a.id,
                    "network_manager_id": self.manager_a.id,
                    "network_category_ids": (
                        self.category_reseller | self.category_sponsor
                    ).ids,
                    "network_role_ids": self.role_mediador.ids,
                    "network_country_ids": self.spain.ids,
                    "network_industry_ids": self.industry_retail.ids,
                }
            ],
        )
        self.assertRecordValues(
            application.agreement_id,
            [
                {
                    "partner_id": partner.id,
                    "counterparty_type": "master",
                    "company_id": self.company_a.id,
                    "state": "draft",
                }
            ],
        )
        self.assertEqual(application.state, "accepted")
        contact = partner.child_ids
        self.assertRecordValues(
            contact, [{"name": "Elena Nieto", "email": application.email}]
        )
        user = contact.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(user.login, application.email)
        self.assertFalse(application.activity_ids)
        self.assertIn(
            user.email_formatted, [mail["email_to"][0] for mail in self._mails]
        )

    def test_accept_individual_sponsor(self):
        """An individual sponsor is its own portal user; its roles follow."""
        application = self._new_application(
            name="Sofía Ruiz",
            is_company=False,
            contact_name=False,
            email="sofia.ruiz@example.com",
            vat=False,
            category_ids=[Command.set(self.category_sponsor.ids)],
            role_ids=[Command.set(self.role_orientador.ids)],
        )
        application.with_user(self.manager_a).action_accept()
        partner = application.partner_id
        self.assertRecordValues(
            partner,
            [
                {
                    "is_company": False,
                    "email": "sofia.ruiz@example.com",
                    "network_state": "candidate",
                    "network_role_ids": self.role_orientador.ids,
                }
            ],
        )
        self.assertFalse(partner.child_ids)
        self.assertTrue(partner.user_ids._is_portal())

    def test_invitation_in_applicant_language(self):
        """The partner, its portal user and the invitation use the language
        the applicant applied in."""
        self._spanish()
        self._translate(
            self.env.ref("portal.mail_template_data_portal_welcome"),
            "subject",
            "Su cuenta en {{ object.user_id.company_id.name }}",
        )
        application = self._new_application(lang="es_ES")
        with self.mock_mail_gateway():
            application.with_user(self.manager_a).action_accept()
        contact = application.partner_id.child_ids
        self.assertEqual(application.partner_id.lang, "es_ES")
        self.assertEqual(contact.lang, "es_ES")
        self.assertEqual(contact.user_ids.lang, "es_ES")
        invitation = [
            mail for mail in self._mails if contact.email in mail["email_to"][0]
        ]
        self.assertEqual(len(invitation), 1)
        self.assertEqual(
            invitation[0]["subject"], f"Su cuenta en {self.company_a.name}"
        )

    def test_accept_links_partner_by_tax_id(self):
        """An applicant whose tax ID, written otherwise, is an existing
        partner's is linked to it: no second partner; the categories are
        added, the contact created under it."""
        existing = self.env["res.partner"].create(
            {
                "name": "Sistemas Viejos SA",
                "is_company": True,
                "vat": "ESB24680134",
                "country_id": self.spain.id,
            }
        )
        application = self._new_application(vat="B-24.680.134")
        self.assertEqual(application.match_partner_id, existing)
        count = self._partner_count()
        application.with_user(self.manager_a).action_accept()
        self.assertEqual(application.partner_id, existing)
        self.assertEqual(existing.name, "Sistemas Viejos SA")
        self.assertEqual(existing.network_category_ids, self.category_reseller)
        self.assertEqual(existing.network_state, "candidate")
        # the contact who applied, and nothing else
        self.assertEqual(self._partner_count(), count + 1)
        self.assertEqual(existing.child_ids.email, application.email)
        self.assertEqual(application.agreement_id.partner_id, existing)

    def test_accept_links_partner_by_email_domain(self):
        """An organisation writing from the web domain of an existing
        partner (its email or website) is that partner; the running
        agreement is kept, not doubled."""
        existing = self.env["res.partner"].create(
            {
                "name": "Nuevos",
                "is_company": True,
                "website": "nuevos-sistemas.example.com",
                "network_category_ids": [Command.set(self.category_isv.ids)],
            }
        )
        agreement = self._new_agreement(existing)
        application = self._new_application(vat=False)
        application.with_user(self.manager_a).action_accept()
        self.assertEqual(application.partner_id, existing)
        self.assertEqual(application.agreement_id, agreement)
        self.assertEqual(
            existing.network_category_ids, self.category_isv | self.category_reseller
        )

    def test_mail_providers_never_link(self):
        """A mail provider's domain, Odoo's or the network's list, identifies
        nobody: the applicant gets a partner of its own."""
        for email in ("someone@gmail.com", "someone@hotmail.com.ar"):
            with self.subTest(email=email):
                domain = email.split("@")[1]
                existing = self.env["res.partner"].create(
                    {
                        "name": f"User of {domain}",
                        "is_company": True,
                        "email": f"other@{domain}",
                    }
                )
                application = self._new_application(vat=False, email=email)
                self.assertFalse(application.match_partner_id)
                application.with_user(self.manager_a).action_accept()
                self.assertNotEqual(application.partner_id, existing)

    def test_individual_linked_by_email_only(self):
        """An individual is the existing person with its email, never the
        company whose domain it writes from."""
        company = self.env["res.partner"].create(
            {"name": "Empresa", "is_company": True, "website": "empresa.example.com"}
        )
        person = self.env["res.partner"].create(
            {"name": "Ana", "email": "Ana <ana@empresa-ana.example.com>"}
        )
        applications = [
            self._new_application(
                name="Luis",
                is_company=False,
                vat=False,
                email="luis@empresa.example.com",
                category_ids=[Command.set(self.category_sponsor.ids)],
            ),
            self._new_application(
                name="Ana",
                is_company=False,
                vat=False,
                email="ana@empresa-ana.example.com",
                category_ids=[Command.set(self.category_sponsor.ids)],
            ),
        ]
        self.assertFalse(applications[0].match_partner_id)
        self.assertEqual(applications[1].match_partner_id, person)
        self.assertNotEqual(applications[0].match_partner_id, company)

    def test_terminated_partner_reapplies(self):
        """A terminated partner that applies again is a candidate again."""
        existing = self.env["res.partner"].create(
            {
                "name": "Vuelve SL",
                "is_company": True,
                "vat": "ESB24680134",
                "country_id": self.spain.id,
                "network_category_ids": [Command.set(self.category_reseller.ids)],
                "network_state": "terminated",
            }
        )
        self._new_application().with_user(self.manager_a).action_accept()
        self.assertEqual(existing.network_state, "candidate")

    def test_reseller_as_individual_refused(self):
        """A reseller must be a company: accepting an individual as reseller
        fails with the back office's rule, and nothing is created."""
        application = self._new_application(is_company=False, vat=False)
        count = self._partner_count()
        with self.assertRefused(ValidationError, "requires a company"):
            application.with_user(self.manager_a).action_accept()
        self.assertEqual(self._partner_count(), count)
        self.assertEqual(application.state, "new")

    def test_only_new_applications_are_decided(self):
        application = self._new_application()
        application.with_user(self.manager_a).action_accept()
        with self.assertRaisesRegex(UserError, "Only new applications can be accepted"):
            application.with_user(self.manager_a).action_accept()
        with self.assertRaisesRegex(UserError, "Only new applications can be rejected"):
            application.with_user(self.manager_a).action_reject("Too late")


@tagged("post_install", "-at_install")
class TestApplicationReject(ApplicationCommon):
    def _mails_to(self, application):
        return self.env["mail.mail"].search(
            [
                ("model", "=", application._name),
                ("res_id", "=", application.id),
            ]
        )

    def test_reject_mails_reason_in_language(self):
        """Rejecting records the reason and mails it to the applicant in its
        language; the review activities are closed."""
        self._spanish()
        template = self.env.ref(
            "partner_network_website.mail_template_application_rejected"
        )
        self._translate(template, "subject", "Su solicitud al programa de partners")
        application = self._new_application(lang="es_ES")
        application._schedule_review()
        application.with_user(self.manager_a).action_reject(
            "  Ya tenemos un revendedor en su zona.  "
        )
        self.assertRecordValues(
            application,
            [
                {
                    "state": "rejected",
                    "rejection_reason": "Ya tenemos un revendedor en su zona.",
                    "partner_id": False,
                }
            ],
        )
        self.assertFalse(application.activity_ids)
        mail = self._mails_to(application).filtered(
            lambda mail: mail.email_to == application.email
        )
        self.assertEqual(mail.email_to, application.email)
        self.assertEqual(mail.subject, "Su solicitud al programa de partners")
        self.assertIn("Ya tenemos un revendedor en su zona.", mail.body_html)
        self.assertFalse(mail.recipient_ids)

    def test_reject_needs_a_reason(self):
        application = self._new_application()
        for reason in ("", "   ", None):
            with self.assertRefused(UserError, "Give the reason"):
                application.with_user(self.manager_a).action_reject(reason)
        self.assertEqual(application.state, "new")

    def test_reject_wizard(self):
        """The back office rejects through a wizard asking the reason."""
        application = self._new_application()
        wizard = (
            self.env["partner.network.application.reject"]
            .with_user(self.manager_a)
            .with_context(active_model=application._name, active_ids=application.ids)
            .create({"reason": "Not for now"})
        )
        wizard.action_reject()
        self.assertEqual(application.rejection_reason, "Not for now")


@tagged("post_install", "-at_install")
class TestApplicationRights(ApplicationCommon):
    def test_only_managers_decide(self):
        """Network users read and review applications; only network managers
        accept or reject them."""
        application = self._new_application()
        as_user = application.with_user(self.user_a)
        self.assertEqual(as_user.name, application.name)
        with self.assertRaisesRegex(AccessError, "Only network managers"):
            as_user.action_accept()
        with self.assertRaisesRegex(AccessError, "Only network managers"):
            as_user.action_reject("No")
        with self.assertRaises(AccessError):
            self.env["partner.network.application.reject"].with_user(
                self.user_a
            ).create({"application_ids": application.ids, "reason": "No"})
        self.assertEqual(application.state, "new")

    def test_no_access_outside_the_network(self):
        """Internal users out of the network, portal and public users have no
        access to applications."""
        application = self._new_application()
        portal = self._new_portal_user("pnw_portal", self.reseller)
        public = self.env.ref("base.public_user")
        for user in (self.internal_user, portal, public):
            with self.subTest(user=user.login):
                records = application.with_user(user)
                with self.assertRaises(AccessError):
                    records.read(["name"])
                with self.assertRaises(AccessError):
                    records.write({"name": "Hacked"})
                with self.assertRaises(AccessError):
                    self.Application.with_user(user).create(self._application_values())

    def test_no_decision_by_write(self):
        """The decision fields change through the actions only, for managers
        too: neither write nor create sets them."""
        application = self._new_application()
        cases = [
            {"state": "accepted"},
            {"partner_id": self.reseller.id},
            {"agreement_id": self._new_agreement(self.reseller).id},
            {"rejection_reason": "Because"},
        ]
        for vals in cases:
            with self.subTest(vals=vals):
                with self.assertRefused(UserError, "set by accepting or rejecting"):
                    application.with_user(self.manager_a).write(vals)
                with self.assertRefused(UserError, "set by accepting or rejecting"):
                    self.Application.with_user(self.manager_a).create(
                        self._application_values(**vals)
                    )
        with self.assertRefused(UserError, "set by accepting or rejecting"):
            self.Application.with_user(self.manager_a).with_context(
                default_state="accepted"
            ).create(self._application_values())
        self.assertEqual(application.state, "new")

    def test_multi_company(self):
        """Managers of another company neither see nor decide the
        applications of company A."""
        application = self._new_application()
        self.assertFalse(
            self.Application.with_user(self.manager_b).search(
                [("id", "=", application.id)]
            )
        )
        with self.assertRaises(AccessError):
            application.with_user(self.manager_b).action_accept()
        self.assertEqual(application.state, "new")

    def test_review_activity_for_company_managers(self):
        """Each network manager of the application's company, and only they,
        gets an activity to review it."""
        application = self._new_application()
        application._schedule_review()
        users = application.activity_ids.user_id
        self.assertIn(self.manager_a, users)
        self.assertNotIn(self.manager_b, users)
        self.assertNotIn(self.user_a, users)
        self.assertEqual(
            application.activity_ids.activity_type_id,
            self.env.ref(REVIEW_ACTIVITY),
        )

    def test_decision_tracked(self):
        """State, partner and reason of the decision are in the chatter."""
        application = self._new_application().with_context(
            tracking_disable=False, mail_notrack=False
        )
        # Records created in this transaction are not tracked until it commits.
        self._track(application)
        application.with_user(self.manager_a).action_reject("Out of scope")
        self._track(application)
        tracked = application.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("rejection_reason", tracked)
