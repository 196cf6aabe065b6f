/** @odoo-module **/
/* Copyright 2026 Partner Program Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("partner_program_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the deal registrations from the portal home",
            trigger: 'a[href="/my/registrations"]',
            run: "click",
        },
        {
            content: "Register a new opportunity",
            trigger: "a.o_registration_new",
            run: "click",
        },
        {
            content: "Type the prospect's company name",
            trigger: "input[name=partner_name]",
            run: "edit Tour Prospect Logistics, S.L.",
        },
        {
            content: "Type the prospect's email",
            trigger: "input[name=email_from]",
            run: "edit buyer@tour-prospect-logistics.example.com",
        },
        {
            content: "Describe the need",
            trigger: "textarea[name=registration_need]",
            run: "edit ERP for 3 warehouses and 60 users",
        },
        {
            content: "Estimate the budget",
            trigger: "input[name=registration_budget]",
            run: "edit 48000",
        },
        {
            content: "Estimate the implementation date",
            trigger: "input[name=registration_implementation_date]",
            run() {
                const inSixMonths = new Date(Date.now() + 180 * 86400000);
                this.anchor.value = inSixMonths.toISOString().slice(0, 10);
            },
        },
        {
            content: "Submit the registration",
            trigger: "button.o_registration_submit",
            run: "click",
        },
        {
            content: "The registration is submitted, with its decision deadline",
            trigger: ".o_registration_submitted",
        },
        {
            content: "Back to the list of registrations",
            trigger: '.o_portal_submenu a[href="/my/registrations"]',
            run: "click",
        },
        {
            content: "The new registration is listed with its countdown",
            trigger:
                "tr.o_registration_row:contains('Tour Prospect Logistics') .o_registration_countdown",
        },
        {
            content: "Back to the portal home",
            trigger: '.o_portal_submenu a[href="/my/home"]',
            run: "click",
        },
        {
            content: "Open the commission settlements",
            trigger: 'a[href="/my/settlements"]',
            run: "click",
        },
        {
            content: "Open the settlement",
            trigger: "tr.o_settlement_row a[href^='/my/settlements/']",
            run: "click",
        },
        {
            content: "The statement shows the commission lines and the PDF link",
            trigger:
                ".o_settlement_detail:has(a.o_settlement_pdf) tr.o_statement_line:contains('Portal Tour Licence')",
        },
    ],
});

registry.category("web_tour.tours").add("partner_commission_rates_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the commission rates from the portal home",
            trigger: 'a[href="/my/rates"]',
            run: "click",
        },
        {
            content: "The rate given to the partner applies to it today",
            trigger: "tr.o_rate_row:contains('You'):contains('7.25')",
        },
    ],
});
