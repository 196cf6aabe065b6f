# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.cron import run_cron_batch
from .crm_lead import EARNING_STATES

ACTIVITY_TYPE_XMLID = "partner_network.mail_activity_type_network_tier_review"


class ResPartner(models.Model):
    """Tier review: measure network partners against the criteria of the tiers
    of their category, propose the tier they qualify for, let a manager apply it."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    network_proposed_tier_id = fields.Many2one(
        "partner.network.tier",
        string="Proposed Tier",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Highest tier of the partner's category whose criteria it met at "
        "the last tier review. A network manager applies it.",
    )
    network_tier_review_date = fields.Date(
        string="Last Tier Review",
        readonly=True,
        copy=False,
    )
    network_tier_proposal = fields.Selection(
        [("promotion", "Promotion"), ("demotion", "Demotion")],
        string="Tier Proposal",
        compute="_compute_network_tier_proposal",
        store=True,
        help="Whether the last tier review proposes a higher or a lower tier.",
    )

    network_tier_scorecard_html = fields.Html(
        string="Scorecard",
        compute="_compute_network_tier_scorecard_html",
        sanitize=False,
    )

    @api.depends(
        "network_tier_id.sequence",
        "network_proposed_tier_id.sequence",
    )
    def _compute_network_tier_proposal(self):
        for partner in self:
            partner.network_tier_proposal = self._network_tier_direction(
                partner.network_tier_id, partner.network_proposed_tier_id
            )

    @api.depends_context("lang")
    def _compute_network_tier_scorecard_html(self):
        for partner in self:
            partner.network_tier_scorecard_html = partner.network_category_ids and (
                self.env["ir.qweb"]._render(
                    "partner_network.network_tier_scorecard",
                    {"scorecard": partner._network_tier_scorecard()},
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_network_apply_proposed_tier(self):
        """Give the partners the tier their last review proposes (network
        managers only); the pricelist follows the tier, the partner is told."""
        self._check_network_manager()
        partners = self.filtered(
            lambda partner: partner.network_proposed_tier_id
            and partner.network_proposed_tier_id != partner.network_tier_id
        )
        if not partners:
            raise UserError(_("There is no tier proposal to apply."))
        for tier, group in partners.grouped("network_proposed_tier_id").items():
            group.write({"network_tier_id": tier.id})
        self.env["mail.activity"].search(
            partners._network_tier_activity_domain()
        ).action_feedback(feedback=_("Proposed tier applied."))
        partners.message_post_with_source(
            "partner_network.mail_template_network_tier_changed",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_network_tier_review(self, batch_size=500):
        """Review one batch of the active network partners not reviewed today.

        Each batch records the review date, so a run interrupted mid-way resumes
        where it stopped; the shared batched runner isolates a failing batch
        and reports the progress, the cron runner commits and calls again.
        """
        domain = [
            ("network_state", "=", "active"),
            ("network_category_ids", "!=", False),
            "|",
            ("network_tier_review_date", "=", False),
            ("network_tier_review_date", "<", fields.Date.context_today(self)),
        ]
        run_cron_batch(
            self,
            lambda partners: partners._network_tier_review(),
            batch_size,
            domain=domain,
        )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _network_tier_metrics(self, date_from, date_to):
        """Return ``{partner id: {metric code: value}}`` over ``date_from`` to
        ``date_to`` (dates, inclusive) for these partners.

        The extension hook of the tier review: addons add their metrics with
        one query for the whole batch. Here: accepted deal registrations
        (decided in the period, accepted or accepted and since released).
        """
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [
                    ("registration_partner_id", "in", self.ids),
                    ("registration_state", "in", EARNING_STATES),
                    (
                        "registration_decision_date",
                        ">=",
                        datetime.combine(date_from, time.min),
                    ),
                    (
                        "registration_decision_date",
                        "<",
                        datetime.combine(date_to + timedelta(days=1), time.min),
                    ),
                ],
                ["registration_partner_id"],
                ["__count"],
            )
        )
        return {
            partner.id: {"accepted_registrations": counts.get(partner, 0)}
            for partner in self
        }

    @api.model
    def _network_tier_ladders(self):
        """Return the active tiers grouped by category, lowest first."""
        tiers = self.env["partner.network.tier"].search(
            [], order="category_id, sequence, id"
        )
        return tiers.grouped("category_id")

    def _network_tier_ladder(self, ladders):
        """The tiers this partner may hold: those of its tier's category, or of
        its first category that has tiers."""
        self.ensure_one()
        category = self.network_tier_id.category_id or next(
            (cat for cat in self.network_category_ids if cat in ladders),
            self.env["partner.network.category"],
        )
        return ladders.get(category, self.env["partner.network.tier"])

    def _network_tier_metrics_by_period(self, tiers):
        """Return ``{review months: metrics}`` for the review periods of
        ``tiers``, each ending today: one measurement per distinct period."""
        today = fields.Date.context_today(self)
        return {
            months: self._network_tier_metrics(
                today - relativedelta(months=months), today
            )
            for months in set(tiers.mapped("review_months"))
        }

    def _network_tier_meets(self, tier, metrics_by_period):
        """Whether this partner meets every criterion of ``tier``."""
        return tier._network_tier_met(metrics_by_period[tier.review_months][self.id])

    def _network_tier_evaluate(self):
        """Return ``{partner id: proposed tier}``: the highest tier of each
        partner's ladder whose criteria it meets, else its entry tier."""
        ladders = self._network_tier_ladders()
        all_tiers = self.env["partner.network.tier"].concat(*ladders.values())
        metrics_by_period = self._network_tier_metrics_by_period(all_tiers)
        proposals = {}
        for partner in self:
            ladder = partner._network_tier_ladder(ladders)
            proposals[partner.id] = next(
                (
                    tier
                    for tier in reversed(ladder)
                    if partner._network_tier_meets(tier, metrics_by_period)
                ),
                ladder[:1],
            )
        return proposals

    @api.model
    def _network_tier_direction(self, current, proposed):
        """``"promotion"``, ``"demotion"`` or False: where the ``proposed``
        tier takes a partner holding ``current`` (either may be empty)."""
        if not proposed or proposed == current:
            return False
        if not current or (proposed.sequence, proposed.id) > (
            current.sequence,
            current.id,
        ):
            return "promotion"
        return "demotion"

    def _network_tier_review(self):
        """Record the proposal of each partner and ask the account executives
        to decide on the changes.

        A batch costs the same queries however many partners, proposals and
        changes it holds: its metrics, one UPDATE of the proposals, and the
        activities in batch (where Odoo subscribes each account executive
        that gets one in its own queries).
        """
        proposals = self._network_tier_evaluate()
        directions = {
            partner.id: self._network_tier_direction(
                partner.network_tier_id, proposals[partner.id]
            )
            for partner in self
        }
        self._network_tier_store_proposals(proposals, directions)
        self._network_tier_review_activities(
            self.filtered(lambda partner: directions[partner.id])
        )

    def _network_tier_store_proposals(self, proposals, directions):
        """Store each partner's proposed tier, its direction and today's
        review date, in one UPDATE.

        The ORM would write by 100 partners and per set of changed columns,
        and prepare the tracking of every tracked field for nothing: none of
        these fields is tracked, and the only one depending on another, the
        direction, is written with its value.
        """
        fnames = [
            "network_proposed_tier_id",
            "network_tier_proposal",
            "network_tier_review_date",
        ]
        self.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner AS partner
                   SET network_proposed_tier_id = review.tier_id,
                       network_tier_proposal = review.direction,
                       network_tier_review_date = %(today)s,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(ids)s::int[], %(tier_ids)s::int[],
                              %(directions)s::varchar[])
                       AS review(id, tier_id, direction)
                 WHERE partner.id = review.id
                """,
                today=fields.Date.context_today(self),
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=self.ids,
                tier_ids=[proposals[partner_id].id or None for partner_id in self.ids],
                directions=[directions[partner_id] or None for partner_id in self.ids],
            )
        )
        self.invalidate_recordset([*fnames, "write_uid", "write_date"])

    def _network_tier_scorecard(self):
        """Return this partner's scorecard: each criterion of its current tier
        and of the next one with its figure and what is missing, the benefits
        of the next tier and the proposal of the last review."""
        self.ensure_one()
        ladder = self._network_tier_ladder(self._network_tier_ladders())
        current = self.network_tier_id
        if current in ladder:
            next_tier = ladder[list(ladder).index(current) + 1 :][:1]
        else:
            next_tier = ladder[:1]
        tiers = current | next_tier
        metrics_by_period = self._network_tier_metrics_by_period(tiers)
        return {
            "partner": self,
            "tier": current,
            "criteria": self._network_tier_scorecard_criteria(
                current, metrics_by_period
            ),
            "next_tier": next_tier,
            "next_criteria": self._network_tier_scorecard_criteria(
                next_tier, metrics_by_period
            ),
            "next_benefits": next_tier._network_tier_benefits() if next_tier else [],
            "proposed_tier": self.network_proposed_tier_id,
            "review_date": self.network_tier_review_date,
        }

    def _network_tier_scorecard_criteria(self, tier, metrics_by_period):
        if not tier:
            return []
        return tier._network_tier_criteria(
            metrics_by_period[tier.review_months][self.id]
        )

    def _network_tier_activity_domain(self):
        return [
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            ("activity_type_id", "=", self.env.ref(ACTIVITY_TYPE_XMLID).id),
        ]

    def _network_tier_review_activities(self, changing):
        """Give the account executive of each partner of ``changing`` (whose
        proposal differs from its tier) an open review activity, and remove
        those of the other partners.

        Through ``mail.activity`` itself, in batch, so that the addons that
        extend activities see these too: one search, one unlink, one create
        (which subscribes the executives one by one, as Odoo does).
        """
        Activity = self.env["mail.activity"]
        activities = Activity.search(self._network_tier_activity_domain())
        held = set(activities.mapped("res_id"))
        activities.filtered(lambda act: act.res_id not in changing.ids).unlink()
        to_notify = changing.filtered(
            lambda partner: partner.network_manager_id and partner.id not in held
        )
        activity_type = self.env.ref(ACTIVITY_TYPE_XMLID)
        model_id = self.env["ir.model"]._get_id(self._name)
        deadline = activity_type._get_date_deadline()
        vals_list = []
        for lang, partners in to_notify.grouped(
            lambda partner: partner.network_manager_id.lang
        ).items():
            summary = activity_type.with_context(lang=lang).summary
            vals_list += [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": partner.network_manager_id.id,
                    "summary": summary,
                    "date_deadline": deadline,
                }
                for partner in partners
            ]
        Activity.with_context(mail_activity_quick_update=True).create(vals_list)
