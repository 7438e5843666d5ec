"""Schemathesis over the whole OpenAPI document: no server error, no schema violation (issue #17).

Every operation of /api/v1/openapi.json is called in-process (WSGI, no server) with requests
generated from the schema, valid ones and deliberately invalid ones (wrong types, NUL bytes,
Unicode digits, missing fields), once anonymous and once as a logged-in resident, against a
database holding one of each kind of row the API serves. Each answer must not be a 5xx and,
when its status is documented, must match the documented body and media type.

The number of cases per operation is bounded (EXAMPLES, deterministic) so this runs in CI;
`benchmarks/api_schema.py --examples N` runs the same with many more.
"""

import contextlib
import json
import time
from collections import Counter, defaultdict

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
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

    with connections_kept_open():
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


def login_credentials(user) -> dict:
    """What a browser logged in as `user` sends: session and CSRF cookies, and the CSRF header."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    request = RequestFactory().get("/")
    token = get_token(request)
    session = client.cookies["sessionid"].value
    return {"cookies": {"sessionid": session, "csrftoken": token}, "headers": {"X-CSRFToken": token}}


def fuzz(operation, *, examples: int, credentials: dict | None = None, known: dict | None = None) -> dict:
    """Run `examples` cases per pass on one operation; count cases, statuses and failures.

    `credentials` are the cookies and headers of a logged-in browser (None: anonymous);
    `known` maps query parameter names to values naming rows that exist (municipality slug,
    process id, ...).
    """
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.core.failures import Failure, FailureGroup

    checks = _checks()
    cookies = (credentials or {}).get("cookies")
    headers = (credentials or {}).get("headers")
    stats = {"cases": 0, "server_errors": 0, "schema_violations": 0, "statuses": Counter(), "failures": []}

    def record(case, response, failure):
        kind = "server_errors" if response.status_code >= 500 else "schema_violations"
        stats[kind] += 1
        if len(stats["failures"]) < 5:
            stats["failures"].append(
                f"{operation.label} {response.status_code} {failure.title}: {failure.message[:400]}"
                f"\n    {case.as_curl_command(headers=headers)[:600]}"
            )

    # Valid and invalid data drawn from the schema alone. Ids and slugs drawn so almost never
    # name a row, and most list endpoints refuse an unknown municipality, so a third pass fixes
    # the path and those filters to rows that exist and fuzzes the rest.
    passes = [(GenerationMode.POSITIVE, None, None), (GenerationMode.NEGATIVE, None, None)]
    path = existing_path_parameters(operation, known or {})
    query = {p.name: (known or {})[p.name] for p in operation.query if p.name in (known or {})}
    if path or query:
        passes.append((GenerationMode.POSITIVE, path or None, query or None))
    for mode, path_parameters, query_parameters in passes:
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters, query=query_parameters)

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
            with connections_kept_open():
                response = case.call(headers=headers, cookies=cookies)
            stats["cases"] += 1
            stats["statuses"][response.status_code] += 1
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
            # parameter): the valid cases cover it.
            if mode is not GenerationMode.NEGATIVE:
                raise
        # The API's per-client limits (core/ratelimit.py) would otherwise turn the later
        # operations into 429s and test nothing; each pass starts with fresh counters.
        cache.clear()
    return stats


def existing_path_parameters(operation, known: dict) -> dict:
    """Path parameters naming the first row the operation's list endpoint shows, or {}."""
    from django.test import Client

    names = [parameter.name for parameter in operation.path_parameters]
    if not names:
        return {}
    list_path = operation.path.split("/{", 1)[0]
    response = Client().get(list_path, {k: v for k, v in known.items() if k == "municipality"})
    if response.status_code != 200:
        return {}
    body = response.json()
    rows = body.get("results", []) if isinstance(body, dict) else body
    if not rows or not all(name in rows[0] for name in names):
        return {}
    return {name: rows[0][name] for name in names}


def known_values(municipality) -> dict:
    """Query filter values that name rows of the world built above."""
    from samenspel.budgeting.models import BudgetRound
    from samenspel.vision.models import VisionProcess

    return {
        "municipality": municipality.slug,
        "process": VisionProcess.objects.filter(municipality=municipality).first().pk,
        "round": BudgetRound.objects.filter(municipality=municipality).first().pk,
    }


@contextlib.contextmanager
def connections_kept_open():
    """Keep the database connection across requests, as django.test.Client does.

    Schemathesis calls the WSGI handler itself, whose request_finished signal closes a
    connection that is inside a transaction: on PostgreSQL that ends the test's transaction.
    Per call, since django.test.Client (used between calls) connects the signals again.
    """
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


def fuzz_all(schema, *, examples: int, credentials: dict | None = None, known: dict | None = None):
    """Yield (operation label, stats) for every operation in the schema."""
    for result in schema.get_all_operations():
        operation = result.ok()
        yield operation.label, fuzz(operation, examples=examples, credentials=credentials, known=known)


@pytest.fixture
def world(municipality):
    return build_world(municipality), known_values(municipality)


@pytest.mark.parametrize("identity", ["anonymous", "resident"])
def test_every_api_operation_answers_without_server_error_and_as_documented(world, identity):
    resident, known = world
    schema = load_schema()
    credentials = login_credentials(resident) if identity == "resident" else None
    started = time.monotonic()
    totals = defaultdict(int)
    failures = []
    operations = 0
    statuses = Counter()
    for label, stats in fuzz_all(schema, examples=EXAMPLES, credentials=credentials, known=known):
        operations += 1
        statuses.update(stats["statuses"])
        print(json.dumps({"operation": label, "statuses": stats["statuses"]}))
        for key in ("cases", "server_errors", "schema_violations"):
            totals[key] += stats[key]
        failures.extend(stats["failures"])
    print(
        json.dumps(
            {
                "identity": identity,
                "operations": operations,
                **totals,
                "statuses": statuses,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )
    assert operations >= 40, "the OpenAPI document lost its operations"
    assert totals["cases"] >= operations * EXAMPLES
    assert not failures, "\n".join(failures)
