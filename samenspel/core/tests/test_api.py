import pytest


@pytest.mark.django_db
def test_openapi_document_describes_version_one(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"
    assert "/api/v1/neighbourhoods" in document["paths"]
    assert response["API-Version"] == "1.0.0"


@pytest.mark.django_db
def test_bad_query_gets_problem_json_in_dutch(client, municipality):
    response = client.get("/api/v1/neighbourhoods?municipality=atlantis")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Ongeldige invoer"
    assert problem["invalid-params"][0] == {
        "name": "municipality",
        "code": "invalid",
        "reason": "Onbekende gemeente: atlantis.",
    }


@pytest.mark.django_db
def test_unknown_object_is_a_problem_404(client, municipality):
    response = client.get("/api/v1/neighbourhoods/WK000000")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Niet gevonden"


@pytest.mark.django_db
def test_the_api_is_read_only_for_anonymous_users(client, municipality):
    response = client.post("/api/v1/municipalities", {"name": "x"})
    assert response.status_code in (403, 405)
    assert response["Content-Type"] == "application/problem+json"
