"""The terms of a buurtrecht request (pure: no database, no clock).

A participatieverordening sets its terms in weeks, counted from the day the request is received
(Awb art. 4:13). Three things move the end of a term:

- a suspension (opschorting, Awb art. 4:15): when the municipality asks for more information,
  the term stops from the day after the question until the day the answer arrives; those
  calendar days are added. While a question is open the term stands still, and the end shown
  is where it would fall if the answer came today;
- an extension (verdaging, Awb art. 4:14 lid 3): the recorded weeks are added;
- the Algemene termijnenwet (art. 1): a term that ends on a Saturday, a Sunday or a public
  holiday runs on to the next working day.

Working days and Dutch public holidays come from the coaching desk's clock (`workdays`), so the
desk and the buurtrechten count the same calendar.

Worked example (tests/test_terms.py): received Friday 16 October 2026, ten weeks: Friday
25 December (Christmas), so the term ends Monday 28 December (Boxing Day and the weekend pass).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from samenspel.coaching.workdays import is_working_day, working_days_between


@dataclass(frozen=True)
class Pause:
    """A question for more information: asked on `start`, answered on `end` (None: still open)."""

    start: date
    end: date | None = None

    def days(self, today: date) -> int:
        # Awb 4:15: suspended from the day after the question up to and including the answer's day.
        end = self.end if self.end is not None else max(today, self.start)
        return max(0, (end - self.start).days)


def next_working_day(day: date) -> date:
    """The day itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def term_end(
    *, received_on: date, weeks: int, pauses: Iterable[Pause] = (), extension_weeks: int = 0, today: date
) -> date:
    """The last day of a term of `weeks` weeks from `received_on`, with pauses and extensions."""
    if weeks < 0 or extension_weeks < 0:
        raise ValueError("weeks must be zero or more")
    suspended = sum(pause.days(today) for pause in pauses)
    raw = received_on + timedelta(weeks=weeks + extension_weeks, days=suspended)
    return next_working_day(raw)


@dataclass(frozen=True)
class TermClock:
    """Where a request stands against one term."""

    deadline: date
    days_left: int  # working days from today up to the deadline; negative when overdue
    paused_since: date | None
    done_on: date | None

    @property
    def paused(self) -> bool:
        return self.paused_since is not None and self.done_on is None

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def overdue(self) -> bool:
        return not self.done and not self.paused and self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left if self.overdue else 0

    @property
    def kept(self) -> bool | None:
        """Was the term kept? None while the step is still to be taken."""
        return None if self.done_on is None else self.done_on <= self.deadline


def term_clock(
    *,
    received_on: date,
    weeks: int,
    today: date,
    pauses: Iterable[Pause] = (),
    extension_weeks: int = 0,
    done_on: date | None = None,
) -> TermClock:
    pauses = list(pauses)
    # A finished step is measured on the day it was taken; pauses still open then count up to it.
    as_of = done_on or today
    deadline = term_end(
        received_on=received_on, weeks=weeks, pauses=pauses, extension_weeks=extension_weeks, today=as_of
    )
    open_pause = next((p for p in pauses if p.end is None), None)
    if today <= deadline:
        left = working_days_between(today, deadline)
    else:
        left = -max(1, working_days_between(deadline, today))
    return TermClock(
        deadline=deadline,
        days_left=left,
        paused_since=open_pause.start if open_pause else None,
        done_on=done_on,
    )
