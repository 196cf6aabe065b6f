# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Commission Sale",
    "summary": "Invoices made from sale orders are credited to the order's "
    "deal registration",
    "version": "18.0.1.0.1",
    "development_status": "Beta",
    "category": "Sales/Sales",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["partner_commission", "partner_network_sale"],
    "assets": {
        "web.assets_tests": [
            "partner_commission_sale/static/tests/tours/*.js",
        ],
    },
}
