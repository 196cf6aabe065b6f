/** @odoo-module **/
/* Copyright 2026 Partner Program Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("partner_program_training_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the training from the portal home",
            trigger: 'a[href="/my/training"]',
            run: "click",
        },
        {
            content: "The courses of the partner's category and tier are there",
            trigger: ".o_training_course a:contains(Silver Selling)",
        },
        {
            content: "So is the certification its people passed",
            trigger: ".o_training_certification td:contains(Tour Certification)",
            run: "goToUrl /my",
        },
        {
            content: "Open the scorecard from the portal home",
            trigger: 'a[href="/my/scorecard"]',
            run: "click",
        },
        {
            content: "The scorecard of the partner's tier is there",
            trigger: ".o_portal_network_scorecard",
        },
    ],
});
