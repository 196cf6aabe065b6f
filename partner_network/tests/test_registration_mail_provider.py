# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationMailProvider(RegistrationCommon):
    """A mail provider's domain is no company key: shops writing from the same
    provider are different prospects, which the reviewer still sees side by
    side."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Provider = cls.env["partner.network.mail.provider"]
        cls.kiosco = cls._submitted(
            cls.sponsor,
            partner_name="Kiosco Uno",
            registration_vat="30-71234567-1",
            email_from="kiosco.uno@hotmail.com.ar",
            phone="+54 11 4000 0001",
            country_id=cls.argentina.id,
        )

    def _almacen(self, **values):
        return self._new_registration(
            self.promoter,
            **{
                "partner_name": "Almacén Dos",
                "registration_vat": "20-12345678-6",
                "email_from": "almacen.dos@hotmail.com.ar",
                "phone": "+54 11 4000 0002",
                "country_id": self.argentina.id,
                **values,
            },
        )

    def test_shops_on_the_same_provider_both_registered(self):
        """Almacén Dos, writing from hotmail.com.ar like Kiosco Uno, is
        submitted: the provider's domain is neither locked nor a duplicate."""
        almacen = self._almacen()
        almacen.action_registration_submit()
        self.assertEqual(almacen.registration_state, "submitted")
        locks = self.env["crm.lead.registration.lock"].search(
            [("lead_id", "in", (self.kiosco + almacen).ids)]
        )
        self.assertFalse([key for key in locks.mapped("key") if "hotmail" in key])
        self.assertFalse(almacen.registration_duplicate_ids)
        self.assertEqual(almacen.registration_duplicate_count, 0)

    def test_same_provider_is_a_hint_for_the_reviewer(self):
        """The reviewer sees Kiosco Uno among Almacén Dos's hints, marked as
        sharing the mail provider, not among its duplicates."""
        almacen = self._almacen().with_user(self.user_a)
        self.assertEqual(almacen.registration_similar_ids, self.kiosco)
        self.assertFalse(almacen.registration_duplicate_ids)
        reason = self.kiosco.with_user(self.user_a).with_context(
            registration_match_lead_id=almacen.id
        )
        self.assertEqual(reason.registration_match_reason, "same mail provider")

    def test_same_provider_and_a_key_is_a_duplicate(self):
        """Kiosco Uno written again from another hotmail.com.ar mailbox is
        found by its tax ID, and refused."""
        again = self._almacen(
            partner_name="Kiosco 1", registration_vat="30712345671", phone=False
        )
        with self.assertRefused(UserError, r"\(same tax ID\)"):
            again.action_registration_submit()
        self.assertEqual(
            again.with_user(self.user_a).registration_duplicate_ids, self.kiosco
        )
        reason = self.kiosco.with_user(self.user_a).with_context(
            registration_match_lead_id=again.id
        )
        self.assertEqual(
            reason.registration_match_reason, "same tax ID, same mail provider"
        )

    def test_company_domain_still_locks(self):
        """Two people of one company's own domain are the same prospect."""
        self._submitted(
            self.sponsor,
            partner_name="Uno",
            registration_vat=False,
            email_from="ana@kiosco-uno.com.ar",
        )
        other = self._new_registration(
            self.promoter,
            partner_name="Dos",
            registration_vat=False,
            email_from="luis@Kiosco-Uno.com.ar",
        )
        with self.assertRefused(UserError, r"\(same web domain\)"):
            other.action_registration_submit()

    def test_manager_adds_a_provider(self):
        """A provider a manager adds takes effect at once, written in any case;
        archiving it makes its domain a company key again."""
        self._submitted(
            self.sponsor,
            partner_name="Uno",
            registration_vat=False,
            email_from="uno@correo-barrio.com.ar",
        )
        other = self._new_registration(
            self.promoter,
            partner_name="Dos",
            registration_vat=False,
            email_from="dos@correo-barrio.com.ar",
        )
        with self.assertRefused(UserError, "same web domain"):
            other.action_registration_submit()
        provider = self.Provider.with_user(self.manager_a).create(
            {"name": " @Correo-Barrio.COM.ar"}
        )
        self.assertEqual(provider.name, "correo-barrio.com.ar")
        other.action_registration_submit()
        self.assertEqual(other.registration_state, "submitted")
        third = self._new_registration(
            self.reseller,
            partner_name="Tres",
            registration_vat=False,
            email_from="tres@correo-barrio.com.ar",
        )
        provider.with_user(self.manager_a).action_archive()
        with self.assertRefused(UserError, "same web domain"):
            third.action_registration_submit()

    def test_users_read_managers_write(self):
        """Network users read the list; only managers change it."""
        provider = self.env.ref(
            "partner_network.partner_network_mail_provider_hotmail_com_ar"
        )
        self.assertEqual(provider.with_user(self.user_a).name, "hotmail.com.ar")
        with self.assertRaises(AccessError):
            self.Provider.with_user(self.user_a).create({"name": "correo.com.ar"})
        with self.assertRaises(AccessError):
            provider.with_user(self.user_a).write({"active": False})

    def test_provider_must_be_a_new_domain(self):
        """A provider is a domain, listed once."""
        for name in ("hotmail", "hotmail com ar", "-x-.com"):
            with (
                self.subTest(name=name),
                self.assertRaisesRegex(ValidationError, "is not a mail domain"),
            ):
                self.Provider.create({"name": name})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.Provider.create({"name": "HOTMAIL.com.ar"})

    def test_customer_on_a_provider_is_not_every_prospect_on_it(self):
        """A customer writing from hotmail.com.ar does not make every prospect
        on hotmail.com.ar a customer; a customer's own domains, of its website
        and of its email, still do."""
        self.env["res.partner"].create(
            {
                "name": "Cliente Barrio SRL",
                "is_company": True,
                "email": "cliente.barrio@hotmail.com.ar",
                "network_reseller_id": self.reseller.id,
            }
        )
        almacen = self._almacen()
        almacen.action_registration_submit()
        self.assertEqual(almacen.registration_state, "submitted")
        self.env["res.partner"].create(
            {
                "name": "Cliente Grande SA",
                "is_company": True,
                "website": "www.cliente-grande.com.ar",
                "email": "compras@grupo-grande.com.ar",
                "network_reseller_id": self.reseller.id,
            }
        )
        for email in ("ana@cliente-grande.com.ar", "luis@grupo-grande.com.ar"):
            with self.subTest(email=email):
                prospect = self._new_registration(
                    self.promoter,
                    partner_name=f"Prospecto {email}",
                    registration_vat=False,
                    email_from=email,
                )
                with self.assertRefused(UserError, "customer of a reseller"):
                    prospect.action_registration_submit()
