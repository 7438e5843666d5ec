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

    `lines` holds (principle, verdict, explanation) tuples or dicts with those keys.
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
        if verdict not in Verdict.values:
            errors.append(_("Kies bij ‘%(title)s’ draagt bij, neutraal of strijdig.") % {"title": principles[pk].title})
        if not (explanation or "").strip():
            errors.append(_("Licht het oordeel bij ‘%(title)s’ toe.") % {"title": principles[pk].title})
        given[pk] = (verdict, (explanation or "").strip())
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
    AssessmentLine.objects.bulk_create(
        AssessmentLine(assessment=assessment, principle=principles[pk], verdict=verdict, explanation=explanation)
        for pk, (verdict, explanation) in given.items()
    )
    counts = {v: sum(1 for verdict, _e in given.values() if verdict == v) for v in Verdict.values}
    audit_record(
        municipality=municipality,
        actor=assessed_by,
        action="vision.assessed",
        summary=_(
            "Besluit ‘%(decision)s’ getoetst aan de toekomstvisie: %(c)d draagt bij, %(n)d neutraal, %(s)d strijdig."
        )
        % {
            "decision": str(decision)[:150],
            "c": counts[Verdict.CONTRIBUTES],
            "n": counts[Verdict.NEUTRAL],
            "s": counts[Verdict.CONFLICTS],
        },
        target=decision,
        data={"assessment": assessment.pk, "vision_version": vision_version.pk},
    )
    return assessment
