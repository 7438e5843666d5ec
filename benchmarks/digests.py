"""Benchmark of the daily notification digest at city scale, on PostgreSQL.

Builds N subscribers (default 100,000) with one to three new notifications each in a
database of its own (dropped and re-created), enqueues the digest task on the database task
backend as cron does (`manage.py send_digests --enqueue`), runs a real worker
(`manage.py db_worker --batch`) until the queue is empty, and prints one JSON line: people,
mails, batches (tasks), the most digest tasks ever waiting at once (sampled), seconds, mails
per second. Mail goes to Django's dummy backend: the mails are built and rendered in full,
only the SMTP hand-over is left out.

Usage: python benchmarks/digests.py [--n 100000] [--db-url postgres://postgres@127.0.0.1:5432/samenspel_bench_digest]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

from _postgres import recreate_database  # benchmarks/ is the script's own folder

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def load(n: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from samenspel.accounts.models import User
    from samenspel.notifications.models import Notification

    rng = random.Random(11)
    unusable = make_password(None)
    batch = 10_000
    for start in range(0, n, batch):
        users = User.objects.bulk_create(
            User(email=f"bewoner{i}@voorbeeld.test", display_name=f"Bewoner {i}", password=unusable)
            for i in range(start, min(n, start + batch))
        )
        Notification.objects.bulk_create(
            Notification(
                user=user,
                title=f"Nieuwe update bij Buurtmoestuin {k}",
                body="De eerste oogst is binnen.",
                url=f"/lindeveen/initiatieven/buurtmoestuin-{k}/",
            )
            for user in users
            for k in range(rng.randint(1, 3))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-url", default="postgres://postgres@127.0.0.1:5432/samenspel_bench_digest")
    parser.add_argument("--n", type=int, default=100_000, help="subscribers with news")
    args = parser.parse_args()
    os.environ.update(
        {
            "DATABASE_URL": args.db_url,
            "DJANGO_SETTINGS_MODULE": "samenspel.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "localhost",
            "TASK_BACKEND": "database",
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
        }
    )
    recreate_database(args.db_url)
    import django

    django.setup()
    t0 = time.perf_counter()
    load(args.n)
    print(f"# loaded {args.n:,} subscribers in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from samenspel.notifications.models import DigestLog
    from samenspel.notifications.tasks import send_daily_digests

    send_daily_digests.enqueue()
    connection.close()
    most_waiting = 0
    done = threading.Event()

    def sample():
        nonlocal most_waiting
        while not done.wait(0.5):
            waiting = DBTaskResult.objects.filter(status="READY").count()
            most_waiting = max(most_waiting, waiting)
        connection.close()

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=REPO,
        env=os.environ,
        check=True,
    )
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    mails = DigestLog.objects.count()
    print(
        json.dumps(
            {
                "scenario": "daily_digest",
                "people": args.n,
                "mails": mails,
                "batches": DBTaskResult.objects.count(),
                "most_digest_tasks_waiting": most_waiting,
                "seconds": round(seconds, 1),
                "mails_per_second": round(mails / seconds, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
