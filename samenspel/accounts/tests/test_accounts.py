import pytest
from django.core import mail
from django.urls import reverse

from samenspel.accounts.models import User
from samenspel.core.tests.factories import TEST_PASSWORD, NeighbourhoodFactory
from samenspel.municipalities.models import Role

SIGNUP = {
    "email": "nieuw@voorbeeld.test",
    "display_name": "Nieuwe Buur",
    "password1": "zonnebloem-aan-de-dijk",
    "password2": "zonnebloem-aan-de-dijk",
}


@pytest.mark.django_db
def test_signing_up_makes_a_resident_and_sends_a_confirmation_mail(client, municipality):
    response = client.post(reverse("account_signup"), {**SIGNUP, "municipality": municipality.pk})
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@voorbeeld.test")
    assert user.display_name == "Nieuwe Buur"
    assert user.memberships.get().role == Role.RESIDENT
    assert len(mail.outbox) == 1 and "/account/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"password2": "iets-anders-dan-het-eerste"}, "hetzelfde wachtwoord"),
        ({"password1": "1234", "password2": "1234"}, "te kort"),
        ({"display_name": ""}, "Dit veld is vereist"),
        ({"municipality": 99999}, "Kies een gemeente uit de lijst"),
    ],
)
def test_bad_sign_up_is_refused_in_dutch_and_saves_nothing(client, municipality, change, message):
    data = {**SIGNUP, "municipality": municipality.pk, **change}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="nieuw@voorbeeld.test").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_repeated_failed_logins_are_refused_for_a_while(client, resident):
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": resident.email, "password": "fout-wachtwoord"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": resident.email, "password": TEST_PASSWORD})
    assert response.status_code == 429 or "Te veel" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_correct_login_works(client, resident):
    response = client.post(reverse("account_login"), {"login": resident.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


@pytest.mark.django_db
def test_password_reset_sends_a_mail(client, resident):
    client.post(reverse("account_reset_password"), {"email": resident.email})
    assert len(mail.outbox) == 1 and resident.email in mail.outbox[0].to


@pytest.mark.django_db
def test_profile_sets_name_and_neighbourhood(client_for, resident, municipality):
    area = NeighbourhoodFactory(municipality=municipality, name="Oosterhei")
    client = client_for(resident)
    response = client.post(reverse("profile"), {"display_name": "Buurman Bas", "neighbourhood": area.pk})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.display_name, resident.neighbourhood) == ("Buurman Bas", area)


@pytest.mark.django_db
def test_profile_refuses_an_empty_name(client_for, resident):
    before = resident.display_name
    response = client_for(resident).post(reverse("profile"), {"display_name": "  ", "neighbourhood": ""})
    assert "Dit veld is vereist" in response.content.decode()
    resident.refresh_from_db()
    assert resident.display_name == before


@pytest.mark.django_db
def test_profile_needs_login(client):
    assert client.get(reverse("profile")).status_code == 302
