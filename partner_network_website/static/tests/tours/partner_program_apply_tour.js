/** @odoo-module **/
/* Copyright 2026 Partner Program Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("partner_program_apply_tour", {
    url: "/partner-program",
    steps: () => [
        {
            content: "Read the program and apply",
            trigger: "a.o_partner_program_apply",
            run: "click",
        },
        {
            content: "Apply as an individual",
            trigger: "input#is_company_0",
            run: "check",
        },
        {
            content: "Type your name",
            trigger: "input[name=name]",
            run: "edit Tour Sponsor Ana Gil",
        },
        {
            content: "Type your email",
            trigger: "input[name=email]",
            run: "edit ana.gil@tour-sponsor.example.com",
        },
        {
            content: "Choose your country",
            trigger: "select[name=country_id]",
            run: "selectByLabel Spain",
        },
        {
            content: "Take part as a sponsor",
            trigger: "input[name=category_ids][data-code=sponsor]",
            run: "check",
        },
        {
            content: "Report opportunities as an orientador",
            trigger: "input[name=role_ids][data-code=orientador]",
            run: "check",
        },
        {
            content: "Tell the network about you",
            trigger: "textarea[name=message]",
            run: "edit I advise shops in Valencia on their software.",
        },
        {
            content: "Send the application",
            trigger: "button.o_partner_program_submit",
            run: "click",
        },
        {
            content: "The application is sent",
            trigger: ".o_partner_program_thanks",
        },
    ],
});

registry.category("web_tour.tours").add("partner_program_new_partner_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The new partner reaches its portal",
            trigger: ".o_portal_my_home",
        },
        {
            content: "Its agreement with the master company is there",
            trigger: 'a[href="/my/agreements"]',
        },
    ],
});
