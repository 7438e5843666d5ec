"""City scale (issue #15): every public page, ballots and statement votes at Madrid's size.

Builds the scenario in a PostgreSQL database of its own (dropped and re-created):
500,000 accounts; 10,000 initiatives with 100,000 supports and 20,000 comments (the
loader of initiatives_overview.py); 10,000 needs and 10,000 offers; a vision with 1,000
statements and 1,000,000 votes from 50,000 participants; a budget round with 150 plans
and 50,000 ballots. Large tables are written with COPY. `--quick` builds a tenth.

Then starts gunicorn (2 workers, DEBUG off, cache in Redis) and runs each load with 32
concurrent clients on loopback, anonymously and as a logged-in resident, printing one
JSON line per scenario: scenario, user, requests, errors, rps, p50_ms, p95_ms, queries
(per request, counted once in this process with Django's test client; `queries_warm` is
the same request again, with the cache filled). Then ballots (submissions per second by
different voters, and 1,000 submissions of one voter from 100 clients at once, after
which double ballots are counted in the database: must be 0), statement votes per
second, and the result page of the round once counted.

Usage: python benchmarks/city_scale.py [--quick] [--reuse] [--db-url postgres://...]
       [--requests N] [--concurrency 32] [--max-seconds S]
--reuse skips building and measures the database a previous run left.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

from _postgres import recreate_database  # benchmarks/ is the script's own folder
from initiatives_overview import (
    OVERVIEW,
    WORDS,
    environment,
    free_port,
    load,
    overview_scenarios,
    run_scenario,
    wait_until_up,
)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FULL = {
    "accounts": 500_000,
    "initiatives": 10_000,
    "supports": 100_000,
    "comments": 20_000,
    "needs": 10_000,
    "offers": 10_000,
    "statements": 1_000,
    "votes": 1_000_000,
    "participants": 50_000,
    "plans": 150,
    "voters": 50_000,
}
RESIDENTS = 1_100  # accounts with a session: the logged-in resident, ballot and vote clients
CSRF = "b" * 32  # an unmasked CSRF secret, sent as cookie and header alike
REDIS_URL = "redis://127.0.0.1:6379/7"  # a Redis database of this benchmark's own


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samenspel_bench")
    )
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, as a smoke test")
    parser.add_argument("--reuse", action="store_true", help="measure the database of a previous run")
    parser.add_argument("--requests", type=int, default=400, help="requests per scenario and user")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--max-seconds", type=float, default=20.0, help="time limit per scenario")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    parser.add_argument("--no-map", action="store_true", help="build without computing the opinion map")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def copy_rows(table: str, columns: list[str], rows) -> None:
    """COPY rows into a table: ten times faster than INSERTs for the large tables."""
    from django.db import connection

    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def build(args, size: dict) -> dict:
    """Fill the database; answers what the loads need (slugs, ids, the residents' ids)."""
    slugs = load(
        SimpleNamespace(
            initiatives=size["initiatives"], supports=size["supports"], comments=size["comments"], seed=args.seed
        )
    )
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from samenspel.budgeting.models import Ballot, BudgetRound, Plan, PlanStatus, VoterDeclaration
    from samenspel.budgeting.secrecy import voter_ballot_key
    from samenspel.marketplace.models import Category, Need, Offer
    from samenspel.municipalities.models import Membership, Municipality, Neighbourhood, Role
    from samenspel.vision.models import Participant, Statement, VisionProcess, Vote
    from samenspel.vision.text import normalize

    rng = random.Random(args.seed + 1)
    began = time.perf_counter()
    now = timezone.now()
    municipality = Municipality.objects.get(slug="benchdorp")
    wijken = list(Neighbourhood.objects.filter(municipality=municipality))
    User = get_user_model()

    # Accounts: the loader made 3,000 active ones; the rest of the city by COPY.
    unusable = make_password(None)
    existing = User.objects.count()
    copy_rows(
        User._meta.db_table,
        ["password", "is_superuser", "email", "display_name", "is_staff", "is_active", "date_joined"],
        (
            (unusable, False, f"inwoner{i}@voorbeeld.test", f"Inwoner {i}", False, True, now)
            for i in range(size["accounts"] - existing)
        ),
    )
    residents = list(User.objects.order_by("pk").values_list("pk", flat=True)[:RESIDENTS])
    # Every account a resident of the municipality, as after signing up there.
    copy_rows(
        Membership._meta.db_table,
        ["user_id", "municipality_id", "role", "created"],
        ((pk, municipality.pk, Role.RESIDENT, now) for pk in list(User.objects.values_list("pk", flat=True))),
    )

    # Marketplace: the loader gave half the initiatives a need; persons ask and offer the rest.
    people = list(User.objects.order_by("pk").values_list("pk", flat=True)[:3000])
    categories = list(Category.values)

    def listings(model, count):
        model.objects.bulk_create(
            [
                model(
                    municipality=municipality,
                    category=(category := rng.choice(categories)),
                    title=" ".join(rng.sample(WORDS, 3)).capitalize(),
                    description=" ".join(rng.choice(WORDS) for _ in range(30)),
                    amount_eur=rng.choice([100, 250, 500, 1500]) if category == Category.MONEY else None,
                    person_id=rng.choice(people),
                    neighbourhood=rng.choice(wijken),
                )
                for _ in range(count)
            ],
            batch_size=5000,
        )

    listings(Need, max(0, size["needs"] - Need.objects.count()))
    listings(Offer, size["offers"])

    # Vision: statements, participants (one in ten with an account), votes by COPY. A few
    # statements draw most votes and most participants vote a little (heavy tails).
    process = VisionProcess.objects.create(
        municipality=municipality,
        title="Benchdorp 2040",
        slug="benchdorp-2040",
        question="Hoe wilt u in 2040 in Benchdorp leven?",
        gather_start=now - dt.timedelta(days=10),
        gather_end=now + dt.timedelta(days=30),
        draft_end=now + dt.timedelta(days=60),
    )
    texts = [f"{' '.join(rng.sample(WORDS, 8)).capitalize()} ({i})" for i in range(size["statements"])]
    statements = Statement.objects.bulk_create(
        [Statement(process=process, text=text, normalized=normalize(text)) for text in texts], batch_size=1000
    )
    n_participants = size["participants"]
    account_holders = iter(range(existing, size["accounts"]))  # not the residents, who vote over HTTP
    copy_rows(
        Participant._meta.db_table,
        ["process_id", "user_id", "key", "created"],
        (
            (process.pk, next(account_holders) + 1 if i % 10 == 0 else None, uuid.uuid4(), now)
            for i in range(n_participants)
        ),
    )
    participant_ids = list(Participant.objects.filter(process=process).values_list("pk", flat=True))
    statement_ids = [s.pk for s in statements]
    mean = size["votes"] / n_participants

    def votes():
        written = 0
        for index, participant in enumerate(participant_ids):
            left = size["votes"] - written
            if not left:
                return
            wanted = left if index == n_participants - 1 else int(rng.expovariate(1 / mean)) + 1
            wanted = min(wanted, left, len(statement_ids))
            chosen = set()
            while len(chosen) < wanted:
                chosen.add(statement_ids[int(len(statement_ids) * rng.random() ** 2)])
            for statement in chosen:
                yield (statement, participant, rng.choice((1, 1, -1, 0)), now, now)
            written += wanted

    copy_rows(Vote._meta.db_table, ["statement_id", "participant_id", "value", "created", "updated"], votes())

    # Budget round in its voting phase: 150 feasible plans and the ballots cast so far.
    budget_round = BudgetRound.objects.create(
        municipality=municipality,
        title="Stadsbegroting",
        slug="stadsbegroting",
        budget=2_000_000,
        max_plan_cost=100_000,
        voter_mode="verified",
        min_age=16,
        rule="greedy",
        submission_start=now - dt.timedelta(days=90),
        feasibility_start=now - dt.timedelta(days=60),
        voting_start=now - dt.timedelta(days=5),
        voting_end=now + dt.timedelta(days=20),
        implementation_start=now + dt.timedelta(days=40),
    )
    plans = Plan.objects.bulk_create(
        [
            Plan(
                budget_round=budget_round,
                title=" ".join(rng.sample(WORDS, 4)).capitalize(),
                description=" ".join(rng.choice(WORDS) for _ in range(60)),
                cost=rng.randrange(5_000, 100_000, 500),
                neighbourhood=rng.choice(wijken),
                author_id=rng.choice(people),
                status=PlanStatus.FEASIBLE,
            )
            for _ in range(size["plans"])
        ]
    )
    VoterDeclaration.objects.bulk_create(
        [VoterDeclaration(municipality=municipality, user_id=pk, birth_year=1980) for pk in residents]
    )
    voters = range(size["accounts"] - size["voters"] + 1, size["accounts"] + 1)  # account ids, not the residents
    copy_rows(
        Ballot._meta.db_table,
        ["budget_round_id", "voter_key", "changed_on"],
        ((budget_round.pk, voter_ballot_key(budget_round_id=budget_round.pk, user_id=pk), now.date()) for pk in voters),
    )
    ballot_ids = list(Ballot.objects.filter(budget_round=budget_round).values_list("pk", flat=True))
    popular = sorted(plans, key=lambda _: rng.random())

    def choices():
        for ballot in ballot_ids:
            left, chosen = budget_round.budget, set()
            for _ in range(rng.randint(1, 12)):
                plan = popular[int(len(popular) * rng.random() ** 2)]
                if plan.pk not in chosen and plan.cost <= left:
                    chosen.add(plan.pk)
                    left -= plan.cost
            for plan in chosen:
                yield (ballot, plan)

    copy_rows(Ballot.plans.through._meta.db_table, ["ballot_id", "plan_id"], choices())

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Built the city in {time.perf_counter() - began:.0f} s after the initiatives", file=sys.stderr)
    return {"slugs": slugs}


def scenario_facts(args) -> dict:
    """What the loads address, read from the database (after a build or with --reuse)."""
    from samenspel.budgeting.models import BudgetRound, Plan
    from samenspel.initiatives.models import Initiative
    from samenspel.marketplace.models import Need
    from samenspel.vision.models import Statement

    rng = random.Random(args.seed)
    slugs = list(Initiative.objects.filter(is_hidden=False).order_by("?").values_list("slug", flat=True)[:200])
    budget_round = BudgetRound.objects.get(slug="stadsbegroting")
    cheap = list(Plan.objects.filter(budget_round=budget_round).order_by("cost").values_list("pk", flat=True)[:3])
    return {
        "slugs": slugs,
        "needs": list(Need.objects.order_by("?").values_list("pk", flat=True)[:100]),
        "statements": list(Statement.objects.values_list("pk", flat=True)),
        "cheap_plans": cheap,
        "rng": rng,
    }


def sessions(user_ids: list[int]) -> list[dict]:
    """A logged-in session per account, as headers for the load generator."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    # The backend that logs people in (not the rules backend, which only answers permissions).
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if "rules" not in b)
    headers = []
    for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        headers.append(
            {
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF}",
                "X-CSRFToken": CSRF,
            }
        )
    return headers


def count_queries(path: str, user_id: int | None) -> tuple[int, int]:
    """Queries of one request and of the same request again (cache filled), in this process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user_id is not None:
        client.force_login(get_user_model().objects.get(pk=user_id))
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts.append(len(captured))
    return counts[0], counts[1]


def report(name: str, user: str, result: dict, queries: tuple[int, int] | None = None, **extra) -> None:
    line = {
        "scenario": name,
        "user": user,
        "requests": result["done"] + result["errors"],
        "errors": result["errors"],
        "rps": round(result["rps"], 1),
        "p50_ms": round(result["p50"], 1),
        "p95_ms": round(result["p95"], 1),
        "queries": queries[0] if queries else None,
        "queries_warm": queries[1] if queries else None,
        **extra,
    }
    if result["errors"]:
        line["error_sample"] = [str(e) for e in result["error_sample"]]
    print(json.dumps(line), flush=True)


def page_scenarios(facts: dict) -> dict[str, list[str]]:
    base = OVERVIEW
    vision = "/benchdorp/toekomstvisie/benchdorp-2040/"
    return {
        "home page": ["/benchdorp/"],
        **overview_scenarios(),
        "overview (nearest)": [
            base + "?sorteer=dichtbij&lat=52.1&lon=5.55",
            base + "?sorteer=dichtbij&lat=52.09&lon=5.6",
        ],
        "map data": [base + "kaart.geojson", base + "kaart.geojson?thema=groen&status=in_gesprek"],
        "initiative page": [f"{base}{slug}/" for slug in facts["slugs"]],
        "marketplace overview": ["/benchdorp/marktplaats/", "/benchdorp/marktplaats/?soort=money"],
        "marketplace listing": [f"/benchdorp/marktplaats/vraag/{pk}/" for pk in facts["needs"]],
        "vision voting page": [vision],
        "opinion map page": [vision + "opiniekaart/"],
        "budget round page": ["/benchdorp/burgerbegroting/stadsbegroting/"],
        "rule register": ["/benchdorp/buurtrechten/"],
    }


def measure_pages(port, args, scenarios, resident_headers, resident_id) -> None:
    for name, paths in scenarios.items():
        if args.only and args.only not in name:
            continue
        for user, headers, user_id in (("anonymous", None, None), ("resident", [resident_headers], resident_id)):
            queries = count_queries(paths[0], user_id)
            run_scenario(port, paths, 16, 4, 30, headers=headers)  # warm each worker's connection and caches
            result = run_scenario(port, paths, args.requests, args.concurrency, args.max_seconds, headers=headers)
            report(name, user, result, queries)


def measure_ballots(port, args, facts, voter_headers) -> None:
    """Ballots by different voters per second; then one voter's 1,000 at once, and the doubles."""
    from samenspel.budgeting.models import Ballot, BudgetRound

    budget_round = BudgetRound.objects.get(slug="stadsbegroting")
    path = budget_round.url("ballot")
    body = "&".join(f"plans={pk}" for pk in facts["cheap_plans"])
    before = Ballot.objects.filter(budget_round=budget_round).count()
    result = run_scenario(
        port,
        [path],
        len(voter_headers),
        args.concurrency,
        120,
        headers=voter_headers,
        bodies=[body],
        ok_statuses=(302,),
    )
    added = Ballot.objects.filter(budget_round=budget_round).count() - before
    report("ballots (different voters)", "resident", result, submissions_per_s=round(result["rps"], 1), added=added)
    result = run_scenario(port, [path], 1000, 100, 120, headers=voter_headers[:1], bodies=[body], ok_statuses=(302,))
    from django.db.models import Count

    doubles = (
        Ballot.objects.filter(budget_round=budget_round)
        .values("voter_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    report("ballots (one voter, 1,000 at once)", "resident", result, double_ballots=doubles)


def measure_votes(port, args, facts, voter_headers) -> None:
    """Statement votes per second: each resident votes each statement once."""
    from samenspel.vision.models import Vote

    path = "/benchdorp/toekomstvisie/benchdorp-2040/stem/"
    statements = facts["statements"]
    # Request n goes to resident n % R on statement n // R: one vote per participant per statement.
    total = min(args.requests * 5, len(voter_headers) * len(statements))
    per_request_headers = [voter_headers[n % len(voter_headers)] for n in range(total)]
    bodies = [f"statement={statements[n // len(voter_headers)]}&value=1" for n in range(total)]
    before = Vote.objects.count()
    result = run_scenario(
        port, [path], total, args.concurrency, 120, headers=per_request_headers, bodies=bodies, ok_statuses=(302,)
    )
    report(
        "statement votes", "resident", result, votes_per_s=round(result["rps"], 1), added=Vote.objects.count() - before
    )


def close_and_count(port, args, resident_headers, resident_id) -> None:
    """Close the round, count and publish it, then measure the result page."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from samenspel.budgeting.models import BudgetRound
    from samenspel.budgeting.services import result_publish, round_count

    budget_round = BudgetRound.objects.get(slug="stadsbegroting")
    now = timezone.now()
    BudgetRound.objects.filter(pk=budget_round.pk).update(
        voting_start=now - dt.timedelta(days=30), voting_end=now - dt.timedelta(minutes=1)
    )
    budget_round.refresh_from_db()
    began = time.perf_counter()
    actor = get_user_model().objects.get_or_create(
        email="telling@voorbeeld.test", defaults={"display_name": "Telling", "is_staff": True}
    )[0]
    result = round_count(budget_round=budget_round, actor=actor)
    result_publish(result=result, actor=actor)
    print(f"Counted and published the round in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    measure_pages(port, args, {"budget result page": [budget_round.url("result")]}, resident_headers, resident_id)


def opinion_map(args) -> None:
    from samenspel.vision.models import VisionProcess
    from samenspel.vision.services.opinion_maps import opinion_map_compute

    began = time.perf_counter()
    try:
        opinion_map_compute(process=VisionProcess.objects.get(slug="benchdorp-2040"))
    except Exception as error:  # the page is measured either way; say why it has no map
        print(f"Opinion map not computed: {error!r}", file=sys.stderr)
    else:
        print(f"Computed the opinion map in {time.perf_counter() - began:.1f} s", file=sys.stderr)


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def main() -> None:
    args = parse_args()
    size = {key: value // 10 if args.quick else value for key, value in FULL.items()}
    env = environment(args.db_url)
    env.update({"REDIS_URL": REDIS_URL, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"})
    env["SECRET_KEY"] = os.environ.get("BENCH_SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    os.environ.update(env)
    if not args.reuse:
        recreate_database(args.db_url)
        flush_cache()
        build(args, size)
        if not args.no_map:
            opinion_map(args)
    else:
        import django

        django.setup()
    facts = scenario_facts(args)
    from django.contrib.auth import get_user_model

    resident_ids = list(get_user_model().objects.order_by("pk").values_list("pk", flat=True)[:RESIDENTS])
    headers = sessions(resident_ids)
    resident_id, resident_headers = resident_ids[0], headers[0]

    port = free_port()
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "gunicorn"), "samenspel.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stderr=open("/tmp/samenspel-bench-city-gunicorn.log", "w"),  # noqa: SIM115  (lives as long as the server)
    )
    try:
        wait_until_up(port)
        measure_pages(port, args, page_scenarios(facts), resident_headers, resident_id)
        if not args.only or "ballot" in args.only:
            measure_ballots(port, args, facts, headers[100:])
        if not args.only or "vote" in args.only:
            measure_votes(port, args, facts, headers[100:])
        if not args.reuse and (not args.only or "result" in args.only):
            close_and_count(port, args, resident_headers, resident_id)
        print(
            f"(gunicorn 2 workers, {args.concurrency} clients on loopback, up to {args.requests} requests or "
            f"{args.max_seconds:.0f} s per scenario; {'quick: a tenth of the data' if args.quick else 'full size'})",
            file=sys.stderr,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
