"""Residents' statements: checked, submitted, and moderated."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.core.ratelimit import rate_limit

from .. import selectors
from ..models import STATEMENT_MAX_LENGTH, Statement, VisionProcess
from ..rules import SUBMIT, phase_allows
from ..text import DUPLICATE_THRESHOLD, normalize
from .opinion_maps import opinion_map_mark_dirty
from .participation import participant_get_or_create


def _clean_statement(text: str) -> str:
    return " ".join((text or "").split())


def statement_check(*, process: VisionProcess, text: str) -> str:
    """Validate a new statement's text; returns the cleaned text or raises ValidationError."""
    text = _clean_statement(text)
    if not text:
        raise ValidationError({"text": _("Schrijf een stelling.")})
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Een stelling is hoogstens %(max)d tekens; deze is %(n)d tekens.")
                % {"max": STATEMENT_MAX_LENGTH, "n": len(text)}
            }
        )
    if len(normalize(text)) < 3:
        raise ValidationError({"text": _("Schrijf een stelling in woorden.")})
    similar = selectors.similar_statements(
        process=process, text=text, limit=1, threshold=DUPLICATE_THRESHOLD, include_pending=True
    )
    if similar:
        existing, _score = similar[0]
        if existing.status != Statement.Status.PUBLISHED:
            # Waiting for a moderator: refuse the duplicate, but its text is not ours to show yet.
            raise ValidationError(
                {"text": _("Er is al een stelling ingediend die hier sterk op lijkt; een moderator bekijkt die nog.")}
            )
        if existing.normalized == normalize(text):
            message = _("Deze stelling bestaat al: ‘%(text)s’. Stem daar liever op.")
        else:
            message = _("Er is al een stelling die hier sterk op lijkt: ‘%(text)s’. Stem daar liever op.")
        raise ValidationError({"text": message % {"text": existing.text}})
    return text


# Statements one person, and one client address (`core.client.client_key`), may submit in an
# hour. Every statement lands before every voter and in the moderators' queue: a flood buries
# the statements of everyone else. Ten an hour is more than anyone writes by hand.
STATEMENTS_PER_PERSON = 10
STATEMENTS_PER_CLIENT = 30


def _statement_rate_limit(*, author, client: str | None) -> None:
    message = _("U heeft het afgelopen uur al veel stellingen ingediend. Probeer het over een uur opnieuw.")
    if author is not None:
        rate_limit(key=f"vision-statement:user:{author.pk}", limit=STATEMENTS_PER_PERSON, message=message)
    if client is not None:
        rate_limit(key=f"vision-statement:client:{client}", limit=STATEMENTS_PER_CLIENT, message=message)


@transaction.atomic
def statement_submit(
    *, process: VisionProcess, text: str, author=None, participant=None, client: str | None = None
) -> Statement:
    """A resident's new statement, checked, counted against the author's and the client's
    hourly limit (`client`: the address from `core.client.client_key`; views and API give it)."""
    if not phase_allows(process, SUBMIT):
        raise ValidationError(_("In deze fase kunnen geen stellingen worden ingediend."))
    text = statement_check(process=process, text=text)
    author = author if author is not None and author.is_authenticated else None
    # Counted after the checks: a statement refused as a duplicate or too long costs nothing.
    _statement_rate_limit(author=author, client=client)
    pre = process.moderation == VisionProcess.Moderation.PRE
    if participant is None and author is not None:
        # The author's participant, in this transaction: the Polis export names it as the author.
        participant = participant_get_or_create(process=process, user=author)
    statement = Statement(
        process=process,
        text=text,
        normalized=normalize(text),
        author=author,
        participant=participant,
        status=Statement.Status.PENDING if pre else Statement.Status.PUBLISHED,
    )
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def statement_moderate(*, statement: Statement, moderator, publish: bool, reason: str = "") -> Statement:
    """Hide a statement (a reason is required) or publish it (after pre-moderation or to undo)."""
    reason = (reason or "").strip()
    if not publish and not reason:
        raise ValidationError({"reason": _("Geef een reden op; die is openbaar te zien.")})
    statement.status = Statement.Status.PUBLISHED if publish else Statement.Status.HIDDEN
    statement.moderation_reason = "" if publish else reason[:300]
    statement.moderated_by = moderator
    statement.full_clean()
    statement.save(update_fields=["status", "moderation_reason", "moderated_by"])
    audit_record(
        municipality=statement.process.municipality,
        actor=moderator,
        action="vision.statement_published" if publish else "vision.statement_hidden",
        summary=(_("Stelling zichtbaar gemaakt: %(text)s") if publish else _("Stelling verborgen: %(text)s"))
        % {"text": statement.text[:200]},
        target=statement,
        reason=reason,
    )
    if statement.votes.exists():
        opinion_map_mark_dirty(process=statement.process)
    return statement
