# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import SlidesCommon, answer_certification, new_certification


@tagged("post_install", "-at_install", "partner_program_browser")
class TestTrainingTour(SlidesCommon, HttpCase):
    def test_partner_opens_its_training(self):
        """In Chromium, a portal partner goes from its portal home to its
        training (its courses and the certification its people passed), then
        to its tier scorecard."""
        certification = new_certification(self.env, "Tour Certification")
        answer_certification(certification, self.user_uno.partner_id)
        self.start_tour("/my", "partner_program_training_tour", login="pn_slides_uno")
