# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Commission",
    "summary": "Commissions for network partners on effectively paid invoices, "
    "paid out as vendor bills",
    "version": "18.0.0.1.0",
    "development_status": "Alpha",
    "category": "Accounting/Accounting",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["partner_network", "account"],
}
