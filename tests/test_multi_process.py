"""Past one machine (issue 15): the real pieces of a deployment, each its own process.

Two gunicorn app servers on two ports share one database (a PostgreSQL database of this test's
own when the run is on PostgreSQL, else an SQLite file) and one Redis: a log-in on one is a
log-in on the other, and a log-in limit used up on one holds on the other (allauth keeps its
counts in the cache, so that is also a value cached by one server and read by the other).
Tasks go through Redis (TASK_BACKEND=redis) to real `manage.py rqworker` processes; one worker
is killed mid-task with SIGKILL, as when its machine dies, and another worker runs the task
again (core/task_queue.py). And psycopg's pool is used when DATABASE_POOL_MAX_SIZE is set.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_reverse_proxy import (
    PASSWORD,
    _free_port,
    _need,
    _port_open,
    _wait_for,
    log_in_session,
    requests,
)

ROOT = Path(__file__).resolve().parent.parent
REDIS_DB = "redis://127.0.0.1:6379/12"
POSTGRES = os.environ.get("DATABASE_URL", "")
if not POSTGRES.startswith(("postgres://", "postgresql://")):
    POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"  # CI's server, also during the SQLite run

SEED = """
import json
from samenspel.core.tests.factories import UserFactory
print(json.dumps([UserFactory(email=f"{name}@tweeservers.test").email for name in ("alice", "bob", "carol")]))
"""


def _database_named(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="module")
def postgres():
    """An empty PostgreSQL database of this module's own, dropped afterwards."""
    _need(_port_open(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    import psycopg

    name = f"samenspel_multiproc_{uuid.uuid4().hex[:10]}"
    server = _database_named(POSTGRES, "postgres")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _database_named(POSTGRES, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Machines:
    """The processes of one deployment, on one environment; all killed at the end."""

    def __init__(self, work: Path, env: dict):
        self.work, self.env, self.processes = work, env, []

    def manage(self, *args: str, extra_env: dict | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(self, code: str, **extra_env) -> str:
        return self.manage("shell", "--no-imports", "-c", code, extra_env=extra_env).strip().splitlines()[-1]

    def start(self, args: list[str], log_name: str) -> subprocess.Popen:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=(self.work / log_name).open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the worker's work horse dies with it
        )
        self.processes.append(process)
        return process

    def app_server(self, name: str) -> str:
        port = _free_port()
        gunicorn = [sys.executable, "-m", "gunicorn", "samenspel.wsgi", "--workers", "1", "--threads", "4"]
        process = self.start([*gunicorn, "--bind", f"127.0.0.1:{port}"], f"{name}.log")
        _wait_for(port, process, self.work / f"{name}.log", seconds=90)
        return f"http://127.0.0.1:{port}"

    def worker(self, name: str) -> subprocess.Popen:
        unique = f"{name}-{uuid.uuid4().hex[:6]}"  # RQ refuses a name a dead worker still holds
        return self.start([sys.executable, "manage.py", "rqworker", "default", "--name", unique], f"{name}.log")

    def kill(self, process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process, signal.SIGTERM)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, request):
    _need(_port_open(6379), "Redis is not running on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(REDIS_DB).flushdb()
    work = tmp_path_factory.mktemp("multiproc")
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    database = request.getfixturevalue("postgres") if on_postgres else f"sqlite:///{work / 'db.sqlite3'}"
    env = {
        "PATH": os.environ["PATH"],
        "SAMENSPEL_TESTING": "1",  # plain static files and fast password hashing
        "DEBUG": "false",
        "DATABASE_URL": database,
        "REDIS_URL": REDIS_DB,
        "TASK_BACKEND": "redis",
        "TASK_ABANDONED_CHECK_SECONDS": "5",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
    }
    if on_postgres:
        env["DATABASE_POOL_MAX_SIZE"] = "4"  # as production would run: one pool per process
    machines = Machines(work, env)
    try:
        machines.manage("migrate", "--noinput", "-v0")
        accounts = json.loads(machines.shell(SEED))
        machines.a, machines.b = machines.app_server("server-a"), machines.app_server("server-b")
        machines.accounts = accounts
        yield machines
    finally:
        machines.stop_all()


# What a load balancer passes to every app server: the site's one host name. allauth keys its
# log-in counts by the request's host *with its port* (django.contrib.sites is not installed,
# so RequestSite), so servers reached as 127.0.0.1:A and 127.0.0.1:B would count apart.
HOST = "localhost"


def _log_in(base: str, email: str, password: str, address: str = "127.0.0.2") -> requests.Session | None:
    """The session logged in, or None when the password was refused or the limit reached."""
    return log_in_session(base, address, email, password, host=HOST)


def test_a_log_in_on_server_a_is_a_log_in_on_server_b(deployment):
    alice = deployment.accounts[0]
    session = _log_in(deployment.a, alice, PASSWORD)
    assert session is not None
    on_b = session.get(f"{deployment.b}/account/email/", allow_redirects=False, timeout=30)
    assert on_b.status_code == 200 and alice in on_b.text
    stranger = requests.get(f"{deployment.b}/account/email/", headers={"Host": HOST}, allow_redirects=False, timeout=30)
    assert stranger.status_code == 302  # the control: without the cookie, B sends to log-in


def test_a_log_in_limit_used_up_on_server_a_holds_on_server_b(deployment):
    _alice, bob, carol = deployment.accounts
    assert _log_in(deployment.b, bob, PASSWORD)  # B lets bob in, before
    for _ in range(5):  # LOGIN_FAILURE_LIMIT: 5 wrong passwords for one account from one client
        assert not _log_in(deployment.a, bob, "fout-wachtwoord")
    refused_on_b = _log_in(deployment.b, bob, PASSWORD) is None
    other_account_on_b = _log_in(deployment.b, carol, PASSWORD) is not None
    print(
        f"\nafter 5 wrong passwords on A: right password on B refused {refused_on_b}, other account {other_account_on_b}"
    )
    assert refused_on_b and other_account_on_b


ENQUEUE = """
import os
from tests.multiproc_tasks import record_run
result = record_run.enqueue(path={path!r}, first_attempt_seconds={seconds})
print(result.id, os.getpid())
"""

RESULT = """
import json
from django_tasks import default_task_backend
result = default_task_backend.get_result({id!r})
print(json.dumps({{"status": str(result.status), "return": result.return_value if result.is_finished else None,
                  "errors": [e.exception_class_path for e in result.errors]}}))
"""


def _wait_for_lines(path: Path, lines: int, what: str, seconds: float, machines: Machines) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = path.read_text().splitlines() if path.exists() else []
        if len(found) >= lines:
            return found
        time.sleep(0.5)
    logs = "\n".join(f"== {p.name}\n{p.read_text()[-2000:]}" for p in machines.work.glob("worker-*.log"))
    raise AssertionError(f"{what}: {path.read_text() if path.exists() else 'nothing'}\n{logs}")


def test_a_task_enqueued_in_one_process_is_run_by_an_rq_worker(deployment):
    record = deployment.work / f"run-{uuid.uuid4().hex}.log"
    worker = deployment.worker("worker-quick")
    try:
        task_id, enqueuer = deployment.shell(ENQUEUE.format(path=str(record), seconds=0)).split()
        lines = _wait_for_lines(record, 2, "the worker did not run the task", 90, deployment)
        assert [line.split()[1] for line in lines] == ["started", "finished"]
        assert lines[0].split()[0] != enqueuer  # run elsewhere, not in the enqueuing process
        deadline = time.monotonic() + 30
        while (result := json.loads(deployment.shell(RESULT.format(id=task_id))))["status"] != "SUCCESSFUL":
            assert time.monotonic() < deadline, result
            time.sleep(0.5)
        assert result["return"] == 1
    finally:
        deployment.kill(worker, signal.SIGTERM)


def test_a_task_whose_worker_is_killed_is_run_again_by_another_worker(deployment):
    record = deployment.work / f"killed-{uuid.uuid4().hex}.log"
    first = deployment.worker("worker-killed")
    second = killed_at = None
    try:
        task_id, _enqueuer = deployment.shell(ENQUEUE.format(path=str(record), seconds=600)).split()
        horse = int(_wait_for_lines(record, 1, "the first worker did not start the task", 90, deployment)[0].split()[0])
        killed_at = time.monotonic()
        # The machine dies: SIGKILL to the worker and to its work horse (RQ gives the horse a
        # process group of its own), no clean-up at all.
        deployment.kill(first)
        with contextlib.suppress(ProcessLookupError):
            os.kill(horse, signal.SIGKILL)
        assert json.loads(deployment.shell(RESULT.format(id=task_id)))["status"] == "RUNNING"
        second = deployment.worker("worker-second")
        # RQ sees the task abandoned when the dead worker's last heartbeat expires (10 s + 60 s
        # of grace), at the second worker's next look (TASK_ABANDONED_CHECK_SECONDS=5 here).
        lines = _wait_for_lines(record, 3, "the task was not run again", 150, deployment)
        recovered = time.monotonic() - killed_at
        print(f"\nworker killed mid-task; task run again and finished {recovered:.0f} s later")
        assert [line.split()[1] for line in lines] == ["started", "started", "finished"]
        assert lines[0].split()[0] != lines[1].split()[0]
        deadline = time.monotonic() + 30
        while (result := json.loads(deployment.shell(RESULT.format(id=task_id))))["status"] != "SUCCESSFUL":
            assert time.monotonic() < deadline, result
            time.sleep(0.5)
        assert result["return"] == 2, result  # the second attempt finished it
    finally:
        if killed_at is None and record.exists():  # failed before the kill: a horse may sleep on
            for line in record.read_text().splitlines():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(line.split()[0]), signal.SIGKILL)
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                deployment.kill(worker)


POOL = """
from django.db import connection
pids = []
for _ in range(5):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pids.append(cursor.fetchone()[0])
    connection.close()  # the end of a request: with a pool the connection goes back to it
print(type(connection.pool).__name__ if connection.pool else None, len(set(pids)))
"""


# A pool of one, so it cannot grow while its first connection is still being opened: then
# every request has the same PostgreSQL backend; without a pool each has a new one.
@pytest.mark.parametrize(("pool_size", "expected"), [("1", "ConnectionPool 1"), ("0", "None 5")])
def test_postgresql_connections_come_from_psycopgs_pool_when_configured(tmp_path, postgres, pool_size, expected):
    machines = Machines(
        tmp_path,
        {
            "PATH": os.environ["PATH"],
            "SAMENSPEL_TESTING": "1",
            "DATABASE_URL": postgres,
            "DATABASE_POOL_MAX_SIZE": pool_size,
        },
    )
    assert machines.shell(POOL) == expected
