"""Input an anonymous visitor can send never becomes a server error (issue 17, finding 3).

NUL bytes (PostgreSQL refuses them in text: a DataError), Unicode digits ('²'.isdigit() is true
but int('²') raises), a vote for statement 'abc' or '1.5', JSON nested very deep, and unknown API
addresses: each answers 4xx, under /api/ as problem+json. Run this file on PostgreSQL too:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenspel_harden_test \\
        .venv/bin/pytest -p no:cacheprovider samenspel/core/tests/test_hostile_input.py
"""

import json
from urllib.parse import quote

import pytest

from samenspel.core.api import PROBLEM_CONTENT_TYPE
from samenspel.vision.tests.factories import StatementFactory, VisionProcessFactory

pytestmark = pytest.mark.django_db

NUL = "a\x00b"

WEB_WITH_NUL = [
    ("/lindeveen/initiatieven/", {"q": NUL}),
    ("/lindeveen/initiatieven/", {"wijk": NUL}),
    ("/lindeveen/initiatieven/kaart.geojson", {"thema": NUL}),
    ("/lindeveen/marktplaats/", {"wijk": NUL}),
    ("/lindeveen/marktplaats/", {"organisatie": NUL}),
    ("/lindeveen/marktplaats/", {NUL: "1"}),
]

API_WITH_NUL = [
    ("/api/v1/initiatives", {"q": NUL}),
    ("/api/v1/initiatives", {"municipality": NUL}),
    ("/api/v1/decisions", {"initiative": NUL}),
    ("/api/v1/budget-rounds", {"municipality": NUL}),
    ("/api/v1/budget-plans", {"municipality": NUL}),
    ("/api/v1/neighbourhoods", {"municipality": NUL}),
    ("/api/v1/vision-processes", {"municipality": NUL}),
    ("/api/v1/needs", {"municipality": NUL}),
    ("/api/v1/themes", {"municipality": NUL}),
    ("/api/v1/rules", {"municipality": NUL}),
    ("/api/v1/organisations", {"municipality": NUL}),
]

UNICODE_DIGITS = [
    ("/api/v1/budget-plans", {"round": "²"}),
    ("/api/v1/matches", {"need": "²"}),
    ("/api/v1/matches", {"offer": "³"}),
    ("/api/v1/needs", {"initiative": "²"}),
    ("/api/v1/offers", {"initiative": "¹"}),
    ("/api/v1/statements", {"process": "²"}),
    ("/api/v1/opinion-map", {"process": "²"}),
    ("/api/v1/budget-plans", {"round": "1.5"}),
]


def assert_problem(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]


@pytest.mark.parametrize(("url", "params"), WEB_WITH_NUL)
def test_a_nul_byte_on_a_page_is_a_dutch_400(client, municipality, url, params):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Ongeldig verzoek" in response.content.decode()


@pytest.mark.parametrize(("url", "params"), API_WITH_NUL)
def test_a_nul_byte_in_an_api_filter_is_a_problem(client, municipality, url, params):
    assert_problem(client.get(url, params))


def test_a_nul_byte_in_a_posted_form_is_a_400(client, municipality):
    process = VisionProcessFactory(municipality=municipality)
    statement = StatementFactory(process=process)
    response = client.post(f"/lindeveen/toekomstvisie/{process.slug}/stem/", {"statement": statement.pk, "value": NUL})
    assert response.status_code == 400


@pytest.mark.parametrize(("url", "params"), UNICODE_DIGITS)
def test_unicode_digits_in_an_api_filter_are_a_problem(client, municipality, url, params):
    assert_problem(client.get(url, params))


@pytest.mark.parametrize("statement", ["abc", "1.5", "²", "", None, [1], {"a": 1}, 10**30])
def test_a_vote_for_a_statement_that_is_no_number_is_a_problem(client, municipality, statement):
    process = VisionProcessFactory(municipality=municipality)
    StatementFactory(process=process)
    response = client.post("/api/v1/votes", {"statement": statement, "value": 1}, content_type="application/json")
    assert_problem(response)


@pytest.mark.parametrize("statement", ["abc", "1.5", "²", ""])
def test_a_vote_form_for_a_statement_that_is_no_number_is_refused(client, municipality, statement):
    process = VisionProcessFactory(municipality=municipality)
    response = client.post(f"/lindeveen/toekomstvisie/{process.slug}/stem/", {"statement": statement, "value": "1"})
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_very_deep_is_a_problem(client, municipality, depth):
    body = "[" * depth + "]" * depth
    assert_problem(client.post("/api/v1/votes", body, content_type="application/json"))


def test_a_nul_byte_in_json_is_refused(client_for, municipality, resident):
    process = VisionProcessFactory(municipality=municipality)
    response = client_for(resident).post(
        "/api/v1/statements",
        {"process": process.pk, "text": "Meer\x00 bomen in de straat"},
        content_type="application/json",
    )
    assert_problem(response)


def test_an_unknown_api_address_is_a_problem(client):
    assert_problem(client.get("/api/v1/bestaat-niet"), status=404)
    assert_problem(client.get("/api/v1/initiatives/999999"), status=404)


def test_a_crash_under_the_api_is_a_problem_too(client, monkeypatch):
    from samenspel.municipalities.api import MunicipalityViewSet

    def crash(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(MunicipalityViewSet, "list", crash)
    client.raise_request_exception = False
    assert_problem(client.get("/api/v1/municipalities"), status=500)


def test_a_nul_byte_in_a_cookie_is_a_400_without_a_session_lookup(client, municipality):
    client.cookies["sessionid"] = "\x00" * 32
    response = client.get("/lindeveen/initiatieven/")
    assert response.status_code == 400


def test_parse_id_reads_ascii_digits_only():
    from samenspel.core.forms import parse_id

    assert [parse_id(v) for v in ["12", 12, "²", "٣", "1.5", "-1", "0", "", None, True, "9" * 19]] == [
        12,
        12,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]


HOSTILE = ["a\x00b", "²", "٣", "1.5", "-1", "0", "", "abc", "9" * 30, "x" * 5000, "%", "'", "<script>", "1e400"]


def _api_reads(client) -> list[tuple[str, list[str], list[str]]]:
    """Every GET of the published API: (path, its path parameters, its query parameters)."""
    reads = []
    for path, operations in client.get("/api/v1/openapi.json").json()["paths"].items():
        if "get" not in operations:
            continue
        parameters = operations["get"].get("parameters", []) + operations.get("parameters", [])
        in_path = [p["name"] for p in parameters if p["in"] == "path"]
        in_query = [p["name"] for p in parameters if p["in"] == "query"]
        reads.append((path, in_path, in_query))
    return reads


def test_every_api_parameter_refuses_hostile_values_without_a_server_error(client, municipality):
    """A bounded sweep over the whole OpenAPI document: each parameter of each read gets each
    hostile value (the others stay valid); every answer is below 500 and an error is problem+json."""
    from samenspel.vision.tests.factories import VisionProcessFactory

    VisionProcessFactory(municipality=municipality)
    client.raise_request_exception = False
    failures = []
    reads = _api_reads(client)
    assert len(reads) >= 20
    for path, in_path, in_query in reads:
        for value in HOSTILE:
            urls = []
            for name in in_path:
                urls.append((path.replace("{" + name + "}", quote(value, safe="")), {}))
            base = path
            for name in in_path:
                base = base.replace("{" + name + "}", "1")
            urls += [(base, {name: value}) for name in in_query]
            for url, params in urls:
                response = client.get(url, params)
                if response.status_code >= 500 or (
                    response.status_code >= 400 and response["Content-Type"] != PROBLEM_CONTENT_TYPE
                ):
                    failures.append((url, params, response.status_code, response["Content-Type"]))
    assert failures == []


PAGE_PARAMETERS = ["q", "wijk", "thema", "status", "vraag", "sorteer", "lat", "lon", "pagina", "soort", "type"]
PAGE_PARAMETERS += ["organisatie", "weergave", "scheiding", "text", "next"]


def test_the_public_pages_refuse_hostile_query_values_without_a_server_error(client, municipality):
    """Every parameter a page reads by hand, all at once, with each hostile value: never a 500."""
    from samenspel.vision.tests.factories import VisionProcessFactory

    process = VisionProcessFactory(municipality=municipality)
    pages = [
        "/",
        "/lindeveen/",
        "/lindeveen/initiatieven/",
        "/lindeveen/initiatieven/kaart.geojson",
        "/lindeveen/initiatieven/export.csv",
        "/lindeveen/initiatieven/export.geojson",
        "/lindeveen/marktplaats/",
        "/lindeveen/toekomstvisie/",
        f"/lindeveen/toekomstvisie/{process.slug}/",
        f"/lindeveen/toekomstvisie/{process.slug}/vergelijkbaar/",
        f"/lindeveen/toekomstvisie/{process.slug}/stellingen/",
        f"/lindeveen/toekomstvisie/{process.slug}/polis-export.zip",
        "/lindeveen/burgerbegroting/",
        "/account/login/",
    ]
    client.raise_request_exception = False
    failures = []
    for page in pages:
        assert client.get(page).status_code in (200, 302), page  # the sweep reaches the page itself
        for value in HOSTILE:
            response = client.get(page, dict.fromkeys(PAGE_PARAMETERS, value))
            if response.status_code >= 500:
                failures.append((page, value, response.status_code))
    assert failures == []


HOSTILE_JSON = ["a\x00b", "²", "1.5", 1.5, -1, 0, 10**30, "", None, True, [], {}, [1], {"a": 1}, "x" * 5000]


def _api_writes(client) -> list[tuple[str, str, list[str]]]:
    """Every POST, PUT and PATCH of the published API: (method, path, its body's properties)."""
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    writes = []
    for path, operations in document["paths"].items():
        for method in ("post", "put", "patch"):
            if method not in operations:
                continue
            body = operations[method].get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref", "")
            properties = list(schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}))
            writes.append((method, path, properties))
    return writes


@pytest.mark.parametrize("role", ["anonymous", "resident"])
def test_every_api_write_refuses_hostile_bodies_without_a_server_error(client_for, people, role):
    from samenspel.initiatives.tests.factories import InitiativeFactory

    process = VisionProcessFactory(municipality=people["resident"].memberships.first().municipality)
    statement = StatementFactory(process=process)
    initiative = InitiativeFactory(municipality=process.municipality, initiator=people["resident"])
    valid = {"process": process.pk, "statement": statement.pk, "value": 1, "text": "Meer bankjes in het park."}
    client = client_for(people[role])
    client.raise_request_exception = False
    writes = _api_writes(client)
    assert writes
    failures = []
    for method, path, properties in writes:
        path = path.replace("{slug}", initiative.slug).replace("{id}", str(initiative.pk))
        bodies = ["[" * 5000 + "]" * 5000, "{", "null", "[]", '"x"']
        bodies += [json.dumps({**valid, name: value}) for name in properties for value in HOSTILE_JSON]
        for body in bodies:
            response = getattr(client, method)(path, body, content_type="application/json")
            if response.status_code >= 500 or (
                response.status_code >= 400 and response["Content-Type"] != PROBLEM_CONTENT_TYPE
            ):
                failures.append((method, path, body[:80], response.status_code))
    assert failures == []


def test_too_many_query_fields_are_a_dutch_400_or_a_problem(client, municipality):
    """Django's own refusals (here DATA_UPLOAD_MAX_NUMBER_FIELDS) take the same two shapes."""
    client.raise_request_exception = False
    query = "&".join(f"a{i}=1" for i in range(1200))
    response = client.get(f"/lindeveen/initiatieven/?{query}")
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    assert_problem(client.get(f"/api/v1/initiatives?{query}"))
