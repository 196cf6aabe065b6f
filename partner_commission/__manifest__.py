# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Commission",
    "summary": "Commissions for network partners on effectively paid invoices, "
    "paid out as vendor bills",
    "version": "18.0.1.2.0",
    "development_status": "Beta",
    "category": "Accounting/Accounting",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["partner_network", "account"],
    "data": [
        "security/partner_commission_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/product_data.xml",
        "report/partner_commission_statement.xml",
        "report/partner_network_registration_report_views.xml",
        "wizards/partner_commission_settlement_create_views.xml",
        "views/partner_commission_rule_views.xml",
        "views/partner_commission_line_views.xml",
        "views/partner_commission_settlement_views.xml",
        "views/account_move_views.xml",
        "views/partner_network_tier_views.xml",
        "views/res_config_settings_views.xml",
        "views/partner_commission_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/partner_commission_rule_demo.xml",
        "demo/account_move_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "partner_commission/static/tests/tours/*.js",
        ],
    },
}
