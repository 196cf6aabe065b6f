# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.partner_network.tests.common import PartnerNetworkCommon


def new_certification(env, title):
    """A certification survey of one question, passed with its right answer."""
    survey = env["survey.survey"].create(
        {
            "title": title,
            "certification": True,
            "scoring_type": "scoring_without_answers",
            "scoring_success_min": 50,
        }
    )
    env["survey.question"].create(
        {
            "survey_id": survey.id,
            "title": f"{title}: the question",
            "question_type": "simple_choice",
            "suggested_answer_ids": [
                Command.create(
                    {"value": "Right", "is_correct": True, "answer_score": 10}
                ),
                Command.create({"value": "Wrong", "answer_score": 0}),
            ],
        }
    )
    return survey


def answer_certification(survey, partner, right=True, end="2026-03-02 10:00:00"):
    """A finished attempt of ``partner`` at ``survey``, right or wrong."""
    question = survey.question_ids
    answer = question.suggested_answer_ids.filtered(
        lambda suggestion: suggestion.is_correct == right
    )
    return survey.env["survey.user_input"].create(
        {
            "survey_id": survey.id,
            "partner_id": partner.id,
            "state": "done",
            "end_datetime": end,
            "user_input_line_ids": [
                Command.create(
                    {
                        "survey_id": survey.id,
                        "question_id": question.id,
                        "answer_type": "suggestion",
                        "suggested_answer_id": answer.id,
                    }
                )
            ],
        }
    )


class SlidesCommon(PartnerNetworkCommon):
    """Members-only courses for the reseller category and for the silver and
    gold tiers, and a portal user for each reseller."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Channel = cls.env["slide.channel"]
        cls.course_reseller, cls.course_silver, cls.course_gold = Channel.create(
            [
                cls._course_values("Reseller Basics"),
                cls._course_values("Silver Selling"),
                cls._course_values("Gold Architecture"),
            ]
        )
        cls.category_reseller.channel_ids = cls.course_reseller
        cls.tier_silver.channel_ids = cls.course_silver
        cls.tier_gold.channel_ids = cls.course_gold
        (cls.tier_silver | cls.tier_gold).certification_ids = False
        cls.user_uno = cls._new_portal_user("pn_slides_uno", cls.reseller)
        cls.user_dos = cls._new_portal_user("pn_slides_dos", cls.reseller_two)

    @classmethod
    def _course_values(cls, name):
        return {
            "name": name,
            "visibility": "members",
            "enroll": "invite",
            "is_published": True,
            "slide_ids": [
                Command.create(
                    {
                        "name": f"{name}: lesson",
                        "slide_category": "article",
                        "is_published": True,
                    }
                )
            ],
        }

    def _courses(self, user):
        """The courses ``user`` holds an active membership of."""
        return (
            self.env["slide.channel.partner"]
            .search([("partner_id", "=", user.partner_id.id)])
            .channel_id
        )

    def _membership(self, user, course):
        """``user``'s membership of ``course``, archived or not."""
        return (
            self.env["slide.channel.partner"]
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "=", user.partner_id.id),
                    ("channel_id", "=", course.id),
                ]
            )
        )
