"""Reads of result funding, scoped by municipality."""

import datetime

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samenspel.budgeting.models import Plan
from samenspel.initiatives.models import OPEN_STATUSES, Initiative
from samenspel.rights.models import Outcome as RightOutcome
from samenspel.rights.models import RightRequest
from samenspel.rights.models import State as RightState

from .models import (
    AgreedResult,
    EvidenceFile,
    FundingAgreement,
    ReportState,
    ResultReport,
    State,
    Tranche,
    TrancheEvent,
    TrancheKind,
    TrancheState,
)

#: Tranches planned within this many days show on the coaches' desk before they are ready.
DESK_HORIZON_DAYS = 14


def _with_parts(qs):
    return qs.select_related(
        "municipality",
        "initiative__municipality",
        "plan__budget_round__municipality",
        "plan__initiative",
        "right_request__municipality",
    ).prefetch_related(
        Prefetch("results", queryset=AgreedResult.objects.prefetch_related("reports")),
        Prefetch("tranches", queryset=Tranche.objects.select_related("result").prefetch_related("result__reports")),
    )


def public_agreements(*, municipality=None):
    qs = FundingAgreement.objects.public()
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return _with_parts(qs)


def agreements_for_index(*, municipality, include_drafts: bool):
    qs = FundingAgreement.objects.in_municipality(municipality)
    qs = qs if include_drafts else qs.public()
    return _with_parts(qs)


def agreement_get(*, municipality, pk: int) -> FundingAgreement:
    return get_object_or_404(_with_parts(FundingAgreement.objects.in_municipality(municipality)), pk=pk)


def agreements_of_initiative(*, initiative: Initiative):
    return _with_parts(FundingAgreement.objects.public().filter(initiative=initiative))


def agreements_of_plan(*, plan: Plan):
    return _with_parts(FundingAgreement.objects.public().filter(plan=plan))


def tranche_of(*, agreement: FundingAgreement, pk: int) -> Tranche:
    return get_object_or_404(Tranche.objects.select_related("agreement", "result"), agreement=agreement, pk=pk)


def result_of(*, agreement: FundingAgreement, pk: int) -> AgreedResult:
    return get_object_or_404(AgreedResult.objects.select_related("agreement"), agreement=agreement, pk=pk)


def report_of(*, agreement: FundingAgreement, pk: int) -> ResultReport:
    return get_object_or_404(
        ResultReport.objects.select_related("result__agreement"), result__agreement=agreement, pk=pk
    )


def evidence_of(*, agreement: FundingAgreement, pk: int) -> EvidenceFile:
    return get_object_or_404(EvidenceFile.objects, report__result__agreement=agreement, pk=pk)


def reports_of(*, agreement: FundingAgreement):
    return (
        ResultReport.objects.filter(result__agreement=agreement)
        .select_related("result", "submitted_by", "reviewed_by")
        .prefetch_related("files")
    )


def events_of(*, agreement: FundingAgreement):
    return TrancheEvent.objects.filter(tranche__agreement=agreement).select_related("tranche")


def initiatives_to_fund(*, municipality):
    return Initiative.objects.filter(municipality=municipality, status__in=OPEN_STATUSES).order_by("title")


def funded_plans(*, municipality):
    """Plans funded in a published result of a budget round of this municipality."""
    return (
        Plan.objects.filter(
            budget_round__municipality=municipality,
            result_rows__funded=True,
            result_rows__result__published_at__isnull=False,
        )
        .distinct()
        .select_related("budget_round")
        .order_by("title")
    )


def granted_requests(*, municipality):
    """Buurtrecht requests granted in full or in part: they may be funded on results."""
    return RightRequest.objects.filter(
        municipality=municipality,
        state=RightState.DECIDED,
        outcome__in=[RightOutcome.GRANTED, RightOutcome.GRANTED_IN_PART],
    ).order_by("title")


def agreements_of_request(*, right_request: RightRequest):
    return _with_parts(FundingAgreement.objects.public().filter(right_request=right_request))


def is_funded_plan(plan: Plan) -> bool:
    return funded_plans(municipality=plan.budget_round.municipality).filter(pk=plan.pk).exists()


def tranches_for_desk(*, municipality, today: datetime.date | None = None) -> list[Tranche]:
    """Open tranches of granted agreements that are ready to pay, held, or planned soon; ready first."""
    today = today or timezone.localdate()
    tranches = list(
        Tranche.objects.open()
        .filter(agreement__municipality=municipality, agreement__state=State.GRANTED)
        .filter(
            Q(kind=TrancheKind.ADVANCE)
            | Q(state=TrancheState.HELD)
            | Q(result__reports__state=ReportState.ACCEPTED)
            | Q(due_date__lte=today + datetime.timedelta(days=DESK_HORIZON_DAYS))
        )
        .distinct()
        .select_related("agreement__municipality", "result")
        .prefetch_related("result__reports")
    )
    tranches.sort(key=lambda t: (not t.is_ready, t.state != TrancheState.HELD, t.due_date, t.pk))
    return tranches


def finance_rows(*, municipality):
    """The tranches the finance system pays or has paid: ready to release, and released."""
    tranches = (
        Tranche.objects.filter(agreement__municipality=municipality)
        .exclude(agreement__state=State.DRAFT)
        .filter(state__in=[TrancheState.PLANNED, TrancheState.HELD, TrancheState.RELEASED])
        .select_related("agreement", "result")
        .prefetch_related("result__reports")
        .order_by("agreement_id", "position")
    )
    return [t for t in tranches if t.state == TrancheState.RELEASED or t.is_ready]


def repayments(*, municipality):
    return FundingAgreement.objects.in_municipality(municipality).filter(state=State.SETTLED, repayment_amount__gt=0)
