"""The pages and API: forbidden actions answer 403/404 and change nothing; bad input gets Dutch messages."""

import io

import pytest
from django.urls import reverse

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot, CodeBatch, Plan, PlanStatus, VotingCode
from samenspel.budgeting.phases import Phase

from .factories import BallotFactory, BudgetRoundFactory, PlanFactory

pytestmark = pytest.mark.django_db


def url(budget_round, name, **kwargs):
    return reverse(
        f"budgeting:{name}",
        kwargs={"municipality": budget_round.municipality.slug, "slug": budget_round.slug, **kwargs},
    )


def test_public_pages_render(client, voting_round):
    for name in ("round", "result"):
        assert client.get(url(voting_round, name)).status_code == 200
    assert client.get(reverse("budgeting:list", kwargs={"municipality": "lindeveen"})).status_code == 200
    assert client.get(url(voting_round, "plan", pk=voting_round.test_plans[0].pk)).status_code == 200


def test_a_round_of_another_municipality_is_not_found(client, other_municipality):
    foreign = BudgetRoundFactory(municipality=other_municipality)
    assert client.get(f"/lindeveen/burgerbegroting/{foreign.slug}/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "outsider", "partner"])
def test_forbidden_plan_submission_changes_nothing(client_for, people, make_round, role):
    budget_round = make_round(Phase.SUBMISSION)
    if role == "partner":
        budget_round = make_round(Phase.FEASIBILITY, slug="later")
    response = client_for(people[role]).post(
        url(budget_round, "plan_create"), {"title": "X", "description": "Y", "cost": 5000}
    )
    assert response.status_code == 403
    assert Plan.objects.count() == 0


def test_plan_form_shows_dutch_errors_and_saves_nothing(client_for, resident, make_round):
    budget_round = make_round(Phase.SUBMISSION)
    response = client_for(resident).post(
        url(budget_round, "plan_create"), {"title": "Speeltuin", "description": "Ja", "cost": 90_000}
    )
    assert "De kosten moeten tussen € 1.000 en € 60.000 liggen." in response.content.decode()
    response = client_for(resident).post(
        url(budget_round, "plan_create"),
        {"title": "Speeltuin", "description": "Ja", "cost": 9_000, "point": "hier ergens"},
    )
    assert "Schrijf de coördinaten als" in response.content.decode()
    assert Plan.objects.count() == 0


def test_coach_records_feasibility_through_the_page(client_for, coach, make_round):
    budget_round = make_round(Phase.FEASIBILITY)
    plan = PlanFactory(budget_round=budget_round, status=PlanStatus.SUBMITTED)
    page = url(budget_round, "plan_feasibility", pk=plan.pk)
    response = client_for(coach).post(page, {"verdict": "feasible", "reason": ""})
    assert "Geef een openbare toelichting" in response.content.decode()
    response = client_for(coach).post(page, {"verdict": "not_feasible", "reason": "Geen gemeentegrond."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.NOT_FEASIBLE


def test_code_entry_and_ballot_pages(client, voting_round, code_for):
    code = code_for(voting_round)
    assert client.get(url(voting_round, "ballot")).status_code == 302  # to code entry
    response = client.post(url(voting_round, "code"), {"code": "ABCD-EFGH-JKMN"})
    assert "Deze stemcode kennen we niet" in response.content.decode()
    response = client.post(url(voting_round, "code"), {"code": code})
    assert response.status_code == 302
    speeltuin, moestuin, bankjes = voting_round.test_plans
    response = client.post(url(voting_round, "ballot"), {"plans": [speeltuin.pk, moestuin.pk, bankjes.pk]})
    assert "meer dan het budget van € 100.000" in response.content.decode()
    assert Ballot.objects.count() == 0
    assert client.post(url(voting_round, "ballot"), {"plans": [moestuin.pk]}).status_code == 302
    assert client.post(url(voting_round, "ballot"), {"plans": [speeltuin.pk]}).status_code == 302
    assert list(Ballot.objects.get().plans.all()) == [speeltuin]


def test_code_letters_pdf_keeps_no_names(client_for, municipality_admin, make_round):
    budget_round = make_round(Phase.FEASIBILITY)
    csv = "naam;adres;postcode;plaats\nFam. de Vries;Veenkade 12;9001 AB;Lindeveen\nJ. Bakker;Lindelaan 3;9001 AC;Lindeveen\n"
    upload = io.BytesIO(csv.encode())
    upload.name = "adressen.csv"
    response = client_for(municipality_admin).post(url(budget_round, "code_letters"), {"addresses": upload})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert VotingCode.objects.count() == 2 and CodeBatch.objects.get().size == 2
    bad = io.BytesIO(b"wie;waar\nx;y\n")
    bad.name = "fout.csv"
    response = client_for(municipality_admin).post(url(budget_round, "code_letters"), {"addresses": bad})
    assert "De kopregel mist de kolommen: naam, adres, postcode, plaats." in response.content.decode()
    assert VotingCode.objects.count() == 2


def test_frozen_round_settings_page_refuses_changes(client_for, municipality_admin, voting_round):
    page = url(voting_round, "round_edit")
    response = client_for(municipality_admin).get(page)
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["budget"] = 999_999
    response = client_for(municipality_admin).post(page, data)
    assert "liggen vast" in response.content.decode()
    voting_round.refresh_from_db()
    assert voting_round.budget == 100_000


def test_result_page_queries_stay_constant(client, make_round, municipality_admin, django_assert_max_num_queries):
    budget_round = make_round(Phase.RESULT)

    def add_plans(n):
        for _ in range(n):
            plan = PlanFactory(budget_round=budget_round, cost=5_000, lat=52.205, lon=5.205)
            BallotFactory(budget_round=budget_round, plans=[plan])

    add_plans(2)
    services.result_publish(
        result=services.round_count(budget_round=budget_round, actor=municipality_admin), actor=municipality_admin
    )
    with django_assert_max_num_queries(16) as small:
        assert client.get(url(budget_round, "result")).status_code == 200
    add_plans(10)
    services.result_publish(
        result=services.round_count(budget_round=budget_round, actor=municipality_admin), actor=municipality_admin
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(budget_round, "result"))
    assert response.content.decode().count('class="bar-chart__bar') == 12
    download = client.get(url(budget_round, "result_pb"))
    assert download.content.decode().startswith("META")


def test_api_lists_rounds_plans_and_published_results(client, make_round, municipality_admin):
    budget_round = make_round(Phase.RESULT)
    plan = PlanFactory(budget_round=budget_round)
    BallotFactory(budget_round=budget_round, plans=[plan])
    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    assert client.get("/api/v1/budget-results?municipality=lindeveen").json()["count"] == 0  # not published
    services.result_publish(result=result, actor=municipality_admin)
    rounds = client.get("/api/v1/budget-rounds?municipality=lindeveen").json()
    assert rounds["results"][0]["phase"] == "result"
    plans = client.get(f"/api/v1/budget-plans?round={budget_round.pk}").json()
    assert plans["results"][0]["title"] == plan.title and "author" not in plans["results"][0]
    results = client.get("/api/v1/budget-results?municipality=lindeveen").json()
    assert results["results"][0]["rows"][0]["funded"] is True
    bad = client.get("/api/v1/budget-plans?round=abc")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/budget-rounds?municipality=nergens").status_code == 400


def test_home_section_and_navigation_show_the_current_round(client, voting_round):
    BallotFactory(budget_round=voting_round, plans=voting_round.test_plans[:1])
    page = client.get("/lindeveen/").content.decode()
    assert "Burgerbegroting" in page and voting_round.title in page
    assert "<dt>Uitgebrachte stemmen</dt><dd>1</dd>" in page
