"""A developer who opens /api/v1/ finds where everything is: the resources, the OpenAPI
document and a reference to read, all on this server."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_api_root_links_every_resource_the_openapi_document_and_the_reference(client, municipality):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["API-Version"]
    links = response.json()["_links"]
    assert links["openapi"]["href"].endswith("/api/v1/openapi.json")
    assert links["documentation"]["href"].endswith("/api/v1/documentatie/")
    assert {"initiatives", "needs", "offers", "budget-rounds", "statements", "municipalities"} <= set(links)
    readable = {
        path for path, operations in client.get("/api/v1/openapi.json").json()["paths"].items() if "get" in operations
    }
    for name, link in links.items():
        if name in ("self", "documentation", "openapi"):
            continue
        path = "/api/v1/" + link["href"].split("/api/v1/", 1)[1]
        if path not in readable:
            continue  # a write-only resource (casting a vote), listed so it can be found
        answer = client.get(link["href"], {"municipality": municipality.slug})
        # A list that needs a filter says which, in Dutch, as problem+json; none is missing.
        assert answer.status_code in (200, 400), (name, answer.status_code)
        if answer.status_code == 400:
            assert answer["Content-Type"] == "application/problem+json"
            assert answer.json()["invalid-params"][0]["reason"]


def test_the_reference_is_a_readable_page_built_from_the_openapi_document(client):
    response = client.get(reverse("api-reference"))
    assert response.status_code == 200
    page = response.content.decode()
    schema = client.get(reverse("openapi")).json()
    # Every operation in the machine-readable document has its own heading on the page.
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in ("get", "post", "put", "patch", "delete"):
                assert f"{method.upper()} {path}" in page
    assert 'href="/api/v1/openapi.json"' in page


def test_the_reference_speaks_the_readers_language(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("api-reference")).content.decode()
    assert "API documentation" in page
