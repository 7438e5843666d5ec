"""The vision's contributions to other pages: the initiative panel and the home section."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from . import selectors


def _public_decisions(initiative) -> list:
    # Coaching owns decisions; we read them without depending on it being installed.
    try:
        from samenspel.coaching.models import Decision
    except ImportError:  # pragma: no cover
        return []
    return list(Decision.objects.public().filter(initiative=initiative).order_by("-decided_at", "-pk"))


def initiative_panel_context(request, initiative) -> dict | None:
    """Scorecards of the initiative's public decisions; None when there is nothing to show or do."""
    municipality = initiative.municipality
    version = selectors.adopted_version(municipality=municipality)
    decisions = _public_decisions(initiative)
    if not decisions:
        return None
    scorecards = selectors.scorecards_for(decisions)
    may_assess = version is not None and request.user.has_perm("vision.assess", municipality)
    rows = []
    for decision in decisions:
        assessments = scorecards.get(decision, [])
        assess_url = None
        if may_assess and not any(a.vision_version_id == version.pk for a in assessments):
            assess_url = reverse(
                "vision:assess",
                kwargs={
                    "municipality": municipality.slug,
                    "content_type_id": ContentType.objects.get_for_model(decision).pk,
                    "object_id": decision.pk,
                },
            )
        if assessments or assess_url:
            rows.append({"decision": decision, "assessments": assessments, "assess_url": assess_url})
    if not rows:
        return None
    return {"rows": rows}


def home_context(request, municipality) -> dict | None:
    process = selectors.current_process(municipality=municipality)
    if process is None:
        return None
    return {"process": process, "figures": selectors.participation_figures(process=process)}
