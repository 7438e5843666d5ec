import pytest
from django.urls import reverse

from samenspel.core.tests.factories import OrganisationFactory


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "privacy", "accessibility", "about", "account_login", "account_signup"])
def test_global_pages_answer_in_dutch_with_a_strict_security_policy(client, municipality, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_home_page_shows_real_counts_and_the_latest_partners(client, municipality, resident):
    OrganisationFactory(municipality=municipality, name="Buurtvereniging De Linde")
    page = client.get(municipality.get_absolute_url()).content.decode()
    assert "Gemeente Lindeveen" in page
    assert "Buurtvereniging De Linde" in page
    assert "<dt>Ingeschreven inwoners</dt><dd>1</dd>" in page.replace("\n", "").replace("  ", "")


@pytest.mark.django_db
def test_unknown_municipality_is_not_found(client):
    assert client.get("/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_liveness_says_the_process_answers(client):
    # Readiness (database, Redis, task queue) is /readyz: test_readiness_and_outages.py.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("admin", 302), ("superuser", 200)])
def test_django_admin_is_for_superusers_only(client_for, people, django_user_model, who, status):
    user = django_user_model.objects.create_superuser("root@voorbeeld.test", "x") if who == "superuser" else people[who]
    response = client_for(user).get("/admin/")
    assert response.status_code == status


@pytest.mark.django_db
def test_language_switch_changes_the_interface_to_english_and_back(client, municipality):
    client.post(reverse("set_language"), {"language": "en", "next": "/lindeveen/"})
    assert 'lang="en"' in client.get("/lindeveen/").content.decode()
    assert "Skip to content" in client.get("/lindeveen/").content.decode()
    client.post(reverse("set_language"), {"language": "nl", "next": "/lindeveen/"})
    assert "Direct naar de inhoud" in client.get("/lindeveen/").content.decode()


@pytest.mark.django_db
def test_dutch_is_the_default_whatever_the_browser_asks(client, municipality):
    page = client.get("/lindeveen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in page and "Direct naar de inhoud" in page


def test_browsers_asking_for_favicon_ico_get_the_icon_instead_of_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("samenspel/favicon.svg")
