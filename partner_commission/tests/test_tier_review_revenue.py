# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestTierReviewRevenue(CommissionCommon):
    """The tier review's paid revenue criterion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_registered = cls.env.ref(
            "partner_network.partner_network_tier_reseller_registered"
        )
        # paid revenue alone, whatever other criteria the demo data gives
        (cls.tier_silver | cls.tier_gold).min_accepted_registrations = 0
        cls.tier_silver.min_paid_revenue = 1000.0
        cls.tier_gold.min_paid_revenue = 5000.0
        cls.reseller_customer = cls.env["res.partner"].create(
            {"name": "Cliente Revendedor SL", "is_company": True, "vat": "ESB10000009"}
        )
        cls.reseller_registration = cls._accepted_registration(
            cls.reseller, cls.reseller_customer
        )

    def _reseller_invoice(self, amount, move_type="out_invoice"):
        return self._invoice(
            (amount,),
            customer=self.reseller_customer,
            move_type=move_type,
            registration_id=self.reseller_registration.id,
        )

    def _review(self):
        self.reseller._network_tier_review()
        return self.reseller.network_proposed_tier_id

    def test_paid_revenue_alone(self):
        """Only what is paid counts: half of 6,000 paid meets Silver, all of it
        meets Gold."""
        invoice = self._reseller_invoice(6000.0)
        self.assertEqual(self._review(), self.tier_registered)
        self._pay(invoice, amount=3000.0)
        self.assertEqual(self._review(), self.tier_silver)
        self._pay(invoice)
        self.assertEqual(self._review(), self.tier_gold)

    def test_credit_note_lowers_revenue(self):
        """A paid credit note takes its amount off the paid revenue."""
        invoice = self._reseller_invoice(5500.0)
        self._pay(invoice)
        self.assertEqual(self._review(), self.tier_gold)
        self._pay(self._reseller_invoice(1000.0, move_type="out_refund"))
        self.assertEqual(self._review(), self.tier_silver)

    def test_no_minimum_ignores_revenue(self):
        """Without a minimum, revenue is no criterion: a partner whose paid
        credit notes exceed its invoices still meets the tier."""
        self.tier_silver.min_paid_revenue = 0.0
        self._pay(self._reseller_invoice(1000.0, move_type="out_refund"))
        self.assertEqual(self._review(), self.tier_silver)

    def test_period_and_other_partners(self):
        """Invoices older than the review period, or credited to another
        partner's registration, do not count."""
        self._pay(self._reseller_invoice(6000.0))
        self._pay(self._invoice((9000.0,), registration_id=self.registration.id))
        with freeze_time("2027-04-01"):
            self.reseller._network_tier_review()
        self.assertEqual(self.reseller.network_proposed_tier_id, self.tier_registered)

    def test_revenue_and_registrations_together(self):
        """A tier with both criteria needs both: revenue alone is not enough."""
        self.tier_gold.min_accepted_registrations = 2
        self._pay(self._reseller_invoice(6000.0))
        self.assertEqual(self._review(), self.tier_silver)
        other = self.env["res.partner"].create(
            {"name": "Otro Cliente SA", "is_company": True, "vat": "ESA08001851"}
        )
        self._accepted_registration(self.reseller, other)
        self.assertEqual(self._review(), self.tier_gold)

    def test_scorecard_shows_missing_revenue(self):
        """The scorecard gives the paid revenue and what is missing for the
        next tier, in the company currency."""
        self._pay(self._reseller_invoice(2000.0))
        scorecard = self.reseller._network_tier_scorecard()
        criteria = {c["code"]: c for c in scorecard["next_criteria"]}
        criterion = criteria["paid_revenue"]
        currency = self.company.currency_id
        self.assertFalse(criterion["met"])
        self.assertIn(currency.symbol, criterion["missing"])
        self.assertIn("3,000.00", criterion["missing"])
        self.assertIn("2,000.00", criterion["value"])

    def test_analysis_paid_revenue(self):
        """The program analysis gives each registration what was paid on its
        invoices: half of 6,000 paid, less a paid 1,000 credit note."""
        invoice = self._reseller_invoice(6000.0)
        self._pay(invoice, amount=3000.0)
        self._pay(self._reseller_invoice(1000.0, move_type="out_refund"))
        self._invoice((700.0,), customer=self.reseller_customer, post=False).write(
            {"registration_id": self.reseller_registration.id}
        )
        rows = self.env["partner.network.registration.report"]._read_group(
            [("partner_id", "=", self.reseller.id)],
            ["lead_id"],
            ["paid_revenue:sum"],
        )
        self.assertEqual(rows, [(self.reseller_registration, 2000.0)])

    def test_revenue_of_another_currency_company(self):
        """Invoices of a company in another currency count in the currency of
        the company the review runs for, at its rate of each invoice's date:
        6,000 paid at 2 and half of 4,000 at 4, plus 1,000 here: 4,500."""
        currency = self.setup_other_currency(
            "EUR", rates=[("2026-03-01", 2.0), ("2026-03-15", 4.0)]
        )
        company_b_data = self.setup_other_company(currency_id=currency.id)
        company_b = company_b_data["company"]
        self._new_agreement(
            self.reseller, company_b, date_start="2020-01-01", state="active"
        )
        registration_b = self._accepted_registration(
            self.reseller, self.reseller_customer, company=company_b
        )
        for amount, day, paid in (
            (6000.0, "2026-03-10", 6000.0),
            (4000.0, "2026-03-20", 2000.0),
        ):
            invoice = self._invoice(
                (amount,),
                customer=self.reseller_customer,
                currency=currency,
                company_id=company_b.id,
                journal_id=company_b_data["default_journal_sale"].id,
                invoice_date=day,
                registration_id=registration_b.id,
            )
            self._pay(
                invoice,
                amount=paid,
                date=day,
                journal=company_b_data["default_journal_bank"],
            )
        self._pay(self._reseller_invoice(1000.0))
        revenue = self.reseller._network_tier_metrics(
            date(2026, 1, 1), date(2026, 12, 31)
        )[self.reseller.id]["paid_revenue"]
        self.assertAlmostEqual(revenue, 4500.0)
        self.assertEqual(self._review(), self.tier_silver)
