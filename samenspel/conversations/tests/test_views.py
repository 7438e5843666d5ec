"""Pages of conversations: who gets the thread, who may write, the panel, the desk, moderation."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from samenspel.notifications.models import Notification

from .. import selectors, services
from ..models import Message, MessageReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def url(name, municipality, **kwargs):
    return reverse(f"conversations:{name}", kwargs={"municipality": municipality.slug, **kwargs})


@pytest.fixture
def everyone(world, people):
    return {
        **people,
        "initiator": world.initiator,
        "team": world.team_member,
        "contact": world.contact_person,
        "joiner": world.joiner,
        "org_member": world.org_member,
    }


@pytest.fixture
def pages(world):
    m = world.municipality
    return {
        "case": url("case", m, slug=world.initiative.slug),
        "join": url("join", m, slug=world.initiative.slug, joiner=world.joiner.pk),
        "introduction": url("introduction", m, pk=world.introduction.pk),
    }


# role: (case, join, introduction). Not a participant: 404 (the thread is not there for you).
PAGE_MATRIX = {
    "anonymous": (302, 302, 302),
    "resident": (404, 404, 404),
    "initiator": (200, 200, 200),
    "team": (200, 200, 404),
    "contact": (200, 200, 200),
    "joiner": (404, 200, 404),
    "org_member": (404, 404, 200),
    "coach": (200, 404, 404),
    "admin": (200, 404, 404),
    "moderator": (404, 404, 404),
    "outsider": (404, 404, 404),
}


@pytest.mark.parametrize("role", PAGE_MATRIX)
def test_page_matrix_read_and_write(client_for, everyone, pages, role):
    client = client_for(everyone[role])
    for (kind, page), expected in zip(pages.items(), PAGE_MATRIX[role], strict=True):
        assert client.get(page).status_code == expected, kind
        before = Message.objects.count()
        response = client.post(page, {"body": f"Hallo van {role}"})
        if expected == 200:
            assert response.status_code == 302 and Message.objects.count() == before + 1, kind
        else:
            assert response.status_code in (302, 404) and Message.objects.count() == before, kind


def test_a_page_for_someone_who_never_joined_is_404(client_for, world, resident):
    page = url("join", world.municipality, slug=world.initiative.slug, joiner=resident.pk)
    assert client_for(world.initiator).get(page).status_code == 404


def test_an_introduction_not_accepted_yet_has_no_conversation(client_for, world):
    from samenspel.marketplace import services as market
    from samenspel.marketplace.tests.factories import OfferFactory

    offer = OfferFactory(organisation=world.cast.organisation, municipality=world.municipality)
    intro = market.introduction_propose(need=world.cast.need, offer=offer, user=world.initiator)
    page = url("introduction", world.municipality, pk=intro.pk)
    for person in (world.initiator, world.org_member):
        assert client_for(person).get(page).status_code == 404


def test_an_empty_message_shows_the_form_again_with_a_dutch_error(client_for, world, pages):
    response = client_for(world.initiator).post(pages["case"], {"body": "  "})
    assert response.status_code == 400
    assert "Schrijf eerst uw bericht." in response.content.decode()
    assert Message.objects.count() == 0


def test_the_team_sees_who_joined_by_name_and_can_write(client_for, world):
    page = client_for(world.team_member).get(world.initiative.get_absolute_url()).content.decode()
    assert "Gesprekken" in page and world.joiner.display_name in page
    assert url("join", world.municipality, slug=world.initiative.slug, joiner=world.joiner.pk) in page
    assert world.joiner.email not in page
    joiner_page = client_for(world.joiner).get(world.initiative.get_absolute_url()).content.decode()
    assert "Schrijf het team" in joiner_page
    for visitor in (None, world.org_member):
        page = client_for(visitor).get(world.initiative.get_absolute_url()).content.decode()
        assert "gesprekken-kop" not in page and world.joiner.display_name not in page


def test_the_desk_page_shows_the_case_thread_and_comes_back_after_writing(client_for, world, coach):
    services.message_post(
        conversation=selectors.case_conversation(initiative=world.initiative),
        author=world.initiator,
        body="Mogen we de tuin in?",
    )
    desk = reverse(
        "coaching:initiative", kwargs={"municipality": world.municipality.slug, "slug": world.initiative.slug}
    )
    client = client_for(coach)
    page = client.get(desk).content.decode()
    assert "Gesprek met het team" in page and "Mogen we de tuin in?" in page
    response = client.post(
        url("case", world.municipality, slug=world.initiative.slug),
        {"body": "Ja, kom maar.", "terug": desk + "#gesprek"},
    )
    assert response.status_code == 302 and response["Location"] == desk + "#gesprek"
    # Elsewhere is never a place to return to.
    response = client.post(
        url("case", world.municipality, slug=world.initiative.slug),
        {"body": "Nog iets.", "terug": "https://evil.example/"},
    )
    assert response["Location"].startswith(url("case", world.municipality, slug=world.initiative.slug))


def test_a_moderator_sees_only_reported_messages(client_for, world, moderator):
    case = selectors.case_conversation(initiative=world.initiative)
    reported = services.message_post(conversation=case, author=world.initiator, body="Dit is ongepast")
    services.message_post(conversation=case, author=world.initiator, body="Dit is een gewone vraag")
    client = client_for(world.team_member)
    report_page = url("report", world.municipality, pk=reported.pk)
    assert client.get(report_page).status_code == 200
    assert client.post(report_page, {"reason": "offensive"}).status_code == 302
    assert MessageReport.objects.count() == 1
    queue = client_for(moderator).get(url("queue", world.municipality)).content.decode()
    assert "Dit is ongepast" in queue and "Dit is een gewone vraag" not in queue
    assert client_for(moderator).get(url("case", world.municipality, slug=world.initiative.slug)).status_code == 404
    # Only a reported message can be hidden, and only with a reason.
    plain = Message.objects.get(body="Dit is een gewone vraag")
    assert client_for(moderator).post(url("hide", world.municipality, pk=plain.pk), {"reason": "x"}).status_code == 403
    client_for(moderator).post(url("hide", world.municipality, pk=reported.pk), {"reason": ""})
    reported.refresh_from_db()
    assert not reported.is_hidden
    client_for(moderator).post(url("hide", world.municipality, pk=reported.pk), {"reason": "Kwetsend"})
    reported.refresh_from_db()
    assert reported.is_hidden
    thread = client_for(world.team_member).get(url("case", world.municipality, slug=world.initiative.slug))
    assert "Dit is ongepast" not in thread.content.decode() and "Kwetsend" in thread.content.decode()


def test_non_participants_cannot_report(client_for, world, resident, moderator):
    case = selectors.case_conversation(initiative=world.initiative)
    message = services.message_post(conversation=case, author=world.initiator, body="Hallo coach")
    for person in (resident, moderator, world.joiner):
        assert (
            client_for(person).post(url("report", world.municipality, pk=message.pk), {"reason": "spam"}).status_code
            == 404
        )
    assert MessageReport.objects.count() == 0


def test_the_moderation_queue_is_for_moderators(client_for, world, resident, coach):
    for person in (resident, coach, world.initiator):
        assert client_for(person).get(url("queue", world.municipality)).status_code == 403


def test_writing_notifies_without_words(client_for, world, pages):
    client_for(world.joiner).post(pages["join"], {"body": "Ik neem een schep mee"})
    notes = Notification.objects.filter(user=world.initiator)
    assert notes.count() == 1 and "schep" not in notes.get().title + notes.get().body


def test_my_conversations_lists_only_ones_own(client_for, world, coach, resident):
    case = services.message_post(
        conversation=selectors.case_conversation(initiative=world.initiative), author=coach, body="Hoi team"
    ).conversation
    join = services.message_post(
        conversation=selectors.join_conversation(initiative=world.initiative, joiner=world.joiner),
        author=world.joiner,
        body="Hoi",
    ).conversation
    intro = services.message_post(
        conversation=selectors.introduction_conversation(introduction=world.introduction),
        author=world.org_member,
        body="Hoi",
    ).conversation
    expected = {
        world.initiator: {case, join, intro},
        world.contact_person: {case, join, intro},
        world.team_member: {case, join},  # took no part in the introduction
        world.joiner: {join},
        world.org_member: {intro},
        coach: {case},
        resident: set(),
    }
    for person, conversations in expected.items():
        assert set(selectors.conversations_of(person, municipality=world.municipality)) == conversations, person
    page = client_for(world.joiner).get(url("index", world.municipality)).content.decode()
    assert world.initiative.title in page and "Team en gemeente" not in page
    assert client_for(None).get(url("index", world.municipality)).status_code == 302
