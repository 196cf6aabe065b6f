# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.partner_id._network_sync_courses()
        return users

    def write(self, vals):
        partners = self.partner_id
        result = super().write(vals)
        if "partner_id" in vals or self._network_changes_access(vals):
            (partners | self.partner_id)._network_sync_courses()
        return result

    def unlink(self):
        partners = self.partner_id
        result = super().unlink()
        partners.exists()._network_sync_courses()
        return result

    def _network_changes_access(self, vals):
        """Whether writing ``vals`` may make these users portal users or not,
        or archive or restore them."""
        return any(
            name in ("groups_id", "active", "share")
            or name.startswith(("in_group_", "sel_groups_"))
            for name in vals
        )

    def _network_training_domain(self):
        """Active memberships of this user in the network's courses."""
        self.ensure_one()
        return [
            ("partner_id", "=", self.partner_id.id),
            "|",
            ("channel_id.network_category_ids", "!=", False),
            ("channel_id.network_tier_ids", "!=", False),
        ]

    def _network_training(self):
        """What the training portal page shows this user: its memberships of
        the network's courses, the certifications its organisation's people
        passed and those its tier still requires. Read as superuser: course
        memberships and certification attempts are not readable in the
        portal, and these are the user's own organisation's."""
        self.ensure_one()
        partner = self.commercial_partner_id.sudo()
        return {
            "memberships": self.env["slide.channel.partner"]
            .sudo()
            .search(self._network_training_domain(), order="member_status, id"),
            "certifications": partner.network_certification_ids,
            "missing_certifications": partner.network_missing_certification_ids,
        }

    def _network_training_count(self):
        """How many network courses this user follows."""
        return (
            self.env["slide.channel.partner"]
            .sudo()
            .search_count(self._network_training_domain())
        )

    def _network_certificate(self, user_input_id):
        """Return the certificate of the certification attempt
        ``user_input_id`` as ``(content, file type, file name)`` if someone of
        this user's organisation passed it, else None."""
        certification = self._network_training()["certifications"].filtered(
            lambda user_input: user_input.id == user_input_id
        )
        if not certification:
            return None
        content, file_type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "survey.certification_report",
                certification.ids,
                data={"report_type": "pdf"},
            )
        )
        return content, file_type, f"{certification.survey_id.title}.{file_type}"
