"""The promised first response counts Dutch working days, in Amsterdam's calendar."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from samenspel.coaching.workdays import (
    add_working_days,
    is_working_day,
    local_date,
    response_clock,
    working_days_between,
)

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 2), True),  # an ordinary Monday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
        (date(2026, 4, 27), False),  # Koningsdag
        (date(2025, 4, 26), False),  # Koningsdag moved to Saturday (27 April 2025 was a Sunday)
        (date(2026, 4, 6), False),  # Tweede paasdag
        (date(2026, 5, 14), False),  # Hemelvaartsdag
        (date(2026, 5, 25), False),  # Tweede pinksterdag
        (date(2026, 12, 25), False),  # Eerste kerstdag
        (date(2026, 12, 24), True),  # Christmas Eve is a working day
        (date(2027, 1, 1), False),  # Nieuwjaarsdag
    ],
)
def test_working_days_are_weekdays_without_dutch_holidays(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "deadline"),
    [
        (date(2026, 3, 2), 5, date(2026, 3, 9)),  # Monday + 5 = next Monday
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday + 1 skips the weekend
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # submitted on Saturday: Monday is the first working day
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Friday before Koningsdag (Monday 27 April)
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Maundy Thursday: Good Friday and Easter Monday skipped
        (date(2026, 4, 2), 5, date(2026, 4, 13)),  # deadline across the Easter weekend
        (date(2026, 12, 23), 1, date(2026, 12, 24)),
        (date(2026, 12, 23), 2, date(2026, 12, 28)),  # across Christmas
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # across New Year into the next year
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
    ],
)
def test_deadline_counts_working_days_after_the_start(start, days, deadline):
    assert add_working_days(start, days) == deadline


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 3, 2), date(2026, 3, 2), 0),
        (date(2026, 3, 2), date(2026, 3, 9), 5),
        (date(2026, 3, 9), date(2026, 3, 2), -5),
        (date(2026, 4, 24), date(2026, 4, 28), 1),  # only Tuesday: weekend and Koningsdag do not count
        (date(2026, 3, 6), date(2026, 3, 8), 0),  # Friday to Sunday
    ],
)
def test_working_days_between(start, end, count):
    assert working_days_between(start, end) == count


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Sunday 23:30 UTC in winter is already Monday 00:30 in Amsterdam.
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), date(2026, 3, 2)),
        (datetime(2026, 3, 1, 22, 30, tzinfo=UTC), date(2026, 3, 1)),
        # Summer time: UTC+2.
        (datetime(2026, 6, 7, 22, 30, tzinfo=UTC), date(2026, 6, 8)),
        (datetime(2026, 6, 7, 21, 30, tzinfo=UTC), date(2026, 6, 7)),
        (date(2026, 6, 7), date(2026, 6, 7)),
    ],
)
def test_dates_are_taken_in_amsterdam(moment, expected):
    assert local_date(moment) == expected


def test_a_submission_just_after_local_midnight_counts_from_monday():
    sunday_night_utc = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # Monday 00:30 local
    clock = response_clock(submitted_at=sunday_night_utc, promised_days=1, now=sunday_night_utc)
    assert clock.deadline == date(2026, 3, 3)


class TestResponseClock:
    submitted = datetime(2026, 4, 22, 10, 0, tzinfo=AMS)  # Wednesday before Koningsdag

    def clock(self, now, first_response_at=None, days=3):
        return response_clock(
            submitted_at=self.submitted, promised_days=days, now=now, first_response_at=first_response_at
        )

    def test_deadline_skips_the_weekend_and_koningsdag(self):
        # Thu 23, Fri 24, (weekend, Koningsdag) Tue 28.
        assert self.clock(self.submitted).deadline == date(2026, 4, 28)

    def test_days_left_on_the_day_of_submission(self):
        clock = self.clock(self.submitted)
        assert (clock.days_left, clock.overdue, clock.due_today) == (3, False, False)

    def test_due_today_on_the_deadline(self):
        clock = self.clock(datetime(2026, 4, 28, 16, 0, tzinfo=AMS))
        assert (clock.days_left, clock.due_today, clock.overdue) == (0, True, False)

    def test_koningsdag_does_not_eat_a_day_of_the_promise(self):
        assert self.clock(datetime(2026, 4, 27, 9, 0, tzinfo=AMS)).days_left == 1

    def test_overdue_the_day_after_the_deadline(self):
        clock = self.clock(datetime(2026, 4, 29, 9, 0, tzinfo=AMS))
        assert (clock.days_left, clock.overdue) == (-1, True)

    def test_overdue_counts_working_days_late(self):
        assert self.clock(datetime(2026, 5, 6, 9, 0, tzinfo=AMS)).days_left == -6

    def test_a_weekend_after_the_deadline_is_still_overdue(self):
        submitted = datetime(2026, 3, 5, 10, 0, tzinfo=AMS)  # Thursday; deadline Friday
        clock = response_clock(submitted_at=submitted, promised_days=1, now=datetime(2026, 3, 7, 10, tzinfo=AMS))
        assert clock.overdue and clock.days_left == -1

    def test_answered_in_time_is_kept_and_never_overdue(self):
        clock = self.clock(datetime(2026, 5, 20, tzinfo=AMS), first_response_at=datetime(2026, 4, 28, 17, tzinfo=AMS))
        assert clock.responded and clock.kept and not clock.overdue

    def test_answered_late_is_not_kept(self):
        clock = self.clock(datetime(2026, 5, 20, tzinfo=AMS), first_response_at=datetime(2026, 4, 29, 9, tzinfo=AMS))
        assert clock.kept is False

    def test_still_waiting_has_no_verdict(self):
        assert self.clock(self.submitted).kept is None
