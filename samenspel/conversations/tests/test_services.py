"""Stories of the conversation services: write, be told (without the words), report, moderate."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from samenspel.audit.models import AuditEvent
from samenspel.initiatives.models import Status, Support
from samenspel.initiatives.services import support_toggle
from samenspel.notifications.models import Notification

from .. import selectors, services
from ..models import Conversation, Kind, Message, MessageReport, Side

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_a_joiner_and_the_team_write_to_each_other(world):
    conversation = selectors.join_conversation(initiative=world.initiative, joiner=world.joiner)
    assert conversation.pk is None  # nothing stored until the first message
    first = services.message_post(conversation=conversation, author=world.team_member, body="Welkom, Mees!")
    assert (first.side, first.conversation.kind) == (Side.TEAM, Kind.JOIN)
    reply = services.message_post(
        conversation=selectors.join_conversation(initiative=world.initiative, joiner=world.joiner),
        author=world.joiner,
        body="Dank je! Zaterdag ben ik er.",
    )
    assert reply.conversation_id == first.conversation_id and reply.side == Side.JOINER
    assert Conversation.objects.count() == 1
    # The joiner is told of the team's message, the whole team of the joiner's; never the author.
    told = {n.user_id: n for n in Notification.objects.all()}
    assert world.joiner.pk in told
    assert {world.initiator.pk, world.contact_person.pk} <= set(told)
    for note in Notification.objects.all():
        assert "Welkom" not in note.title + note.body and "Zaterdag" not in note.title + note.body
        assert note.body == "" and "Lees het op de site" in note.title


def test_the_team_and_the_coach_talk_about_the_case(world, coach, people):
    world.initiative.coach = coach
    world.initiative.save()
    case = selectors.case_conversation(initiative=world.initiative)
    message = services.message_post(conversation=case, author=coach, body="Zullen we dinsdag bellen?")
    assert message.side == Side.COACH
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert {world.initiator.pk, world.team_member.pk, world.contact_person.pk} <= told
    assert people["admin"].pk not in told  # the assigned coach speaks for the desk; admins are not pinged
    services.message_post(conversation=case, author=world.initiator, body="Graag!")
    assert Notification.objects.filter(user=coach).count() == 1


def test_without_an_assigned_coach_every_coach_hears_of_the_team(world, coach, people):
    case = selectors.case_conversation(initiative=world.initiative)
    services.message_post(conversation=case, author=world.initiator, body="Is er al een coach voor ons?")
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert {coach.pk, people["admin"].pk} <= told


def test_partner_and_initiative_talk_after_the_introduction(world):
    conversation = selectors.introduction_conversation(introduction=world.introduction)
    message = services.message_post(conversation=conversation, author=world.org_member, body="Welkom!")
    assert message.side == Side.OFFER
    told = set(Notification.objects.values_list("user_id", flat=True))
    # The parties only: the teammate who took no part hears nothing.
    assert told == {world.initiator.pk, world.contact_person.pk}


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_empty_or_long_messages_are_refused_and_save_nothing(world, body):
    case = selectors.case_conversation(initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.message_post(conversation=case, author=world.initiator, body=body)
    assert (Conversation.objects.count(), Message.objects.count(), Notification.objects.count()) == (0, 0, 0)


def test_outsiders_cannot_write(world, resident, moderator):
    case = selectors.case_conversation(initiative=world.initiative)
    for outsider in (resident, moderator, world.joiner, world.org_member):
        with pytest.raises(PermissionDenied):
            services.message_post(conversation=case, author=outsider, body="Hallo")
    assert Message.objects.count() == 0


def test_messages_are_rate_limited(world, settings):
    case = selectors.case_conversation(initiative=world.initiative)
    for n in range(services.MESSAGES_PER_HOUR):
        services.message_post(conversation=case, author=world.initiator, body=f"Bericht {n}")
    with pytest.raises(ValidationError, match="veel berichten"):
        services.message_post(conversation=case, author=world.initiator, body="Nog een")
    assert Message.objects.count() == services.MESSAGES_PER_HOUR


def test_report_then_hide_with_a_reason(world, moderator):
    case = selectors.case_conversation(initiative=world.initiative)
    message = services.message_post(conversation=case, author=world.initiator, body="Iets kwetsends")
    with pytest.raises(ValidationError, match="eigen bericht"):
        services.message_report(message=message, reporter=world.initiator, reason="offensive")
    services.message_report(message=message, reporter=world.team_member, reason="offensive", explanation="Naar")
    with pytest.raises(ValidationError, match="al gemeld"):
        services.message_report(message=message, reporter=world.team_member, reason="spam")
    assert list(selectors.moderation_queue(municipality=world.municipality)) == [message]

    with pytest.raises(ValidationError):
        services.message_hide(message=message, moderator=moderator, reason="  ")
    hidden = services.message_hide(message=message, moderator=moderator, reason="Kwetsend voor een teamlid")
    assert hidden.is_hidden and hidden.shown_body == ""
    assert MessageReport.objects.get().outcome == MessageReport.Outcome.HIDDEN
    assert list(selectors.moderation_queue(municipality=world.municipality)) == []
    event = AuditEvent.objects.get(action="conversations.message_hidden")
    assert "kwetsends" not in event.summary  # the trail names the decision, not the words
    told = Notification.objects.filter(user=world.initiator).latest("pk")
    assert "Kwetsend voor een teamlid" in told.body
    with pytest.raises(ValidationError, match="al verborgen"):
        services.message_hide(message=hidden, moderator=moderator, reason="Nogmaals")


def test_dismissing_reports_keeps_the_message(world, moderator):
    case = selectors.case_conversation(initiative=world.initiative)
    message = services.message_post(conversation=case, author=world.initiator, body="Gewoon een vraag")
    services.message_report(message=message, reporter=world.team_member, reason="spam")
    assert services.reports_dismiss(message=message, moderator=moderator, reason="Geen spam") == 1
    message.refresh_from_db()
    assert not message.is_hidden
    with pytest.raises(ValidationError, match="geen open meldingen"):
        services.reports_dismiss(message=message, moderator=moderator)


def test_writing_stops_when_the_subject_ends(world):
    join = selectors.join_conversation(initiative=world.initiative, joiner=world.joiner)
    services.message_post(conversation=join, author=world.joiner, body="Ik doe mee!")
    support_toggle(initiative=world.initiative, user=world.joiner, kind=Support.Kind.JOIN)
    assert not world.team_member.has_perm("conversations.post", join)
    assert world.team_member.has_perm("conversations.view", join)  # what was said stays readable

    world.initiative.status = Status.STOPPED
    world.initiative.save()
    case = selectors.case_conversation(initiative=world.initiative)
    assert not world.initiator.has_perm("conversations.post", case)


def test_the_team_hears_who_joined_by_name_without_address(world, resident):
    support_toggle(initiative=world.initiative, user=resident, kind=Support.Kind.JOIN)
    told = Notification.objects.filter(title__contains=resident.display_name)
    assert set(told.values_list("user_id", flat=True)) == {
        world.initiator.pk,
        world.team_member.pk,
        world.contact_person.pk,
    }
    assert not any(resident.email in n.title + n.body + n.url for n in told)


def test_the_mail_says_there_is_a_message_and_respects_who_wants_none(world):
    from django.core import mail

    from samenspel.notifications.services import digests_send, preference_set

    preference_set(user=world.team_member, email_digest=False)
    conversation = selectors.join_conversation(initiative=world.initiative, joiner=world.joiner)
    services.message_post(conversation=conversation, author=world.joiner, body="Mijn nummer is 06-11112222")
    mail.outbox.clear()
    digests_send()
    recipients = {address for message in mail.outbox for address in message.to}
    assert world.initiator.email in recipients and world.team_member.email not in recipients
    for message in mail.outbox:
        text = message.body + "".join(str(alt[0]) for alt in message.alternatives)
        assert "Lees het op de site" in text
        assert "06-11112222" not in text and world.joiner.email not in text
