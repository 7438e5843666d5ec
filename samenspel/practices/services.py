"""Writes of the library: publish, withdraw, adopt. Each is a decision in the audit trail."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samenspel.audit.services import audit_record
from samenspel.experiments.models import Comparison
from samenspel.experiments.services import experiment_create
from samenspel.initiatives.models import Status
from samenspel.initiatives.services import initiative_create
from samenspel.municipalities.models import Role
from samenspel.municipalities.selectors import roles_of
from samenspel.notifications.sentences import Sentence
from samenspel.notifications.services import notification_send

from .models import Adoption, Practice
from .selectors import AGREEMENT_PUBLISHABLE, search_document

# An e-mail address or a phone number (06-12345678, +31 6 1234 5678, 0341 123456).
_PERSONAL_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|(?:\+31|\b0)[\s-]?\d(?:[\s-]?\d){7,}")


def practice_url(practice: Practice, municipality=None) -> str:
    slug = (municipality or practice.municipality).slug
    return reverse("practices:detail", kwargs={"municipality": slug, "pk": practice.pk})


def _is_staff(user, municipality) -> bool:
    return user is not None and bool({Role.COACH, Role.ADMIN} & roles_of(user, municipality))


@transaction.atomic
def practice_publish(
    *, municipality, published_by, source_experiment=None, source_initiative=None, source_agreement=None, **fields
) -> Practice:
    """Publish a practice of this municipality in the shared library."""
    if not _is_staff(published_by, municipality):
        raise ValidationError(
            _("Alleen coaches en beheerders van %(municipality)s kunnen een praktijk van deze gemeente publiceren.")
            % {"municipality": municipality.name}
        )
    if source_experiment is not None:
        if source_experiment.municipality_id != municipality.pk:
            raise ValidationError({"source_experiment": _("Dit experiment hoort bij een andere gemeente.")})
        if not source_experiment.is_evaluated:
            raise ValidationError({"source_experiment": _("Publiceer een experiment pas na de evaluatie.")})
    if source_initiative is not None:
        if source_initiative.municipality_id != municipality.pk:
            raise ValidationError({"source_initiative": _("Dit initiatief hoort bij een andere gemeente.")})
        if source_initiative.status not in (Status.REALISED, Status.SCALED_UP):
            raise ValidationError(
                {"source_initiative": _("Publiceer een initiatief als het gerealiseerd of opgeschaald is.")}
            )
    if source_agreement is not None:
        if source_agreement.municipality_id != municipality.pk:
            raise ValidationError({"source_agreement": _("Deze financieringsafspraak hoort bij een andere gemeente.")})
        if source_agreement.state not in AGREEMENT_PUBLISHABLE:
            raise ValidationError(
                {
                    "source_agreement": _(
                        "Publiceer een financieringsafspraak pas als het eindverslag binnen is of de afspraak is vastgesteld."
                    )
                }
            )
    cleaned = {key: value.strip() if isinstance(value, str) else value for key, value in fields.items()}
    if _PERSONAL_CONTACT.search(cleaned.get("contact_role", "")):
        raise ValidationError(
            {
                "contact_role": _(
                    "Noem een functie, geen e-mailadres of telefoonnummer: andere gemeenten nemen contact op via de gemeente."
                )
            }
        )
    practice = Practice(
        municipality=municipality,
        published_by=published_by,
        source_experiment=source_experiment,
        source_initiative=source_initiative,
        source_agreement=source_agreement,
        **cleaned,
    )
    practice.full_clean()
    practice.search_document = search_document(practice)
    practice.save()
    audit_record(
        municipality=municipality,
        actor=published_by,
        action="practices.publish",
        summary=_("Praktijk gepubliceerd in Wat werkt: %(title)s (%(level)s)")
        % {"title": practice.title, "level": practice.get_evidence_level_display()},
        target=practice,
        data={
            "experiment": source_experiment.pk if source_experiment else None,
            "initiative": source_initiative.pk if source_initiative else None,
            "agreement": source_agreement.pk if source_agreement else None,
            "evidence_level": practice.evidence_level,
        },
    )
    return practice


@transaction.atomic
def practice_withdraw(*, practice: Practice, withdrawn_by, reason: str) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status != Practice.Status.PUBLISHED:
        raise ValidationError(_("Deze praktijk is al ingetrokken."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden; andere gemeenten lezen waarom.")})
    practice.status = Practice.Status.WITHDRAWN
    practice.save(update_fields=["status"])
    audit_record(
        municipality=practice.municipality,
        actor=withdrawn_by,
        action="practices.withdraw",
        summary=_("Praktijk ingetrokken: %(title)s") % {"title": practice.title},
        target=practice,
        reason=reason,
    )
    return practice


@transaction.atomic
def practice_adopt(
    *,
    practice: Practice,
    municipality,
    adopted_by,
    note: str,
    title: str = "",
    neighbourhood=None,
    start_initiative: bool = True,
    start_experiment: bool = False,
) -> Adoption:
    """Take a practice up in this municipality; optionally start a linked initiative, or instead an
    experiment, carrying the approach and the solved rule obstacles."""
    if not _is_staff(adopted_by, municipality):
        raise ValidationError(
            _("Alleen coaches en beheerders van %(municipality)s kunnen een aanpak overnemen.")
            % {"municipality": municipality.name}
        )
    if practice.status != Practice.Status.PUBLISHED:
        raise ValidationError(_("Deze praktijk is ingetrokken en kan niet meer worden overgenomen."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Beschrijf kort hoe u de aanpak hier toepast.")})
    if neighbourhood is not None and neighbourhood.municipality_id != municipality.pk:
        raise ValidationError({"neighbourhood": _("Kies een wijk van %(m)s.") % {"m": municipality.name}})
    if start_initiative and start_experiment:
        raise ValidationError({"start": _("Kies een initiatief of een experiment, niet allebei.")})
    initiative = experiment = None
    if start_experiment:
        experiment = _adoption_experiment(
            practice=practice, municipality=municipality, adopted_by=adopted_by, title=title
        )
    if start_initiative:
        title = (title or "").strip() or practice.title
        story = "\n\n".join(
            part
            for part in (
                _("Overgenomen uit Wat werkt: “%(title)s” van %(municipality)s.")
                % {"title": practice.title, "municipality": practice.municipality.name},
                note,
                "**" + _("Aanpak") + "**\n\n" + practice.approach,
                ("**" + _("Regelknelpunten en hoe ze zijn opgelost") + "**\n\n" + practice.obstacles_solved)
                if practice.obstacles_solved
                else "",
            )
            if part
        )
        initiative = initiative_create(
            municipality=municipality,
            initiator=adopted_by,
            title=title[:120],
            pitch=practice.summary[:200],
            story=story,
            neighbourhood=neighbourhood,
        )
    adoption = Adoption(
        practice=practice,
        municipality=municipality,
        initiative=initiative,
        experiment=experiment,
        note=note,
        adopted_by=adopted_by,
        adopted_at=timezone.now(),
    )
    adoption.full_clean()
    adoption.save()
    audit_record(
        municipality=municipality,
        actor=adopted_by,
        action="practices.adopt",
        summary=_("Aanpak overgenomen uit Wat werkt: %(title)s (van %(municipality)s)")
        % {"title": practice.title, "municipality": practice.municipality.name},
        target=initiative or experiment or practice,
        data={
            "practice": practice.pk,
            "initiative": initiative.pk if initiative else None,
            "experiment": experiment.pk if experiment else None,
        },
    )
    if practice.published_by_id and practice.published_by.is_active:
        # The publishing municipality hears its practice travels: evidence accumulates there.
        notification_send(
            users=[practice.published_by],
            title=Sentence(
                gettext_noop("%(municipality)s neemt uw aanpak over: %(title)s"),
                municipality=municipality.name,
                title=practice.title,
            ),
            url=practice_url(practice),
            municipality=practice.municipality,
            exclude=adopted_by,
            subject=practice,
        )
    return adoption


# How long an adopted practice runs as an experiment before its evaluation (about half a year);
# the municipality moves the date on the experiment's own page when it plans otherwise.
ADOPTION_EXPERIMENT_DAYS = 182


def _clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _adoption_experiment(*, practice: Practice, municipality, adopted_by, title: str):
    """An experiment in the adopting municipality: the approach is the hypothesis, the rule
    obstacles solved elsewhere are what it departs from, and the indicators come from the
    practice's source (its experiment's indicators, or its agreement's results) where known."""
    indicators = []
    if practice.source_experiment_id:
        indicators = [
            {"name": i.name, "unit": i.unit, "baseline": i.baseline, "target": i.target}
            for i in practice.source_experiment.indicators.all()
        ]
    elif practice.source_agreement_id:
        indicators = [
            {"name": r.indicator[:200], "unit": "", "baseline": Decimal("0"), "target": r.target}
            for r in practice.source_agreement.results.all()
            if r.target != 0
        ]
    if not indicators:
        indicators = [
            {
                "name": _("Resultaten zoals in de praktijk beschreven bereikt"),
                "unit": "%",
                "baseline": Decimal("0"),
                "target": Decimal("100"),
            }
        ]
    origin = _("“%(title)s” van %(municipality)s (Wat werkt)") % {
        "title": practice.title,
        "municipality": practice.municipality.name,
    }
    departs_from = (
        _("De regels die %(municipality)s oploste: %(obstacles)s")
        % {"municipality": practice.municipality.name, "obstacles": practice.obstacles_solved}
        if practice.obstacles_solved
        else _("De gewone werkwijze hier, zoals bij %(origin)s.") % {"origin": origin}
    )
    today = timezone.localdate()
    return experiment_create(
        municipality=municipality,
        created_by=adopted_by,
        title=_clip((title or "").strip() or practice.title, 160),
        question=_clip(
            _("Werkt de aanpak %(origin)s ook in %(here)s? Doel: %(goal)s")
            % {"origin": origin, "here": municipality.name, "goal": practice.goal},
            1000,
        ),
        hypothesis=_clip(practice.approach, 1000),
        departs_from=_clip(departs_from, 1000),
        comparison=Comparison.BEFORE_AFTER,
        comparison_description=_clip(
            _("Voor de start en na de evaluatie, met de resultaten van %(municipality)s als vergelijking: %(results)s")
            % {"municipality": practice.municipality.name, "results": practice.results},
            1000,
        ),
        start_date=today,
        evaluation_date=today + datetime.timedelta(days=ADOPTION_EXPERIMENT_DAYS),
        indicators=indicators,
    )


@transaction.atomic
def adoption_report_results(*, adoption: Adoption, results: str, reported_by) -> Adoption:
    """The adopting municipality says what the practice did there; shown on the practice."""
    results = (results or "").strip()
    if not results:
        raise ValidationError({"results": _("Beschrijf de resultaten hier, bijvoorbeeld tegen dezelfde indicatoren.")})
    adoption.results = results
    adoption.full_clean()
    adoption.save(update_fields=["results"])
    audit_record(
        municipality=adoption.municipality,
        actor=reported_by,
        action="practices.adoption_results",
        summary=_("Resultaten van de overgenomen aanpak “%(title)s”") % {"title": adoption.practice.title},
        target=adoption.practice,
        reason=results,
        data={"adoption": adoption.pk},
    )
    return adoption
