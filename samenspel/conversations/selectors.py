"""Reads of conversations: who is on each side, one conversation, its thread, the moderation queue.

Who may read a conversation is who is on one of its sides, derived at read time so it
follows the team, the coaching desk and the introduction as they change:

- team: the accepted members of the initiative's team (the initiator included);
- coach: the coaches and admins of the initiative's municipality (the desk), never moderators;
- joiner: the person who clicked "Ik doe mee";
- need / offer: the parties of the accepted introduction (marketplace.selectors.party_ids).
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Prefetch, Q

from samenspel.initiatives.models import Initiative, Support
from samenspel.marketplace.models import Introduction
from samenspel.marketplace.selectors import party_ids
from samenspel.municipalities.models import Membership, Role

from .models import SIDES_OF_KIND, Conversation, Kind, Message, MessageReport, Side


def team_ids(initiative: Initiative) -> set[int]:
    cached = initiative.__dict__.get("_conversation_team_ids")
    if cached is None:
        cached = set(initiative.team.exclude(user=None).exclude(accepted_at=None).values_list("user_id", flat=True))
        initiative.__dict__["_conversation_team_ids"] = cached
    return cached


def desk_ids(municipality) -> set[int]:
    return set(
        Membership.objects.filter(municipality=municipality, role__in=[Role.COACH, Role.ADMIN]).values_list(
            "user_id", flat=True
        )
    )


def sides(conversation: Conversation) -> dict[str, set[int]]:
    """{side: user ids} for both sides of the conversation (memoised on the instance)."""
    cached = conversation.__dict__.get("_sides")
    if cached is not None:
        return cached
    if conversation.kind == Kind.INTRODUCTION:
        parties = party_ids(conversation.introduction)
        result = {Side.NEED: parties["need"], Side.OFFER: parties["offer"]}
    elif conversation.kind == Kind.CASE:
        result = {Side.TEAM: team_ids(conversation.initiative), Side.COACH: desk_ids(conversation.municipality)}
    else:
        result = {Side.TEAM: team_ids(conversation.initiative), Side.JOINER: {conversation.joiner_id}}
    conversation.__dict__["_sides"] = result
    return result


def side_of(user, conversation: Conversation) -> str | None:
    """The side this user speaks for (the first in the kind's order), or None for an outsider."""
    if not (user and user.is_authenticated) or conversation is None:
        return None
    for side, ids in sides(conversation).items():
        if user.pk in ids:
            return side
    return None


def recipients(conversation: Conversation, *, author) -> list:
    """Who hears of a new message: the other side (and the author's own side, but not the author).

    On a case, the desk side is the assigned coach when there is one, else every coach.
    """
    ids = set()
    for side, members in sides(conversation).items():
        if side == Side.COACH and conversation.initiative.coach_id:
            members = {conversation.initiative.coach_id}
        ids |= members
    ids.discard(getattr(author, "pk", None))
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


# --- Finding one conversation (saved, or unsaved until its first message) ---------------------


def _found_or_new(**subject) -> Conversation:
    conversation = Conversation.objects.filter(**subject).first()
    if conversation is None:
        conversation = Conversation(**subject)
    return conversation


def case_conversation(*, initiative: Initiative) -> Conversation:
    return _found_or_new(kind=Kind.CASE, initiative=initiative, municipality=initiative.municipality)


def join_conversation(*, initiative: Initiative, joiner) -> Conversation:
    return _found_or_new(kind=Kind.JOIN, initiative=initiative, joiner=joiner, municipality=initiative.municipality)


def join_conversation_of(*, initiative: Initiative, joiner_id: int) -> Conversation | None:
    """The conversation with this person about this initiative: one that exists, or a new one
    while they still join; None when they never joined (nothing to talk about)."""
    found = Conversation.objects.filter(kind=Kind.JOIN, initiative=initiative, joiner_id=joiner_id).first()
    if found is not None:
        return found
    if not is_joiner(initiative=initiative, user_id=joiner_id):
        return None
    joiner = get_user_model().objects.filter(pk=joiner_id, is_active=True).first()
    return None if joiner is None else join_conversation(initiative=initiative, joiner=joiner)


def introduction_conversation(*, introduction) -> Conversation:
    return _found_or_new(kind=Kind.INTRODUCTION, introduction=introduction, municipality=introduction.municipality)


def initiative_in(*, municipality, slug: str) -> Initiative | None:
    return Initiative.objects.filter(municipality=municipality, slug=slug).select_related("municipality").first()


def is_joiner(*, initiative: Initiative, user_id: int) -> bool:
    return Support.objects.filter(initiative=initiative, user_id=user_id, kind=Support.Kind.JOIN).exists()


def joiners_of(initiative: Initiative) -> list:
    """The people who clicked "Ik doe mee", by display name, with their conversation if one exists."""
    people = list(
        get_user_model()
        .objects.filter(supports__initiative=initiative, supports__kind=Support.Kind.JOIN, is_active=True)
        .order_by("supports__created")
        .only("pk", "display_name")
    )
    conversations = {
        c.joiner_id: c for c in Conversation.objects.filter(kind=Kind.JOIN, initiative=initiative, joiner__in=people)
    }
    for person in people:
        person.conversation = conversations.get(person.pk)
    return people


def conversations_of(user, *, municipality) -> list[Conversation]:
    """The conversations this user is on a side of in this municipality, latest message first.

    Only conversations with at least one message (a row exists); the candidates come from a
    few queries, and the final word is `side_of`, the same rule the pages use.
    """
    team_of = set(
        Initiative.objects.filter(
            municipality=municipality, team__user=user, team__accepted_at__isnull=False
        ).values_list("pk", flat=True)
    )
    on_desk = user.pk in desk_ids(municipality)
    candidates = Q(kind=Kind.JOIN, joiner=user) | Q(initiative__in=team_of)
    if on_desk:
        candidates |= Q(kind=Kind.CASE)
    candidates |= Q(
        kind=Kind.INTRODUCTION,
        introduction__in=_introductions_touching(user, team_of),
    )
    found = (
        Conversation.objects.filter(municipality=municipality)
        .filter(candidates)
        .select_related(
            "municipality",
            "initiative",
            "joiner",
            "introduction__need__initiative",
            "introduction__offer__initiative",
            "introduction__need__organisation",
            "introduction__offer__organisation",
        )
        .order_by("-last_message_at", "-pk")
    )
    return [conversation for conversation in found if side_of(user, conversation) is not None]


def _introductions_touching(user, team_of: set[int]):
    return Introduction.objects.filter(
        Q(need_side_accepted_by=user)
        | Q(offer_side_accepted_by=user)
        | Q(need__initiative__in=team_of)
        | Q(offer__initiative__in=team_of)
    ).values("pk")


def thread(conversation: Conversation) -> list[Message]:
    if conversation.pk is None:
        return []
    return list(conversation.messages.select_related("author"))


def thread_for(conversation: Conversation, *, user, labels: dict[str, str]) -> list[Message]:
    """The thread as a participant sees it: each message with its side's name and whether they may report it."""
    messages = thread(conversation)
    for message in messages:
        message.side_label = labels.get(message.side, "")
        message.can_report = user.has_perm("conversations.report", message)
    return messages


def side_labels(conversation: Conversation) -> dict[str, str]:
    """How each side is named on the page: the initiative, the municipality, a person's display name."""
    labels = {}
    for side in SIDES_OF_KIND[conversation.kind]:
        if side == Side.TEAM:
            labels[side] = conversation.initiative.title
        elif side == Side.COACH:
            labels[side] = conversation.municipality.name
        elif side == Side.JOINER:
            labels[side] = conversation.joiner.display_name
        else:
            listing = getattr(conversation.introduction, side)
            labels[side] = (
                listing.initiative.title
                if listing.initiative_id
                else listing.organisation.name
                if listing.organisation_id
                else Side(side).label
            )
    return labels


def message_in(*, municipality, pk: int) -> Message | None:
    return (
        Message.objects.filter(conversation__municipality=municipality, pk=pk)
        .select_related(
            "conversation__initiative", "conversation__introduction", "conversation__municipality", "author"
        )
        .first()
    )


def message_in_conversation(*, conversation: Conversation, pk: int) -> Message | None:
    if conversation.pk is None:
        return None
    return conversation.messages.filter(pk=pk).first()


# --- Moderation: only what was reported --------------------------------------------------------


def moderation_queue(*, municipality):
    """Messages with open reports, oldest report first. A moderator never browses whole threads."""
    is_open = Q(reports__status=MessageReport.Status.OPEN)
    open_reports = MessageReport.objects.filter(status=MessageReport.Status.OPEN).select_related("reporter")
    return (
        Message.objects.filter(conversation__municipality=municipality)
        .annotate(
            open_report_count=Count("reports", filter=is_open), first_report_at=Min("reports__created", filter=is_open)
        )
        .filter(open_report_count__gt=0)
        .select_related("author", "conversation")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("first_report_at", "pk")
    )


def hidden_messages(*, municipality, limit: int = 50):
    return (
        Message.objects.filter(conversation__municipality=municipality)
        .hidden()
        .select_related("author", "hidden_by", "conversation")
        .order_by("-hidden_at", "-pk")[:limit]
    )
