# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .common import SlidesCommon


class TestCourseEnrolment(SlidesCommon):
    def test_users_follow_category_and_tier(self):
        """Each reseller's portal user follows the courses of its category and
        of its own tier, never those of another partner's tier."""
        self.assertEqual(
            self._courses(self.user_uno), self.course_reseller | self.course_silver
        )
        self.assertEqual(
            self._courses(self.user_dos), self.course_reseller | self.course_gold
        )

    def test_tier_change_moves_courses(self):
        """A new tier brings its courses and takes those of the old one."""
        self.reseller.network_tier_id = self.tier_gold
        self.assertEqual(
            self._courses(self.user_uno), self.course_reseller | self.course_gold
        )
        self.assertFalse(self._membership(self.user_uno, self.course_silver).active)

    def test_category_removed(self):
        """A partner that leaves the category loses the category's and the
        tier's courses."""
        self.reseller.write(
            {"network_tier_id": False, "network_category_ids": [Command.clear()]}
        )
        self.assertFalse(self._courses(self.user_uno))
        self.assertEqual(
            self._courses(self.user_dos), self.course_reseller | self.course_gold
        )

    def test_suspension_keeps_progress(self):
        """A suspended partner loses access; reactivated, it finds its
        completed course as it left it."""
        membership = self._membership(self.user_uno, self.course_silver)
        self.course_silver.slide_ids.with_user(self.user_uno).action_mark_completed()
        self.assertEqual(membership.member_status, "completed")
        self.reseller.action_network_suspend()
        self.assertFalse(self._courses(self.user_uno))
        self.assertRecordValues(
            membership, [{"active": False, "member_status": "completed"}]
        )
        self.reseller.action_network_activate()
        self.assertRecordValues(
            membership, [{"active": True, "member_status": "completed"}]
        )
        self.assertEqual(membership.completion, 100)

    def test_candidate_has_no_course(self):
        """A candidate follows no course until it is activated."""
        candidate = self.env["res.partner"].create(
            {
                "name": "Reseller Tres",
                "is_company": True,
                "network_category_ids": [Command.set(self.category_reseller.ids)],
                "network_tier_id": self.tier_gold.id,
            }
        )
        user = self._new_portal_user("pn_slides_tres", candidate)
        self.assertFalse(self._courses(user))
        candidate.action_network_activate()
        self.assertEqual(self._courses(user), self.course_reseller | self.course_gold)

    def test_portal_user_added_and_archived(self):
        """A portal user added to a partner is enrolled; archived, it loses
        access."""
        user = self._new_portal_user("pn_slides_uno_bis", self.reseller)
        self.assertEqual(self._courses(user), self.course_reseller | self.course_silver)
        user.active = False
        self.assertFalse(self._courses(user))

    def test_internal_user_not_enrolled(self):
        """Only portal users of the partner are enrolled: an internal user
        made a contact of it is not."""
        contact = self.env["res.partner"].create(
            {"name": "Internal Contact", "parent_id": self.reseller.id}
        )
        self.internal_user.partner_id = contact
        self.assertFalse(self._courses(self.internal_user))

    def test_portal_access_granted_later(self):
        """A contact that becomes a portal user through the portal wizard is
        enrolled."""
        contact = self.env["res.partner"].create(
            {
                "name": "Luis Uno",
                "parent_id": self.reseller.id,
                "email": "luis@uno.example.com",
            }
        )
        wizard = self.env["portal.wizard"].create({"partner_ids": contact.ids})
        wizard.user_ids.action_grant_access()
        self.assertEqual(
            self._courses(contact.user_ids), self.course_reseller | self.course_silver
        )

    def test_contact_moving_to_another_partner(self):
        """A portal user whose contact moves to another partner follows the
        courses of the new one."""
        self.user_uno.partner_id.parent_id = self.reseller_two
        self.assertEqual(
            self._courses(self.user_uno), self.course_reseller | self.course_gold
        )

    def test_tier_courses_changed(self):
        """A course added to a tier reaches its partners; removed, it goes."""
        extra = self.env["slide.channel"].create(self._course_values("Silver Extra"))
        self.tier_silver.channel_ids = [Command.link(extra.id)]
        self.assertIn(extra, self._courses(self.user_uno))
        self.assertNotIn(extra, self._courses(self.user_dos))
        self.tier_silver.channel_ids = [Command.unlink(extra.id)]
        self.assertNotIn(extra, self._courses(self.user_uno))
        self.category_reseller.channel_ids = [Command.clear()]
        self.assertEqual(self._courses(self.user_uno), self.course_silver)

    def test_other_members_untouched(self):
        """Attendees who are not the network's partners keep their place in a
        network course."""
        outsider = self.env["res.partner"].create({"name": "Outside Attendee"})
        self.course_silver._action_add_members(outsider)
        self.reseller.network_tier_id = self.tier_gold
        self.assertTrue(
            self.env["slide.channel.partner"].search(
                [
                    ("partner_id", "=", outsider.id),
                    ("channel_id", "=", self.course_silver.id),
                ]
            )
        )

    def test_other_partner_access(self):
        """A portal user cannot read the members-only course of another
        partner's tier."""
        self.assertTrue(self.course_silver.with_user(self.user_uno).has_access("read"))
        self.assertFalse(self.course_gold.with_user(self.user_uno).has_access("read"))

    def test_batch_queries_constant(self):
        """Enrolling the partners of a tier in a new course, and removing
        them, costs the same queries for many partners as for a few."""
        Partner = self.env["res.partner"]
        gold_people = self.user_dos.partner_id
        for tier, count in ((self.tier_silver, 3), (self.tier_gold, 12)):
            for index in range(count):
                reseller = Partner.create(
                    {
                        "name": f"Batch {tier.name} {index}",
                        "is_company": True,
                        "network_category_ids": [
                            Command.set(self.category_reseller.ids)
                        ],
                        "network_tier_id": tier.id,
                        "network_state": "active",
                    }
                )
                user = self._new_portal_user(f"pn_slides_{tier.id}_{index}", reseller)
                if tier == self.tier_gold:
                    gold_people |= user.partner_id
        course_few, course_many = self.env["slide.channel"].create(
            [self._course_values("Few"), self._course_values("Many")]
        )

        def queries(tier, command):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            tier.channel_ids = [command]
            self.env.flush_all()
            return self.cr.sql_log_count - start

        self.assertEqual(
            queries(self.tier_silver, Command.link(course_few.id)),
            queries(self.tier_gold, Command.link(course_many.id)),
        )
        members = course_many.channel_partner_ids.partner_id
        self.assertEqual(len(members & gold_people), 13)
        self.assertEqual(
            queries(self.tier_silver, Command.unlink(course_few.id)),
            queries(self.tier_gold, Command.unlink(course_many.id)),
        )
        self.assertFalse(course_many.channel_partner_ids.partner_id & gold_people)
