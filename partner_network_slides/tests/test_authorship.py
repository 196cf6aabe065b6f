# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SlidesCommon


class TestCourseAuthorship(SlidesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_instructor = cls.env.ref(
            "partner_network.partner_network_role_instructor"
        )
        cls.instructor = cls.env["res.partner"].create(
            {
                "name": "Ignacio Instructor",
                "email": "ignacio@instructor.example.com",
                "network_category_ids": [
                    Command.set(cls.role_instructor.category_id.ids)
                ],
                "network_role_ids": [Command.set(cls.role_instructor.ids)],
                "network_state": "active",
            }
        )
        cls.user_instructor = cls._new_portal_user("pn_slides_ignacio", cls.instructor)

    def test_instructor_becomes_author(self):
        """An instructor's portal user becomes an eLearning contributor who
        edits the network course it is responsible for, and only that one."""
        self.instructor.with_user(
            self.manager_a
        ).action_network_grant_course_authorship()
        user = self.user_instructor
        self.assertFalse(user.share)
        self.assertTrue(user.has_group("website_slides.group_website_slides_officer"))
        self.course_silver.user_id = user
        self.course_silver.with_user(user).name = "Silver Selling, revised"
        self.assertEqual(self.course_silver.name, "Silver Selling, revised")
        with self.assertRaises(AccessError):
            self.course_gold.with_user(user).name = "Not mine"

    def test_not_an_instructor(self):
        """Only active instructors are given course authorship."""
        with self.assertRefused(UserError, "only instructors author"):
            self.reseller.with_user(
                self.manager_a
            ).action_network_grant_course_authorship()
        self.assertTrue(self.user_uno.share)
        self.instructor.action_network_suspend()
        with self.assertRefused(UserError, "is not an active instructor"):
            self.instructor.with_user(
                self.manager_a
            ).action_network_grant_course_authorship()

    def test_only_managers_grant(self):
        """Network users cannot grant course authorship."""
        with self.assertRefused(AccessError, "Only Network Managers"):
            self.instructor.with_user(
                self.user_a
            ).action_network_grant_course_authorship()
        self.assertTrue(self.user_instructor.share)

    def test_responsible_must_be_instructor(self):
        """A network partner's user who is no instructor cannot be responsible
        of a network course."""
        self.user_uno.write(
            {
                "groups_id": [
                    Command.unlink(self.env.ref("base.group_portal").id),
                    Command.link(self.env.ref("base.group_user").id),
                ]
            }
        )
        with self.assertRefused(ValidationError, "only the network's instructors"):
            self.course_silver.user_id = self.user_uno
