"""Reads of the buurtrechten: the ordinance in force, requests with their terms, the register."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    Ordinance,
    Outcome,
    Right,
    RightRequest,
    RightTerms,
    State,
    Support,
)
from .terms import Pause, TermClock, term_clock


def ordinance_in_force(*, municipality, on: date | None = None) -> Ordinance | None:
    return Ordinance.objects.in_force(municipality=municipality, on=on).prefetch_related("terms").first()


def ordinances_of(*, municipality):
    return Ordinance.objects.filter(municipality=municipality).prefetch_related("terms").order_by("-version")


def terms_for(*, municipality, right: str, on: date | None = None) -> RightTerms | None:
    ordinance = ordinance_in_force(municipality=municipality, on=on)
    if ordinance is None:
        return None
    return next((t for t in ordinance.terms.all() if t.right == right), None)


# --------------------------------------------------------------------------- terms


@dataclass(frozen=True)
class Clocks:
    """The two terms that run on a request: admissibility and decision."""

    admissibility: TermClock
    decision: TermClock

    @property
    def overdue(self) -> bool:
        return self.admissibility.overdue or self.decision.overdue

    @property
    def paused(self) -> bool:
        return self.decision.paused


def clocks_of(request: RightRequest, *, today: date | None = None) -> Clocks | None:
    """None for a draft (no term runs before the request is received)."""
    if request.received_on is None:
        return None
    today = today or timezone.localdate()
    pauses = [Pause(s.asked_on, s.answered_on) for s in request.suspensions.all()]
    extension = sum(e.weeks for e in request.extensions.all())
    terms = request.terms
    admissibility_done = request.admissible_on or (request.decided_on if request.state == State.INADMISSIBLE else None)
    return Clocks(
        admissibility=term_clock(
            received_on=request.received_on,
            weeks=terms.admissibility_weeks,
            today=today,
            pauses=pauses,
            done_on=admissibility_done,
        ),
        decision=term_clock(
            received_on=request.received_on,
            weeks=terms.decision_weeks,
            today=today,
            pauses=pauses,
            extension_weeks=extension,
            done_on=request.decided_on,
        ),
    )


def _with_terms(queryset):
    return queryset.select_related("terms__ordinance", "neighbourhood", "municipality", "coach").prefetch_related(
        "suspensions", "extensions"
    )


def request_in(*, municipality, pk: int) -> RightRequest:
    """Any request of this municipality (permissions decide who sees a draft); 404 elsewhere."""
    return get_object_or_404(
        _with_terms(RightRequest.objects.filter(municipality=municipality)).select_related(
            "organisation", "submitted_by"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class Row:
    request: RightRequest
    clocks: Clocks | None


def public_register(*, municipality, right: str = "", state: str = "", today: date | None = None) -> list[Row]:
    requests = RightRequest.objects.visible().for_municipality(municipality)
    if right:
        requests = requests.filter(right=right)
    if state:
        requests = requests.filter(state=state)
    requests = (
        _with_terms(requests).select_related("agreement").annotate(support_count=Count("supports", distinct=True))
    )
    today = today or timezone.localdate()
    return [Row(r, clocks_of(r, today=today)) for r in requests.order_by("-received_on", "-pk")]


def drafts_of(*, municipality, user):
    if not user.is_authenticated:
        return RightRequest.objects.none()
    return RightRequest.objects.filter(municipality=municipality, state=State.DRAFT, submitted_by=user)


def desk_rows(*, municipality, today: date | None = None) -> list[Row]:
    """Running requests, missed terms first, then by decision date."""
    today = today or timezone.localdate()
    rows = [
        Row(r, clocks_of(r, today=today))
        for r in _with_terms(RightRequest.objects.running().for_municipality(municipality))
    ]
    rows.sort(key=lambda row: (not row.clocks.overdue, row.clocks.decision.deadline, row.request.pk))
    return rows


@dataclass(frozen=True)
class Figures:
    """Per right: requests received, outcomes, and the share decided within the term."""

    right: str
    label: str
    received: int
    running: int
    inadmissible: int
    outcomes: dict  # outcome code -> count
    decided: int
    within_term: int

    @property
    def share_within_term(self) -> float | None:
        return None if not self.decided else self.within_term / self.decided


def figures(*, municipality, today: date | None = None) -> list[Figures]:
    today = today or timezone.localdate()
    requests = _with_terms(RightRequest.objects.visible().for_municipality(municipality))
    by_right: dict[str, list] = {code: [] for code in Right.values}
    for request in requests:
        by_right[request.right].append(request)
    result = []
    for code, items in by_right.items():
        outcomes = Counter(r.outcome for r in items if r.state == State.DECIDED)
        decided = [r for r in items if r.state in (State.DECIDED, State.INADMISSIBLE)]
        within = sum(1 for r in decided if clocks_of(r, today=today).decision.kept)
        result.append(
            Figures(
                right=code,
                label=str(Right(code).label),
                received=len(items),
                running=sum(1 for r in items if r.state in (State.SUBMITTED, State.PUBLIC, State.ASSESSMENT)),
                inadmissible=sum(1 for r in items if r.state == State.INADMISSIBLE),
                outcomes={o: outcomes.get(o, 0) for o in Outcome.values},
                decided=len(decided),
                within_term=within,
            )
        )
    return result


def support_by_neighbourhood(*, request: RightRequest) -> list[tuple[str, int]]:
    """How many residents support the request, per neighbourhood they live in (no names)."""
    rows = (
        Support.objects.filter(request=request)
        .values("user__neighbourhood__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "user__neighbourhood__name")
    )
    return [(row["user__neighbourhood__name"] or "", row["n"]) for row in rows]


def has_supported(*, request: RightRequest, user) -> bool:
    return user.is_authenticated and Support.objects.filter(request=request, user=user).exists()


def due_for_reminder(*, today: date, working_days: int) -> list[tuple[RightRequest, TermClock]]:
    """Running requests whose next term (admissibility, then decision) ends within `working_days`,
    not yet reminded of that date."""
    found = []
    for request in _with_terms(RightRequest.objects.running()).prefetch_related(
        Prefetch("suspensions"), Prefetch("extensions")
    ):
        clocks = clocks_of(request, today=today)
        # While admissibility is open, that is the term that runs out first.
        clock = clocks.admissibility if request.state == State.SUBMITTED else clocks.decision
        if clock.paused or clock.overdue or request.reminded_for == clock.deadline:
            continue
        if clock.days_left <= working_days:
            found.append((request, clock))
    return found


def responsible_users(*, request: RightRequest) -> list:
    """The civil servant responsible: the request's coach, else the municipality's administrators."""
    from django.contrib.auth import get_user_model

    from samenspel.municipalities.models import Role

    if request.coach_id and request.coach.is_active:
        return [request.coach]
    return list(
        get_user_model()
        .objects.filter(memberships__municipality=request.municipality, memberships__role=Role.ADMIN, is_active=True)
        .distinct()
    )


def applicants_of(*, request: RightRequest) -> list:
    """The submitter and the co-submitting residents (who hear about their request)."""
    users = [request.submitted_by] if request.submitted_by_id else []
    users += list(request.co_submitters.filter(is_active=True))
    return [u for u in users if u is not None and u.is_active]


def coaches_of(*, municipality):
    from django.contrib.auth import get_user_model

    from samenspel.municipalities.models import Role

    return (
        get_user_model()
        .objects.filter(memberships__municipality=municipality, memberships__role=Role.COACH, is_active=True)
        .distinct()
        .order_by("display_name")
    )
