"""The measured attacks of issue 17 (findings 1 and 2), behind a real reverse proxy.

nginx (Debian's package; `make chromium` installs it with the browser) listens on 127.0.0.1 and
passes every request to gunicorn (2 workers, Redis as cache, SQLite in a file, DEBUG off) with
`X-Forwarded-For: $proxy_add_x_forwarded_for`, as docs/deployment.md describes. So every
request reaches the app from the proxy's address. The "people" are different loopback
addresses (127.0.0.2, 127.0.0.3, ...): a test client binds its connections to one of them, and
nginx sees that as the visitor's address, as it would see a visitor on the internet.

A second app server on the same database and Redis runs without TRUSTED_PROXIES, as the issue's
setup did: the control, where the same attack still locks everyone out.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

requests = pytest.importorskip("requests")
from requests.adapters import HTTPAdapter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REDIS_DB = "redis://127.0.0.1:6379/13"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _need(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must have it)")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited early:\n{log.read_text()[-3000:]}")
        if _port_open(port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"no answer on {port}:\n{log.read_text()[-3000:]}")


SEED = """
import json
from samenspel.budgeting import services as budgeting
from samenspel.budgeting.phases import Phase
from samenspel.budgeting.tests.factories import BudgetRoundFactory, PlanFactory
from samenspel.core.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from samenspel.municipalities.models import Role
from samenspel.vision.tests.factories import StatementFactory, VisionProcessFactory

town = MunicipalityFactory(slug="proxydorp", name="Proxydorp")
admin = UserFactory(email="beheer@proxydorp.test")
MembershipFactory(user=admin, municipality=town, role=Role.ADMIN)
alice = UserFactory(email="alice@proxydorp.test")
bob = UserFactory(email="bob@proxydorp.test")
carol = UserFactory(email="carol@proxydorp.test")
budget_round = BudgetRoundFactory(municipality=town, phase=Phase.VOTING)
PlanFactory(budget_round=budget_round, cost=10_000)
_batch, codes = budgeting.code_batch_create(budget_round=budget_round, actor=admin, count=5)
process = VisionProcessFactory(municipality=town, slug="proxyvisie")
statement = StatementFactory(process=process)
print(json.dumps({
    "accounts": [alice.email, bob.email, carol.email],
    "code_url": budget_round.url("code"),
    "codes": codes,
    "statement": statement.pk,
}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _need(NGINX is not None, "nginx is not installed (apt-get install nginx-light; `make chromium` does)")
    _need(_port_open(6379), "Redis is not running on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(REDIS_DB).flushdb()
    work = tmp_path_factory.mktemp("proxy")
    env = {
        "PATH": os.environ["PATH"],
        "SAMENSPEL_TESTING": "1",  # plain static files (no collectstatic) and fast password hashing
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "REDIS_URL": REDIS_DB,
        "TASK_BACKEND": "immediate",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
    }
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 600}
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], **run)
    assert migrated.returncode == 0, migrated.stderr
    seeded = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", SEED], **run)
    assert seeded.returncode == 0, seeded.stderr
    data = json.loads(seeded.stdout.strip().splitlines()[-1])

    processes = []

    def start(args, port, log_name, extra_env=None):
        log = work / log_name
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**env, **(extra_env or {})},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes.append(process)
        _wait_for(port, process, log)

    gunicorn = [sys.executable, "-m", "gunicorn", "samenspel.wsgi", "--workers", "2", "--threads", "4"]
    app_port, control_port = _free_port(), _free_port()
    start([*gunicorn, "--bind", f"127.0.0.1:{app_port}"], app_port, "app.log", {"TRUSTED_PROXIES": "127.0.0.1"})
    start([*gunicorn, "--bind", f"127.0.0.1:{control_port}"], control_port, "control.log")

    proxy_port, control_proxy_port = _free_port(), _free_port()
    servers = "".join(
        f"""
        server {{
            listen 127.0.0.1:{listen};
            location / {{
                proxy_pass http://127.0.0.1:{upstream};
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
            }}
        }}"""
        for listen, upstream in ((proxy_port, app_port), (control_proxy_port, control_port))
    )
    (work / "nginx.conf").write_text(
        f"""
        daemon off;
        worker_processes 2;
        pid {work / "nginx.pid"};
        error_log {work / "nginx-error.log"} warn;
        events {{ worker_connections 512; }}
        http {{
            access_log off;
            client_body_temp_path {work};
            proxy_temp_path {work};
            fastcgi_temp_path {work};
            uwsgi_temp_path {work};
            scgi_temp_path {work};
            {servers}
        }}
        """
    )
    start([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")], proxy_port, "nginx.log")
    _wait_for(control_proxy_port, processes[-1], work / "nginx.log")
    try:
        yield {
            **data,
            "url": f"http://127.0.0.1:{proxy_port}",
            "control": f"http://127.0.0.1:{control_proxy_port}",
        }
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


class _From(HTTPAdapter):
    """Connections that leave from one loopback address: one visitor, as nginx sees it."""

    def __init__(self, address: str):
        self.address = address
        super().__init__(pool_maxsize=16)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def visitor(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", _From(address))
    return session


def _csrf(session, url) -> str:
    page = session.get(url, timeout=30)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def log_in_session(base, address, email, password, host: str | None = None) -> requests.Session | None:
    """The visitor's session logged in, or None when the password was refused or the limit
    reached. `host` sends that Host header, as a load balancer in front of app servers does."""
    session = visitor(address)
    if host:
        session.headers["Host"] = host
    token = _csrf(session, f"{base}/account/login/")
    answer = session.post(
        f"{base}/account/login/",
        {"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": f"http://{host}/account/login/" if host else f"{base}/account/login/"},
        allow_redirects=False,
        timeout=30,
    )
    return session if answer.status_code == 302 and "sessionid" in session.cookies else None


def log_in(base, address, email, password) -> bool:
    return log_in_session(base, address, email, password) is not None


def enter_code(base, code_url, address, code) -> str:
    session = visitor(address)  # a fresh session each time, as the measured attack did
    token = _csrf(session, base + code_url)
    answer = session.post(
        base + code_url,
        {"csrfmiddlewaretoken": token, "code": code},
        headers={"Referer": base + code_url},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code == 302:
        return "accepted"
    if "te vaak een verkeerde stemcode" in answer.text:
        return "waiting"
    if "kennen we niet" in answer.text:
        return "unknown"
    return str(answer.status_code)


PASSWORD = "een-goed-wachtwoord-2026"  # core.tests.factories.TEST_PASSWORD


def test_five_wrong_passwords_for_one_account_lock_out_no_other(site):
    alice, bob, _carol = site["accounts"]
    for _ in range(5):
        assert not log_in(site["url"], "127.0.0.2", alice, "fout-wachtwoord")
    outcome = {
        "guesser, right password for the guessed account": log_in(site["url"], "127.0.0.2", alice, PASSWORD),
        "neighbour behind the same proxy, another account": log_in(site["url"], "127.0.0.3", bob, PASSWORD),
        "guesser's own address, another account": log_in(site["url"], "127.0.0.2", bob, PASSWORD),
        "the owner, elsewhere": log_in(site["url"], "127.0.0.4", alice, PASSWORD),
    }
    print(f"\nafter 5 wrong passwords for one account, logged in: {outcome}")
    assert list(outcome.values()) == [False, True, True, True]


def test_control_without_trusted_proxies_everyone_is_one_client(site):
    """The issue's setup: the proxy's address for everyone, so one guesser locks out all."""
    _alice, _bob, carol = site["accounts"]
    for n in range(20):
        log_in(site["control"], f"127.0.1.{n + 1}", f"niemand{n}@proxydorp.test", "fout-wachtwoord")
    refused = not log_in(site["control"], "127.0.1.99", carol, PASSWORD)
    print(
        f"\ncontrol, no TRUSTED_PROXIES: 20 failures from 20 visitors, then another's right password refused: {refused}"
    )
    assert refused


def test_twenty_wrong_codes_then_a_valid_code_from_another_client(site):
    answers = [enter_code(site["url"], site["code_url"], "127.0.0.5", "ABCD-EFGH-JKMN") for _ in range(20)]
    # Six judged at once; after that one more each time the doubling wait (2 s, 4 s, ...) is over.
    evaluated = answers.count("unknown")
    print(f"\n20 wrong codes from fresh sessions: {evaluated} judged, {answers.count('waiting')} told to wait")
    assert 6 <= evaluated <= 8 and evaluated + answers.count("waiting") == 20, answers
    assert enter_code(site["url"], site["code_url"], "127.0.0.6", site["codes"][0]) == "accepted"


def test_a_burst_of_60_guesses_gets_no_more_judged(site):
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(
            pool.map(
                lambda _n: enter_code(site["url"], site["code_url"], "127.0.0.7", "ABCD-EFGH-JKMP"),
                range(60),
            )
        )
    print(f"\nburst of 60 wrong codes from one visitor: {answers.count('unknown')} judged")
    assert answers.count("unknown") <= 7, answers
    assert answers.count("unknown") + answers.count("waiting") == 60, answers
    assert enter_code(site["url"], site["code_url"], "127.0.0.8", site["codes"][1]) == "accepted"


def _vote(address, base, statement):
    return visitor(address).post(f"{base}/api/v1/votes", json={"statement": statement, "value": 1}, timeout=30)


def test_a_burst_of_60_cookieless_votes_against_a_limit_of_20(site):
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda _n: _vote("127.0.0.9", site["url"], site["statement"]).status_code, range(60)))
    print(f"\nburst of 60 cookie-less votes, limit 20: {answers.count(201)} participants, {answers.count(429)} x 429")
    assert answers.count(201) == 20 and answers.count(429) == 40, answers


def test_300_cookieless_votes_make_20_participants(site):
    answers = [_vote("127.0.0.10", site["url"], site["statement"]) for _ in range(300)]
    statuses = [a.status_code for a in answers]
    print(f"\n300 cookie-less votes: {statuses.count(201)} participants, {statuses.count(429)} x 429")
    assert statuses.count(201) == 20 and statuses.count(429) == 280
    assert answers[-1].headers["Content-Type"].startswith("application/problem+json")
    assert _vote("127.0.0.11", site["url"], site["statement"]).status_code == 201


def test_900_anonymous_reads_meet_429_after_600(site):
    # The limit is per minute: start early in one, so the 900 fall in the same window.
    seconds_into_minute = time.time() % 60
    if seconds_into_minute > 30:
        time.sleep(60 - seconds_into_minute + 0.2)
    client = visitor("127.0.0.12")
    started = time.monotonic()
    statuses = [client.get(f"{site['url']}/api/v1/municipalities", timeout=30).status_code for _ in range(900)]
    print(
        f"\n900 anonymous reads in {time.monotonic() - started:.1f} s: {statuses.count(200)} x 200, "
        f"{statuses.count(429)} x 429 (first 429 at read {statuses.index(429) + 1 if 429 in statuses else None})"
    )
    assert statuses.count(200) == 600 and statuses[600:] == [429] * 300
    refused = client.get(f"{site['url']}/api/v1/municipalities", timeout=30)
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert refused.json()["status"] == 429 and "Retry-After" in refused.headers
    # Another visitor behind the same proxy reads on.
    assert visitor("127.0.0.13").get(f"{site['url']}/api/v1/municipalities", timeout=30).status_code == 200
