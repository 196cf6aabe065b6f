# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

# Writing these fields may change which courses a partner's people follow.
COURSE_FIELDS = {
    "network_category_ids",
    "network_tier_id",
    "network_state",
    "parent_id",
    "active",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    network_is_instructor = fields.Boolean(compute="_compute_network_is_instructor")
    network_certification_ids = fields.Many2many(
        "survey.user_input",
        string="Passed Certifications",
        compute="_compute_network_certifications",
        help="Certifications passed by the people of this partner.",
    )
    network_missing_certification_ids = fields.Many2many(
        "survey.survey",
        string="Missing Certifications",
        compute="_compute_network_certifications",
        help="Certifications the partner's tier requires that nobody of the "
        "partner has passed yet.",
    )

    @api.depends("network_role_ids.code")
    def _compute_network_is_instructor(self):
        for partner in self:
            partner.network_is_instructor = (
                "instructor" in partner.network_role_ids.mapped("code")
            )

    @api.depends("commercial_partner_id", "network_tier_id.certification_ids")
    def _compute_network_certifications(self):
        passed = self._network_passed_certifications()
        for partner in self:
            certifications = passed[partner.commercial_partner_id.id]
            partner.network_certification_ids = certifications
            partner.network_missing_certification_ids = (
                partner.commercial_partner_id.network_tier_id.certification_ids
                - certifications.survey_id
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(COURSE_FIELDS.intersection(vals) for vals in vals_list):
            partners._network_sync_courses()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if COURSE_FIELDS.intersection(vals):
            self._network_sync_courses()
        return result

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_network_grant_course_authorship(self):
        """Make the users of these instructors eLearning contributors (internal
        users who create courses and edit those they are responsible for), so
        that they can author the network's courses."""
        self._check_network_manager()
        instructor = self.env.ref("partner_network.partner_network_role_instructor")
        owners = self.commercial_partner_id
        for owner in owners:
            if instructor not in owner.network_role_ids or (
                owner.network_state != "active"
            ):
                raise UserError(
                    self.env._(
                        "%(partner)s is not an active instructor of the network: "
                        "only instructors author the network's courses.",
                        partner=owner.display_name,
                    )
                )
        users = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id.commercial_partner_id", "in", owners.ids)])
        )
        without_user = owners - users.partner_id.commercial_partner_id
        if without_user:
            raise UserError(
                self.env._(
                    "%(partners)s have no user: give them access to the portal "
                    "first.",
                    partners=", ".join(without_user.mapped("display_name")),
                )
            )
        ref = self.env.ref
        portal_users = users.filtered("share")
        portal_users.write(
            {
                "groups_id": [
                    Command.unlink(ref("base.group_portal").id),
                    Command.link(ref("base.group_user").id),
                ]
            }
        )
        users.write(
            {
                "groups_id": [
                    Command.link(ref("website_slides.group_website_slides_officer").id)
                ]
            }
        )
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _network_passed_certifications(self):
        """Return ``{commercial partner id: certification attempts}``: what
        the people of these partners' organisations passed, newest first."""
        passed = defaultdict(lambda: self.env["survey.user_input"])
        inputs = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                self._network_passed_certifications_domain(),
                order="end_datetime desc, id desc",
            )
        )
        for user_input in inputs:
            passed[user_input.partner_id.commercial_partner_id.id] |= user_input
        return passed

    def _network_passed_certifications_domain(self):
        """Certification attempts passed by the people of these partners'
        organisations."""
        return [
            ("network_commercial_partner_id", "in", self.commercial_partner_id.ids),
            ("survey_id.certification", "=", True),
            ("scoring_success", "=", True),
            ("state", "=", "done"),
        ]

    def _network_course_people(self):
        """These partners and every contact of their commercial partners."""
        return self | self.sudo().with_context(active_test=False).search(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
        )

    def _network_sync_courses(self, old_channels=None):
        """Enrol the portal users of these partners' organisations in the
        courses of their categories and tier while they are active in the
        network, and archive the memberships of network courses (and of
        ``old_channels``) they no longer hold: progress and certifications are
        kept, and come back if they qualify again."""
        Channel = self.env["slide.channel"].sudo().with_context(active_test=False)
        scope = Channel.search(
            [
                "|",
                ("network_category_ids", "!=", False),
                ("network_tier_ids", "!=", False),
            ]
        )
        if old_channels:
            scope |= old_channels.sudo()
        if not scope:
            return
        people = self.sudo()._network_course_people()
        users = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "in", people.ids), ("share", "=", True)])
        )
        wanted = defaultdict(set)
        for user in users:
            owner = user.partner_id.commercial_partner_id
            if owner.active and owner.network_state == "active":
                courses = owner.network_category_ids.channel_ids
                for channel in courses | owner.network_tier_id.channel_ids:
                    wanted[channel.id].add(user.partner_id.id)
        held = defaultdict(set)
        for channel, partners in (
            self.env["slide.channel.partner"]
            .sudo()
            ._read_group(
                [("channel_id", "in", scope.ids), ("partner_id", "in", people.ids)],
                ["channel_id"],
                ["partner_id:array_agg"],
            )
        ):
            held[channel.id] = set(partners)
        to_add, to_remove = defaultdict(list), defaultdict(list)
        for channel_id in set(scope.ids) | set(wanted):
            to_add[frozenset(wanted[channel_id] - held[channel_id])].append(channel_id)
            to_remove[frozenset(held[channel_id] - wanted[channel_id])].append(
                channel_id
            )
        Partner = self.env["res.partner"].sudo()
        for partner_ids, channel_ids in to_add.items():
            if partner_ids:
                Channel.browse(channel_ids)._action_add_members(
                    Partner.browse(partner_ids)
                )
        for partner_ids, channel_ids in to_remove.items():
            if partner_ids:
                Channel.browse(channel_ids)._remove_membership(list(partner_ids))
