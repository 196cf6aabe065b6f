# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# reports whose pages run no script: wkhtmltopdf prints them once loaded
SCRIPTLESS_REPORTS = ("partner_commission.report_partner_commission_statement",)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        """Print the commission statement without the wait for scripts.

        wkhtmltopdf waits ``report.print_delay`` (1 s by default) after a page
        has loaded, for its scripts to finish. The statement runs none (the
        layout's page numbers are filled in on load, before the wait), so
        that second only held a worker per download: partners download their
        statements from the portal.
        """
        if (
            report_ref
            and self._get_report(report_ref).report_name in SCRIPTLESS_REPORTS
        ):
            self = self.with_context(report_without_script_delay=True)
        return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, **kwargs)

    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env.context.get("report_without_script_delay"):
            delay = command_args.index("--javascript-delay")
            command_args[delay + 1] = "0"
        return command_args
