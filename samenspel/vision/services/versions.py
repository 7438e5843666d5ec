"""The vision itself: versions, principles drawn from consensus, publication, adoption, endorsements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from .. import selectors
from ..models import Endorsement, Principle, PrincipleSource, Statement, VisionProcess, VisionVersion


@transaction.atomic
def vision_version_start(*, process: VisionProcess, created_by) -> VisionVersion:
    """Start a new draft version; it copies the principles of the latest version (versioning)."""
    if process.versions.filter(status=VisionVersion.Status.DRAFT).exists():
        raise ValidationError(_("Er is al een concept in voorbereiding."))
    previous = process.versions.order_by("-number").first()
    number = (process.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = VisionVersion(
        process=process, number=number, created_by=created_by, summary=previous.summary if previous else ""
    )
    version.full_clean()
    version.save()
    if previous is not None:
        for old in previous.principles.prefetch_related("sources"):
            new = Principle.objects.create(
                version=version, title=old.title, explanation=old.explanation, order=old.order
            )
            PrincipleSource.objects.bulk_create(
                PrincipleSource(principle=new, statement_id=s.statement_id, agreement=s.agreement)
                for s in old.sources.all()
            )
    return version


@transaction.atomic
def principle_create(
    *, version: VisionVersion, title: str, explanation: str, statements: Iterable[Statement], created_by
) -> Principle:
    """A principle drawn from consensus statements, with each group's agreement kept as it was."""
    if version.status != VisionVersion.Status.DRAFT:
        raise ValidationError(_("Een gepubliceerde versie verandert niet meer; begin een nieuwe versie."))
    statements = list(statements)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Geef het uitgangspunt een titel.")
    if not (explanation or "").strip():
        errors["explanation"] = _("Licht het uitgangspunt toe.")
    if not statements:
        errors["statements"] = _("Kies minstens één stelling waar dit uitgangspunt uit voortkomt.")
    elif any(s.process_id != version.process_id or s.status != Statement.Status.PUBLISHED for s in statements):
        errors["statements"] = _("Kies alleen zichtbare stellingen uit dit traject.")
    if errors:
        raise ValidationError(errors)
    order = (version.principles.aggregate(n=Max("order"))["n"] or 0) + 1
    principle = Principle(version=version, title=title.strip(), explanation=explanation.strip(), order=order)
    principle.full_clean()
    principle.save()
    snapshot = selectors.latest_snapshot(process=version.process)
    agreement = (
        selectors.group_agreement(snapshot=snapshot, statement_ids=[s.pk for s in statements]) if snapshot else {}
    )
    PrincipleSource.objects.bulk_create(
        PrincipleSource(principle=principle, statement=s, agreement=agreement.get(s.pk, [])) for s in statements
    )
    return principle


@transaction.atomic
def vision_publish(*, version: VisionVersion, endorse_until: dt.date, published_by) -> VisionVersion:
    if version.status != VisionVersion.Status.DRAFT:
        raise ValidationError(_("Deze versie is al gepubliceerd."))
    if not version.principles.exists():
        raise ValidationError(_("Voeg eerst minstens één uitgangspunt toe."))
    if endorse_until is None or endorse_until < timezone.localdate():
        raise ValidationError({"endorse_until": _("Kies een datum vanaf vandaag.")})
    version.status = VisionVersion.Status.PUBLISHED
    version.endorse_until = endorse_until
    version.published_at = timezone.now()
    version.full_clean()
    version.save()
    audit_record(
        municipality=version.process.municipality,
        actor=published_by,
        action="vision.published",
        summary=_("Concept-visie versie %(n)d gepubliceerd; reageren kan tot en met %(date)s.")
        % {"n": version.number, "date": endorse_until.isoformat()},
        target=version,
    )
    return version


@transaction.atomic
def vision_adopt(*, version: VisionVersion, raadsbesluit: str, adopted_by, adopted_at=None) -> VisionVersion:
    raadsbesluit = (raadsbesluit or "").strip()
    if version.status == VisionVersion.Status.ADOPTED:
        raise ValidationError(_("Deze versie is al vastgesteld."))
    if version.status != VisionVersion.Status.PUBLISHED:
        raise ValidationError(_("Publiceer de concept-visie eerst, zodat inwoners kunnen reageren."))
    if not raadsbesluit:
        raise ValidationError({"raadsbesluit": _("Geef het raadsbesluit op waarmee de visie is vastgesteld.")})
    version.status = VisionVersion.Status.ADOPTED
    version.raadsbesluit = raadsbesluit
    version.adopted_at = adopted_at or timezone.now()
    version.full_clean()
    version.save()
    audit_record(
        municipality=version.process.municipality,
        actor=adopted_by,
        action="vision.adopted",
        summary=_("Toekomstvisie versie %(n)d vastgesteld (%(ref)s).") % {"n": version.number, "ref": raadsbesluit},
        target=version,
        data={"raadsbesluit": raadsbesluit},
    )
    return version


@transaction.atomic
def endorsement_toggle(*, principle: Principle, user) -> bool:
    """Endorse a principle, or withdraw an endorsement; returns whether it is endorsed now."""
    deleted, _rows = Endorsement.objects.filter(principle=principle, user=user).delete()
    if deleted:
        return False
    Endorsement.objects.create(principle=principle, user=user)
    return True
