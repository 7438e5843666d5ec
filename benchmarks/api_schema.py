"""Schemathesis over the whole OpenAPI document with many cases (issue #17, finding 3).

The longer run of tests/test_api_schema.py: the same world (one row of each kind the API
serves), the same checks (no server error, answers as documented), valid and invalid data,
anonymous and as a logged-in resident, but N cases per operation and pass instead of a few.
Builds a database of its own: a temporary SQLite file, or with --db-url a PostgreSQL database
that is dropped and re-created (NUL bytes in text only fail on PostgreSQL). Prints one JSON
line per identity and operation (cases, server errors, schema violations, statuses, the first
failures) and a total line per identity; exits 1 when anything failed.

Usage: python benchmarks/api_schema.py [--examples N] [--db-url postgres://postgres@127.0.0.1:5432/samenspel_bench_api]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50, help="cases per operation and pass (default 50)")
    parser.add_argument(
        "--db-url", default=None, help="a PostgreSQL database to (re)create; default a temporary SQLite file"
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db_url:
            sys.path.insert(0, str(Path(__file__).parent))
            from _postgres import recreate_database

            recreate_database(args.db_url)
            os.environ["DATABASE_URL"] = args.db_url
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/api_schema.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.settings")
        os.environ.setdefault("SAMENSPEL_TESTING", "1")
        import logging

        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)

        from samenspel.core.tests.factories import MunicipalityFactory, NeighbourhoodFactory, square
        from tests.test_api_schema import build_world, fuzz_all, known_values, load_schema, login_credentials

        municipality = MunicipalityFactory(name="Gemeente Lindeveen", slug="lindeveen", cbs_code="GM9001")
        NeighbourhoodFactory(
            municipality=municipality, name="De Linde", slug="de-linde", cbs_code="WK900101", boundary=square(52.2, 5.2)
        )
        resident = build_world(municipality)
        known = known_values(municipality)
        schema = load_schema()  # imports the WSGI app, which sets up logging again
        # Every refused case logs a 4xx warning; the counts below say everything.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        failed = False
        for identity, credentials in (("anonymous", None), ("resident", login_credentials(resident))):
            started = time.monotonic()
            totals = Counter()
            operations = 0
            for label, stats in fuzz_all(schema, examples=args.examples, credentials=credentials, known=known):
                operations += 1
                for key in ("cases", "server_errors", "schema_violations"):
                    totals[key] += stats[key]
                failed = failed or bool(stats["failures"])
                print(
                    json.dumps(
                        {
                            "identity": identity,
                            "operation": label,
                            "cases": stats["cases"],
                            "server_errors": stats["server_errors"],
                            "schema_violations": stats["schema_violations"],
                            "statuses": {str(k): v for k, v in sorted(stats["statuses"].items())},
                            "failures": stats["failures"][:2],
                        },
                        ensure_ascii=False,
                    ),
                    flush=True,
                )
            print(
                json.dumps(
                    {
                        "identity": identity,
                        "total": True,
                        "operations": operations,
                        "examples": args.examples,
                        **totals,
                        "seconds": round(time.monotonic() - started, 1),
                    }
                ),
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
