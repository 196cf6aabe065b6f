# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Partner Network eLearning",
    "summary": "Courses, technical material and certifications of the partner "
    "program per category and tier, in eLearning",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Website/eLearning",
    "website": "https://github.com/partner-program/partner-program",
    "author": "Partner Program Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["partner_network", "website_slides_survey"],
    "data": [
        "security/partner_network_slides_security.xml",
        "security/ir.model.access.csv",
        "views/partner_network_category_views.xml",
        "views/partner_network_tier_views.xml",
        "views/slide_channel_views.xml",
        "views/res_partner_views.xml",
        "views/partner_network_slides_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/slide_channel_demo.xml",
        "demo/survey_user_input_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "partner_network_slides/static/tests/tours/*.js",
        ],
    },
}
