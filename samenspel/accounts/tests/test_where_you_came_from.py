"""Start from where the person is: sign-up, log-in and the profile follow the municipality they came from."""

import re

import pytest
from django.urls import reverse

from samenspel.accounts.models import User
from samenspel.core.tests.factories import TEST_PASSWORD, NeighbourhoodFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "nieuw@voorbeeld.test",
    "display_name": "Nieuwe Buur",
    "password1": "zonnebloem-aan-de-dijk",
    "password2": "zonnebloem-aan-de-dijk",
}


def _selected_municipality(html: str) -> str:
    select = re.search(r'<select name="municipality".*?</select>', html, re.S).group(0)
    return re.search(r"<option value=\"\d+\" selected>([^<]+)</option>", select).group(1)


def test_sign_up_after_visiting_lindeveen_defaults_to_lindeveen(client, municipality, other_municipality):
    """Heideborg comes first in the alphabet; a visitor from Lindeveen must not be put there."""
    client.get(municipality.get_absolute_url())
    html = client.get(reverse("account_signup")).content.decode()
    assert _selected_municipality(html) == "Gemeente Lindeveen"


def test_sign_up_follows_the_page_it_came_from(client, municipality, other_municipality):
    client.get(other_municipality.get_absolute_url())  # last visited: Heideborg
    html = client.get(reverse("account_signup") + "?next=/lindeveen/initiatieven/").content.decode()
    assert _selected_municipality(html) == "Gemeente Lindeveen"


def test_the_header_links_carry_the_page_the_person_is_on(client, municipality):
    html = client.get("/lindeveen/initiatieven/").content.decode()
    assert 'href="/account/login/?next=%2Flindeveen%2Finitiatieven%2F"' in html
    assert 'href="/account/signup/?next=%2Flindeveen%2Finitiatieven%2F"' in html


def test_log_in_returns_to_the_page_it_came_from(client, resident, municipality):
    response = client.post(
        reverse("account_login") + "?next=/lindeveen/initiatieven/",
        {"login": resident.email, "password": TEST_PASSWORD, "next": "/lindeveen/initiatieven/"},
    )
    assert response.status_code == 302 and response["Location"] == "/lindeveen/initiatieven/"


def test_log_in_refuses_to_send_the_person_to_another_site(client, resident, municipality):
    response = client.post(
        reverse("account_login"), {"login": resident.email, "password": TEST_PASSWORD, "next": "https://evil.test/"}
    )
    assert response["Location"] == municipality.get_absolute_url()


def test_log_in_without_a_page_goes_to_the_persons_own_municipality_not_the_chooser(client, resident, municipality):
    response = client.post(reverse("account_login"), {"login": resident.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/lindeveen/"


def test_the_page_a_sign_up_came_from_survives_the_confirmation_mail(client, municipality, mailoutbox):
    """Sign-up and log-in are separate requests (the confirmation link in between)."""
    client.post(
        reverse("account_signup"),
        {**SIGNUP, "municipality": municipality.pk, "next": "/lindeveen/toekomstvisie/"},
    )
    link = re.search(r"https?://\S+(/account/confirm-email/\S+/)", mailoutbox[-1].body).group(1)
    client.post(link)
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response["Location"] == "/lindeveen/toekomstvisie/"
    assert User.objects.get(email=SIGNUP["email"]).memberships.get().municipality == municipality


def test_the_profile_lists_only_neighbourhoods_of_the_persons_own_municipality(
    client_for, resident, municipality, other_municipality
):
    NeighbourhoodFactory(municipality=other_municipality, name="Heidewijk")
    html = client_for(resident).get(reverse("profile")).content.decode()
    assert "De Linde" in html and "Heidewijk" not in html


def test_the_profile_refuses_a_neighbourhood_elsewhere(client_for, resident, other_municipality):
    elsewhere = NeighbourhoodFactory(municipality=other_municipality, name="Heidewijk")
    response = client_for(resident).post(reverse("profile"), {"display_name": "Bas", "neighbourhood": elsewhere.pk})
    assert response.status_code == 400 and "Kies een wijk uit de lijst" in response.content.decode()
    resident.refresh_from_db()
    assert resident.neighbourhood is None
    assert not resident.memberships.filter(municipality=other_municipality).exists()


def test_the_login_form_has_no_link_inside_the_password_field(client):
    html = client.get(reverse("account_login")).content.decode()
    password = html.index('name="password"')
    reset = html.index(reverse("account_reset_password"))
    button = html.index('type="submit"', password)
    assert password < button < reset
