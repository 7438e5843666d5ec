"""Staff log in with two steps (STAFF_MFA_REQUIRED); residents are not asked; security.txt."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP

from samenspel.core.tests.factories import UserFactory

from .identity_flow import totp_code

PASSWORD = "een-lang-wachtwoord"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coach", "moderator", "municipality_admin"])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, mfa_required, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get("/lindeveen/")
    assert response.status_code == 302 and response["Location"] == "/account/2fa/totp/activate/"
    # Also a POST: nothing is done before the second step exists.
    assert client.post("/lindeveen/initiatieven/nieuw/", {}).status_code == 302


@pytest.mark.django_db
def test_parts_of_pages_are_not_replaced_by_the_set_up_page(client, mfa_required, coach):
    client.force_login(coach)
    # The notification badge (htmx, swapped into the header): nothing to swap, no page inside a page.
    assert client.get("/account/meldingen/", headers={"HX-Request": "true"}).status_code == 204
    refused = client.post("/lindeveen/initiatieven/nieuw/", {}, headers={"HX-Request": "true"})
    assert refused.status_code == 403 and "tweede stap" in refused.content.decode()


@pytest.mark.django_db
def test_a_superuser_too(client, mfa_required, municipality):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/admin/")["Location"] == "/account/2fa/totp/activate/"


@pytest.mark.django_db
def test_residents_are_not_asked(client, mfa_required, resident):
    client.force_login(resident)
    assert client.get("/lindeveen/").status_code == 200


@pytest.mark.django_db
def test_with_an_authenticator_staff_go_on(client, mfa_required, coach):
    TOTP.activate(coach, SECRET)
    client.force_login(coach)
    assert client.get("/lindeveen/").status_code == 200


@pytest.mark.django_db
def test_the_setting_off_asks_nobody(client, settings, coach):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(coach)
    assert client.get("/lindeveen/").status_code == 200


@pytest.mark.django_db
def test_a_coach_sets_up_totp_with_recovery_codes_then_logs_in_with_a_code(client, mfa_required, coach):
    _with_password(coach)
    response = client.post("/account/login/", {"login": coach.email, "password": PASSWORD})
    assert response["Location"] == "/account/2fa/totp/activate/" or client.get(response["Location"]).status_code == 302
    # allauth asks the password again before a second step is added.
    response = client.get("/account/2fa/totp/activate/")
    assert response["Location"].startswith("/account/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/account/2fa/totp/activate/").content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page  # shown for typing it into an app, beside the QR code
    response = client.post("/account/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    types = set(Authenticator.objects.filter(user=coach).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/lindeveen/").status_code == 200

    # The next log-in asks for the code; a wrong one is refused.
    client.logout()
    response = client.post("/account/login/", {"login": coach.email, "password": PASSWORD})
    assert response["Location"] == "/account/2fa/authenticate/"
    assert client.post("/account/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post("/account/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coach.pk)


@pytest.mark.django_db
def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@lindeveen.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@lindeveen.example"
    from datetime import UTC, datetime

    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    days = (expires - datetime.now(UTC)).days
    assert 30 < days < 365


@pytest.mark.django_db
def test_a_recovery_code_logs_in_once(client, mfa_required, coach):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    _with_password(coach)
    TOTP.activate(coach, SECRET)
    code = RecoveryCodes.activate(coach).get_unused_codes()[0]
    for attempt in range(2):
        client.logout()
        client.post("/account/login/", {"login": coach.email, "password": PASSWORD})
        client.post("/account/2fa/authenticate/", {"code": code})
        logged_in = client.session.get("_auth_user_id") == str(coach.pk)
        assert logged_in == (attempt == 0)
