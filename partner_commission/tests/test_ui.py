# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "partner_program_browser")
class TestClickEverywhere(HttpCase):
    """In a real browser, every menu, view and filter of CRM (where the
    network lives) and Invoicing (commissions) opens without error."""

    def _click_everywhere(self, app_xmlid):
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            f".startClickEverywhere('{app_xmlid}');",
            "odoo.isReady === true",
            login="admin",
            timeout=1200,
            success_signal="clickbot test succeeded",
        )

    def test_crm_network_menus(self):
        """CRM, with the Network menus, opens everywhere without error."""
        self._click_everywhere("crm.crm_menu_root")

    def test_invoicing_commission_menus(self):
        """Invoicing, with the Commissions menus, opens everywhere without error."""
        self._click_everywhere("account.menu_finance")
