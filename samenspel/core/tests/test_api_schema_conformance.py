"""API answers match the OpenAPI document they publish (issue 17, finding 3): a value that may be
absent is nullable in the schema, and a field the schema calls a URI holds one.

Each response item is validated against its component schema with jsonschema (OpenAPI 3.0's
`nullable` translated to JSON Schema, and a strict check for `format: uri`).
"""

from urllib.parse import urlsplit

import jsonschema
import pytest

from samenspel.budgeting.tests.factories import BudgetRoundFactory, PlanFactory
from samenspel.core.tests.factories import NeighbourhoodFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URI_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def is_uri(value) -> bool:
    """RFC 3986: only these characters, and a scheme (what `format: uri` means to schemathesis)."""
    return isinstance(value, str) and set(value) <= URI_CHARACTERS and bool(urlsplit(value).scheme)


def as_json_schema(node, components):
    """OpenAPI 3.0 schema -> JSON Schema: $ref resolved, `nullable: true` as a null alternative."""
    if isinstance(node, list):
        return [as_json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return as_json_schema(components[node["$ref"].rsplit("/", 1)[-1]], components)
    schema = {key: as_json_schema(value, components) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


@pytest.fixture
def schemas(client):
    document = client.get("/api/v1/openapi.json").json()
    return document["components"]["schemas"]


def assert_conforms(client, schemas, url, component):
    items = client.get(url).json()["results"]
    assert items, url
    schema = as_json_schema(schemas[component], schemas)
    for item in items:
        jsonschema.validate(item, schema, format_checker=FORMATS)


def test_a_round_and_a_plan_of_the_whole_municipality_conform(client, schemas, municipality):
    budget_round = BudgetRoundFactory(municipality=municipality, neighbourhood=None)
    PlanFactory(budget_round=budget_round, neighbourhood=None)
    assert_conforms(client, schemas, "/api/v1/budget-rounds", "BudgetRound")
    assert_conforms(client, schemas, "/api/v1/budget-plans", "BudgetPlan")


def test_a_wijk_without_a_parent_and_a_buurt_with_one_conform(client, schemas, municipality):
    wijk = municipality.neighbourhoods.get()
    NeighbourhoodFactory(municipality=municipality, parent=wijk)
    assert_conforms(client, schemas, "/api/v1/neighbourhoods", "Neighbourhood")


@pytest.mark.parametrize(
    ("website", "answered"),
    [
        ("", None),
        ("https://woonstichting.example/over-ons", "https://woonstichting.example/over-ons"),
        ("https://café-de-linde.example/ons menu", None),  # refused by the model: never stored
        ("https://cafe.example/één", "https://cafe.example/%C3%A9%C3%A9n"),
    ],
)
def test_an_organisations_website_is_a_uri_or_null(client, schemas, municipality, website, answered):
    organisation = OrganisationFactory(municipality=municipality, website=website)
    if " " in website:
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            organisation.full_clean()
        return
    assert_conforms(client, schemas, "/api/v1/organisations", "Organisation")
    assert client.get("/api/v1/organisations").json()["results"][0]["website"] == answered
