# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationTransfer(RegistrationCommon):
    def _transfer(self, user=None, **values):
        Wizard = self.env["crm.lead.registration.transfer"]
        if user:
            Wizard = Wizard.with_user(user)
        return Wizard.create({"reason": "Arbitraje de la empresa maestra", **values})

    def test_transfer_execution_keeps_history(self):
        """Execution moves to another reseller; the previous attribution is kept."""
        registration = self._submitted(self.sponsor)
        registration.action_registration_accept("reseller", self.reseller)
        self._transfer(
            user=self.manager_a,
            lead_ids=[Command.set(registration.ids)],
            target_partner_id=self.reseller_two.id,
        ).action_transfer()
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_partner_id": self.sponsor.id,
                    "registration_executing_partner_id": self.reseller_two.id,
                }
            ],
        )
        history = registration.registration_attribution_ids.sorted("id")
        self.assertEqual(
            history.mapped("event"), ["submitted", "accepted", "transferred"]
        )
        self.assertEqual(history[1].executing_partner_id, self.reseller)
        self.assertEqual(history[2].executing_partner_id, self.reseller_two)
        self.assertEqual(history[2].reason, "Arbitraje de la empresa maestra")
        self.assertIn(
            "Arbitraje de la empresa maestra", registration.message_ids[0].body
        )

    def test_transfer_registration_to_another_reseller(self):
        """Arbitration can hand the registration itself to another reseller."""
        registration = self._submitted(self.reseller)
        self._transfer(
            lead_ids=[Command.set(registration.ids)],
            target_partner_id=self.reseller_two.id,
            transfer_registrant=True,
        ).action_transfer()
        self.assertEqual(registration.registration_partner_id, self.reseller_two)
        last = registration.registration_attribution_ids.sorted("id")[-1]
        self.assertRecordValues(
            last, [{"event": "transferred", "partner_id": self.reseller_two.id}]
        )

    def test_transfer_to_master_company(self):
        """The master company takes over the execution itself."""
        registration = self._submitted(self.sponsor)
        registration.action_registration_accept("reseller", self.reseller)
        self._transfer(
            lead_ids=[Command.set(registration.ids)], target="master"
        ).action_transfer()
        self.assertRecordValues(
            registration,
            [
                {
                    "registration_channel": "internal",
                    "registration_executing_partner_id": False,
                }
            ],
        )

    def test_only_managers_arbitrate(self):
        """Network users cannot transfer registrations."""
        registration = self._submitted(self.sponsor)
        with self.assertRefused(AccessError, "Only network managers"):
            registration.with_user(self.user_a)._registration_transfer(
                self.reseller_two, "no"
            )
        with self.assertRefused(UserError, "Only submitted or decided"):
            self._new_registration(self.promoter)._registration_transfer(
                self.reseller, "draft"
            )

    def test_failed_reseller_portfolio(self):
        """Customers, open registrations and sub-network of a failed reseller move."""
        customer = self.env["res.partner"].create(
            {
                "name": "Cliente Final SA",
                "is_company": True,
                "network_reseller_id": self.reseller.id,
            }
        )
        self.promoter.network_parent_id = self.reseller
        own = self._submitted(
            self.reseller, partner_name="Propia SA", registration_vat="1"
        )
        executed = self._submitted(
            self.sponsor, partner_name="Ajena SA", registration_vat="2"
        )
        executed.action_registration_accept("reseller", self.reseller)
        of_customer = self._submitted(
            self.promoter,
            partner_name="Cliente Final SA Nueva Sede",
            registration_vat="3",
            partner_id=customer.id,
        )
        closed = self._submitted(
            self.reseller, partner_name="Cerrada SA", registration_vat="4"
        )
        closed.action_registration_reject("not_fit")
        self.reseller.network_state = "suspended"

        self._transfer(
            user=self.manager_a,
            mode="portfolio",
            source_partner_id=self.reseller.id,
            target_partner_id=self.reseller_two.id,
        ).action_transfer()

        self.assertEqual(customer.network_reseller_id, self.reseller_two)
        self.assertEqual(self.promoter.network_parent_id, self.reseller_two)
        self.assertRecordValues(
            own + executed + of_customer + closed,
            [
                {
                    "registration_partner_id": self.reseller_two.id,
                    "registration_executing_partner_id": self.reseller_two.id,
                },
                {
                    "registration_partner_id": self.sponsor.id,
                    "registration_executing_partner_id": self.reseller_two.id,
                },
                {
                    "registration_partner_id": self.promoter.id,
                    "registration_executing_partner_id": self.reseller_two.id,
                },
                {
                    "registration_partner_id": self.reseller.id,
                    "registration_executing_partner_id": False,
                },
            ],
        )
        self.assertEqual(
            own.registration_attribution_ids.sorted("id")[-1].event, "transferred"
        )

    def test_portfolio_to_master_company(self):
        """The master company can take over the portfolio directly."""
        customer = self.env["res.partner"].create(
            {
                "name": "Cliente Final SA",
                "is_company": True,
                "network_reseller_id": self.reseller.id,
            }
        )
        self.promoter.network_parent_id = self.reseller
        self.reseller._network_transfer_portfolio(None, "Cierre del revendedor")
        self.assertFalse(customer.network_reseller_id)
        self.assertFalse(self.promoter.network_parent_id)
        self.assertIn("Cierre del revendedor", self.reseller.message_ids[0].body)
