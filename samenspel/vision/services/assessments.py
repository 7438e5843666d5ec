"""Assessing a decision of any app against the adopted vision."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from .. import selectors
from ..models import Assessment, AssessmentLine, Verdict, VisionVersion


@transaction.atomic
def assessment_create(
    *, decision, vision_version: VisionVersion, lines: Iterable, assessed_by, summary: str = ""
) -> Assessment:
    """Assess a decision (of any app) against every principle of an adopted vision.

    `lines` holds (principle, verdict, explanation) tuples or dicts with those keys; the
    explanation may stay empty where the verdict is neutral, and is required otherwise.
    """
    municipality = selectors.decision_municipality(decision)
    if vision_version.status != VisionVersion.Status.ADOPTED:
        raise ValidationError(_("Toetsen kan alleen aan een vastgestelde visie."))
    if municipality is None or municipality.pk != vision_version.process.municipality_id:
        raise ValidationError(_("Dit besluit hoort bij een andere gemeente dan de visie."))
    if selectors.assessment_for(decision=decision, version=vision_version) is not None:
        raise ValidationError(_("Dit besluit is al getoetst aan deze versie van de visie."))
    principles = {p.pk: p for p in vision_version.principles.all()}
    given = {}
    errors = []
    for line in lines:
        if isinstance(line, Mapping):
            principle, verdict, explanation = line["principle"], line["verdict"], line.get("explanation", "")
        else:
            principle, verdict, explanation = line
        pk = getattr(principle, "pk", principle)
        if pk not in principles:
            errors.append(_("Een uitgangspunt hoort niet bij deze versie van de visie."))
            continue
        if pk in given:
            errors.append(_("Elk uitgangspunt krijgt één oordeel."))
            continue
        title = principles[pk].title
        if verdict not in Verdict.values:
            errors.append(_("Kies bij ‘%(title)s’ draagt bij, neutraal of strijdig.") % {"title": title})
            given[pk] = None  # answered, wrongly: said above, not again as "nog open"
            continue
        row = AssessmentLine(principle=principles[pk], verdict=verdict, explanation=(explanation or "").strip())
        try:
            # The line's own rules (AssessmentLine.clean): an explanation where the verdict is not neutral.
            row.full_clean(exclude=["assessment"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors.extend(_("Bij ‘%(title)s’: %(reason)s") % {"title": title, "reason": m} for m in error.messages)
        given[pk] = row
    missing = [p.title for pk, p in principles.items() if pk not in given]
    if missing:
        errors.append(
            _("Geef een oordeel bij elk uitgangspunt; nog open: %(titles)s.") % {"titles": ", ".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        municipality=municipality,
        content_type=ContentType.objects.get_for_model(decision),
        object_id=decision.pk,
        vision_version=vision_version,
        summary=(summary or "").strip(),
        assessed_by=assessed_by,
    )
    assessment.full_clean()
    assessment.save()
    for line in given.values():
        line.assessment = assessment
    AssessmentLine.objects.bulk_create(given.values())
    counts = {v: sum(1 for line in given.values() if line.verdict == v) for v in Verdict.values}
    audit_record(
        municipality=municipality,
        actor=assessed_by,
        action="vision.assessed",
        summary=_(
            "Besluit ‘%(decision)s’ getoetst aan de toekomstvisie: %(c)d draagt bij, %(n)d neutraal, %(s)d strijdig."
        )
        % {
            "decision": _decision_label(decision)[:150],
            "c": counts[Verdict.CONTRIBUTES],
            "n": counts[Verdict.NEUTRAL],
            "s": counts[Verdict.CONFLICTS],
        },
        target=decision,
        data={"assessment": assessment.pk, "vision_version": vision_version.pk},
    )
    return assessment


def _decision_label(decision) -> str:
    """The decision with what it is about: “Status: in gesprek (Moestuin De Linde)”."""
    subject = selectors.decision_subject(decision)
    return str(decision) if subject is decision else f"{decision} ({subject})"
