"""The terms of a buurtrecht request, against calendars worked out by hand.

Every date below was counted on a paper calendar of 2026-2027 with the Dutch public holidays
(Christmas and Boxing Day, New Year's Day, King's Day on Tuesday 27 April 2027).
"""

from datetime import date

import pytest

from samenspel.rights.terms import Pause, next_working_day, term_clock, term_end

MON_2_NOV = date(2026, 11, 2)


def test_ten_weeks_from_a_monday_end_on_a_monday():
    assert term_end(received_on=MON_2_NOV, weeks=10, today=MON_2_NOV) == date(2027, 1, 11)


def test_a_term_ending_on_christmas_runs_to_the_monday_after_boxing_day_and_the_weekend():
    # Fri 16 Oct 2026 + 10 weeks = Fri 25 Dec (Christmas); Sat 26 Dec (Boxing Day), Sun 27 Dec.
    assert term_end(received_on=date(2026, 10, 16), weeks=10, today=date(2026, 10, 16)) == date(2026, 12, 28)


def test_a_term_ending_on_kings_day_runs_to_the_next_day():
    # Tue 16 Feb 2027 + 10 weeks = Tue 27 Apr 2027 (Koningsdag) -> Wed 28 Apr.
    assert term_end(received_on=date(2027, 2, 16), weeks=10, today=date(2027, 2, 16)) == date(2027, 4, 28)


def test_next_working_day_keeps_a_working_day():
    assert next_working_day(date(2026, 12, 29)) == date(2026, 12, 29)


def test_an_answered_question_adds_the_days_the_term_stood_still():
    # Asked Mon 16 Nov, answered Mon 30 Nov: suspended 17..30 Nov = 14 days (Awb 4:15).
    pause = Pause(date(2026, 11, 16), date(2026, 11, 30))
    assert term_end(received_on=MON_2_NOV, weeks=10, pauses=[pause], today=date(2026, 12, 1)) == date(2027, 1, 25)


def test_an_open_question_stops_the_clock_and_shows_where_the_term_would_end_if_answered_today():
    clock = term_clock(received_on=MON_2_NOV, weeks=10, pauses=[Pause(date(2026, 11, 16))], today=date(2026, 11, 23))
    assert clock.paused and not clock.overdue
    assert clock.paused_since == date(2026, 11, 16)
    assert clock.deadline == date(2027, 1, 18)  # 7 days stood still so far


def test_a_question_answered_the_same_day_costs_no_days():
    pause = Pause(date(2026, 11, 16), date(2026, 11, 16))
    assert term_end(received_on=MON_2_NOV, weeks=10, pauses=[pause], today=date(2026, 11, 17)) == date(2027, 1, 11)


def test_a_suspension_can_push_the_end_onto_new_years_day_and_then_past_it():
    # 8 weeks: Mon 28 Dec 2026; 4 days stood still: Fri 1 Jan 2027 (Nieuwjaarsdag) -> Mon 4 Jan.
    pause = Pause(date(2026, 11, 4), date(2026, 11, 8))
    assert term_end(received_on=MON_2_NOV, weeks=8, pauses=[pause], today=date(2026, 11, 9)) == date(2027, 1, 4)


def test_an_extension_adds_its_weeks_after_the_suspension():
    pause = Pause(date(2026, 11, 16), date(2026, 11, 30))
    assert term_end(
        received_on=MON_2_NOV, weeks=10, pauses=[pause], extension_weeks=4, today=date(2026, 12, 1)
    ) == date(2027, 2, 22)


def test_two_suspensions_add_up():
    pauses = [Pause(date(2026, 11, 3), date(2026, 11, 5)), Pause(date(2026, 11, 10), date(2026, 11, 20))]
    # 2 + 10 = 12 days after Mon 11 Jan 2027: Sat 23 Jan -> Mon 25 Jan.
    assert term_end(received_on=MON_2_NOV, weeks=10, pauses=pauses, today=date(2026, 11, 21)) == date(2027, 1, 25)


@pytest.mark.parametrize(
    ("today", "days_left", "overdue"),
    [
        (date(2026, 12, 24), 1, False),  # Thu 24 Dec: only Mon 28 Dec is left (25, 26 holidays; weekend)
        (date(2026, 12, 28), 0, False),  # the last day
        (date(2026, 12, 29), -1, True),
        (date(2027, 1, 4), -4, True),  # 29, 30, 31 Dec and Mon 4 Jan (1 Jan is a holiday)
    ],
)
def test_working_days_left_and_a_missed_term(today, days_left, overdue):
    clock = term_clock(received_on=MON_2_NOV, weeks=8, today=today)
    assert clock.deadline == date(2026, 12, 28)
    assert (clock.days_left, clock.overdue) == (days_left, overdue)


def test_a_step_taken_on_the_last_day_kept_the_term_and_one_a_day_later_did_not():
    kept = term_clock(received_on=MON_2_NOV, weeks=8, today=date(2027, 1, 5), done_on=date(2026, 12, 28))
    late = term_clock(received_on=MON_2_NOV, weeks=8, today=date(2027, 1, 5), done_on=date(2026, 12, 29))
    assert (kept.kept, late.kept) == (True, False)
    assert not late.overdue  # a decided request is never flagged as running late


def test_a_question_still_open_when_the_step_was_taken_counts_up_to_that_day():
    clock = term_clock(
        received_on=MON_2_NOV,
        weeks=8,
        pauses=[Pause(date(2026, 12, 21))],
        today=date(2027, 3, 1),
        done_on=date(2026, 12, 31),
    )
    # 10 days stood still: Mon 28 Dec + 10 = Thu 7 Jan 2027.
    assert clock.deadline == date(2027, 1, 7) and clock.kept


def test_negative_weeks_are_refused():
    with pytest.raises(ValueError):
        term_end(received_on=MON_2_NOV, weeks=-1, today=MON_2_NOV)
