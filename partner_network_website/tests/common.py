# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.partner_network.tests.common import PartnerNetworkCommon

# A valid post of the application form: an organisation applying as reseller.
VALID_FORM = {
    "is_company": "1",
    "name": "Nuevos Sistemas, S.L.",
    "contact_name": "Elena Nieto",
    "email": "elena@nuevos-sistemas.example.com",
    "phone": "+34 915 555 010",
    "vat": "ESB24680134",
    "website": "www.nuevos-sistemas.example.com",
    "message": "We implement ERP projects for retailers in Madrid.",
}


class ApplicationCommon(PartnerNetworkCommon):
    """The program of partner_network, a website of company A, and a way to
    create applications as the website does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.spain = ref("base.es")
        cls.argentina = ref("base.ar")
        cls.uruguay = ref("base.uy")
        cls.industry_retail = ref("base.res_partner_industry_G")
        cls.industry_it = ref("base.res_partner_industry_J")
        cls.website = cls.env["website"].get_current_website()
        cls.website.company_id = cls.company_a
        cls.Application = cls.env["partner.network.application"]

    @classmethod
    def _application_values(cls, **values):
        return {
            "name": "Nuevos Sistemas, S.L.",
            "is_company": True,
            "contact_name": "Elena Nieto",
            "email": "elena@nuevos-sistemas.example.com",
            "phone": "+34 915 555 010",
            "vat": "ESB24680134",
            "country_id": cls.spain.id,
            "industry_id": cls.industry_retail.id,
            "category_ids": [Command.set(cls.category_reseller.ids)],
            "lang": "en_US",
            "company_id": cls.company_a.id,
            **values,
        }

    @classmethod
    def _new_application(cls, **values):
        """A new application, created as the website creates it."""
        return cls.Application.sudo().create(cls._application_values(**values))

    @classmethod
    def _spanish(cls):
        """Spanish, active on the website."""
        lang = cls.env["res.lang"]._activate_lang("es_ES")
        cls.website.language_ids |= lang
        return lang

    @classmethod
    def _translate(cls, record, field_name, value, lang="es_ES"):
        """Give ``record`` a translation of ``field_name``, as a .po would."""
        record.with_context(lang=lang)[field_name] = value
