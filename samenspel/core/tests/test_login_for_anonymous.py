"""Anonymous visitors of staff pages are sent to log in and back; people without the role get 403."""

import pytest
from django.urls import reverse

from samenspel.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("coaching:queue", "coach"),
    ("comments:queue", "moderator"),
    ("municipalities:roles", "admin"),
    ("municipalities:audit_trail", "admin"),
    ("budgeting:round_create", "admin"),
    ("budgeting:voters", "admin"),
]


@pytest.mark.parametrize(("name", "role"), STAFF_PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in_and_then_back(client, people, municipality, name, role):
    url = reverse(name, kwargs={"municipality": municipality.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + url
    staff = people[role]
    response = client.post(response["Location"], {"login": staff.email, "password": TEST_PASSWORD, "next": url})
    assert response["Location"] == url
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("name", "role"), STAFF_PAGES)
def test_a_logged_in_person_without_the_role_still_gets_403(client_for, resident, municipality, name, role):
    url = reverse(name, kwargs={"municipality": municipality.slug})
    assert client_for(resident).get(url).status_code == 403


def test_a_refused_anonymous_post_stays_403_and_the_api_stays_problem_json(client, municipality):
    url = reverse("budgeting:round_create", kwargs={"municipality": municipality.slug})
    assert client.post(url, {"title": "x"}).status_code == 403
    htmx = client.get(reverse("coaching:queue", kwargs={"municipality": municipality.slug}), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 403
