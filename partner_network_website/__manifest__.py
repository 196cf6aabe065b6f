# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Network Website",
    "summary": "Public partner program: program page, application form that "
    "onboards new partners, partner directory",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Website/Website",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["partner_network", "website"],
    "data": [
        "security/partner_network_website_security.xml",
        "security/ir.model.access.csv",
        "data/mail_data.xml",
        "data/mail_template_data.xml",
        "data/website_menu_data.xml",
        "wizards/partner_network_application_reject_views.xml",
        "views/partner_network_application_views.xml",
        "views/res_partner_views.xml",
        "views/partner_network_website_menus.xml",
        "views/website_templates.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/partner_network_application_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "partner_network_website/static/tests/tours/*.js",
        ],
    },
}
