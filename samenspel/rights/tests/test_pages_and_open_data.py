"""The public register, a request's page, the API and the CSV: what they show, and that the
submitters' contact data and names never leave the municipality's desk."""

import json

import pytest
from django.urls import reverse

from samenspel.notifications.models import Notification
from samenspel.rights import services
from samenspel.rights.models import State

from .factories import in_state

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "geheim.contact@voorbeeld.test"
SECRET_PHONE = "06-12345678"


@pytest.fixture
def requests_(ordinance, municipality, resident, coach, municipality_admin):
    made = {}
    for state in (State.SUBMITTED, State.PUBLIC, State.ASSESSMENT, State.DECIDED):
        made[state] = in_state(
            municipality,
            resident,
            coach,
            municipality_admin,
            state,
            agreement=state == State.DECIDED,
            title=f"Verzoek in stand {state}",
        )
    services.info_request(request=made[State.SUBMITTED], question="Stuur de statuten mee.", asked_by=coach)
    made[State.DRAFT] = in_state(municipality, resident, coach, municipality_admin, State.DRAFT, title="Mijn concept")
    return made


def _leaks(text: str, resident) -> list[str]:
    return [secret for secret in (SECRET_EMAIL, SECRET_PHONE, resident.display_name, resident.email) if secret in text]


def test_register_shows_requests_figures_and_no_contact_data(client, requests_, resident):
    response = client.get(reverse("rights:register", kwargs={"municipality": "lindeveen"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verzoek in stand public" in html and "Mijn concept" not in html
    assert "Besloten binnen de termijn" in html and "100% (1/1)" in html
    assert _leaks(html, resident) == []


def test_the_public_page_shows_the_agreement_but_not_the_question_or_contact(client, requests_, resident):
    decided = requests_[State.DECIDED]
    html = client.get(decided.get_absolute_url()).content.decode()
    assert "Overeenkomst" in html and "€" in html and "Beoordeling op de criteria" in html
    assert _leaks(html, resident) == []
    suspended = client.get(requests_[State.SUBMITTED].get_absolute_url()).content.decode()
    assert "staat stil sinds" in suspended and "Stuur de statuten mee." not in suspended
    assert _leaks(suspended, resident) == []


def test_the_submitter_reads_the_question_and_staff_see_the_contact(client_for, requests_, resident, coach):
    suspended = requests_[State.SUBMITTED]
    assert "Stuur de statuten mee." in client_for(resident).get(suspended.get_absolute_url()).content.decode()
    desk = client_for(coach).get(reverse("rights:desk", kwargs={"municipality": "lindeveen", "pk": suspended.pk}))
    assert SECRET_EMAIL in desk.content.decode() and SECRET_PHONE in desk.content.decode()


def test_api_serves_the_register_without_contact_data(client, requests_, resident):
    response = client.get("/api/v1/right-requests?municipality=lindeveen")
    assert response.status_code == 200
    body = response.content.decode()
    data = json.loads(body)
    titles = {row["title"] for row in data["results"]}
    assert "Mijn concept" not in titles and "Verzoek in stand decided" in titles
    decided = next(row for row in data["results"] if row["state"] == "decided")
    assert decided["outcome"] == "granted" and decided["decided_within_term"] is True
    assert decided["agreement"]["budget"] == "48000.00"
    paused = next(row for row in data["results"] if row["state"] == "submitted")
    assert paused["term_paused"] is True
    assert _leaks(body, resident) == []
    detail = client.get(f"/api/v1/right-requests/{requests_[State.DECIDED].pk}?municipality=lindeveen")
    assert detail.status_code == 200 and _leaks(detail.content.decode(), resident) == []
    draft = client.get(f"/api/v1/right-requests/{requests_[State.DRAFT].pk}?municipality=lindeveen")
    assert draft.status_code == 404


def test_api_figures_and_bad_filters(client, requests_):
    figures = client.get("/api/v1/right-figures?municipality=lindeveen").json()
    challenge = next(f for f in figures if f["right"] == "challenge")
    assert challenge["received"] == 4 and challenge["outcomes"]["granted"] == 1
    assert challenge["share_decided_within_term"] == 1.0
    bad = client.get("/api/v1/right-requests?municipality=lindeveen&right=everything")
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    missing = client.get("/api/v1/right-requests")
    assert missing.status_code == 400


def test_csv_export_holds_the_register_without_contact_data(client, requests_, resident):
    response = client.get(reverse("rights:export", kwargs={"municipality": "lindeveen"}) + "?scheiding=puntkomma")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and text.splitlines()[0].startswith("id;recht;titel")
    assert "Verzoek in stand decided" in text and "Mijn concept" not in text
    assert _leaks(text, resident) == []


def test_no_notification_carries_contact_data(requests_, resident):
    texts = [f"{n.title} {n.body} {n.url} {n.subject_label}" for n in Notification.objects.all()]
    assert texts  # the acknowledgements, questions and decisions were sent
    assert [t for t in texts if SECRET_EMAIL in t or SECRET_PHONE in t] == []


def test_the_coach_desk_flags_a_missed_term(client_for, requests_, coach):
    from freezegun import freeze_time

    with freeze_time("2031-01-01 10:00:00"):
        html = client_for(coach).get(reverse("coaching:queue", kwargs={"municipality": "lindeveen"})).content.decode()
        register = client_for(None).get(reverse("rights:register", kwargs={"municipality": "lindeveen"}))
    assert "Buurtrechten: lopende termijnen" in html and "Termijn verstreken" in html
    assert "Termijn verstreken" in register.content.decode()


def test_ordinance_page_shows_terms_and_sources(client, ordinance):
    html = client.get(reverse("rights:ordinance", kwargs={"municipality": "lindeveen"})).content.decode()
    assert "Geertruidenberg" in html and "Besluit binnen 10 weken" in html and "geldt nu" in html


def test_support_and_comment_in_the_public_phase(client_for, requests_, people):
    public = requests_[State.PUBLIC]
    client = client_for(people["partner"])
    client.post(reverse("rights:support", kwargs={"municipality": "lindeveen", "pk": public.pk}))
    html = client.get(public.get_absolute_url()).content.decode()
    assert "1 inwoner steunt dit verzoek." in html and "Reacties" in html
    main = html.split('id="inhoud"')[1].split("Reacties")[0]
    assert people["partner"].display_name not in main  # supporters are counted, not named


def test_a_resident_makes_a_draft_through_the_form(client_for, ordinance, people):
    client = client_for(people["resident"])
    page = client.get(reverse("rights:new", kwargs={"municipality": "lindeveen", "right": "neighbourhood_plan"}))
    assert page.status_code == 200 and "Het ontwerp of de indeling" in page.content.decode()
    refused = client.post(
        reverse("rights:new", kwargs={"municipality": "lindeveen", "right": "challenge"}),
        {
            "title": "Handhaving",
            "submitter_kind": "residents",
            "group_name": "Wij",
            "contact_email": "a@b.test",
            "part_task": "Wij willen de handhaving in de wijk doen.",
        },
    )
    assert refused.status_code == 400 and "uitgezonderd" in refused.content.decode()
    assert (
        client.get(reverse("rights:new", kwargs={"municipality": "lindeveen", "right": "nothing"})).status_code == 404
    )
