"""DigiD through the stand-in broker: link, log in, keep only a keyed hash, refuse what is wrong."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection

from samenspel.accounts.models import IdentityLink
from samenspel.accounts.services import identity_hash
from samenspel.core.tests.factories import UserFactory

from .identity_flow import through_broker
from .oidc_provider import oidc_provider  # noqa: F401 (a fixture)

BSN = "999993653"


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _digid(client, server, **kwargs):
    kwargs.setdefault("identifier", BSN)
    kwargs.setdefault("level", "middle")
    kwargs.setdefault("next_url", "/lindeveen/")
    return through_broker(client, server, "/account/digid/", **kwargs)


def _everything_stored() -> str:
    """Every text column of every row in the database, as one string (to look for a BSN)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            found.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(found)


@pytest.mark.django_db(transaction=True)
def test_a_logged_in_resident_confirms_the_account_and_only_a_keyed_hash_is_stored(
    client,
    resident,
    oidc_provider,  # noqa: F811
    caplog,
):
    caplog.set_level("DEBUG")
    client.force_login(resident)
    response = _digid(client, oidc_provider)
    assert response.status_code == 302 and response["Location"] == "/lindeveen/"
    assert "bevestigd met DigiD" in _messages(response)
    link = IdentityLink.objects.get(user=resident)
    assert link.assurance_level == "middle"
    assert link.subject_hash == identity_hash(scheme="digid", subject=BSN) != BSN
    # Nowhere in the database, the session table included, is the BSN in clear; not in the log either.
    assert BSN not in _everything_stored()
    assert "identity linked" in caplog.text
    assert BSN not in caplog.text and link.subject_hash not in caplog.text


@pytest.mark.django_db
def test_the_hash_is_keyed(settings):
    one = identity_hash(scheme="digid", subject=BSN)
    settings.IDENTITY_HASH_KEY = "another key"
    assert identity_hash(scheme="digid", subject=BSN) != one
    assert identity_hash(scheme="digid", subject="99999365") == identity_hash(scheme="digid", subject="099999365")


@pytest.mark.django_db
def test_a_linked_digid_logs_in_to_its_account(client, resident, oidc_provider):  # noqa: F811
    IdentityLink.objects.create(
        user=resident, scheme="digid", subject_hash=identity_hash(scheme="digid", subject=BSN), assurance_level="middle"
    )
    response = _digid(client, oidc_provider)
    assert response.status_code == 302 and response["Location"] == "/lindeveen/"
    assert client.session["_auth_user_id"] == str(resident.pk)


@pytest.mark.django_db
def test_an_unknown_digid_waits_for_an_email_log_in_then_links(client, resident, oidc_provider):  # noqa: F811
    response = _digid(client, oidc_provider)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/?next=")
    assert "_auth_user_id" not in client.session
    assert "nog niet aan een account gekoppeld" in _messages(response)
    assert BSN not in str(dict(client.session))
    resident.set_password("een-lang-wachtwoord")
    resident.save()
    response = client.post("/account/login/", {"login": resident.email, "password": "een-lang-wachtwoord"})
    assert response.status_code == 302
    assert IdentityLink.objects.get(user=resident).subject_hash == identity_hash(scheme="digid", subject=BSN)


@pytest.mark.django_db
def test_one_bsn_confirms_one_account(client, resident, oidc_provider):  # noqa: F811
    other = UserFactory()
    IdentityLink.objects.create(
        user=other, scheme="digid", subject_hash=identity_hash(scheme="digid", subject=BSN), assurance_level="middle"
    )
    client.force_login(resident)
    response = _digid(client, oidc_provider)
    assert "al gekoppeld aan een ander account" in _messages(response)
    assert not IdentityLink.objects.filter(user=resident).exists()


@pytest.mark.django_db
def test_a_level_below_the_minimum_is_refused(client, resident, oidc_provider):  # noqa: F811
    client.force_login(resident)
    response = _digid(client, oidc_provider, level="base")
    assert "betrouwbaarheidsniveau" in _messages(response)
    assert not IdentityLink.objects.exists()


@pytest.mark.django_db
def test_the_minimum_level_is_a_setting(client, resident, oidc_provider, settings):  # noqa: F811
    settings.IDENTITY_PROVIDERS["digid"]["min_loa"] = "base"
    client.force_login(resident)
    _digid(client, oidc_provider, level="base")
    assert IdentityLink.objects.get(user=resident).assurance_level == "base"


@pytest.mark.django_db
def test_a_cancelled_log_in_changes_nothing(client, resident, oidc_provider):  # noqa: F811
    client.force_login(resident)
    response = _digid(client, oidc_provider, cancel=True)
    assert "afgebroken of mislukt" in _messages(response)
    assert not IdentityLink.objects.exists()


@pytest.mark.django_db
def test_a_replayed_callback_is_refused(client, resident, oidc_provider):  # noqa: F811
    client.force_login(resident)
    response = _digid(client, oidc_provider)
    again = client.get(response.wsgi_request.get_full_path())
    assert again.status_code == 400
    assert IdentityLink.objects.count() == 1


@pytest.mark.django_db
def test_without_a_broker_there_is_no_digid(client, settings):
    settings.IDENTITY_PROVIDERS = {
        **settings.IDENTITY_PROVIDERS,
        "digid": {**settings.IDENTITY_PROVIDERS["digid"], "issuer": ""},
    }
    assert client.get("/account/digid/").status_code == 404
    assert "Inloggen met DigiD" not in client.get("/account/login/").content.decode()


@pytest.mark.django_db
def test_the_log_in_page_offers_digid(client, oidc_provider):  # noqa: F811
    page = client.get("/account/login/?next=/lindeveen/").content.decode()
    assert 'href="/account/digid/?next=%2Flindeveen%2F"' in page


@pytest.mark.django_db
def test_a_waiting_digid_expires(client, resident, oidc_provider, monkeypatch):  # noqa: F811
    import time

    from samenspel.accounts import identity_views

    _digid(client, oidc_provider)
    later = time.time() + identity_views.DIGID_PENDING_SECONDS + 1
    monkeypatch.setattr(identity_views.time, "time", lambda: later)
    resident.set_password("een-lang-wachtwoord")
    resident.save()
    client.post("/account/login/", {"login": resident.email, "password": "een-lang-wachtwoord"})
    assert client.session["_auth_user_id"] == str(resident.pk)
    assert not IdentityLink.objects.exists()
