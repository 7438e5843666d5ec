"""Log-in lockouts single out the guesser (issue 17, finding 1).

Measured before: behind the proxy, after 5 wrong passwords for one account a correct log-in for
another account was refused (every request had the proxy's address, and the limit was per
address). Now failures count per account *and* client, the client as TRUSTED_PROXIES reveal it.
"""

import pytest
from django.urls import reverse

from samenspel.core.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
ATTACKER = "203.0.113.66"
NEIGHBOUR = "198.51.100.7"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def _login(client, user, password, via):
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=via,
    )
    logged_in = client.session.get("_auth_user_id") == str(user.pk)
    client.logout()
    return response, logged_in


def _refused(response) -> bool:
    return response.status_code == 429 or "Te veel" in response.content.decode()


def test_wrong_passwords_for_one_account_refuse_no_one_else(client, resident):
    other = UserFactory()
    for _ in range(5):
        response, logged_in = _login(client, resident, "fout-wachtwoord", via=ATTACKER)
        assert not logged_in and not _refused(response)
    # The guesser's sixth try for that account is refused, even with the right password ...
    response, logged_in = _login(client, resident, TEST_PASSWORD, via=ATTACKER)
    assert _refused(response) and not logged_in
    # ... but the owner logs in from elsewhere, another account from the same proxy logs in,
    # and so does another account from the guesser's own address.
    assert _login(client, resident, TEST_PASSWORD, via=NEIGHBOUR)[1]
    assert _login(client, other, TEST_PASSWORD, via=NEIGHBOUR)[1]
    assert _login(client, other, TEST_PASSWORD, via=ATTACKER)[1]


def test_a_client_guessing_many_accounts_is_stopped(client, settings):
    accounts = UserFactory.create_batch(5)
    for user in accounts:
        for _ in range(4):
            _login(client, user, "fout-wachtwoord", via=ATTACKER)
    # 20 failures over five accounts from one client: the client waits, for every account.
    response, logged_in = _login(client, UserFactory(), TEST_PASSWORD, via=ATTACKER)
    assert _refused(response) and not logged_in
    assert _login(client, accounts[0], TEST_PASSWORD, via=NEIGHBOUR)[1]


def test_guessing_one_account_from_many_addresses_meets_a_cap(client, resident, settings):
    settings.LOGIN_FAILURE_LIMIT_ACCOUNT = 8
    for n in range(8):
        _login(client, resident, "fout-wachtwoord", via=f"203.0.113.{n + 1}")
    response, logged_in = _login(client, resident, TEST_PASSWORD, via="203.0.113.99")
    assert _refused(response) and not logged_in


def test_a_right_password_is_no_failure(client, resident, settings):
    settings.LOGIN_FAILURE_LIMIT_ACCOUNT = 3
    for _ in range(5):
        assert _login(client, resident, TEST_PASSWORD, via=NEIGHBOUR)[1]


def test_without_trusted_proxies_a_forwarded_header_changes_nothing(client, resident, settings):
    """A client that names itself in X-Forwarded-For cannot start a fresh count with each name."""
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        _login(client, resident, "fout-wachtwoord", via=f"203.0.113.{n + 1}")
    response, logged_in = _login(client, resident, TEST_PASSWORD, via="203.0.113.99")
    assert _refused(response) and not logged_in


def test_another_port_in_the_host_header_starts_no_fresh_count(client, resident, settings):
    # Django checks ALLOWED_HOSTS without the port, and allauth named the count after the
    # host with its port: a guesser reaching an app server directly could count afresh.
    settings.LOGIN_FAILURE_LIMIT_ACCOUNT = 4
    for port in range(1, 5):
        client.post(
            reverse("account_login"),
            {"login": resident.email, "password": "fout-wachtwoord"},
            REMOTE_ADDR=f"203.0.113.{port}",
            HTTP_HOST=f"testserver:{port}",
        )
    response = client.post(
        reverse("account_login"),
        {"login": resident.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_HOST="testserver:9",
    )
    assert _refused(response) and client.session.get("_auth_user_id") is None
