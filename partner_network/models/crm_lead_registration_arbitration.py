# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError

from ..tools.access import NETWORK_MANAGER_GROUP, check_group


class CrmLead(models.Model):
    """Deal registration: arbitration by network managers and reseller suggestions."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    def _registration_suggested_resellers(self):
        """Active resellers working in the prospect's country or sector, best first.

        A suggestion only: territory and sector never give exclusivity.
        """
        self.ensure_one()
        country, industry = self.country_id, self.registration_industry_id
        if not (country or industry):
            return self.env["res.partner"]
        resellers = self.env["res.partner"].search(
            [
                ("network_category_ids.code", "=", "reseller"),
                ("network_state", "=", "active"),
                "|",
                ("network_country_ids", "in", country.ids),
                ("network_industry_ids", "in", industry.ids),
            ]
        )
        return resellers.sorted(
            lambda reseller: (
                -(country in reseller.network_country_ids)
                - (industry in reseller.network_industry_ids),
                -reseller.network_tier_id.sequence,
                reseller.name,
            )
        )

    def _registration_transfer(self, target, reason, transfer_registrant=False):
        """Arbitration: move execution (and optionally the registration) to
        ``target``, a reseller, or to the master company when ``target`` is
        empty; the reason and the previous attribution are kept."""
        self._registration_check_manager()
        if any(
            not lead.registration_state or lead.registration_state == "draft"
            for lead in self
        ):
            raise UserError(
                _("Only submitted or decided registrations can be transferred.")
            )
        target = target or self.env["res.partner"]
        if target and not target._is_network_reseller():
            raise UserError(
                _("Registrations can only be transferred to an active reseller.")
            )
        if transfer_registrant and not target:
            raise UserError(
                _("The registration can only change hands to another reseller.")
            )
        values = {
            "registration_channel": "reseller" if target else "internal",
            "registration_executing_partner_id": target.id,
        }
        if transfer_registrant:
            values.update(registration_partner_id=target.id, registration_role_id=False)
        self._registration_workflow_write(values)
        for lead in self:
            lead.message_post(
                body=_(
                    "Registration transferred to %(target)s: %(reason)s",
                    target=target.display_name
                    or (lead.company_id or self.env.company).name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._registration_log_attribution("transferred", reason=reason)
        return True

    def _registration_check_manager(self):
        """Refuse arbitration to whoever is not a network manager."""
        check_group(
            self.env,
            NETWORK_MANAGER_GROUP,
            _("Only network managers can arbitrate registrations."),
        )
