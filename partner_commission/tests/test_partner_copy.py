# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.partner_network.tests.common import PartnerNetworkCommon


@tagged("post_install", "-at_install")
class TestPartnerCopy(PartnerNetworkCommon):
    """Accountants duplicate contacts, as Odoo's own invoicing tests do."""

    def test_accountant_copies_contacts(self):
        """A billing user copies a plain contact and a network partner; the
        copies stay out of the network."""
        accountant = self._new_user(
            "pn_accountant", "account.group_account_invoice,base.group_partner_manager"
        )
        contact = self.env["res.partner"].create({"name": "Cliente Factura SA"})
        copies = (contact + self.reseller).with_user(accountant).copy()
        self.assertEqual(len(copies), 2)
        self.assertFalse(copies.network_category_ids)
        self.assertEqual(copies.mapped("network_state"), [False, False])
