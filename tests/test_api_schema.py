"""Schemathesis over the whole OpenAPI document: no server error, no schema violation (issue #17).

Every operation of /api/v1/openapi.json is called in-process (WSGI, no server) with requests
generated from the schema, valid ones and deliberately invalid ones (wrong types, NUL bytes,
Unicode digits, missing fields), once anonymous and once as a logged-in resident, against a
database holding one of each kind of row the API serves. Each answer must not be a 5xx and,
when its status is documented, must match the documented body and media type.

The number of cases per operation is bounded (EXAMPLES, deterministic) so this runs in CI;
`benchmarks/api_schema.py --examples N` runs the same with many more.
"""

import json
import time
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 6  # per operation, per generation mode (valid and invalid data), per identity

# The checks an answer must pass. Left out on purpose:
# - status_code_conformance: the schema documents only the success status of each operation;
#   refusals (400/403/404/405/429) are problem+json from core.api for every endpoint alike and
#   are not repeated per operation, so "undocumented status" would flag every correct refusal.
# - positive_data_acceptance / negative_data_rejection: ids and slugs that are valid per the
#   schema mostly name rows that do not exist (a correct 404), and a filter with an unknown
#   value is ignored rather than refused on some list endpoints; neither is a fault.
# - the stateful and auth-probing checks (use_after_free, ensure_resource_availability,
#   ignored_auth, missing_required_header, unsupported_method): need links or security
#   schemes the document does not describe, and 405/403 are covered by each app's permission tests.
CHECK_NAMES = ("not_a_server_error", "response_schema_conformance", "content_type_conformance")


def _checks():
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

    return [not_a_server_error, response_schema_conformance, content_type_conformance]


def load_schema():
    import schemathesis

    from samenspel.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def build_world(municipality):
    """One row of each kind the API serves, in the given municipality; returns the resident."""
    from samenspel.budgeting.tests.factories import BudgetRoundFactory, PlanFactory
    from samenspel.coaching.tests.factories import DecisionFactory, RuleFactory
    from samenspel.core.tests.factories import (
        MembershipFactory,
        NeighbourhoodFactory,
        OrganisationFactory,
        UserFactory,
    )
    from samenspel.experiments.tests.factories import ExperimentFactory
    from samenspel.initiatives.tests.factories import InitiativeFactory, NeedFactory, OfferFactory, ThemeFactory
    from samenspel.municipalities.models import Role
    from samenspel.practices.tests.factories import PracticeFactory
    from samenspel.vision.tests.factories import StatementFactory, VisionProcessFactory, VoteFactory

    resident = UserFactory()
    MembershipFactory(user=resident, municipality=municipality, role=Role.RESIDENT)
    neighbourhood = municipality.neighbourhoods.first() or NeighbourhoodFactory(municipality=municipality)
    theme = ThemeFactory(municipality=municipality)
    initiative = InitiativeFactory(municipality=municipality, initiator=resident)
    initiative.themes.add(theme)
    NeedFactory(initiative=initiative)
    OfferFactory(initiative=initiative)
    OrganisationFactory(municipality=municipality)
    DecisionFactory(initiative=initiative)
    RuleFactory(municipality=municipality)
    process = VisionProcessFactory(municipality=municipality)
    statement = StatementFactory(process=process)
    StatementFactory(process=process)
    VoteFactory(statement=statement)
    budget_round = BudgetRoundFactory(municipality=municipality)
    PlanFactory(budget_round=budget_round)
    # Null foreign keys too: the schema must say where null can come back.
    BudgetRoundFactory(municipality=municipality, neighbourhood=None)
    BudgetRoundFactory(municipality=municipality, neighbourhood=neighbourhood)
    ExperimentFactory(municipality=municipality)
    PracticeFactory(municipality=municipality)
    return resident


def login_headers(user) -> dict:
    """The headers a browser logged in as `user` sends: session cookie plus CSRF cookie and header."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    request = RequestFactory().get("/")
    token = get_token(request)
    session = client.cookies["sessionid"].value
    return {"Cookie": f"sessionid={session}; csrftoken={token}", "X-CSRFToken": token}


def fuzz(operation, *, examples: int, headers: dict | None = None) -> dict:
    """Run `examples` cases per generation mode on one operation; count cases and failures."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.core.failures import Failure, FailureGroup

    checks = _checks()
    stats = {"cases": 0, "server_errors": 0, "schema_violations": 0, "failures": []}

    def record(case, response, failure):
        kind = (
            "server_errors"
            if "server error" in type(failure).__name__.lower() or (response.status_code >= 500)
            else "schema_violations"
        )
        stats[kind] += 1
        if len(stats["failures"]) < 5:
            stats["failures"].append(
                f"{operation.label} {response.status_code} {failure.title}: {failure.message[:400]}"
                f"\n    {case.as_curl_command(headers=headers)[:600]}"
            )

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        try:
            strategy = operation.as_strategy(generation_mode=mode)
        except Exception as exc:  # an operation without invalid variants (no parameters, no body)
            if mode is GenerationMode.NEGATIVE:
                continue
            raise exc

        @settings(
            max_examples=examples,
            derandomize=True,
            deadline=None,
            database=None,
            # No shrinking: a failure is recorded and counted, not minimised.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case):
            response = case.call(headers=headers)
            stats["cases"] += 1
            try:
                case.validate_response(response, checks=checks, headers=headers)
            except FailureGroup as group:
                for failure in group.exceptions:
                    record(case, response, failure)
            except Failure as failure:
                record(case, response, failure)

        try:
            run()
        except Unsatisfiable:
            # No invalid request exists for this operation (e.g. a free-text slug is the only
            # parameter): the valid cases above covered it.
            if mode is not GenerationMode.NEGATIVE:
                raise
        # The API's per-client limits (core/ratelimit.py) would otherwise turn the later
        # operations into 429s and test nothing; each operation starts with fresh counters.
        cache.clear()
    return stats


def fuzz_all(schema, *, examples: int, headers: dict | None = None):
    """Yield (operation label, stats) for every operation in the schema."""
    for result in schema.get_all_operations():
        operation = result.ok()
        yield operation.label, fuzz(operation, examples=examples, headers=headers)


@pytest.fixture
def world(municipality):
    return build_world(municipality)


@pytest.mark.parametrize("identity", ["anonymous", "resident"])
def test_every_api_operation_answers_without_server_error_and_as_documented(world, identity):
    schema = load_schema()
    headers = login_headers(world) if identity == "resident" else None
    started = time.monotonic()
    totals = defaultdict(int)
    failures = []
    operations = 0
    for _label, stats in fuzz_all(schema, examples=EXAMPLES, headers=headers):
        operations += 1
        for key in ("cases", "server_errors", "schema_violations"):
            totals[key] += stats[key]
        failures.extend(stats["failures"])
    print(
        json.dumps(
            {"identity": identity, "operations": operations, **totals, "seconds": round(time.monotonic() - started, 1)}
        )
    )
    assert operations >= 40, "the OpenAPI document lost its operations"
    assert totals["cases"] >= operations * EXAMPLES
    assert not failures, "\n".join(failures)
