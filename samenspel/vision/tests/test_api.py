"""The vision API: problem+json errors in Dutch, anonymous votes by cookie."""

import pytest

from samenspel.vision.models import Statement, Vote

from .factories import StatementFactory, set_phase

pytestmark = pytest.mark.django_db


def test_list_processes_and_statements(client, process):
    StatementFactory(process=process, text="Meer bomen in de straat.")
    StatementFactory(process=process, status=Statement.Status.HIDDEN)
    body = client.get("/api/v1/vision-processes?municipality=lindeveen").json()
    assert body["results"][0]["phase"] == "gathering"
    body = client.get(f"/api/v1/statements?process={process.pk}").json()
    assert [s["text"] for s in body["results"]] == ["Meer bomen in de straat."]


def test_anonymous_vote_and_bad_votes_as_problem_json(client, process):
    statement = StatementFactory(process=process)
    response = client.post("/api/v1/votes", {"statement": statement.pk, "value": 1}, content_type="application/json")
    assert response.status_code == 201
    assert Vote.objects.count() == 1
    response = client.post("/api/v1/votes", {"statement": statement.pk, "value": 5}, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    set_phase(process, "closed")
    response = client.post("/api/v1/votes", {"statement": statement.pk, "value": -1}, content_type="application/json")
    assert response.status_code == 400
    assert "Stemmen kan niet meer" in response.content.decode()
    assert Vote.objects.get().value == 1


def test_submitting_statements_via_the_api(client_for, process, resident, people):
    client = client_for(resident)
    response = client.post(
        "/api/v1/statements", {"process": process.pk, "text": "x" * 141}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "hoogstens 140 tekens" in response.content.decode()
    response = client.post(
        "/api/v1/statements", {"process": process.pk, "text": "Een markt op zaterdag."}, content_type="application/json"
    )
    assert response.status_code == 201
    client = client_for(people["outsider"])
    response = client.post(
        "/api/v1/statements", {"process": process.pk, "text": "Iets heel anders hier."}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Statement.objects.count() == 1


def test_opinion_map_endpoint(client, process):
    from samenspel.vision import services

    from .factories import polarised_votes

    assert client.get(f"/api/v1/opinion-map?process={process.pk}").status_code == 404
    assert client.get("/api/v1/opinion-map").status_code == 400
    polarised_votes(process)
    services.opinion_map_compute(process=process)
    body = client.get(f"/api/v1/opinion-map?process={process.pk}").json()
    assert body["n_participants"] == 24 and len(body["map"]["groups"]) == 2


def test_the_schema_generates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/opinion-map" in response.json()["paths"]
