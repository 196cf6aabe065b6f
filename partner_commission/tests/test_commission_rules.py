# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestCommissionRules(CommissionCommon):
    def _best(self, beneficiary="registrant", partner=None, product=None):
        rules = self.env["partner.commission.rule"].search(
            [("company_id", "=", self.company.id)]
        )
        return rules._best(
            beneficiary,
            partner or self.sponsor,
            self.role_orientador,
            product or self.product_a,
            self.registration.create_date.date(),
        )

    def test_partner_side_precedence(self):
        """Partner beats tier beats role beats category."""
        by_role = self._rule(partner_role_id=self.role_orientador.id, rate=3.0)
        self.assertEqual(self._best(), by_role)
        by_tier = self._rule(partner_tier_id=self.tier_sponsor.id, rate=4.0)
        self.assertEqual(self._best(), by_tier)
        by_partner = self._rule(partner_id=self.sponsor.id, rate=5.0, sequence=99)
        self.assertEqual(self._best(), by_partner)
        self._rule(partner_id=self.reseller.id, rate=6.0)
        self.assertEqual(self._best(), by_partner)

    def test_product_side_precedence(self):
        """Product beats the deepest category, then its parent, then any product."""
        parent = self.env["product.category"].create({"name": "Software"})
        child = self.env["product.category"].create(
            {"name": "Licences", "parent_id": parent.id}
        )
        self.product_a.categ_id = child
        on_parent = self._rule(
            partner_category_id=self.category_sponsor.id, product_categ_id=parent.id
        )
        self.assertEqual(self._best(), on_parent)
        on_child = self._rule(
            partner_category_id=self.category_sponsor.id, product_categ_id=child.id
        )
        self.assertEqual(self._best(), on_child)
        on_product = self._rule(
            partner_category_id=self.category_sponsor.id, product_id=self.product_a.id
        )
        self.assertEqual(self._best(), on_product)
        self.assertEqual(self._best(product=self.product_b), self.rule_sponsor)

    def test_partner_side_before_product_side_then_sequence(self):
        """A more specific partner wins over a more specific product; then sequence."""
        self._rule(
            partner_category_id=self.category_sponsor.id, product_id=self.product_a.id
        )
        by_role = self._rule(partner_role_id=self.role_orientador.id, sequence=5)
        self.assertEqual(self._best(), by_role)
        earlier = self._rule(partner_role_id=self.role_orientador.id, sequence=1)
        self.assertEqual(self._best(), earlier)

    def test_validity_dates_and_beneficiary(self):
        """Expired rules and rules of the other beneficiary do not apply."""
        self._rule(partner_id=self.sponsor.id, date_to="2000-12-31")
        self._rule(partner_id=self.sponsor.id, beneficiary="upline")
        self.assertEqual(self._best(), self.rule_sponsor)
        self.assertFalse(self._best(beneficiary="upline", partner=self.reseller))

    def test_rate_bounds(self):
        """A rate is a percentage between 0 and 100."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self._rule(rate=120.0)
                self.env.flush_all()

    def test_changes_of_a_rule_are_tracked(self):
        """What decides the money paid out leaves a trace in the chatter."""
        rule = self.rule_sponsor.with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._track(rule)
        rule.write({"rate": 12.5, "date_to": "2026-12-31"})
        self._track(rule)
        tracked = {
            value.field_id.name: value for value in rule.message_ids.tracking_value_ids
        }
        self.assertEqual(tracked["rate"].old_value_float, 10.0)
        self.assertEqual(tracked["rate"].new_value_float, 12.5)
        self.assertIn("date_to", tracked)
