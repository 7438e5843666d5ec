"""Throughput of the initiatives overview and page on PostgreSQL under gunicorn.

Loads a synthetic municipality (default 10,000 initiatives, 100,000 supports and
20,000 comments) into a PostgreSQL database of its own (dropped and re-created),
starts gunicorn with 2 workers on 127.0.0.1 and fires a bounded number of requests
per scenario from a small threaded load generator on loopback. Prints requests per
second and p50/p95 latency per scenario.

Usage: python benchmarks/initiatives_overview.py [--db-url postgres://postgres@127.0.0.1:5432/samenspel_bench_initiatives]
       [--initiatives N] [--supports N] [--comments N] [--requests N] [--concurrency C] [--max-seconds S]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from _postgres import recreate_database  # benchmarks/ is the script's own folder

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS = [
    "moestuin",
    "buurtmoestuin",
    "zonnepanelen",
    "energie",
    "coöperatie",
    "speeltuin",
    "buurtbus",
    "taalcafé",
    "repair",
    "café",
    "zorgnetwerk",
    "ouderen",
    "jongeren",
    "groen",
    "bomen",
    "geveltuin",
    "fietsen",
    "wandelen",
    "sport",
    "muziek",
    "cultuur",
    "markt",
    "buurthuis",
    "vrijwilligers",
    "samen",
    "straat",
    "wijk",
    "plein",
    "school",
    "kinderen",
    "koffie",
    "ontmoeting",
    "hulp",
    "klussen",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samenspel_bench_initiatives"),
    )
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per scenario")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=30.0, help="time limit per scenario")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def environment(db_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": db_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "DJANGO_SETTINGS_MODULE": "samenspel.settings",
            "DEBUG": "false",
            # Production static storage needs collectstatic, which currently fails on a
            # missing asset in the design tokens; the testing flag selects plain storage and
            # changes nothing on the pages measured here (DEBUG stays off).
            "SAMENSPEL_TESTING": "true",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_FILE_PATH": "/tmp/samenspel-bench-mail",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def load(args) -> list[str]:
    """Fill the database; answers the slugs of some initiatives to visit."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from django.contrib.auth.hashers import make_password

    from samenspel.accounts.models import User
    from samenspel.initiatives.models import Initiative, Status, Support
    from samenspel.marketplace.models import Category, Need
    from samenspel.municipalities.models import Municipality, Neighbourhood, Theme

    unusable = make_password(None)  # nobody logs in as these residents
    rng = random.Random(args.seed)
    started = time.perf_counter()
    municipality = Municipality.objects.create(
        name="Gemeente Benchdorp", slug="benchdorp", cbs_code="GM9099", center_lat=52.1, center_lon=5.55
    )
    wijken = []
    for index in range(9):
        lat, lon = 52.07 + (index // 3) * 0.02, 5.52 + (index % 3) * 0.03
        ring = [[lon, lat], [lon + 0.03, lat], [lon + 0.03, lat + 0.02], [lon, lat + 0.02], [lon, lat]]
        wijken.append(
            Neighbourhood.objects.create(
                municipality=municipality,
                name=f"Wijk {index + 1}",
                slug=f"wijk-{index + 1}",
                cbs_code=f"WK9099{index:02d}",
                boundary={"type": "Polygon", "coordinates": [ring]},
            )
        )
    themes = [
        Theme.objects.create(municipality=municipality, name=name.capitalize(), slug=name, order=i)
        for i, name in enumerate(
            ["energie", "groen", "zorg", "jeugd", "wonen", "veiligheid", "cultuur", "mobiliteit", "economie", "sport"]
        )
    ]
    users = User.objects.bulk_create(
        [User(email=f"bench{i}@voorbeeld.test", display_name=f"Bewoner {i}", password=unusable) for i in range(3000)],
        batch_size=1000,
    )
    statuses = list(Status.values)
    rows = []
    for i in range(args.initiatives):
        wijk = wijken[i % 9]
        (lon0, lat0) = wijk.boundary["coordinates"][0][0]
        words = rng.sample(WORDS, 6)
        rows.append(
            Initiative(
                municipality=municipality,
                title=f"{words[0].capitalize()} {words[1]} {i}",
                slug=f"initiatief-{i}",
                pitch=" ".join(words[:4]),
                story=" ".join(rng.choice(WORDS) for _ in range(25)),
                neighbourhood=wijk,
                lat=lat0 + rng.uniform(0.001, 0.019),
                lon=lon0 + rng.uniform(0.001, 0.029),
                status=rng.choice(statuses),
                initiator=rng.choice(users),
                is_hidden=rng.random() < 0.01,
            )
        )
    initiatives = Initiative.objects.bulk_create(rows, batch_size=1000)
    Through = Initiative.themes.through
    Through.objects.bulk_create(
        [
            Through(initiative_id=i.pk, theme_id=t.pk)
            for i in initiatives
            for t in rng.sample(themes, rng.randint(1, 2))
        ],
        batch_size=5000,
    )
    Need.objects.bulk_create(
        [
            Need(
                municipality=municipality,
                initiative=i,
                category=Category.MONEY,
                title="Hulp gezocht",
                description="Wie helpt?",
                amount_eur=500,
            )
            for i in rng.sample(initiatives, len(initiatives) // 2)
        ],
        batch_size=5000,
    )
    pairs = set()
    while len(pairs) < args.supports:
        pairs.add((rng.randrange(len(initiatives)), rng.randrange(len(users)), rng.random() < 0.7))
    Support.objects.bulk_create(
        [
            Support(initiative=initiatives[i], user=users[u], kind=Support.Kind.SUPPORT if s else Support.Kind.JOIN)
            for i, u, s in pairs
        ],
        batch_size=10_000,
    )
    try:
        from samenspel.comments.models import Comment
    except ImportError:
        print("Note: samenspel.comments.models.Comment not found; no comments loaded.")
    else:
        Comment.objects.bulk_create(
            [
                Comment(
                    target=initiative,
                    municipality=municipality,
                    author=rng.choice(users),
                    text=" ".join(rng.sample(WORDS, 12)),
                )
                for initiative in (rng.choice(initiatives) for _ in range(args.comments))
            ],
            batch_size=10_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"Loaded {len(initiatives):,} initiatives, {len(pairs):,} supports, {args.comments:,} comments "
        f"in {time.perf_counter() - started:.1f} s"
    )
    visible = [i.slug for i in initiatives if not i.is_hidden]
    return rng.sample(visible, 200)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def run_scenario(
    port: int,
    paths: list[str],
    total: int,
    concurrency: int,
    max_seconds: float,
    *,
    headers: list[dict] | None = None,
    bodies: list[str] | None = None,
    ok_statuses: tuple[int, ...] = (200,),
) -> dict:
    """Fire `total` requests from `concurrency` threads; request n uses paths[n], and (city_scale.py)
    headers[n] (a session cookie) and bodies[n] (a form POSTed instead of a GET), each cycled."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.perf_counter() + max_seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            path = quote(paths[number % len(paths)], safe="/?=&+")
            sent = {"Host": "127.0.0.1", **(headers[number % len(headers)] if headers else {})}
            body = bodies[number % len(bodies)] if bodies else None
            if body is not None:
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            began = time.perf_counter()
            try:
                connection.request("GET" if body is None else "POST", path, body=body, headers=sent)
                response = connection.getresponse()
                response.read()
                ok = response.status in ok_statuses
            except (OSError, http.client.HTTPException) as error:
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                response = error
            took = time.perf_counter() - began
            with lock:
                (latencies if ok else errors).append(took if ok else getattr(response, "status", str(response)))

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "done": len(latencies),
        "errors": len(errors),
        "error_sample": errors[:3],
        "rps": len(latencies) / wall if wall else 0,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else float("nan"),
    }


OVERVIEW = "/benchdorp/initiatieven/"


def overview_scenarios() -> dict[str, list[str]]:
    """The overview as residents use it: pages, filters, search, most supported (also city_scale.py)."""
    return {
        "overview (plain)": [OVERVIEW, OVERVIEW + "?pagina=2", OVERVIEW + "?pagina=50"],
        "overview (filtered)": [
            OVERVIEW + "?thema=groen&status=in_begeleiding",
            OVERVIEW + "?wijk=wijk-3&vraag=money",
            OVERVIEW + "?thema=zorg&wijk=wijk-7",
        ],
        "overview (search)": [
            OVERVIEW + "?q=moestuin",
            OVERVIEW + "?q=zonnepanelen+coöperatie",
            OVERVIEW + "?q=buurtbus",
        ],
        "overview (most supported)": [OVERVIEW + "?sorteer=meeste-steun"],
    }


def main() -> None:
    args = parse_args()
    env = environment(args.db_url)
    os.environ.update(env)
    recreate_database(args.db_url)
    slugs = load(args)

    port = free_port()
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "samenspel.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
        stderr=open("/tmp/samenspel-bench-gunicorn.log", "w"),  # noqa: SIM115  (lives as long as the server)
    )
    try:
        wait_until_up(port)
        base = OVERVIEW
        scenarios = {
            **overview_scenarios(),
            "map data (GeoJSON, filtered)": [
                base + "kaart.geojson?thema=groen&status=in_gesprek",
                base + "kaart.geojson?wijk=wijk-2",
            ],
            "initiative page": [f"{base}{slug}/" for slug in slugs],
        }
        for paths in scenarios.values():  # warm up each worker's connection and caches
            run_scenario(port, paths, 8, 2, 30)
        print(f"\n{'scenario':32} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for name, paths in scenarios.items():
            result = run_scenario(port, paths, args.requests, args.concurrency, args.max_seconds)
            print(
                f"{name:32} {result['done']:>8} {result['errors']:>6} {result['rps']:>8.1f} "
                f"{result['p50']:>8.1f} {result['p95']:>8.1f}"
            )
            if result["errors"]:
                print(f"   errors, e.g. {result['error_sample']}")
        print(
            f"\n(gunicorn 2 workers, {args.concurrency} client threads, loopback, max {args.requests} requests or {args.max_seconds:.0f} s per scenario)"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
