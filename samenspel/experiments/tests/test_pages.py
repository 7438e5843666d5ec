"""Public pages, the coaches' desk, the register, the API; no team's personal data leaks."""

import pytest
from django.urls import reverse

from samenspel.coaching.models import CoachNote
from samenspel.experiments import services

pytestmark = pytest.mark.django_db


def test_list_and_detail_are_public(client, make_experiment, municipality):
    experiment = make_experiment("overdue")
    page = client.get(reverse("experiments:list", kwargs={"municipality": municipality.slug})).content.decode()
    assert experiment.title in page and "Evaluatie te laat" in page
    detail = client.get(services.experiment_url(experiment)).content.decode()
    assert experiment.hypothesis in detail
    assert experiment.obstacle.rule.title in detail
    assert "Evalueren" not in detail  # no action for a visitor


def test_overdue_evaluations_stand_out_on_the_desk(client_for, coach, resident, make_experiment, municipality):
    overdue = make_experiment("overdue")
    soon = make_experiment()
    page = client_for(coach).get(reverse("coaching:queue", kwargs={"municipality": municipality.slug}))
    text = page.content.decode()
    assert "Evaluaties van experimenten" in text
    assert overdue.title in text and soon.title in text
    assert "1 experiment is later geëvalueerd dan afgesproken." in text


def test_overdue_evaluations_stand_out_in_the_register(client, make_experiment, municipality):
    make_experiment("overdue")
    # The space's own evaluation date is what the register counts.
    from samenspel.coaching.models import ExperimentSpace

    ExperimentSpace.objects.update(evaluation_date="2020-01-01")
    page = client.get(reverse("coaching:register", kwargs={"municipality": municipality.slug})).content.decode()
    assert "Evaluatie te laat" in page


def test_a_changed_rule_shows_in_the_register_with_the_experiment(
    client, make_experiment, municipality_admin, municipality
):
    experiment = make_experiment()
    services.experiment_evaluate(
        experiment=experiment,
        evaluated_by=municipality_admin,
        result="worked",
        learned="Het werkte.",
        verdict="change_rule",
        reasoning="Blijvend.",
        rule_change_summary="Groepen van drie inwoners mogen aanvragen.",
        rule_change_reference="Raadsbesluit 2026-014",
    )
    register = client.get(reverse("coaching:register", kwargs={"municipality": municipality.slug})).content.decode()
    assert "Blijvend aangepast op" in register and experiment.title in register
    rule = client.get(
        reverse("coaching:rule", kwargs={"municipality": municipality.slug, "pk": experiment.obstacle.rule_id})
    ).content.decode()
    assert "Groepen van drie inwoners mogen aanvragen." in rule
    assert services.experiment_url(experiment) in rule


def test_api_lists_experiments_with_indicators(client, make_experiment, municipality):
    experiment = make_experiment("evaluated")
    answer = client.get("/api/v1/experiments", {"municipality": municipality.slug, "state": "evaluated"}).json()
    assert [row["id"] for row in answer["results"]] == [experiment.pk]
    row = answer["results"][0]
    assert row["result"] == "worked" and row["indicators"][0]["baseline"] == "2.00"
    assert client.get("/api/v1/experiments", {"municipality": municipality.slug, "state": "x"}).status_code == 400


def test_no_personal_data_of_the_team_leaks(client, make_experiment, municipality):
    experiment = make_experiment("evaluated")
    initiative = experiment.obstacle.initiative
    CoachNote.objects.create(initiative=initiative, text="Vertrouwelijk: ruzie in het team.")
    email = initiative.initiator.email
    pages = [
        client.get(services.experiment_url(experiment)).content.decode(),
        client.get(reverse("experiments:list", kwargs={"municipality": municipality.slug})).content.decode(),
        client.get("/api/v1/experiments", {"municipality": municipality.slug}).content.decode(),
    ]
    for text in pages:
        assert email not in text
        assert "Vertrouwelijk" not in text
        assert initiative.initiator.display_name not in text
