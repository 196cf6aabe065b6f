# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Network Sale",
    "summary": "Sales flow of deal registrations: quotations from registrations, "
    "reseller execution at tier prices, channel conflicts, demo units",
    "version": "18.0.1.1.0",
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
        "security/partner_network_sale_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "wizards/sale_order_registration_conflict_views.xml",
        "views/sale_order_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_report_views.xml",
        "views/partner_network_demo_request_views.xml",
        "views/partner_network_tier_views.xml",
        "views/product_template_views.xml",
        "views/portal_templates.xml",
        "report/sale_order_report.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/sale_order_demo.xml",
        "demo/partner_network_demo_request_demo.xml",
    ],
}
