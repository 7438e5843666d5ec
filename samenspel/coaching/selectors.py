"""Reads of the coaching desk and the public rule register."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samenspel.initiatives.models import OPEN_STATUSES, Initiative, Status
from samenspel.municipalities.models import Role

from .models import Agreement, CoachNote, Decision, Outcome, Rule, RuleObstacle
from .workdays import ResponseClock, response_clock


@dataclass(frozen=True)
class QueueRow:
    initiative: Initiative
    clock: ResponseClock


def initiative_clock(initiative: Initiative, *, now=None) -> ResponseClock:
    return response_clock(
        submitted_at=initiative.submitted_at,
        promised_days=initiative.municipality.first_response_days,
        first_response_at=initiative.first_response_at,
        now=now or timezone.now(),
    )


def intake_queue(*, municipality, view: str = "intake", now=None) -> list[QueueRow]:
    """The desk's queue: overdue first, then by deadline, then oldest submission.

    `view` is "intake" (status submitted) or "open" (every open status).
    """
    statuses = [Status.SUBMITTED] if view == "intake" else list(OPEN_STATUSES)
    initiatives = (
        Initiative.objects.for_municipality(municipality)
        .filter(status__in=statuses)
        .select_related("coach", "neighbourhood", "municipality")
        .order_by("submitted_at", "pk")
    )
    now = now or timezone.now()
    rows = [QueueRow(initiative=i, clock=initiative_clock(i, now=now)) for i in initiatives]
    rows.sort(key=lambda r: (r.clock.responded, not r.clock.overdue, r.clock.deadline))
    return rows


def desk_initiative(*, municipality, slug: str) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("coach", "initiator", "neighbourhood", "municipality"),
        municipality=municipality,
        slug=slug,
    )


def coach_notes(*, initiative: Initiative):
    return CoachNote.objects.filter(initiative=initiative).select_related("author")


def decisions_of(*, initiative: Initiative, public_only: bool = True):
    qs = Decision.objects.filter(initiative=initiative).select_related("decided_by")
    return qs.public() if public_only else qs


def public_decisions(*, municipality, initiative: str = ""):
    """The open data of decisions: public ones on visible initiatives, optionally of one initiative (slug)."""
    decisions = (
        Decision.objects.public()
        .filter(initiative__municipality=municipality, initiative__is_hidden=False)
        .select_related("initiative", "decided_by")
    )
    return decisions.filter(initiative__slug=initiative) if initiative else decisions


def agreements_of(*, initiative: Initiative, public_only: bool = False):
    qs = Agreement.objects.filter(initiative=initiative)
    return qs.public() if public_only else qs


def agreement_of(*, initiative: Initiative, pk: int) -> Agreement:
    return get_object_or_404(Agreement, pk=pk, initiative=initiative)


def obstacle_of(*, initiative: Initiative, pk: int) -> RuleObstacle:
    return get_object_or_404(RuleObstacle, pk=pk, initiative=initiative)


def rules_of(*, municipality):
    return Rule.objects.filter(municipality=municipality)


def rule_in(*, municipality, pk: int) -> Rule:
    return get_object_or_404(Rule, pk=pk, municipality=municipality)


def obstacles_of(*, initiative: Initiative):
    return (
        RuleObstacle.objects.filter(initiative=initiative)
        .select_related("rule", "experiment")
        .order_by("recorded_at", "pk")
    )


def coaches_of(*, municipality):
    return (
        get_user_model()
        .objects.filter(memberships__municipality=municipality, memberships__role=Role.COACH, is_active=True)
        .distinct()
        .order_by("display_name")
    )


def team_users(*, initiative: Initiative) -> list:
    """The team as `initiatives.rules.is_team_member` counts it (accepted places), active accounts only."""
    return list(
        get_user_model()
        .objects.filter(
            team_memberships__initiative=initiative, team_memberships__accepted_at__isnull=False, is_active=True
        )
        .distinct()
    )


def responsible_users(*, agreement: Agreement) -> list:
    """Who answers for an agreement: its team, or the municipality's coach on the initiative."""
    initiative = agreement.initiative
    if agreement.party == Agreement.Party.TEAM:
        return team_users(initiative=initiative)
    if initiative.coach_id:
        return [initiative.coach]
    # No coach yet: the municipality's administrators answer for the municipality's promises.
    return list(
        get_user_model().objects.filter(
            memberships__municipality=initiative.municipality, memberships__role=Role.ADMIN, is_active=True
        )
    )


def _public_obstacle_filter(prefix: str = "obstacles__") -> Q:
    return Q(**{f"{prefix}initiative__is_hidden": False})


def rule_register(*, municipality):
    """Rules ranked by how many (public) initiatives they block, with counts per outcome."""
    public = _public_obstacle_filter()

    def outcome_count(outcome):
        return Count("obstacles", filter=public & Q(obstacles__outcome=outcome), distinct=True)

    return (
        Rule.objects.filter(municipality=municipality)
        .annotate(
            blocked=Count("obstacles__initiative", filter=public, distinct=True),
            pending=outcome_count(Outcome.PENDING),
            experiment=outcome_count(Outcome.EXPERIMENT),
            changed=outcome_count(Outcome.CHANGED),
            rejected=outcome_count(Outcome.REJECTED),
            # Experiment spaces whose evaluation date passed without an evaluation.
            overdue_evaluations=Count(
                "obstacles__experiment",
                filter=public
                & Q(
                    obstacles__experiment__evaluated_at__isnull=True,
                    obstacles__experiment__evaluation_date__lt=timezone.localdate(),
                ),
                distinct=True,
            ),
        )
        .filter(blocked__gt=0)
        .order_by("-blocked", "title")
    )


def rule_public_obstacles(*, rule: Rule):
    return (
        RuleObstacle.objects.filter(rule=rule, initiative__is_hidden=False)
        .select_related("initiative", "experiment")
        .order_by("-recorded_at", "-pk")
    )
