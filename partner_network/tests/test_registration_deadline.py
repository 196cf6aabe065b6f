# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

import pytz

from odoo import Command
from odoo.tests import tagged

from .registration_common import RegistrationCommon


@tagged("post_install", "-at_install")
class TestRegistrationDeadline(RegistrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Madrid 40h", "tz": "Europe/Madrid"}
        )
        cls.company_a.resource_calendar_id = cls.calendar

    def _deadline_of_submission_at(self, moment, **values):
        with self._at(moment):
            return self._submitted(self.sponsor, **values).registration_deadline

    def test_fifteen_working_days_skip_weekends(self):
        """Friday submission: the day itself does not count, weekends are skipped."""
        # Fri 3 July 2026 -> Mon 6 is day 1, Fri 24 July is day 15
        self.assertEqual(
            self._deadline_of_submission_at("2026-07-03 10:00:00"), date(2026, 7, 24)
        )

    def test_public_holiday_is_skipped(self):
        """A public holiday of the company calendar pushes the deadline by a day."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Fiesta local",
                "calendar_id": self.calendar.id,
                "date_from": "2026-07-14 22:00:00",
                "date_to": "2026-07-15 21:59:59",
            }
        )
        self.assertEqual(
            self._deadline_of_submission_at("2026-07-03 10:00:00"), date(2026, 7, 27)
        )

    def test_same_as_resource_planning(self):
        """The deadline is what resource.calendar.plan_days plans from the next day."""
        tz = pytz.timezone("Europe/Madrid")
        start = tz.localize(datetime(2026, 12, 22))
        expected = self.calendar.plan_days(15, start, compute_leaves=True)
        self.assertEqual(
            self._deadline_of_submission_at("2026-12-21 09:00:00"),
            expected.astimezone(tz).date(),
        )

    def test_company_setting_and_calendar(self):
        """Another company uses its own window and working week."""
        four_days = self.env["resource.calendar"].create(
            {
                "name": "Mon-Thu",
                "tz": "America/Argentina/Buenos_Aires",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 17,
                        }
                    )
                    for day in range(4)
                ],
            }
        )
        self.company_b.write(
            {"resource_calendar_id": four_days.id, "registration_sla_days": 5}
        )
        self._new_agreement(
            self.sponsor,
            company=self.company_b,
            date_start="2020-01-01",
            state="active",
        )
        registration = self._new_registration(
            self.sponsor, company_id=self.company_b.id
        )
        with self._at("2026-07-03 15:00:00"):  # Friday
            registration.action_registration_submit()
        # Mon 6, Tue 7, Wed 8, Thu 9, (Fri-Sun off) Mon 13
        self.assertEqual(registration.registration_deadline, date(2026, 7, 13))

    def test_submission_day_in_company_timezone(self):
        """Sunday 23:30 UTC is already Monday in Madrid: counting starts Tuesday."""
        # Mon 6 July (local) -> Tue 7 is day 1 -> Mon 27 is day 15
        self.assertEqual(
            self._deadline_of_submission_at("2026-07-05 23:30:00"), date(2026, 7, 27)
        )
