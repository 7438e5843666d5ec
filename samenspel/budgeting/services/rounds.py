"""Rounds: creating one, its configuration (frozen once voting opens) and moving it to a later phase."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from ..ballots import format_euro
from ..models import ROUND_CONFIG_FIELDS, BudgetRound
from ..phases import ORDER, PHASE_STARTS, Phase

RESERVED_SLUGS = {"nieuw", "kiesgerechtigden", "importeren"}


@transaction.atomic
def round_create(*, municipality, actor, slug: str = "", **fields) -> BudgetRound:
    unknown = set(fields) - set(ROUND_CONFIG_FIELDS)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    budget_round = BudgetRound(municipality=municipality, slug=slug or slugify(fields.get("title", ""))[:80], **fields)
    if budget_round.slug in RESERVED_SLUGS:
        # These are pages of the app itself (/burgerbegroting/nieuw/ ...), not rounds.
        budget_round.slug = f"{budget_round.slug}-ronde"
    budget_round.full_clean()
    if BudgetRound.objects.filter(municipality=municipality, slug=budget_round.slug).exists():
        raise ValidationError({"title": _("Er is al een ronde met deze korte naam; kies een andere titel.")})
    budget_round.save()
    audit_record(
        municipality=municipality,
        actor=actor,
        action="budgeting.round_created",
        summary=_("Begrotingsronde '%(title)s' aangemaakt (budget %(budget)s).")
        % {"title": budget_round.title, "budget": format_euro(budget_round.budget)},
        target=budget_round,
    )
    return budget_round


@transaction.atomic
def round_update(*, budget_round: BudgetRound, actor, **fields) -> BudgetRound:
    """Change the configuration; refused once voting has opened (the round is then frozen)."""
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    if budget_round.is_frozen():
        raise ValidationError(
            _("De stemming is geopend; de instellingen van deze ronde liggen vast en kunnen niet meer veranderen."),
            code="frozen",
        )
    unknown = set(fields) - set(ROUND_CONFIG_FIELDS)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    changes = {}
    for name, value in fields.items():
        old = getattr(budget_round, name)
        if old != value:
            changes[name] = [str(old), str(value)]
            setattr(budget_round, name, value)
    budget_round.full_clean()
    budget_round.save()
    if changes:
        audit_record(
            municipality=budget_round.municipality,
            actor=actor,
            action="budgeting.round_changed",
            summary=_("Instellingen van '%(title)s' gewijzigd: %(fields)s.")
            % {"title": budget_round.title, "fields": ", ".join(sorted(changes))},
            target=budget_round,
            data={"changes": changes},
        )
    return budget_round


@transaction.atomic
def round_phase_move(*, budget_round: BudgetRound, actor, phase: Phase) -> BudgetRound:
    """Start a later phase now (e.g. close voting early). Only forward; always audited.

    This moves the schedule, not the configuration, so it is allowed on a frozen round.
    """
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    now = timezone.now()
    current = budget_round.phase(now)
    phase = Phase(phase)
    if ORDER.index(phase) <= ORDER.index(current):
        raise ValidationError(_("Een ronde kan alleen naar een latere fase."), code="backwards")
    target = [p for p, _field in PHASE_STARTS].index(phase)
    for index, (_phase, field) in enumerate(PHASE_STARTS):
        value = getattr(budget_round, field)
        if index <= target:
            setattr(budget_round, field, min(value, now))
        elif value <= now:
            setattr(budget_round, field, now + timedelta(days=7 * (index - target)))
    budget_round.full_clean()
    budget_round.save()
    budget_round.__dict__.pop("_phase", None)
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.phase_moved",
        summary=_("Ronde '%(title)s' naar de fase '%(phase)s' gezet.")
        % {"title": budget_round.title, "phase": phase.label},
        target=budget_round,
        data={"from": str(current), "to": str(phase)},
    )
    return budget_round
