# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CommissionCommon


@tagged("post_install", "-at_install")
class TestCommissionLineViews(CommissionCommon):
    """What the Commission Lines menu opens on."""

    def _default_search(self, xmlid):
        """The domain and grouping the action ``xmlid`` opens on: its own
        domain and the search filters its context turns on."""
        action = self.env.ref(xmlid)
        Line = self.env["partner.commission.line"]
        arch = etree.fromstring(
            Line.get_views([(action.search_view_id.id, "search")])["views"]["search"][
                "arch"
            ]
        )
        domain = safe_eval(action.domain or "[]")
        group_by = []
        for key, value in safe_eval(action.context).items():
            if not key.startswith("search_default_") or not value:
                continue
            (search_filter,) = arch.xpath(
                f"//filter[@name='{key.removeprefix('search_default_')}']"
            )
            domain += safe_eval(search_filter.get("domain", "[]"))
            group_by.append(
                safe_eval(search_filter.get("context", "{}")).get("group_by")
            )
        return domain, [name for name in group_by if name]

    def test_settled_lines_shown_by_default(self):
        """On a ledger whose lines are all settled, Commission Lines opens on
        them, grouped by status: no default filter hides a status."""
        with freeze_time("2026-03-10"):
            invoice = self._invoice()
            self._pay(invoice, date="2026-03-10")
            # read that day, as its request commits: the lines are dated then
            self.assertEqual(self._earned(invoice), 100.0)
        with freeze_time("2026-04-01"):
            self.env["partner.commission.settlement"]._create_settlements("2026-03-31")
        lines = invoice.commission_line_ids
        self.assertEqual(set(lines.mapped("state")), {"settled"})
        domain, group_by = self._default_search(
            "partner_commission.partner_commission_line_action"
        )
        self.assertEqual(group_by, ["state"])
        Line = self.env["partner.commission.line"]
        self.assertEqual(Line.search(domain) & lines, lines)
        groups = Line.read_group(
            domain + [("id", "in", lines.ids)], ["amount", "rate"], group_by
        )
        self.assertEqual(
            [(group["state"], group["amount"]) for group in groups],
            [("settled", 120.0)],
        )
        # a rate belongs to its line: a group of lines sums none
        self.assertNotIn("rate", groups[0])
