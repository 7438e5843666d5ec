"""Speed of the signals dashboard at city scale on PostgreSQL.

Builds a synthetic municipality in a PostgreSQL database of its own (dropped and re-created):
by default 10,000 initiatives, 100,000 supports and joiners, 1,000,000 statement votes
(200 statements x 5,000 participants), 6,000 residents in 9 neighbourhoods and 4,000 needs
and offers, spread over the last two years; bulk_create for the small tables and
INSERT ... SELECT in the database for the large ones. Then times the public and the staff
dashboard through the Django test client (the whole view: selectors, privacy, template),
for the default period and for a year, and prints one JSON line per scenario with p50/p95
in ms and the number of queries. `--no-cache` measures the direct computation (the figures
cache is cleared before every request), which is what every request cost before the cache.

Usage: python benchmarks/signals_dashboard.py [--db-url postgres://postgres@127.0.0.1:5432/samenspel_bench_signals]
       [--initiatives N] [--supports N] [--participants N] [--statements N] [--requests N] [--no-cache]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

from _postgres import recreate_database  # benchmarks/ is the script's own folder

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def load(args):
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from samenspel.accounts.models import User
    from samenspel.initiatives.models import Initiative
    from samenspel.marketplace.models import Need, Offer
    from samenspel.municipalities.models import Membership, Municipality, Neighbourhood, Theme
    from samenspel.vision.models import Participant, Statement, VisionProcess

    rng = random.Random(args.seed)
    now = timezone.now()
    municipality = Municipality.objects.create(name="Gemeente Benchdorp", slug="benchdorp", cbs_code="GM9098")
    areas = [
        Neighbourhood.objects.create(
            municipality=municipality,
            name=f"Wijk {i + 1}",
            slug=f"wijk-{i + 1}",
            cbs_code=f"WK9098{i:02d}",
            population=rng.randint(2000, 9000),
        )
        for i in range(9)
    ]
    themes = [
        Theme.objects.create(municipality=municipality, name=name.capitalize(), slug=name, order=i)
        for i, name in enumerate(["energie", "groen", "zorg", "jeugd", "wonen", "veiligheid", "cultuur", "sport"])
    ]
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench{i}@voorbeeld.test",
                display_name=f"Bewoner {i}",
                password=unusable,
                neighbourhood=areas[i % 9] if i % 10 else None,
            )
            for i in range(args.participants + 1000)
        ],
        batch_size=2000,
    )
    coach = User.objects.create(email="coach@voorbeeld.test", display_name="Coach", password=unusable)
    Membership.objects.create(user=coach, municipality=municipality, role="coach")
    initiatives = Initiative.objects.bulk_create(
        [
            Initiative(
                municipality=municipality,
                title=f"Initiatief {i}",
                slug=f"initiatief-{i}",
                pitch="Samen iets moois in de wijk",
                story="Een verhaal over de buurt.",
                neighbourhood=areas[i % 9],
                initiator=users[rng.randrange(len(users))],
                status=rng.choice(["submitted", "in_conversation", "coached", "realised"]),
            )
            for i in range(args.initiatives)
        ],
        batch_size=2000,
    )
    through = Initiative.themes.through
    through.objects.bulk_create(
        [through(initiative_id=i.pk, theme_id=t.pk) for i in initiatives for t in rng.sample(themes, 2)],
        batch_size=5000,
    )
    for model in (Need, Offer):
        model.objects.bulk_create(
            [
                model(
                    municipality=municipality,
                    category=rng.choice(["space", "knowledge", "hands", "money", "materials"]),
                    title=f"{model.__name__} {i}",
                    description="Een beschrijving.",
                    created_by=users[rng.randrange(len(users))],
                    neighbourhood=areas[i % 9],
                    amount_eur=100,
                )
                for i in range(2000)
            ],
            batch_size=2000,
        )
    process = VisionProcess.objects.create(
        municipality=municipality,
        title="Toekomstvisie Benchdorp",
        slug="visie",
        question="Hoe willen we wonen?",
        gather_start=now - timezone.timedelta(days=700),
        gather_end=now - timezone.timedelta(days=30),
        draft_end=now + timezone.timedelta(days=30),
    )
    Participant.objects.bulk_create(
        [Participant(process=process, user=users[i]) for i in range(args.participants)], batch_size=5000
    )
    Statement.objects.bulk_create(
        [
            Statement(process=process, text=f"Stelling {i}", normalized=f"stelling {i}", author=users[i])
            for i in range(args.statements)
        ]
    )
    with connection.cursor() as cursor:
        # Spread what happened over two years (auto_now_add fields are set here, after the fact).
        cursor.execute(
            "UPDATE initiatives_initiative SET submitted_at = now() - random() * interval '730 days' "
            "WHERE municipality_id = %s",
            [municipality.pk],
        )
        cursor.execute(
            "UPDATE initiatives_initiative SET first_response_at = submitted_at + random() * interval '20 days' "
            "WHERE municipality_id = %s AND random() < 0.8",
            [municipality.pk],
        )
        for statement in (
            "UPDATE marketplace_need SET created = now() - random() * interval '730 days'",
            "UPDATE marketplace_offer SET created = now() - random() * interval '730 days'",
            "UPDATE vision_statement SET created = now() - random() * interval '730 days'",
        ):
            cursor.execute(statement)
        cursor.execute(
            """
            INSERT INTO initiatives_support (initiative_id, user_id, kind, created)
            SELECT i.ids[1 + floor(random() * array_length(i.ids, 1))::int],
                   u.ids[1 + floor(random() * array_length(u.ids, 1))::int],
                   CASE WHEN random() < 0.8 THEN 'support' ELSE 'join' END,
                   now() - random() * interval '730 days'
            FROM generate_series(1, %s),
                 (SELECT array_agg(id) AS ids FROM initiatives_initiative) i,
                 (SELECT array_agg(id) AS ids FROM accounts_user) u
            ON CONFLICT DO NOTHING
            """,
            [args.supports],
        )
        cursor.execute(
            """
            INSERT INTO vision_vote (statement_id, participant_id, value, created, updated)
            SELECT s.id, p.id, floor(random() * 3)::int - 1, t, t
            FROM vision_statement s CROSS JOIN vision_participant p,
                 LATERAL (SELECT now() - random() * interval '700 days' AS t) moment
            """
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM vision_vote")
        votes = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM initiatives_support")
        supports = cursor.fetchone()[0]
    return municipality, coach, {"initiatives": len(initiatives), "supports": supports, "votes": votes}


def time_page(client, path, params, *, requests: int, clear_cache: bool) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for _ in range(requests):
        if clear_cache:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, params)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries.append(len(captured))
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))], 1),
        "queries": max(queries),
        "requests": requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samenspel_bench_signals"),
    )
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=100_000)
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--statements", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--no-cache", action="store_true", help="clear the figures cache before every request")
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    os.environ.update(
        {
            "DATABASE_URL": args.db_url,
            "DJANGO_SETTINGS_MODULE": "samenspel.settings",
            "DEBUG": "false",
            "SAMENSPEL_TESTING": "true",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "TASK_BACKEND": "immediate",
            "LOG_LEVEL": "WARNING",
        }
    )
    if not args.reuse:
        recreate_database(args.db_url)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from samenspel.accounts.models import User
    from samenspel.municipalities.models import Municipality

    started = time.perf_counter()
    if args.reuse:
        municipality = Municipality.objects.get(slug="benchdorp")
        coach = User.objects.get(email="coach@voorbeeld.test")
        scale = {}
    else:
        municipality, coach, scale = load(args)
    print(json.dumps({"loaded": scale, "seconds": round(time.perf_counter() - started, 1)}), flush=True)

    connection.force_debug_cursor = True  # count queries with DEBUG off
    today = timezone.localdate()
    year = {"van": (today - timezone.timedelta(days=364)).isoformat(), "tot": today.isoformat()}
    from samenspel.insights.tasks import warm_figures

    started = time.perf_counter()
    warm_figures.call(municipality.pk)  # what cron runs every 4 minutes: default period, both audiences, nl+en
    print(json.dumps({"warm_task_ms": round((time.perf_counter() - started) * 1000, 1), "figure_sets": 4}))
    public, staff = Client(), Client()
    staff.force_login(coach)
    base = f"/{municipality.slug}/signalen/"
    for label, client, path in (("public", public, base), ("staff", staff, base + "gemeente/")):
        for period_label, params in (("default", {}), ("year", year)):
            client.get(path, params)  # warm: sessions, content types, templates
            result = time_page(client, path, params, requests=args.requests, clear_cache=args.no_cache)
            line = {"page": label, "period": period_label, "cache": not args.no_cache, **result}
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
