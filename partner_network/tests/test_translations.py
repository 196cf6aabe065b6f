# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestTranslations(PartnerNetworkCommon):
    """Partners and staff read the program's errors in Spanish and Portuguese."""

    def _in_language(self, code):
        self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(["partner_network"], [code])
        return self.env(context=dict(self.env.context, lang=code))

    def test_errors_in_spanish(self):
        """Bad input is refused with a Spanish message for a Spanish user."""
        env = self._in_language("es_ES")
        with self.assertRefused(ValidationError, "requiere una empresa"):
            env["res.partner"].create(
                {
                    "name": "Juan Individuo",
                    "network_category_ids": [Command.set(self.category_reseller.ids)],
                }
            )
        with self.assertRefused(UserError, "no puede pasar a Suspendido"):
            self.sponsor.with_env(env).action_network_suspend()

    def test_errors_in_portuguese(self):
        """Bad input is refused with a Portuguese message for a Portuguese user."""
        env = self._in_language("pt_PT")
        with self.assertRefused(ValidationError, "ciclo"):
            self.reseller.with_env(env).network_parent_id = self.reseller
        self.assertEqual(
            self.category_reseller.with_env(env).name,
            "Revendedor",
        )
