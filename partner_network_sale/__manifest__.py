# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Network Sale",
    "summary": "Sales flow of deal registrations: quotations from registrations, "
    "reseller execution at tier prices, channel conflicts",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Sales/Sales",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["partner_network", "sale_crm"],
    "data": [
        "security/ir.model.access.csv",
        "wizards/sale_order_registration_conflict_views.xml",
        "views/sale_order_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_report_views.xml",
        "report/sale_order_report.xml",
    ],
}
