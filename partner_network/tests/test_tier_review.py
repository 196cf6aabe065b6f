# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.partner_network.models.res_partner_tier_review import ResPartner

from .tier_review_common import TierReviewCommon


@tagged("post_install", "-at_install")
class TestTierReview(TierReviewCommon):
    def test_accepted_registrations_promote(self):
        """Enough accepted registrations propose the highest tier met, and the
        account executive gets an activity; the tier itself does not change."""
        self._accepted(self.reseller, 3)
        self._review(self.reseller)
        self.assertRecordValues(
            self.reseller,
            [
                {
                    "network_tier_id": self.tier_silver.id,
                    "network_proposed_tier_id": self.tier_gold.id,
                    "network_tier_proposal": "promotion",
                }
            ],
        )
        activity = self._tier_review_activities(self.reseller)
        self.assertRecordValues(activity, [{"user_id": self.user_a.id}])

    def test_review_activity_as_mail_creates_it(self):
        """The review activity is the one mail.activity would create: the
        type's summary in the executive's language, the partner's name, the
        executive's time zone, the type's deadline; the executive follows the
        partner with the default subtypes."""
        self.env["res.lang"]._activate_lang("es_ES")
        activity_type = self.env.ref(
            "partner_network.mail_activity_type_network_tier_review"
        )
        activity_type.with_context(lang="es_ES").summary = "Decidir el nivel"
        self.user_a.write({"lang": "es_ES", "tz": "Europe/Madrid"})
        self.assertNotIn(self.user_a.partner_id, self.reseller.message_partner_ids)
        self._review(self.reseller)
        self.assertRecordValues(
            self._tier_review_activities(self.reseller),
            [
                {
                    "summary": "Decidir el nivel",
                    "res_name": self.reseller.display_name,
                    "res_model": "res.partner",
                    "user_tz": "Europe/Madrid",
                    "date_deadline": activity_type._get_date_deadline(),
                    "date_done": False,
                    "active": True,
                }
            ],
        )
        follower = self.reseller.message_follower_ids.filtered(
            lambda follower: follower.partner_id == self.user_a.partner_id
        )
        self.assertEqual(
            follower.subtype_ids,
            self.env["mail.message.subtype"].default_subtypes("res.partner")[0],
        )

    def test_criteria_below_threshold_keep_tier(self):
        """Two accepted registrations meet Silver, not Gold: no change proposed,
        no activity."""
        self._accepted(self.reseller, 2)
        self._review(self.reseller)
        self.assertEqual(self.reseller.network_proposed_tier_id, self.tier_silver)
        self.assertFalse(self.reseller.network_tier_proposal)
        self.assertFalse(self._tier_review_activities(self.reseller))

    def test_only_period_counts(self):
        """Registrations decided before the review period do not count."""
        with self._at("2026-01-10 10:00:00"):
            self._accepted(self.reseller, 3)
        with freeze_time("2027-01-09"):
            self._review(self.reseller)
        self.assertEqual(self.reseller.network_proposed_tier_id, self.tier_gold)
        self.tier_gold.review_months = 6
        with freeze_time("2027-01-09"):
            self._review(self.reseller)
        self.assertEqual(self.reseller.network_proposed_tier_id, self.tier_silver)

    def test_rejected_registrations_do_not_count(self):
        """Only accepted registrations count: submitted or rejected ones do not."""
        self._accepted(self.reseller, 1)
        self._submitted(self.reseller, email_from="a@other-prospect.example.org")
        self._review(self.reseller)
        self.assertEqual(self.reseller.network_proposed_tier_id, self.tier_registered)

    def test_demotion_proposed_not_applied(self):
        """A partner below its tier's criteria is proposed the tier it meets,
        never moved there by the review."""
        self._review(self.reseller_two)
        self.assertRecordValues(
            self.reseller_two,
            [
                {
                    "network_tier_id": self.tier_gold.id,
                    "network_proposed_tier_id": self.tier_registered.id,
                    "network_tier_proposal": "demotion",
                }
            ],
        )
        self.assertTrue(self._tier_review_activities(self.reseller_two))

    def test_activity_goes_when_proposal_matches(self):
        """An open review activity goes away once the proposal matches the tier."""
        self._review(self.reseller)
        self.assertTrue(self._tier_review_activities(self.reseller))
        self._accepted(self.reseller, 2)
        self._review(self.reseller)
        self.assertFalse(self._tier_review_activities(self.reseller))

    def test_manager_applies_proposal(self):
        """A network manager applies the proposal: the tier and its pricelist
        follow, the activity is done, the partner is told in its language."""
        pricelist = self.env["product.pricelist"].create({"name": "Gold prices"})
        self.tier_gold.pricelist_id = pricelist
        self.env["res.lang"]._activate_lang("es_ES")
        self.tier_gold.with_context(lang="es_ES").name = "Revendedor Oro"
        self.reseller.write({"lang": "es_ES", "email": "uno@reseller.example.com"})
        self._accepted(self.reseller, 3)
        self._review(self.reseller)
        self.reseller.with_user(self.manager_a).action_network_apply_proposed_tier()
        self.assertRecordValues(
            self.reseller,
            [
                {
                    "network_tier_id": self.tier_gold.id,
                    "network_tier_proposal": False,
                    "property_product_pricelist": pricelist.id,
                }
            ],
        )
        self.assertFalse(self._tier_review_activities(self.reseller))
        message = self.reseller.message_ids[0]
        self.assertIn("Revendedor Oro", message.subject)
        self.assertIn(self.reseller.commercial_partner_id, message.partner_ids)

    def test_only_managers_apply(self):
        """A network user cannot apply a proposal; a partner without a pending
        proposal is refused with a clear message."""
        self._review(self.reseller_two)
        with self.assertRefused(AccessError, "Only Network Managers"):
            self.reseller_two.with_user(
                self.user_a
            ).action_network_apply_proposed_tier()
        self.assertEqual(self.reseller_two.network_tier_id, self.tier_gold)
        self._accepted(self.reseller, 2)
        self._review(self.reseller)
        with self.assertRefused(UserError, "no tier proposal"):
            self.reseller.with_user(self.manager_a).action_network_apply_proposed_tier()

    def test_partner_without_tier_gets_entry_tier(self):
        """A partner of a category but no tier is proposed the tier it meets."""
        partner = self._new_reseller("Reseller Tres", tier=self.tier_registered)
        partner.network_tier_id = False
        self._accepted(partner, 2)
        self._review(partner)
        self.assertRecordValues(
            partner,
            [
                {
                    "network_proposed_tier_id": self.tier_silver.id,
                    "network_tier_proposal": "promotion",
                }
            ],
        )

    def test_scorecard_current_and_next(self):
        """The scorecard gives each criterion of the current and next tier with
        the partner's figure, what is missing, and the next tier's benefits."""
        self._accepted(self.reseller, 1)
        scorecard = self.reseller._network_tier_scorecard()
        self.assertEqual(scorecard["tier"], self.tier_silver)
        self.assertEqual(scorecard["next_tier"], self.tier_gold)
        self.assertEqual(
            [
                (c["code"], c["required"], c["value"], c["missing"], c["met"])
                for c in scorecard["criteria"] + scorecard["next_criteria"]
            ],
            [
                ("accepted_registrations", "2", "1", "1", False),
                ("accepted_registrations", "3", "1", "2", False),
            ],
        )
        self.assertIn(
            "Registrations protected for 120 days", scorecard["next_benefits"]
        )
        html = str(self.reseller.network_tier_scorecard_html)
        self.assertIn("Gold Reseller", html)


@tagged("post_install", "-at_install")
class TestTierReviewCron(TierReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only the partners of this test are due for review
        cls.env["res.partner"].search(
            [("network_state", "=", "active")]
        ).network_tier_review_date = "2099-01-01"
        cls.partners = cls.env["res.partner"].concat(
            *(cls._new_reseller(f"Batch Reseller {n}") for n in range(6))
        )
        cls._accepted(cls.partners[0], 3)

    def _due(self):
        return self.partners.filtered(
            lambda partner: partner.network_tier_review_date != self.today
        )

    def setUp(self):
        super().setUp()
        self.today = fields.Date.context_today(self.env["res.partner"])

    def test_cron_rerun_after_crash(self):
        """A run that fails mid-way keeps its finished batches; the rerun
        reviews only the rest, once, with one activity per partner."""
        Partner = self.env["res.partner"]
        Partner._cron_network_tier_review(batch_size=2)
        original = ResPartner._network_tier_review
        # the second batch fails after writing its proposals: rolled back
        with (
            patch.object(
                ResPartner,
                "_network_tier_review_activities",
                side_effect=RuntimeError("crash"),
                autospec=True,
            ),
            mute_logger("odoo.addons.partner_network.tools.cron"),
        ):
            Partner._cron_network_tier_review(batch_size=2)
        self.assertEqual(len(self._due()), 4)
        reviewed = []

        def spy(partners):
            reviewed.extend(partners.ids)
            return original(partners)

        with patch.object(ResPartner, "_network_tier_review", spy):
            for _run in range(4):
                Partner._cron_network_tier_review(batch_size=2)
        self.assertEqual(sorted(reviewed), sorted(self.partners[2:].ids))
        self.assertFalse(self._due())
        self.assertEqual(self.partners[0].network_proposed_tier_id, self.tier_gold)
        activities = self._tier_review_activities(self.partners)
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(self.partners.ids))

    def test_review_twice_changes_nothing(self):
        """Reviewing the same partners again changes no proposal and adds no
        activity."""
        self._review(self.partners)
        activities = self._tier_review_activities(self.partners)
        proposals = self.partners.mapped("network_proposed_tier_id")
        self._review(self.partners)
        self.assertEqual(self._tier_review_activities(self.partners), activities)
        self.assertEqual(self.partners.mapped("network_proposed_tier_id"), proposals)

    def test_queries_per_batch_constant(self):
        """A batch of the review costs the same queries however many partners,
        proposals and changes it holds, for the same account executives: three
        partners with two proposals and two changes, then nine with three
        proposals, a promotion, demotions and a partner without executive;
        each batch drops one stale activity and gives both executives one."""
        more = self.env["res.partner"].concat(
            *(self._new_reseller(f"More Reseller {n}") for n in range(8))
        )
        self._review(more[:2])  # both proposed Registered: two activities
        self._accepted(more[0], 2)  # now meet Silver, their tier
        self._accepted(more[1], 2)
        self._accepted(more[4], 3)
        self._accepted(more[7], 2)
        (more[3] | more[5]).network_manager_id = self.user_b
        more[6].network_manager_id = False
        self._review(self.reseller)  # warm the caches of the registry
        batches = (more[0] | more[2:4], more[1] | more[4:] | self.partners[:4])
        counts = []
        for batch in batches:
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self._review(batch)
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual([len(batch) for batch in batches], [3, 9])
        self.assertEqual(
            [len(set(batch.mapped("network_proposed_tier_id"))) for batch in batches],
            [2, 3],
        )
        self.assertEqual(
            [len(batch.filtered("network_tier_proposal")) for batch in batches],
            [2, 3 + len(self.partners[:4].filtered("network_tier_proposal"))],
        )
        self.assertFalse(self._tier_review_activities(more[:2]))
        for batch in batches:
            self.assertEqual(
                self._tier_review_activities(batch).user_id,
                self.user_a | self.user_b,
            )
        self.assertEqual(counts[0], counts[1])
