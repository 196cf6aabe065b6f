# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Races between real transactions on the demo-unit limit.

Each test commits in its own cursors. Both transactions read the partner's
open requests (which fixes their REPEATABLE READ snapshot) before a barrier
lets them submit, so that each one counts without what the other has not
committed yet, whatever the timing. Odoo retries a request that fails to
serialize (``retrying``); the tests do the same, so that what they check is
what users get.
"""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.partner_network.tests.common import RealTransactionCase

from ..models.partner_network_demo_request import OPEN_STATES

LIMIT = 2


@tagged("post_install", "-at_install", "partner_network_sale_concurrency")
class TestDemoRequestConcurrency(RealTransactionCase):
    @classmethod
    def setUpClass(cls):
        cls.partner_ids, cls.user_ids = [], []
        cls.product_id = cls.variant_id = cls.tier_id = None
        super().setUpClass()
        with cls._transaction() as env:
            reseller_category = env.ref(
                "partner_network.partner_network_category_reseller"
            )
            tier = env["partner.network.tier"].create(
                {
                    "name": "Demo concurrency tier",
                    "category_id": reseller_category.id,
                    "demo_units_max": LIMIT,
                }
            )
            cls.tier_id = tier.id
            reseller = env["res.partner"].create(
                {
                    "name": "Demostraciones Simultáneas, S.L.",
                    "is_company": True,
                    "network_category_ids": [Command.set(reseller_category.ids)],
                    "network_tier_id": tier.id,
                    "network_state": "active",
                }
            )
            cls.partner_ids.append(reseller.id)
            cls.reseller_id = reseller.id
            # two people of the same partner, each with a portal login
            for index in range(2):
                contact = env["res.partner"].create(
                    {
                        "name": f"Demo racer {index}",
                        "parent_id": reseller.id,
                        "email": f"demo.racer.{index}@example.com",
                    }
                )
                cls.partner_ids.append(contact.id)
                user = new_test_user(
                    env,
                    f"pns_demo_racer_{index}",
                    groups="base.group_portal",
                    partner_id=contact.id,
                )
                cls.user_ids.append(user.id)
            product = env["product.template"].create(
                {
                    "name": "Demo concurrency printer",
                    "list_price": 500.0,
                    "network_demo_ok": True,
                }
            )
            cls.product_id = product.id
            cls.variant_id = product.product_variant_id.id
            # one unit short of the limit
            env["partner.network.demo.request"].create(
                cls._request_values("Already lent")
            )

    @classmethod
    def _remove_committed_data(cls):
        """Remove whatever the tests committed, also after a failure, so that
        they run again on the same database."""
        with cls._transaction() as env:
            partners = env["res.partner"].browse(cls.partner_ids).exists()
            env["partner.network.demo.request"].search(
                [("partner_id", "in", partners.ids)]
            ).unlink()
            env["res.users"].browse(cls.user_ids).exists().unlink()
            env["product.template"].browse(cls.product_id).exists().unlink()
            partners.unlink()
            env["partner.network.tier"].browse(cls.tier_id).exists().unlink()

    @classmethod
    def _request_values(cls, purpose):
        """A request of one unit for the reseller, as the portal form gives it
        once parsed."""
        return {
            "partner_id": cls.reseller_id,
            "product_id": cls.variant_id,
            "quantity": 1.0,
            "purpose": purpose,
            "date_start": "2099-03-01",
            "date_return": "2099-03-31",
        }

    def _open_requests(self, env):
        return env["partner.network.demo.request"].search_count(
            [("partner_id", "=", self.reseller_id), ("state", "in", OPEN_STATES)]
        )

    def test_last_place_taken_once(self):
        """One place left under the tier's limit, two people of the partner
        submit at once: one request is created; the other transaction waits,
        fails to serialize, and its retry is refused with the limit."""

        def before(env):
            self.assertEqual(self._open_requests(env), LIMIT - 1)

        def submit(user_id):
            def work(env):
                Request = env(user=user_id)["partner.network.demo.request"]
                values = self._request_values(f"Race of user {user_id}")
                try:
                    Request._portal_demo_request_submit(values)
                except UserError as error:
                    return str(error)
                return "submitted"

            return work

        first, second = self.user_ids
        outcomes = self._race(before, first=submit(first), second=submit(second))
        results = [result for _attempts, result in outcomes.values()]
        self.assertEqual(results.count("submitted"), 1, outcomes)
        [refusal] = [result for result in results if result != "submitted"]
        self.assertIn(f"already has {LIMIT} open demo unit requests", refusal)
        self.assertIn(f"allows {LIMIT} at once", refusal)
        self._assert_one_retried(outcomes)
        with self._transaction() as env:
            self.assertEqual(self._open_requests(env), LIMIT)
