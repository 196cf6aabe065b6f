# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Network",
    "summary": "Partner program structure: categories, roles, tiers, "
    "sub-networks and supervised agreements",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Sales/CRM",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["crm", "mail", "portal", "phone_validation", "product", "resource"],
    "data": [
        "security/partner_network_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/partner_network_category_data.xml",
        "data/partner_network_role_data.xml",
        "data/partner_network_tier_data.xml",
        "views/partner_network_category_views.xml",
        "views/partner_network_role_views.xml",
        "views/partner_network_tier_views.xml",
        "views/partner_network_agreement_views.xml",
        "views/res_partner_views.xml",
        "views/partner_network_menus.xml",
    ],
    "demo": [
        "demo/product_pricelist_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/partner_network_agreement_demo.xml",
    ],
}
