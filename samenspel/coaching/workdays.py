"""Working-day arithmetic for the promised first response (pure: no database, no clock).

A municipality promises a first reaction within N working days. Working days are
Monday to Friday minus Dutch public holidays (the `holidays` package, "NL"). The
day of submission itself does not count: submitted on Monday with 1 working day
promised means an answer is due by the end of Tuesday. Dates are taken in
Europe/Amsterdam: a form sent at 00:30 on a Saturday in Lindeveen is 22:30 Friday
in UTC, but residents and staff live by the local calendar.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=1)
def _dutch_holidays():
    # One lazily growing calendar: `holidays` adds years on first lookup. Imported here, not
    # at start: the package builds every country's and calendar's tables when imported
    # (about 0.2 s of every process's start), and most processes never count a term.
    import holidays

    return holidays.country_holidays("NL")


def local_date(moment: datetime | date) -> date:
    """The calendar date in Amsterdam of an aware datetime (naive ones are taken as UTC)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo("UTC"))
        return moment.astimezone(AMSTERDAM).date()
    return moment


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays()


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end lies before start."""
    if end == start:
        return 0
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return sign * count


@dataclass(frozen=True)
class ResponseClock:
    """Where an initiative stands against the promised first response."""

    deadline: date
    days_left: int  # working days after today up to the deadline; negative when overdue
    responded_on: date | None

    @property
    def responded(self) -> bool:
        return self.responded_on is not None

    @property
    def overdue(self) -> bool:
        return not self.responded and self.days_left < 0

    @property
    def due_today(self) -> bool:
        return not self.responded and self.days_left == 0

    @property
    def kept(self) -> bool | None:
        """Was the promise kept? None while still waiting for the first response."""
        return None if self.responded_on is None else self.responded_on <= self.deadline


def response_clock(
    *, submitted_at: datetime, promised_days: int, now: datetime, first_response_at: datetime | None = None
) -> ResponseClock:
    deadline = add_working_days(local_date(submitted_at), promised_days)
    today = local_date(now)
    if today <= deadline:
        left = working_days_between(today, deadline)
    else:
        # Overdue: count the working days already past the deadline (at least one day late).
        left = -max(1, working_days_between(deadline, today))
    return ResponseClock(
        deadline=deadline,
        days_left=left,
        responded_on=local_date(first_response_at) if first_response_at else None,
    )
