"""Role x state matrices for experiments: staff set up and measure, administrators evaluate.

States: running, overdue (evaluation date passed) and evaluated (closed for everyone). The
outsider is coach and administrator of another municipality. A refused request answers 403
(404 for another municipality's experiment) and changes nothing.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.coaching.models import Rule
from samenspel.core.tests.matrix import mismatches
from samenspel.experiments.models import Experiment, Indicator

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "initiator", "partner", "moderator", "coach", "admin", "outsider"]
STATES = ["running", "overdue", "evaluated"]
STAFF = {"coach", "admin"}

MATRIX = {
    "experiments.add_experiment": {"municipality": STAFF},
    "experiments.change_experiment": {"running": STAFF, "overdue": STAFF, "evaluated": set()},
    "experiments.evaluate_experiment": {"running": {"admin"}, "overdue": {"admin"}, "evaluated": set()},
}


@pytest.fixture
def world(people, make_experiment):
    experiments = {state: make_experiment(state) for state in STATES}

    def user(role, state):
        if role == "initiator":
            return experiments["running"].obstacle.initiative.initiator
        return people[role] or AnonymousUser()

    return experiments, user


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(world, municipality, permission):
    experiments, user = world
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=user,
        subject=lambda state: municipality if state == "municipality" else experiments[state],
    )
    assert wrong == {}


def snapshot():
    return (
        sorted(Experiment.objects.values_list("pk", "result", "verdict", "evaluated_at")),
        sorted(Indicator.objects.values_list("pk", "measured", "name")),
        sorted(Rule.objects.values_list("pk", "changed_at")),
        AuditEvent.objects.count(),
    )


def _url(name, experiment, **kw):
    return reverse(name, kwargs={"municipality": experiment.municipality.slug, "pk": experiment.pk, **kw})


EVALUATION = {
    "result": "worked",
    "learned": "Meer aanvragen, geen misbruik.",
    "verdict": "change_rule",
    "reasoning": "De proef werkte.",
    "rule_change_summary": "Groepen van drie inwoners mogen aanvragen.",
    "rule_change_reference": "Raadsbesluit 2026-014",
}

ACTIONS = {
    "measure": (
        "experiments.change_experiment",
        lambda e: (_url("experiments:measure", e, indicator=e.indicators.get().pk), {"measured": "9"}),
    ),
    "indicator": (
        "experiments.change_experiment",
        lambda e: (_url("experiments:add_indicator", e), {"name": "Klachten", "baseline": "3", "target": "1"}),
    ),
    "evaluate": ("experiments.evaluate_experiment", lambda e: (_url("experiments:evaluate", e), EVALUATION)),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_actions_over_http(world, client_for, role, action, state):
    experiments, user = world
    experiment = experiments[state]
    permission, build = ACTIONS[action]
    path, data = build(experiment)
    actor = user(role, state)
    before = snapshot()
    response = client_for(None if actor.is_anonymous else actor).post(path, data)
    if role in MATRIX[permission][state]:
        assert response.status_code == 302, response.content.decode()[:1500]
        assert snapshot() != before
    else:
        assert response.status_code in (302, 403) if role == "anonymous" else response.status_code == 403
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_setting_up_over_http(world, client_for, municipality, role):
    _, user = world
    actor = user(role, "running")
    client = client_for(None if actor.is_anonymous else actor)
    path = reverse("experiments:create", kwargs={"municipality": municipality.slug})
    before = snapshot()
    data = {
        "title": "Proef",
        "question": "Werkt het?",
        "hypothesis": "Ja.",
        "departs_from": "Werkwijze",
        "comparison": "do_nothing",
        "start_date": "2026-01-01",
        "evaluation_date": "2027-01-01",
        "indicator_name": "Deelnemers",
        "indicator_baseline": "0",
        "indicator_target": "20",
    }
    response = client.post(path, data)
    if role in STAFF:
        assert response.status_code == 302
        assert Experiment.objects.filter(title="Proef").exists()
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert snapshot() == before


def test_another_municipalitys_experiment_is_not_found(world, client_for, people):
    experiments, _ = world
    experiment = experiments["running"]
    client = client_for(people["outsider"])
    before = snapshot()
    path = reverse("experiments:evaluate", kwargs={"municipality": "heideborg", "pk": experiment.pk})
    assert client.get(path).status_code == 404
    assert client.post(path, EVALUATION).status_code == 404
    detail = reverse("experiments:detail", kwargs={"municipality": "heideborg", "pk": experiment.pk})
    assert client.get(detail).status_code == 404
    assert snapshot() == before


def test_a_refused_evaluation_form_says_why_in_dutch(world, client_for, people):
    experiments, _ = world
    experiment = experiments["running"]
    before = snapshot()
    response = client_for(people["admin"]).post(_url("experiments:evaluate", experiment), {**EVALUATION, "result": ""})
    assert response.status_code == 400
    assert "Kies de uitkomst: werkte, werkte deels of werkte niet." in response.content.decode()
    assert snapshot() == before


def test_a_bad_measurement_says_why(world, client_for, people):
    experiments, _ = world
    experiment = experiments["running"]
    before = snapshot()
    path = _url("experiments:measure", experiment, indicator=experiment.indicators.get().pk)
    response = client_for(people["coach"]).post(path, {"measured": "veel"})
    assert response.status_code == 400
    assert "Vul een getal in" in response.content.decode()
    assert snapshot() == before
    assert Decimal(experiment.indicators.get().measured) == Decimal("12")
