"""A visitor who only reads gets no session row: a session starts when one is needed (log-in, a form)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from samenspel.budgeting.tests.factories import BudgetRoundFactory
from samenspel.initiatives.tests.factories import InitiativeFactory
from samenspel.vision.tests.factories import VisionProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(municipality):
    initiative = InitiativeFactory(municipality=municipality)
    process = VisionProcessFactory(municipality=municipality)
    budget_round = BudgetRoundFactory(municipality=municipality)
    return [
        "/",
        "/lindeveen/",
        "/lindeveen/initiatieven/",
        initiative.get_absolute_url(),
        "/lindeveen/marktplaats/",
        f"/lindeveen/toekomstvisie/{process.slug}/",
        "/lindeveen/burgerbegroting/",
        f"/lindeveen/burgerbegroting/{budget_round.slug}/",
        "/privacy/",  # a global page after municipality pages: the header remembers Lindeveen
        "/account/login/",
        "/api/v1/initiatives",
    ]


def test_500_cookieless_page_views_write_no_session_row(pages):
    answers = set()
    for n in range(500):
        response = Client().get(pages[n % len(pages)])  # a new visitor every time: no cookies
        answers.add((pages[n % len(pages)], response.status_code))
    assert {status for _page, status in answers} == {200}, sorted(answers)
    assert Session.objects.count() == 0


def test_one_visitor_reading_many_pages_gets_no_session_either(pages):
    visitor = Client()
    for page in pages * 5:
        assert visitor.get(page).status_code == 200
    assert Session.objects.count() == 0
    assert "sessionid" not in visitor.cookies


def test_global_pages_still_remember_the_municipality_last_visited(municipality):
    visitor = Client()
    visitor.get("/lindeveen/")
    assert "Lindeveen" in visitor.get("/privacy/").content.decode()
    assert Session.objects.count() == 0


def test_logging_in_starts_a_session(resident):
    visitor = Client()
    visitor.force_login(resident)
    assert Session.objects.count() == 1


@pytest.mark.parametrize("secure", [True, False])
def test_the_vision_participant_cookie_follows_the_session_cookie_secure_setting(municipality, settings, secure):
    from samenspel.vision.cookies import COOKIE
    from samenspel.vision.tests.factories import StatementFactory

    settings.SESSION_COOKIE_SECURE = secure
    process = VisionProcessFactory(municipality=municipality)
    statement = StatementFactory(process=process)
    response = Client().post(
        f"/lindeveen/toekomstvisie/{process.slug}/stem/", {"statement": statement.pk, "value": "1"}
    )
    assert response.status_code in (200, 302)
    cookie = response.cookies[COOKIE]
    assert bool(cookie["secure"]) is secure
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_remembered_municipality_cookie_is_secure_where_sessions_are(municipality, settings):
    from samenspel.municipalities.middleware import COOKIE_NAME

    settings.SESSION_COOKIE_SECURE = True
    cookie = Client().get("/lindeveen/").cookies[COOKIE_NAME]
    assert cookie.value == "lindeveen" and cookie["secure"] and cookie["httponly"]
