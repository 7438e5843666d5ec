"""Writes of experiments: set up, measure, evaluate, remind. Every decision is audited."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samenspel.audit.services import audit_record
from samenspel.coaching.models import Outcome, RuleObstacle
from samenspel.coaching.services import experiment_space_mark_evaluated, rule_change_for_good
from samenspel.notifications.sentences import Sentence
from samenspel.notifications.services import notification_send, notification_send_to_followers

from . import selectors
from .models import Experiment, Indicator, Result, Verdict

# The outcome as a notification says it, translated when the reader sees it.
RESULT_WORDS = {
    Result.WORKED: gettext_noop("werkte"),
    Result.PARTLY: gettext_noop("werkte deels"),
    Result.DID_NOT: gettext_noop("werkte niet"),
}


def experiment_url(experiment: Experiment) -> str:
    return reverse("experiments:detail", kwargs={"municipality": experiment.municipality.slug, "pk": experiment.pk})


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def experiment_create(
    *,
    municipality,
    created_by,
    title: str,
    question: str,
    hypothesis: str,
    departs_from: str,
    comparison: str,
    start_date: datetime.date,
    evaluation_date: datetime.date,
    comparison_description: str = "",
    obstacle: RuleObstacle | None = None,
    indicators: list[dict] = (),
) -> Experiment:
    """Set up an experiment with at least one indicator (name, unit, baseline, target)."""
    if obstacle is not None and obstacle.rule.municipality_id != municipality.pk:
        raise ValidationError({"obstacle": _("Dit regelknelpunt hoort bij een andere gemeente.")})
    if obstacle is not None and obstacle.outcome not in (Outcome.EXPERIMENT, Outcome.PENDING):
        raise ValidationError({"obstacle": _("Over dit regelknelpunt is al anders besloten dan met een experiment.")})
    experiment = Experiment(
        municipality=municipality,
        created_by=created_by,
        title=_text(title, "title", _("Geef het experiment een naam.")),
        question=_text(question, "question", _("Welke vraag moet het experiment beantwoorden?")),
        hypothesis=_text(hypothesis, "hypothesis", _("Schrijf op wat u verwacht dat er gebeurt.")),
        departs_from=_text(departs_from, "departs_from", _("Van welke regel of werkwijze wijkt het experiment af?")),
        comparison=comparison,
        comparison_description=(comparison_description or "").strip(),
        start_date=start_date,
        evaluation_date=evaluation_date,
        obstacle=obstacle,
    )
    experiment.full_clean()
    if not indicators:
        raise ValidationError(_("Geef minstens één indicator met een nulmeting en een doel."))
    experiment.save()
    for values in indicators:
        indicator_add(experiment=experiment, added_by=created_by, _audit=False, **values)
    audit_record(
        municipality=municipality,
        actor=created_by,
        action="experiments.create",
        summary=_("Experiment opgezet: %(title)s (evaluatie %(date)s)")
        % {"title": experiment.title, "date": evaluation_date.isoformat()},
        target=experiment,
        data={"obstacle": obstacle.pk if obstacle else None, "comparison": comparison},
    )
    return experiment


@transaction.atomic
def indicator_add(
    *,
    experiment: Experiment,
    added_by,
    name: str,
    baseline: Decimal,
    target: Decimal,
    unit: str = "",
    _audit: bool = True,
) -> Indicator:
    if experiment.is_evaluated:
        raise ValidationError(_("Dit experiment is al geëvalueerd."))
    indicator = Indicator(
        experiment=experiment,
        name=_text(name, "name", _("Geef de indicator een naam.")),
        unit=(unit or "").strip(),
        baseline=baseline,
        target=target,
    )
    indicator.full_clean()
    if baseline == target:
        raise ValidationError({"target": _("Het doel moet verschillen van de nulmeting.")})
    indicator.save()
    if _audit:
        audit_record(
            municipality=experiment.municipality,
            actor=added_by,
            action="experiments.indicator",
            summary=_("Indicator bij “%(experiment)s”: %(name)s") % {"experiment": experiment, "name": indicator.name},
            target=experiment,
        )
    return indicator


@transaction.atomic
def indicator_measure(
    *, indicator: Indicator, measured: Decimal, measured_by, comparison_value: Decimal | None = None
) -> Indicator:
    """Record the measured value (and the value in the comparison group, where there is one)."""
    indicator = Indicator.objects.select_for_update().select_related("experiment__municipality").get(pk=indicator.pk)
    if indicator.experiment.is_evaluated:
        raise ValidationError(_("Dit experiment is al geëvalueerd; de metingen liggen vast."))
    if measured is None:
        raise ValidationError({"measured": _("Vul de gemeten waarde in.")})
    previous = indicator.measured
    indicator.measured = measured
    indicator.comparison_value = comparison_value
    indicator.full_clean()
    indicator.save(update_fields=["measured", "comparison_value"])
    audit_record(
        municipality=indicator.experiment.municipality,
        actor=measured_by,
        action="experiments.measure",
        summary=_("Meting bij “%(experiment)s”: %(name)s = %(value)s")
        % {"experiment": indicator.experiment, "name": indicator.name, "value": measured},
        target=indicator.experiment,
        data={"indicator": indicator.pk, "from": str(previous) if previous is not None else None, "to": str(measured)},
    )
    return indicator


@transaction.atomic
def experiment_evaluate(
    *,
    experiment: Experiment,
    evaluated_by,
    result: str,
    learned: str,
    verdict: str,
    reasoning: str,
    rule_change_summary: str = "",
    rule_change_reference: str = "",
) -> Experiment:
    """Record the outcome, what was learned and the decision; "change_rule" changes the rule for good."""
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if experiment.is_evaluated:
        raise ValidationError(_("Dit experiment is al geëvalueerd."))
    if result not in Result.values:
        raise ValidationError({"result": _("Kies de uitkomst: werkte, werkte deels of werkte niet.")})
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Kies wat er nu gebeurt.")})
    learned = _text(learned, "learned", _("Beschrijf wat de gemeente en de buurt van dit experiment leerden."))
    reasoning = _text(reasoning, "reasoning", _("Onderbouw het besluit; die onderbouwing wordt openbaar."))
    obstacle = experiment.obstacle
    if verdict == Verdict.CHANGE_RULE:
        if obstacle is None:
            raise ValidationError(
                {"verdict": _("Dit experiment hangt niet aan een regel uit het register; kies een ander besluit.")}
            )
        if result == Result.DID_NOT:
            raise ValidationError(
                {"verdict": _("Een experiment dat niet werkte is geen reden om de regel blijvend aan te passen.")}
            )
    if experiment.indicators.filter(measured__isnull=True).exists():
        raise ValidationError(_("Vul eerst bij elke indicator de gemeten waarde in."))
    experiment.result = result
    experiment.learned = learned
    experiment.verdict = verdict
    experiment.verdict_reasoning = reasoning
    experiment.evaluated_at = timezone.now()
    experiment.evaluated_by = evaluated_by
    experiment.full_clean()
    experiment.save()
    if obstacle is not None and experiment.space is not None:
        experiment_space_mark_evaluated(space=experiment.space)
    if verdict == Verdict.CHANGE_RULE:
        rule_change_for_good(
            rule=obstacle.rule,
            summary=rule_change_summary,
            reference=rule_change_reference,
            changed_by=evaluated_by,
            source_title=_("experiment “%(title)s”") % {"title": experiment.title},
            source_url=experiment_url(experiment),
        )
    audit_record(
        municipality=experiment.municipality,
        actor=evaluated_by,
        action="experiments.evaluate",
        summary=_("Experiment “%(title)s” geëvalueerd: %(result)s; besluit: %(verdict)s")
        % {"title": experiment.title, "result": Result(result).label, "verdict": Verdict(verdict).label},
        target=experiment,
        reason=reasoning,
        data={"result": result, "verdict": verdict, "rule": obstacle.rule_id if obstacle else None},
    )
    if obstacle is not None:
        notification_send_to_followers(
            initiative=obstacle.initiative,
            title=Sentence(
                gettext_noop("Experiment geëvalueerd: %(title)s — %(result)s"),
                title=experiment.title,
                result=Sentence(RESULT_WORDS[result]),
            ),
            url=experiment_url(experiment),
            body=reasoning,
            actor=evaluated_by,
        )
    return experiment


@transaction.atomic
def evaluation_reminders_send(*, today: datetime.date, days_before: int = 14) -> int:
    """Remind who answers for an experiment that its evaluation is due soon (or already); once each."""
    due = (
        Experiment.objects.running()
        .filter(reminder_sent_at__isnull=True, evaluation_date__lte=today + datetime.timedelta(days=days_before))
        .select_related("municipality", "obstacle__initiative__coach")
        .select_for_update(of=("self",))
    )
    sent = 0
    for experiment in due:
        notification_send(
            users=selectors.reminder_recipients(experiment=experiment),
            title=Sentence(
                gettext_noop("Evaluatie van “%(title)s” uiterlijk %(date)s"),
                title=experiment.title,
                date=experiment.evaluation_date.strftime("%d-%m-%Y"),
            ),
            url=experiment_url(experiment),
            municipality=experiment.municipality,
            subject=experiment,
        )
        experiment.reminder_sent_at = timezone.now()
        experiment.save(update_fields=["reminder_sent_at"])
        sent += 1
    return sent
