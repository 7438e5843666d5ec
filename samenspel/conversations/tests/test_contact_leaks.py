"""Leak tests: contact details only by consent (AVG), on every surface.

Distinctive secrets are planted where a careless page could pick them up: the account
e-mail of a teammate who takes no part in the introduction, a phone number she writes to
the coach, the partner's account e-mail, name and the phone number she shares (in her
proposal's words and as the contact she chooses to share), and the e-mail and name of a
person who clicked "Ik doe mee". Then every page, API endpoint, export, notification and
e-mail is read as every role, before and after both sides accept, and each secret may show
only to the people the rules allow (one's own details may show to oneself, in the header).

Who sees what:
- the partner's name and shared phone: only the partner, and after both accepted, the
  person who accepted for the need side (the initiator) and the team's contact person;
- account e-mail addresses: never anyone else (the team sees its own members' addresses
  on its team page: that is the team, not the other side);
- what a teammate writes to the coach: the team and the coaching desk;
- a joiner's name: the joiner and the team; a joiner's e-mail: nobody else;
- the municipality's admin reads display names (never addresses) in the audit trail.
"""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.initiatives.models import Support, TeamMember
from samenspel.initiatives.services import support_toggle
from samenspel.marketplace import pipeline
from samenspel.marketplace import services as market
from samenspel.marketplace.digests import match_digests_send
from samenspel.marketplace.models import MatchDigestSubscription
from samenspel.municipalities.models import Role
from samenspel.notifications.models import Notification
from samenspel.notifications.services import digests_send

from .. import selectors, services

pytestmark = pytest.mark.django_db

TEAM_EMAIL = "anouk.geheim@prive-adres.example"
TEAM_PHONE = "06-98765432"
PARTNER_EMAIL = "petra.partner@prive-adres.example"
PARTNER_NAME = "Petra Partnerpersoon"
PARTNER_PHONE = "010-5550199"
JOINER_EMAIL = "mees.meedoen@prive-adres.example"
JOINER_NAME = "Mees Meedoenerszoon"

VIEWERS = [
    "anonymous",
    "resident",
    "initiator",
    "teammate",
    "contact",
    "joiner",
    "partner",
    "other_org_member",
    "coach",
    "moderator",
    "admin",
]
TEAM = {"initiator", "teammate", "contact"}
PARTIES = {"initiator", "contact", "partner"}


def allowed(*, accepted: bool) -> dict[str, set[str]]:
    """Secret -> the viewers who may see it."""
    return {
        TEAM_EMAIL: {"teammate"} | TEAM,  # the team's own page lists its members
        TEAM_PHONE: TEAM | {"coach", "admin"},  # written to the desk in the case conversation
        PARTNER_EMAIL: {"partner"},
        # The admin's audit trail names who did what (public accountability): a name, never an address.
        PARTNER_NAME: (PARTIES if accepted else {"partner"}) | {"admin"},
        PARTNER_PHONE: PARTIES if accepted else {"partner"},
        JOINER_EMAIL: {"joiner"},
        JOINER_NAME: TEAM | {"joiner"},
    }


@pytest.fixture
def scene(cast, people):
    cache.clear()
    municipality, initiative = cast.municipality, cast.initiative
    # The teammate who takes no part in the introduction.
    teammate = cast.team_member
    TeamMember.objects.filter(user=teammate).update(email=TEAM_EMAIL)
    type(teammate).objects.filter(pk=teammate.pk).update(email=TEAM_EMAIL)
    teammate.refresh_from_db()
    contact = UserFactory(display_name="Sanne Contactpersoon")
    MembershipFactory(user=contact, municipality=municipality, role=Role.RESIDENT)
    TeamMember.objects.create(
        initiative=initiative,
        user=contact,
        email=contact.email,
        role=TeamMember.Role.CONTACT,
        accepted_at=timezone.now(),
    )
    partner = cast.org_member
    type(partner).objects.filter(pk=partner.pk).update(email=PARTNER_EMAIL, display_name=PARTNER_NAME)
    partner.refresh_from_db()
    joiner = UserFactory(email=JOINER_EMAIL, display_name=JOINER_NAME)
    MembershipFactory(user=joiner, municipality=municipality, role=Role.RESIDENT)
    support_toggle(initiative=initiative, user=joiner, kind=Support.Kind.JOIN)
    pipeline.matches_recompute(municipality_id=municipality.pk)

    # The partner proposes, with a phone number in her words and as what she shares.
    intro = market.introduction_propose(
        need=cast.need,
        offer=cast.offer,
        user=partner,
        message=f"Bel me gerust op {PARTNER_PHONE}",
        contact=PARTNER_PHONE,
    )
    # The teammate writes her phone number to the coach; the team writes to the joiner.
    services.message_post(
        conversation=selectors.case_conversation(initiative=initiative),
        author=teammate,
        body=f"U kunt mij bellen op {TEAM_PHONE}",
    )
    services.message_post(
        conversation=selectors.join_conversation(initiative=initiative, joiner=joiner),
        author=cast.initiator,
        body="Welkom bij de Buurtkeuken!",
    )
    for user in (cast.initiator, teammate, contact, partner, joiner):
        MatchDigestSubscription.objects.create(user=user, municipality=municipality)
    viewers = {
        "anonymous": None,
        "resident": people["resident"],
        "initiator": cast.initiator,
        "teammate": teammate,
        "contact": contact,
        "joiner": joiner,
        "partner": partner,
        "other_org_member": cast.other_org_member,
        "coach": people["coach"],
        "moderator": people["moderator"],
        "admin": people["admin"],
    }
    return cast, intro, viewers


def _surfaces(cast, intro) -> list[str]:
    m = cast.municipality.slug
    initiative = cast.initiative
    joiner_pk = Support.objects.get(initiative=initiative, kind=Support.Kind.JOIN).user_id
    pages = [
        reverse("municipality_home", kwargs={"municipality": m}),
        reverse("marketplace:index", kwargs={"municipality": m}),
        reverse("marketplace:need", kwargs={"municipality": m, "pk": cast.need.pk}),
        reverse("marketplace:offer", kwargs={"municipality": m, "pk": cast.offer.pk}),
        reverse("marketplace:introductions", kwargs={"municipality": m}),
        reverse("marketplace:introduction", kwargs={"municipality": m, "pk": intro.pk}),
        reverse("marketplace:insights", kwargs={"municipality": m}),
        reverse("initiatives:list", kwargs={"municipality": m}),
        reverse("initiatives:detail", kwargs={"municipality": m, "slug": initiative.slug}),
        reverse("initiatives:team", kwargs={"municipality": m, "slug": initiative.slug}),
        reverse("organisations:list", kwargs={"municipality": m}),
        reverse("organisations:detail", kwargs={"municipality": m, "slug": cast.organisation.slug}),
        reverse("coaching:queue", kwargs={"municipality": m}),
        reverse("coaching:initiative", kwargs={"municipality": m, "slug": initiative.slug}),
        reverse("coaching:team", kwargs={"municipality": m, "slug": initiative.slug}),
        reverse("comments:queue", kwargs={"municipality": m}),
        reverse("conversations:queue", kwargs={"municipality": m}),
        reverse("conversations:index", kwargs={"municipality": m}),
        reverse("conversations:case", kwargs={"municipality": m, "slug": initiative.slug}),
        reverse("conversations:introduction", kwargs={"municipality": m, "pk": intro.pk}),
        reverse("conversations:join", kwargs={"municipality": m, "slug": initiative.slug, "joiner": joiner_pk}),
        reverse("municipalities:audit_trail", kwargs={"municipality": m}),
        reverse("municipalities:roles", kwargs={"municipality": m}),
        reverse("notifications:list"),
        # Exports and map data.
        reverse("initiatives:export_csv", kwargs={"municipality": m}),
        reverse("initiatives:export_geojson", kwargs={"municipality": m}),
        reverse("initiatives:map", kwargs={"municipality": m}),
        # The API: every resource of the index, and the details that matter here.
        "/api/v1/",
        f"/api/v1/initiatives/{initiative.pk}",
        f"/api/v1/needs/{cast.need.pk}",
        f"/api/v1/offers/{cast.offer.pk}",
        f"/api/v1/matches?need={cast.need.pk}",
        f"/api/v1/matches?offer={cast.offer.pk}",
        "/api/v1/openapi.json",
    ]
    from samenspel.api_urls import router

    pages += [f"/api/v1/{prefix}?municipality={m}" for prefix, _viewset, _basename in router.registry]
    return pages


def _read_everything(client, cast, intro) -> str:
    seen = []
    for page in _surfaces(cast, intro):
        response = client.get(page)
        if response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seen.append(body.decode("utf-8", "replace"))
    return "\n".join(seen)


def _leaks(text: str, viewer: str, *, accepted: bool) -> list[str]:
    return [secret for secret, who in allowed(accepted=accepted).items() if viewer not in who and secret in text]


def _check_every_surface(client_for, cast, intro, viewers, *, accepted: bool) -> dict:
    found = {}
    for name in VIEWERS:
        text = _read_everything(client_for(viewers[name]), cast, intro)
        if leaks := _leaks(text, name, accepted=accepted):
            found[name] = leaks
    return found


def _check_notifications(viewers, *, accepted: bool) -> dict:
    found = {}
    for name, user in viewers.items():
        if user is None:
            continue
        text = "\n".join(f"{n.title} {n.body} {n.url}" for n in Notification.objects.filter(user=user))
        if leaks := _leaks(text, name, accepted=accepted):
            found[name] = leaks
    return found


def _check_mail(viewers, *, accepted: bool) -> dict:
    by_address = {user.email: name for name, user in viewers.items() if user is not None}
    found = {}
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(alt[0]) for alt in getattr(message, "alternatives", []))
        for address in message.to + message.cc + message.bcc:
            name = by_address.get(address, "resident")
            if leaks := _leaks(text, name, accepted=accepted):
                found.setdefault(name, set()).update(leaks)
    return found


def test_nothing_personal_crosses_before_both_sides_accept(client_for, scene):
    cast, intro, viewers = scene
    assert _check_every_surface(client_for, cast, intro, viewers, accepted=False) == {}
    assert _check_notifications(viewers, accepted=False) == {}
    mail.outbox.clear()
    digests_send()
    match_digests_send()
    assert mail.outbox, "the digests must have gone out for this test to mean anything"
    assert _check_mail(viewers, accepted=False) == {}


def test_after_acceptance_only_the_parties_see_each_other(client_for, scene):
    cast, intro, viewers = scene
    intro = market.introduction_respond(introduction=intro, user=cast.initiator, accept=True)
    services.message_post(
        conversation=selectors.introduction_conversation(introduction=intro),
        author=viewers["partner"],
        body=f"Fijn! Nogmaals: {PARTNER_PHONE}",
    )
    assert _check_every_surface(client_for, cast, intro, viewers, accepted=True) == {}
    assert _check_notifications(viewers, accepted=True) == {}
    mail.outbox.clear()
    digests_send()
    match_digests_send()
    assert mail.outbox
    assert _check_mail(viewers, accepted=True) == {}
    # And the parties do see what was shared with them: the rules are not met by showing nothing.
    page = reverse("marketplace:introduction", kwargs={"municipality": cast.municipality.slug, "pk": intro.pk})
    for name in ("initiator", "contact"):
        seen = client_for(viewers[name]).get(page).content.decode()
        assert PARTNER_PHONE in seen and PARTNER_NAME in seen, name


def test_the_team_sees_who_joined_but_not_their_address(client_for, scene):
    cast, intro, viewers = scene
    page = client_for(viewers["teammate"]).get(cast.initiative.get_absolute_url()).content.decode()
    assert JOINER_NAME in page and JOINER_EMAIL not in page
