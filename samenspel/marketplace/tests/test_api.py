"""The marketplace API declares its filters once (a filter serializer) and answers problems in Dutch."""

import pytest

pytestmark = pytest.mark.django_db


def _problem_names(response):
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    return {p["name"] for p in response.json()["invalid-params"]}


def test_listing_filters_are_typed_values(client, cast):
    found = client.get("/api/v1/needs", {"municipality": "lindeveen", "initiative": cast.initiative.pk}).json()
    assert [n["id"] for n in found["results"]] == [cast.need.pk]
    assert client.get("/api/v1/offers", {"category": "space", "status": "open"}).json()["count"] == 1
    assert client.get("/api/v1/offers", {"status": "met"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"category": "raket"}, "category"),
        ({"status": "vervuld"}, "status"),
        ({"initiative": "abc"}, "initiative"),
        ({"municipality": "atlantis"}, "municipality"),
    ],
)
def test_a_bad_listing_filter_is_a_problem_naming_the_parameter(client, cast, params, name):
    assert name in _problem_names(client.get("/api/v1/needs", params))


def test_matches_need_exactly_one_of_need_or_offer(client, cast):
    assert "need" in _problem_names(client.get("/api/v1/matches", {"need": cast.need.pk, "offer": cast.offer.pk}))
    assert "offer" in _problem_names(client.get("/api/v1/matches", {"offer": "-1"}))
