"""Reads of the library. Published practices of every municipality; adoptions with them."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from samenspel.core.formats import money
from samenspel.experiments.models import Experiment
from samenspel.funding.models import FundingAgreement
from samenspel.funding.models import State as AgreementState
from samenspel.initiatives.models import Initiative, Status
from samenspel.initiatives.search import lexemes
from samenspel.municipalities.models import Municipality

from .models import Adoption, Practice


def search_document(practice: Practice) -> str:
    words = lexemes(" ".join(str(getattr(practice, name) or "") for name in Practice.TEXT_FIELDS))
    return f" {' '.join(words)} " if words else ""


def library(
    *,
    q: str = "",
    theme: str = "",
    target_group: str = "",
    evidence_level: str = "",
    municipality: str = "",
    size: str = "",
):
    """Published practices of every municipality on the platform, filtered; most adopted first."""
    qs = (
        Practice.objects.published()
        .select_related("municipality")
        .annotate(adoption_count=Count("adoptions", distinct=True))
    )
    for field, value in (
        ("theme", theme),
        ("target_group", target_group),
        ("evidence_level", evidence_level),
        ("municipality__slug", municipality),
        ("municipality_size", size),
    ):
        if value:
            qs = qs.filter(**{field: value})
    words = lexemes(q or "")
    if q and not words:
        return qs.none()  # stop words only: nothing, as PostgreSQL's plainto_tsquery would find
    condition = Q()
    for word in words:
        condition &= Q(search_document__contains=f" {word} ")
    return qs.filter(condition).order_by("-adoption_count", "-published_at", "-pk")


def practice_any(*, pk: int) -> Practice:
    """One practice of any municipality; whether this person may read it is the view's permission."""
    return get_object_or_404(
        Practice.objects.select_related(
            "municipality", "source_experiment", "source_initiative", "source_agreement"
        ).prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("municipality", "initiative", "experiment").order_by(
                    "adopted_at", "pk"
                ),
            )
        ),
        pk=pk,
    )


def adoptions_public():
    return Adoption.objects.filter(practice__status=Practice.Status.PUBLISHED).select_related(
        "practice", "municipality", "initiative"
    )


def experiments_to_publish(*, municipality):
    return Experiment.objects.filter(municipality=municipality, evaluated_at__isnull=False).order_by("title")


# An agreement is finished enough to publish from when its final report is in, or it is settled:
# only then are the results measured rather than promised.
AGREEMENT_PUBLISHABLE = (AgreementState.FINAL_REPORT, AgreementState.SETTLED)


def agreements_to_publish(*, municipality):
    return FundingAgreement.objects.filter(municipality=municipality, state__in=AGREEMENT_PUBLISHABLE).order_by("title")


def _number(value) -> str:
    return f"{value.normalize():f}"


def agreement_prefill(*, agreement: FundingAgreement) -> dict:
    """The publish form's initial values from a finished agreement: its agreed results against
    their indicators and targets (the measured value from the accepted report), and its money."""
    lines = []
    for result in agreement.results.prefetch_related("reports").order_by("position", "pk"):
        measured = result.latest_measured
        lines.append(
            _("%(result)s — %(indicator)s: %(measured)s (doel %(target)s)")
            % {
                "result": result.description,
                "indicator": result.indicator,
                "measured": _number(measured) if measured is not None else _("niet gemeten"),
                "target": _number(result.target),
            }
        )
    costs = _("Verleend: %(amount)s.") % {"amount": money(agreement.amount, language="nl")}
    if agreement.settled_amount is not None:
        costs += " " + _("Vastgesteld: %(amount)s.") % {"amount": money(agreement.settled_amount, language="nl")}
    return {
        "source_agreement": agreement.pk,
        "title": agreement.title,
        # Clipped to the practice's own limits; the form shows the text to finish before publishing.
        "goal": agreement.purpose[:2000],
        "results": "\n".join(lines)[:2000],
        "costs": costs,
        "funding_form": "result_funding",
    }


def initiatives_to_publish(*, municipality):
    return Initiative.objects.filter(
        municipality=municipality, status__in=[Status.REALISED, Status.SCALED_UP], is_hidden=False
    ).order_by("title")


def municipalities_in_library():
    return Municipality.objects.filter(practices__status=Practice.Status.PUBLISHED).distinct().order_by("name")
