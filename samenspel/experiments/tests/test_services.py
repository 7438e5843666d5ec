"""The experiment cycle: set up, measure, evaluate; change_rule changes the rule for good."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.coaching.models import Rule
from samenspel.coaching.selectors import rule_register
from samenspel.experiments import services
from samenspel.experiments.models import Experiment, Indicator
from samenspel.initiatives.models import Follow
from samenspel.notifications.models import Notification

from .factories import obstacle_with_space

pytestmark = pytest.mark.django_db


def _create(municipality, coach, obstacle=None, **overrides):
    today = timezone.localdate()
    values = {
        "municipality": municipality,
        "created_by": coach,
        "title": "Marktdagen met één melding",
        "question": "Blijft de markt veilig en rustig als één melding per jaar volstaat?",
        "hypothesis": "Met één melding komen er meer marktdagen, zonder meer klachten.",
        "departs_from": "Een evenementenvergunning per marktdag.",
        "comparison": "before_after",
        "start_date": today,
        "evaluation_date": today + datetime.timedelta(days=365),
        "obstacle": obstacle,
        "indicators": [{"name": "Marktdagen per jaar", "unit": "dagen", "baseline": Decimal(4), "target": Decimal(10)}],
    }
    return services.experiment_create(**{**values, **overrides})


def test_the_whole_cycle_changes_the_rule_for_good(municipality, coach, municipality_admin):
    obstacle = obstacle_with_space(municipality)
    Follow.objects.create(initiative=obstacle.initiative, user=obstacle.initiative.initiator)
    experiment = _create(municipality, coach, obstacle)
    indicator = experiment.indicators.get()
    services.indicator_measure(indicator=indicator, measured=Decimal("11.5"), measured_by=coach)
    services.experiment_evaluate(
        experiment=experiment,
        evaluated_by=municipality_admin,
        result="worked",
        learned="Meer marktdagen, geen extra klachten.",
        verdict="change_rule",
        reasoning="De proef werkte; de raad past de regel aan.",
        rule_change_summary="Een jaarmelding volstaat voor terugkerende markten.",
        rule_change_reference="Raadsbesluit 2026-014",
    )
    experiment.refresh_from_db()
    assert experiment.is_evaluated and experiment.state == "evaluated"
    rule = Rule.objects.get(pk=obstacle.rule_id)
    assert rule.changed_at is not None
    assert rule.change_reference == "Raadsbesluit 2026-014"
    assert experiment.title in rule.change_source_title
    assert rule.change_source_url == reverse(
        "experiments:detail", kwargs={"municipality": municipality.slug, "pk": experiment.pk}
    )
    assert obstacle.experiment.__class__.objects.get(pk=obstacle.experiment.pk).evaluated_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"experiments.create", "experiments.measure", "experiments.evaluate", "coaching.rule_changed"} <= actions
    assert Notification.objects.filter(user=obstacle.initiative.initiator).exists()
    register = {r.pk: r for r in rule_register(municipality=municipality)}
    assert register[rule.pk].changed_at is not None


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("result", {"result": ""}),
        ("learned", {"learned": "  "}),
        ("verdict", {"verdict": "maybe"}),
        ("reasoning", {"reasoning": ""}),
        ("change_summary", {"verdict": "change_rule", "rule_change_summary": ""}),
        ("verdict", {"verdict": "change_rule", "result": "did_not"}),
    ],
)
def test_an_evaluation_without_what_it_needs_saves_nothing(make_experiment, municipality_admin, field, values):
    experiment = make_experiment()
    data = {
        "result": "worked",
        "learned": "Geleerd.",
        "verdict": "change_rule",
        "reasoning": "Onderbouwing.",
        "rule_change_summary": "Blijvend anders.",
        "rule_change_reference": "Raadsbesluit 1",
        **values,
    }
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.experiment_evaluate(experiment=experiment, evaluated_by=municipality_admin, **data)
    assert field in error.value.message_dict
    experiment.refresh_from_db()
    assert not experiment.is_evaluated and experiment.result == ""
    assert Rule.objects.get(pk=experiment.obstacle.rule_id).changed_at is None
    assert AuditEvent.objects.count() == events


def test_evaluation_needs_every_measurement(make_experiment, municipality_admin):
    experiment = make_experiment(measured=None)
    with pytest.raises(ValidationError, match="gemeten waarde"):
        services.experiment_evaluate(
            experiment=experiment,
            evaluated_by=municipality_admin,
            result="partly",
            learned="x",
            verdict="stop",
            reasoning="y",
        )


def test_change_rule_needs_a_rule(municipality, coach, municipality_admin):
    experiment = _create(municipality, coach)
    Indicator.objects.update(measured=5)
    with pytest.raises(ValidationError) as error:
        services.experiment_evaluate(
            experiment=experiment,
            evaluated_by=municipality_admin,
            result="worked",
            learned="x",
            verdict="change_rule",
            reasoning="y",
            rule_change_summary="a",
            rule_change_reference="b",
        )
    assert "verdict" in error.value.message_dict


def test_evaluated_twice_is_refused(make_experiment, municipality_admin):
    experiment = make_experiment("evaluated")
    with pytest.raises(ValidationError, match="al geëvalueerd"):
        services.experiment_evaluate(
            experiment=experiment,
            evaluated_by=municipality_admin,
            result="worked",
            learned="x",
            verdict="stop",
            reasoning="y",
        )


def test_setting_up_refuses_bad_dates_and_no_indicator(municipality, coach):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _create(municipality, coach, evaluation_date=today - datetime.timedelta(days=1))
    assert "evaluation_date" in error.value.message_dict
    with pytest.raises(ValidationError):
        _create(municipality, coach, indicators=[])
    with pytest.raises(ValidationError) as error:
        _create(municipality, coach, indicators=[{"name": "x", "baseline": Decimal(1), "target": Decimal(1)}])
    assert "target" in error.value.message_dict
    assert Experiment.objects.count() == 0


def test_an_obstacle_of_another_municipality_is_refused(municipality, other_municipality, coach):
    foreign = obstacle_with_space(other_municipality)
    with pytest.raises(ValidationError) as error:
        _create(municipality, coach, foreign)
    assert "obstacle" in error.value.message_dict
    assert Experiment.objects.count() == 0


def test_reminders_once_to_the_coach_and_overdue_too(make_experiment, coach, municipality_admin):
    soon = make_experiment()
    soon.obstacle.initiative.coach = coach
    soon.obstacle.initiative.save()
    overdue = make_experiment("overdue")
    later = make_experiment()
    later.evaluation_date = timezone.localdate() + datetime.timedelta(days=100)
    later.save()
    make_experiment("evaluated")
    assert services.evaluation_reminders_send(today=timezone.localdate(), days_before=30) == 2
    assert Notification.objects.filter(user=coach).count() == 1
    assert Notification.objects.filter(user=municipality_admin).count() == 1  # no coach: the administrators
    call_command("send_evaluation_reminders", days=30)
    assert Notification.objects.count() == 2
    assert set(Experiment.objects.filter(reminder_sent_at__isnull=False).values_list("pk", flat=True)) == {
        soon.pk,
        overdue.pk,
    }


def test_the_register_counts_overdue_evaluations(make_experiment, municipality):
    experiment = make_experiment("overdue")
    space = experiment.space
    space.evaluation_date = timezone.localdate() - datetime.timedelta(days=2)
    space.save()
    rows = {r.pk: r for r in rule_register(municipality=municipality)}
    assert rows[experiment.obstacle.rule_id].overdue_evaluations == 1
