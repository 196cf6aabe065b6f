# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import Mock, patch

from lxml import html as lxml_html

from odoo.tests import TransactionCase, freeze_time, tagged

from odoo.addons.base.models import ir_actions_report

from .common import CommissionCommon

# the smallest PNG: one transparent pixel
LOGO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestStatementReport(CommissionCommon):
    """The commission statement names its issuer in its body and says, per
    line, which customer and registration earned it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "name": "Editora Maestra, S.L.",
                "street": "Calle del Prado 7",
                "city": "Zaragoza",
                "zip": "50001",
                "vat": "ESB99286320",
                "logo": LOGO,
            }
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Laura Compras", "parent_id": cls.customer.id}
        )
        cls.network_user = cls._new_user(
            "pc_statement_reader",
            "base.group_user,partner_network.group_network_user",
            cls.company,
        )

    def _statement(self, user=None):
        """The sponsor's statement of a paid invoice addressed to a contact of
        the registered customer, as ``user`` prints it: its body (what
        wkhtmltopdf prints without Odoo's patched Qt, which alone prints the
        layout's header and footer) and its commission lines."""
        with freeze_time("2026-03-10"):
            self.invoice = self._invoice(customer=self.buyer)
            self._pay(self.invoice, date="2026-03-10")
            # read that day, as its request commits: the lines are dated then
            self.assertEqual(self._earned(self.invoice), 100.0)
        with freeze_time("2026-04-01"):
            settlements = self.env["partner.commission.settlement"]._create_settlements(
                "2026-03-31"
            )
        statement = settlements.filtered(lambda s: s.partner_id == self.sponsor)
        report = self.env["ir.actions.report"]
        if user:
            report = report.with_user(user)
        content, _format = report._render_qweb_html(
            "partner_commission.report_partner_commission_statement", statement.ids
        )
        (body,) = lxml_html.fromstring(content).find_class("article")
        (table,) = body.xpath(".//table[@name='commission_lines']")
        headers = [th.text_content().strip() for th in table.iterfind(".//thead//th")]
        rows = [
            dict(
                zip(
                    headers,
                    (" ".join(td.text_content().split()) for td in tr.iterfind("td")),
                    strict=True,
                )
            )
            for tr in table.iterfind(".//tbody/tr")
        ]
        return body, rows

    def test_issuer_in_the_body(self):
        """The body names the issuing company with its address, tax ID and
        logo, not only the layout's header."""
        body, _rows = self._statement()
        text = " ".join(body.text_content().split())
        for value in (
            "Editora Maestra, S.L.",
            "Calle del Prado 7",
            "Zaragoza",
            "50001",
        ):
            with self.subTest(value=value):
                self.assertIn(value, text)
        self.assertIn("Tax ID: ESB99286320", text)
        (logo,) = body.xpath(".//img[@alt='Logo']")
        self.assertEqual(logo.get("src"), f"data:image/png;base64,{LOGO.decode()}")

    def test_customer_and_registration_columns(self):
        """Each line says which invoice, customer (the invoice's commercial
        partner) and registration earned it, also for a network user, who
        reads neither invoices nor their customers' contacts."""
        _body, rows = self._statement(self.network_user)
        self.assertEqual(
            rows,
            [
                {
                    "Date": "03/10/2026",
                    "Invoice": self.invoice.name,
                    "Customer": "Cliente Comisión SA",
                    "Registration": "Deal Cliente Comisión SA",
                    "Product": self.product_a.display_name,
                    "Paid Base": "$ 1,000.00",
                    "Rate": "10.00 %",
                    "Commission": "$ 100.00",
                }
            ],
        )

    def test_prospect_named_when_not_the_customer(self):
        """A registration whose prospect was registered under another name
        than the customer's shows that name under the registration's."""
        self.registration.partner_name = "Comisiones Cliente (prospect)"
        _body, rows = self._statement()
        self.assertEqual(
            rows[0]["Registration"],
            "Deal Cliente Comisión SA Comisiones Cliente (prospect)",
        )

    def test_lines_in_the_partner_language(self):
        """The lines print in the language of the statement's partner, not
        in the one of who prints it."""
        self.env["res.lang"]._activate_lang("es_ES")
        self.sponsor.lang = "es_ES"
        _body, rows = self._statement()
        self.assertEqual(
            [(row["Date"], row["Paid Base"], row["Commission"]) for row in rows],
            [("10/03/2026", "$ 1.000,00", "$ 100,00")],
        )


@tagged("post_install", "-at_install")
class TestStatementPrinting(TransactionCase):
    """wkhtmltopdf prints the statement, which runs no script, as soon as it
    has loaded; other reports keep the configured wait for their scripts."""

    def _delay_given(self, report_ref):
        """The ``--javascript-delay`` wkhtmltopdf is given for ``report_ref``."""
        commands = []

        def wkhtmltopdf(command, **_kwargs):
            commands.append(command)
            with open(command[-1], "wb") as pdf:
                pdf.write(b"%PDF-1.4")
            return Mock(returncode=0, communicate=Mock(return_value=("", "")))

        with (
            patch.object(
                ir_actions_report, "_get_wkhtmltopdf_bin", return_value="wkhtmltopdf"
            ),
            patch.object(ir_actions_report.subprocess, "Popen", wkhtmltopdf),
        ):
            self.env["ir.actions.report"]._run_wkhtmltopdf(
                ["<html><body>Statement</body></html>"], report_ref=report_ref
            )
        (command,) = commands
        return command[command.index("--javascript-delay") + 1]

    def test_statement_without_script_delay(self):
        self.env["ir.config_parameter"].sudo().set_param("report.print_delay", "1500")
        self.assertEqual(
            self._delay_given(
                "partner_commission.action_report_partner_commission_statement"
            ),
            "0",
        )
        self.assertEqual(self._delay_given("account.account_invoices"), "1500")
