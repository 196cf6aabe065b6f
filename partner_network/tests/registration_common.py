# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import freeze_time

from .common import PartnerNetworkCommon


class RegistrationCommon(PartnerNetworkCommon):
    """Active registrants with agreements, and a factory of complete registrations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spain = cls.env.ref("base.es")
        cls.argentina = cls.env.ref("base.ar")
        cls.sponsor.write(
            {"network_state": "active", "network_manager_id": cls.user_a.id}
        )
        cls.promoter = cls.env["res.partner"].create(
            {
                "name": "Mario Mediador",
                "network_category_ids": [Command.set(cls.category_sponsor.ids)],
                "network_role_ids": [Command.set(cls.role_mediador.ids)],
                "network_tier_id": cls.tier_sponsor.id,
                "network_state": "active",
            }
        )
        cls.registrants = cls.sponsor + cls.promoter + cls.reseller + cls.reseller_two
        for partner in cls.registrants:
            cls._new_agreement(partner, date_start="2020-01-01", state="active")
        cls.tier_sponsor.max_open_registrations = 0

    @classmethod
    def _new_registration(cls, partner, **values):
        return cls.env["crm.lead"].create(
            {
                "name": f"Opportunity of {values.get('partner_name', 'ACME')}",
                "type": "opportunity",
                "registration_partner_id": partner.id,
                "partner_name": "ACME Sistemas, S.A.",
                "registration_vat": "ES B-12345674",
                "country_id": cls.spain.id,
                "registration_need": "Replace the invoicing software of 3 shops",
                "registration_budget": 12000.0,
                "registration_implementation_date": "2099-06-30",
                **values,
            }
        )

    @contextmanager
    def _at(self, moment):
        """Freeze Python's clock and the transaction timestamp at ``moment`` (UTC)."""
        moment = fields.Datetime.to_datetime(moment)
        with freeze_time(moment), patch.object(self.env.cr, "now", lambda: moment):
            yield

    @classmethod
    def _submitted(cls, partner, **values):
        registration = cls._new_registration(partner, **values)
        registration.action_registration_submit()
        return registration
