/** @odoo-module **/
/* Copyright 2026 Partner Program Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import tourUtils from "@sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("partner_program_sale_commission_tour", {
    steps: () => [
        {
            content: "The accepted registration is open",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_registration_release]",
        },
        {
            content: "Make its quotation",
            trigger: ".o_form_view button[name=action_sale_quotations_new]",
            run: "click",
        },
        ...tourUtils.addProduct("ERP implementation"),
        {
            content: "The line is priced",
            trigger: ".o_data_row .o_field_widget[name=price_subtotal]:contains('1,000.00')",
        },
        {
            content: "Confirm the order",
            trigger: ".o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Invoice it",
            trigger: ".o_statusbar_buttons button#create_invoice",
            run: "click",
        },
        {
            content: "Create the draft invoice",
            trigger: ".modal-footer button#create_invoice_open",
            run: "click",
        },
        {
            content: "Post the invoice",
            trigger: ".o_statusbar_buttons button[name=action_post]:contains('Confirm')",
            run: "click",
        },
        {
            content: "Register its payment",
            trigger: ".o_statusbar_buttons button#account_invoice_payment_btn",
            run: "click",
        },
        {
            content: "Create the payment",
            trigger: ".modal-footer button[name=action_create_payments]:visible",
            run: "click",
        },
        {
            content: "The registrant's commission appears on the invoice",
            trigger: ".o_form_view button[name=action_view_commission_lines]:contains('Commission')",
            run: "click",
        },
        {
            content: "The commission line names the registrant",
            trigger: ".o_data_row:contains('Sofía Sponsor')",
        },
    ],
});
