"""The embedded SQLite default takes concurrent writes from the web server and the worker.

Two connections, as two processes would hold them, each run a transaction that reads and
then writes while the other holds the lock. With SQLite's default (deferred) transactions the
second writer fails at once with "database is locked", whatever the busy timeout; with the
settings' IMMEDIATE transactions it waits its turn and both writes land.
"""

import contextlib
import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.utils import OperationalError

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="the SQLite default only"
)


def _connection(path, options):
    config = {**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": options}
    return DatabaseWrapper(config, alias=f"concurrency-{id(config)}")


def _race(path, options) -> list[str]:
    setup = _connection(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS vote (id INTEGER PRIMARY KEY, who TEXT)")
    setup.close()
    both_read = threading.Barrier(2, timeout=1)
    outcome = []

    def voter(name):
        connection = _connection(path, options)
        # As a service does it: one atomic block that reads, then writes.
        connections[connection.alias] = connection
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM vote")
                # Under IMMEDIATE the other voter waits for our lock, so the barrier breaks; fine.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait()
                cursor.execute("INSERT INTO vote (who) VALUES (%s)", [name])
            outcome.append("saved")
        except OperationalError as error:
            outcome.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=voter, args=(name,)) for name in ("web", "worker")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


@pytest.fixture(autouse=True)
def _own_database_files(django_db_blocker):
    # These connections go to their own files in tmp_path, not to the test database.
    with django_db_blocker.unblock():
        yield


def test_two_writers_both_land_with_the_settings_options(tmp_path):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert _race(tmp_path / "demo.sqlite3", options) == ["saved", "saved"]


def test_without_immediate_transactions_one_writer_loses(tmp_path):
    """The control: the same race on SQLite's default transactions loses a write."""
    options = {**settings.DATABASES["default"]["OPTIONS"], "transaction_mode": None, "timeout": 2}
    outcome = _race(tmp_path / "demo.sqlite3", options)
    assert sorted(outcome) == ["database is locked", "saved"]
