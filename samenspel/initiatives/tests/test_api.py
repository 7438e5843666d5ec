"""The API: public reads, team writes, problem+json refusals that change nothing."""

import pytest

from samenspel.core.tests.factories import UserFactory

from ..models import Initiative
from .factories import InitiativeFactory, NeedFactory, OfferFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/initiatives"


def test_list_is_public_paginated_and_filtered(client, municipality, other_municipality, initiative, themes):
    initiative.themes.add(themes["groen"])
    InitiativeFactory(municipality=municipality, slug="verborgen", is_hidden=True)
    InitiativeFactory(municipality=other_municipality, slug="elders")
    NeedFactory(initiative=initiative, category="space")

    data = client.get(API, {"municipality": "lindeveen"}).json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["slug"] == "moestuin-de-linde" and item["themes"] == ["groen"] and item["neighbourhood"] == "de-linde"
    assert item["team"] == [{"display_name": initiative.initiator.display_name, "role": "initiator"}]
    assert client.get(API).json()["count"] == 2  # every municipality, hidden left out
    assert client.get(API, {"municipality": "lindeveen", "theme": "energie"}).json()["count"] == 0
    assert client.get(API, {"municipality": "lindeveen", "need_category": "space"}).json()["count"] == 1
    assert client.get(API, {"municipality": "lindeveen", "q": "moestuin"}).json()["count"] == 1
    assert client.get(API, {"municipality": "heideborg", "neighbourhood": "de-linde"}).json()["count"] == 0


def test_unknown_municipality_is_a_problem(client):
    response = client.get(API, {"municipality": "atlantis"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Onbekende gemeente" in response.json()["invalid-params"][0]["reason"]


def test_hidden_initiative_detail_is_404_for_the_public_but_not_the_team(client_for, initiative):
    initiative.is_hidden = True
    initiative.save()
    assert client_for(None).get(f"{API}/{initiative.pk}").status_code == 404
    assert client_for(initiative.initiator).get(f"{API}/{initiative.pk}").status_code == 200


PAYLOAD = {
    "municipality": "lindeveen",
    "title": "Fietsenbieb",
    "pitch": "Kinderfietsen lenen.",
    "story": "Ruilen als je kind groeit.",
    "themes": ["groen"],
    "lat": 52.205,
    "lon": 5.205,
}


def test_a_resident_creates_an_initiative_through_the_api(client_for, resident, themes, linde):
    response = client_for(resident).post(API, PAYLOAD, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["neighbourhood"] == "de-linde" and data["themes"] == ["groen"] and data["status"] == "submitted"
    assert Initiative.objects.get().initiator == resident


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_others_may_not_create(client_for, people, role, themes):
    response = client_for(people[role]).post(API, PAYLOAD, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert Initiative.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"themes": ["ruimtevaart"]}, "themes"),
        ({"neighbourhood": "nergens"}, "neighbourhood"),
        ({"lat": 123}, "lat"),
        ({"municipality": "atlantis"}, "municipality"),
        ({"municipality": ""}, "municipality"),
    ],
)
def test_bad_input_is_a_dutch_problem_and_saves_nothing(client_for, resident, themes, change, field):
    response = client_for(resident).post(API, {**PAYLOAD, **change}, content_type="application/json")
    assert response.status_code == 400
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Ongeldige invoer"
    assert any(p["name"] == field for p in problem["invalid-params"]), problem
    assert Initiative.objects.count() == 0


@pytest.mark.parametrize("role", ["anonymous", "resident", "coach", "admin", "outsider", "team"])
def test_only_the_team_updates(client_for, people, initiative, role):
    user = TeamMemberFactory(initiative=initiative).user if role == "team" else people[role]
    response = client_for(user).patch(
        f"{API}/{initiative.pk}", {"title": "Nieuwe naam"}, content_type="application/json"
    )
    initiative.refresh_from_db()
    if role == "team":
        assert response.status_code == 200 and initiative.title == "Nieuwe naam"
    else:
        assert response.status_code == 403 and initiative.title == "Moestuin De Linde"
        assert response["Content-Type"] == "application/problem+json"


def test_team_update_with_bad_input_changes_nothing(client_for, initiative):
    response = client_for(initiative.initiator).patch(
        f"{API}/{initiative.pk}", {"pitch": "x" * 300}, content_type="application/json"
    )
    assert response.status_code == 400
    initiative.refresh_from_db()
    assert initiative.pitch.startswith("Een moestuin")


def test_delete_is_not_offered(client_for, initiative):
    assert client_for(initiative.initiator).delete(f"{API}/{initiative.pk}").status_code == 405
    assert Initiative.objects.count() == 1


def test_needs_offers_and_themes(client, municipality, other_municipality, initiative, themes):
    NeedFactory(initiative=initiative, category="money", amount_eur=250)
    hidden = InitiativeFactory(municipality=municipality, slug="verborgen", is_hidden=True)
    NeedFactory(initiative=hidden, title="Geheime vraag")
    OfferFactory(initiative=initiative)
    OfferFactory(initiative=InitiativeFactory(municipality=other_municipality, slug="elders"))
    needs = client.get("/api/v1/needs", {"municipality": "lindeveen"}).json()
    assert [n["category"] for n in needs["results"]] == ["money"]
    assert needs["results"][0]["initiative"] == initiative.pk
    assert client.get("/api/v1/offers", {"municipality": "lindeveen"}).json()["count"] == 1
    assert client.get("/api/v1/offers").json()["count"] == 2
    assert client.get("/api/v1/needs", {"category": "space"}).json()["count"] == 0
    theme_data = client.get("/api/v1/themes", {"municipality": "lindeveen"}).json()
    assert {t["slug"] for t in theme_data["results"]} == set(themes)
    assert client.get("/api/v1/themes", {"municipality": "heideborg"}).json()["count"] == 0


def test_api_list_query_count_does_not_grow(client, municipality, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            initiative = InitiativeFactory(municipality=municipality)
            TeamMemberFactory(initiative=initiative, user=UserFactory())

    add(2)
    with django_assert_max_num_queries(15) as few:
        client.get(API, {"municipality": "lindeveen"})
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(API, {"municipality": "lindeveen"})


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/initiatives",
        "/api/v1/initiatives/{id}",
        "/api/v1/needs",
        "/api/v1/offers",
        "/api/v1/themes",
    ]:
        assert path in paths


def test_list_filters_are_declared_once_with_english_sort_codes(client, initiative):
    assert client.get(API, {"sort": "most_support"}).json()["count"] == 1
    for params, name in [({"sort": "meeste-steun"}, "sort"), ({"status": "bezig"}, "status"), ({"lat": "99"}, "lat")]:
        response = client.get(API, params)
        assert response.status_code == 400
        assert name in {p["name"] for p in response.json()["invalid-params"]}
