"""Participants and their votes: one vote per participant per statement, changeable."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.ratelimit import rate_limit

from ..models import Participant, Statement, VisionProcess, Vote
from ..rules import VOTE, phase_allows
from .opinion_maps import opinion_map_mark_dirty

# New anonymous participants one client (an address, `core.client.client_key`) may start in an
# hour, over all processes. Anyone can start a participant by leaving out the cookie, so without
# a bound one script fills the opinion map with as many "people" as it sends requests. A
# household, a class or a library behind one address has room; past it, logging in still works
# (a participant with an account is counted as verified on the map page).
ANONYMOUS_PARTICIPANTS_PER_CLIENT = 20


def participant_get_or_create(*, process: VisionProcess, user=None, key=None, client: str | None = None) -> Participant:
    """The participant of a logged-in user, or of an anonymous visitor's cookie key.

    A new anonymous participant counts against `client`'s hourly limit (when given: the
    views and the API always give it).
    """
    if user is not None and user.is_authenticated:
        participant, _created = Participant.objects.get_or_create(process=process, user=user)
        return participant
    if key is None:
        raise ValueError("an anonymous participant needs a key")
    existing = Participant.objects.filter(process=process, key=key).first()
    if existing is not None:
        return existing
    if client is not None:
        rate_limit(
            key=f"vision-participant:{client}",
            limit=ANONYMOUS_PARTICIPANTS_PER_CLIENT,
            message=_(
                "Vanaf uw internetadres zijn het afgelopen uur al veel nieuwe deelnemers begonnen. "
                "Log in om toch te stemmen, of probeer het over een uur opnieuw."
            ),
        )
    participant, _created = Participant.objects.get_or_create(process=process, key=key, defaults={"user": None})
    return participant


@transaction.atomic
def participant_claim(*, user, key) -> int:
    """Move an anonymous visitor's votes to their account (called when they log in).

    Votes cast anonymously are the most recent, so they replace the account's
    earlier vote on the same statement. Returns the number of votes moved.
    """
    moved = 0
    anonymous = Participant.objects.select_for_update().filter(key=key, user__isnull=True)
    for anon in anonymous:
        own = Participant.objects.filter(process_id=anon.process_id, user=user).first()
        if own is None:
            anon.user = user
            anon.save(update_fields=["user"])
            moved += anon.votes.count()
            continue
        for vote in anon.votes.all():
            Vote.objects.update_or_create(
                statement_id=vote.statement_id,
                participant=own,
                defaults={"value": vote.value, "updated": vote.updated},
            )
            moved += 1
        anon.statements.update(participant=own)
        anon.delete()
        opinion_map_mark_dirty(process=own.process)
    return moved


@transaction.atomic
def vote_cast(*, statement: Statement, participant: Participant, value: int) -> Vote:
    """One vote per participant per statement; voting again changes it."""
    process = statement.process
    if participant.process_id != process.pk:
        raise ValidationError(_("Deze stem hoort bij een ander traject."))
    if not phase_allows(process, VOTE):
        raise ValidationError(_("Stemmen kan niet meer: dit traject is niet in de fase van stellingen wegen."))
    if statement.status != Statement.Status.PUBLISHED:
        raise ValidationError(_("Op deze stelling kan niet (meer) worden gestemd."))
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value not in (1, -1, 0):
        raise ValidationError({"value": _("Kies eens, oneens of sla over.")})
    now = timezone.now()
    # update_or_create locks an existing vote, and a first vote sent twice at once (a double
    # click, two tabs) meets the one-vote constraint inside a savepoint: the later request then
    # changes the vote the earlier one made instead of failing. The value is checked above.
    vote, _created = Vote.objects.update_or_create(
        statement=statement,
        participant=participant,
        defaults={"value": value, "updated": now},
        create_defaults={"value": value, "created": now, "updated": now},
    )
    opinion_map_mark_dirty(process=process, now=now)
    return vote


@transaction.atomic
def vote_cast_by_visitor(*, statement: Statement, value, user=None, key=None, client: str | None = None) -> Vote:
    """A visitor's vote: their participant (by account, or by the anonymous cookie key) is found
    or created in the same transaction, so a refused first vote leaves no participant behind.
    `client` is the visitor's address (`core.client.client_key`), which new anonymous
    participants are counted against."""
    participant = participant_get_or_create(process=statement.process, user=user, key=key, client=client)
    return vote_cast(statement=statement, participant=participant, value=value)
