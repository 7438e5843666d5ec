"""Writes for the vision process: statements, votes, the opinion map, the vision and assessments."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.notifications.services import notification_send

from . import polis_io, selectors
from .models import (
    STATEMENT_MAX_LENGTH,
    STORED_MAX_LENGTH,
    Assessment,
    AssessmentLine,
    Endorsement,
    OpinionMapSnapshot,
    Participant,
    Principle,
    PrincipleComment,
    PrincipleSource,
    Statement,
    Verdict,
    VisionProcess,
    VisionVersion,
    Vote,
)
from .opinion_map import build_vote_matrix, compute_opinion_map
from .rules import SUBMIT, VOTE, phase_allows

# At most one recomputation of a process's map is enqueued per this many seconds.
RECOMPUTE_INTERVAL = dt.timedelta(seconds=getattr(settings, "VISION_RECOMPUTE_SECONDS", 30))
POLIS_FILES = (polis_io.COMMENTS, polis_io.VOTES, polis_io.PARTICIPANTS_VOTES)


# --------------------------------------------------------------------------- processes


@transaction.atomic
def process_create(
    *,
    municipality,
    title: str,
    slug: str,
    question: str,
    gather_start: dt.datetime,
    gather_end: dt.datetime,
    draft_end: dt.datetime,
    moderation: str = VisionProcess.Moderation.POST,
    introduction: str = "",
) -> VisionProcess:
    process = VisionProcess(
        municipality=municipality,
        title=title.strip(),
        slug=slug,
        question=question.strip(),
        introduction=introduction.strip(),
        moderation=moderation,
        gather_start=gather_start,
        gather_end=gather_end,
        draft_end=draft_end,
    )
    process.full_clean()
    process.save()
    return process


# --------------------------------------------------------------------------- participants


def participant_get_or_create(*, process: VisionProcess, user=None, key=None) -> Participant:
    """The participant of a logged-in user, or of an anonymous visitor's cookie key."""
    if user is not None and user.is_authenticated:
        participant, _created = Participant.objects.get_or_create(process=process, user=user)
        return participant
    if key is None:
        raise ValueError("an anonymous participant needs a key")
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


# --------------------------------------------------------------------------- statements


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
    if len(selectors.normalize(text)) < 3:
        raise ValidationError({"text": _("Schrijf een stelling in woorden.")})
    similar = selectors.similar_statements(process=process, text=text, limit=1, threshold=selectors.DUPLICATE_THRESHOLD)
    if similar:
        existing, _score = similar[0]
        if existing.normalized == selectors.normalize(text):
            message = _("Deze stelling bestaat al: ‘%(text)s’. Stem daar liever op.")
        else:
            message = _("Er is al een stelling die hier sterk op lijkt: ‘%(text)s’. Stem daar liever op.")
        raise ValidationError({"text": message % {"text": existing.text}})
    return text


@transaction.atomic
def statement_submit(*, process: VisionProcess, text: str, author=None, participant=None) -> Statement:
    if not phase_allows(process, SUBMIT):
        raise ValidationError(_("In deze fase kunnen geen stellingen worden ingediend."))
    text = statement_check(process=process, text=text)
    pre = process.moderation == VisionProcess.Moderation.PRE
    statement = Statement(
        process=process,
        text=text,
        normalized=selectors.normalize(text),
        author=author if author is not None and author.is_authenticated else None,
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


# --------------------------------------------------------------------------- votes


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
    vote = Vote.objects.select_for_update().filter(statement=statement, participant=participant).first()
    if vote is None:
        vote = Vote(statement=statement, participant=participant, value=value, created=now, updated=now)
    else:
        vote.value, vote.updated = value, now
    vote.full_clean(validate_constraints=False)
    vote.save()
    opinion_map_mark_dirty(process=process, now=now)
    return vote


# --------------------------------------------------------------------------- opinion map


def opinion_map_mark_dirty(*, process: VisionProcess, now: dt.datetime | None = None) -> bool:
    """Note that the map is out of date; enqueue a recomputation unless one was enqueued recently.

    The conditional UPDATE makes the debounce safe with many voters at once: only the
    request that moves `map_enqueued_at` forward enqueues. Returns whether it enqueued.
    """
    from .tasks import recompute_opinion_map

    now = now or timezone.now()
    VisionProcess.objects.filter(pk=process.pk).update(map_dirty=True)
    won = (
        VisionProcess.objects.filter(pk=process.pk)
        .filter(Q(map_enqueued_at__isnull=True) | Q(map_enqueued_at__lte=now - RECOMPUTE_INTERVAL))
        .update(map_enqueued_at=now)
    )
    if won:
        transaction.on_commit(lambda: recompute_opinion_map.enqueue(process.pk))
    return bool(won)


def _vote_rows(process: VisionProcess):
    return (
        Vote.objects.filter(statement__process=process)
        .exclude(statement__status=Statement.Status.PENDING)
        .order_by("updated", "pk")
        .values_list("participant_id", "statement_id", "value")
    )


@transaction.atomic
def opinion_map_compute(*, process: VisionProcess) -> OpinionMapSnapshot | None:
    """Recompute and store the opinion map from all votes; None while nobody has voted."""
    VisionProcess.objects.filter(pk=process.pk).update(map_dirty=False)
    votes = list(_vote_rows(process))
    if not votes:
        return None
    matrix = build_vote_matrix(votes)
    hidden = set(process.statements.filter(status=Statement.Status.HIDDEN).values_list("pk", flat=True)) & set(
        matrix.statement_ids
    )
    previous = selectors.latest_snapshot(process=process)
    # Polis never drops a participant from the groups once counted.
    always = []
    if previous is not None:
        known = set(matrix.participant_ids)
        always = [
            p["id"] for p in previous.data.get("participants", []) if p.get("group") is not None and p["id"] in known
        ]
    result = compute_opinion_map(
        matrix,
        seed=process.pk,
        moderated_out=sorted(hidden),
        always_include=always,
        # Keeps the number of groups steady while votes come in (Polis's group-k-smoother).
        group_k_state=previous.data.get("group_k_state") if previous is not None else None,
    )
    return OpinionMapSnapshot.objects.create(
        process=process,
        computed_at=timezone.now(),
        n_participants=len(matrix.participant_ids),
        n_votes=len(votes),
        data=result.to_dict(),
    )


def opinion_map_refresh_dirty() -> int:
    """Recompute every process whose map is out of date (cron safety net after the debounce)."""
    count = 0
    for process in VisionProcess.objects.filter(map_dirty=True):
        if opinion_map_compute(process=process) is not None:
            count += 1
    return count


# --------------------------------------------------------------------------- Polis import / export


def _polis_folder_from_upload(files: Mapping[str, bytes], folder: Path) -> None:
    """Write the uploaded CSV files (or the contents of one zip) into `folder`."""
    for name, content in files.items():
        if name.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(io.BytesIO(content)) as archive:
                    for member in archive.namelist():
                        base = Path(member).name
                        if base in POLIS_FILES:
                            (folder / base).write_bytes(archive.read(member))
            except zipfile.BadZipFile as exc:
                raise ValidationError(
                    _("Het zip-bestand %(name)s is beschadigd of geen zip.") % {"name": name}
                ) from exc
        elif Path(name).name in POLIS_FILES:
            (folder / Path(name).name).write_bytes(content)


@transaction.atomic
def polis_import(*, process: VisionProcess, files: Mapping[str, bytes], imported_by) -> dict:
    """Bring an existing Polis conversation into an empty process; nothing is saved on error."""
    if process.statements.exists():
        raise ValidationError(_("Dit traject heeft al stellingen. Importeer in een nieuw, leeg traject."))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _polis_folder_from_upload(files, folder)
        try:
            conversation = polis_io.read_conversation(folder)
        except polis_io.PolisFormatError as exc:
            raise ValidationError(str(exc)) from exc
    too_long = [s.id for s in conversation.statements if len(s.text) > STORED_MAX_LENGTH]
    if too_long:
        raise ValidationError(
            _("Stelling %(id)s is langer dan %(max)d tekens.") % {"id": too_long[0], "max": STORED_MAX_LENGTH}
        )
    now = timezone.now()
    statements = {}
    for s in conversation.statements:
        created = dt.datetime.fromtimestamp(s.timestamp / 1000, tz=dt.UTC) if s.timestamp else now
        statements[s.id] = Statement(
            process=process,
            text=s.text.strip() or "-",
            normalized=selectors.normalize(s.text),
            status=Statement.Status.HIDDEN if s.moderated == -1 else Statement.Status.PUBLISHED,
            moderation_reason=_("Verborgen in het oorspronkelijke Polis-gesprek.") if s.moderated == -1 else "",
            external_id=s.id,
            created=created,
        )
    Statement.objects.bulk_create(statements.values())
    participant_ids = list(dict.fromkeys([*conversation.participant_ids, *(v[0] for v in conversation.votes)]))
    participants = {pid: Participant(process=process, external_id=pid) for pid in participant_ids}
    Participant.objects.bulk_create(participants.values())
    # bulk_create sets primary keys on PostgreSQL and SQLite 3.35+, which we require.
    Vote.objects.bulk_create(
        [
            Vote(statement=statements[sid], participant=participants[pid], value=int(value), created=now, updated=now)
            for pid, sid, value in conversation.votes
        ],
        batch_size=1000,
    )
    audit_record(
        municipality=process.municipality,
        actor=imported_by,
        action="vision.polis_imported",
        summary=_("Polis-gesprek geïmporteerd: %(s)d stellingen, %(p)d deelnemers, %(v)d stemmen.")
        % {"s": len(statements), "p": len(participants), "v": len(conversation.votes)},
        target=process,
    )
    opinion_map_compute(process=process)
    return {"statements": len(statements), "participants": len(participants), "votes": len(conversation.votes)}


class _Groups:
    """What write_participants_votes reads from a result: the group of each participant."""

    def __init__(self, group_of: dict):
        self.group_of = group_of


def polis_export(*, process: VisionProcess) -> bytes:
    """A zip with comments.csv, votes.csv and participants-votes.csv (group-id = our groups)."""
    statements = list(process.statements.exclude(status=Statement.Status.PENDING).order_by("pk"))
    votes = list(
        Vote.objects.filter(statement__in=statements)
        .order_by("updated", "pk")
        .values_list("participant_id", "statement_id", "value", "updated")
    )
    tally: dict[int, list[int]] = {}
    for _p, sid, value, _t in votes:
        cell = tally.setdefault(sid, [0, 0])
        if value == 1:
            cell[0] += 1
        elif value == -1:
            cell[1] += 1
    polis_statements = [
        polis_io.Statement(
            id=s.pk,
            text=s.text,
            author_id=s.participant_id,
            moderated=-1 if s.status == Statement.Status.HIDDEN else 1,
            timestamp=int(s.created.timestamp() * 1000),
            agrees=tally.get(s.pk, [0, 0])[0],
            disagrees=tally.get(s.pk, [0, 0])[1],
        )
        for s in statements
    ]
    snapshot = selectors.latest_snapshot(process=process)
    group_of = {}
    if snapshot is not None:
        group_of = {p["id"]: p["group"] for p in snapshot.data.get("participants", []) if p.get("group") is not None}
    matrix = build_vote_matrix([(p, s, v) for p, s, v, _t in votes], statement_ids=[s.pk for s in statements])
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        folder = Path(tmp)
        polis_io.write_comments(folder / polis_io.COMMENTS, polis_statements)
        polis_io.write_votes(
            folder / polis_io.VOTES,
            [polis_io.TimedVote(p, s, v, int(t.timestamp() * 1000)) for p, s, v, t in votes],
        )
        polis_io.write_participants_votes(
            folder / polis_io.PARTICIPANTS_VOTES, _Groups(group_of), matrix, polis_statements
        )
        for name in POLIS_FILES:
            archive.write(folder / name, arcname=name)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the vision


@transaction.atomic
def vision_version_start(*, process: VisionProcess, created_by) -> VisionVersion:
    """Start a new draft version; it copies the principles of the latest version (versioning)."""
    if process.versions.filter(status=VisionVersion.Status.DRAFT).exists():
        raise ValidationError(_("Er is al een concept in voorbereiding."))
    previous = process.versions.order_by("-number").first()
    number = (process.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = VisionVersion(
        process=process, number=number, created_by=created_by, summary=previous.summary if previous else ""
    )
    version.full_clean()
    version.save()
    if previous is not None:
        for old in previous.principles.prefetch_related("sources"):
            new = Principle.objects.create(
                version=version, title=old.title, explanation=old.explanation, order=old.order
            )
            PrincipleSource.objects.bulk_create(
                PrincipleSource(principle=new, statement_id=s.statement_id, agreement=s.agreement)
                for s in old.sources.all()
            )
    return version


@transaction.atomic
def principle_create(
    *, version: VisionVersion, title: str, explanation: str, statements: Iterable[Statement], created_by
) -> Principle:
    """A principle drawn from consensus statements, with each group's agreement kept as it was."""
    if version.status != VisionVersion.Status.DRAFT:
        raise ValidationError(_("Een gepubliceerde versie verandert niet meer; begin een nieuwe versie."))
    statements = list(statements)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Geef het uitgangspunt een titel.")
    if not (explanation or "").strip():
        errors["explanation"] = _("Licht het uitgangspunt toe.")
    if not statements:
        errors["statements"] = _("Kies minstens één stelling waar dit uitgangspunt uit voortkomt.")
    elif any(s.process_id != version.process_id or s.status != Statement.Status.PUBLISHED for s in statements):
        errors["statements"] = _("Kies alleen zichtbare stellingen uit dit traject.")
    if errors:
        raise ValidationError(errors)
    order = (version.principles.aggregate(n=Max("order"))["n"] or 0) + 1
    principle = Principle(version=version, title=title.strip(), explanation=explanation.strip(), order=order)
    principle.full_clean()
    principle.save()
    snapshot = selectors.latest_snapshot(process=version.process)
    agreement = (
        selectors.group_agreement(snapshot=snapshot, statement_ids=[s.pk for s in statements]) if snapshot else {}
    )
    PrincipleSource.objects.bulk_create(
        PrincipleSource(principle=principle, statement=s, agreement=agreement.get(s.pk, [])) for s in statements
    )
    return principle


@transaction.atomic
def vision_publish(*, version: VisionVersion, endorse_until: dt.date, published_by) -> VisionVersion:
    if version.status != VisionVersion.Status.DRAFT:
        raise ValidationError(_("Deze versie is al gepubliceerd."))
    if not version.principles.exists():
        raise ValidationError(_("Voeg eerst minstens één uitgangspunt toe."))
    if endorse_until is None or endorse_until < timezone.localdate():
        raise ValidationError({"endorse_until": _("Kies een datum vanaf vandaag.")})
    version.status = VisionVersion.Status.PUBLISHED
    version.endorse_until = endorse_until
    version.published_at = timezone.now()
    version.full_clean()
    version.save()
    audit_record(
        municipality=version.process.municipality,
        actor=published_by,
        action="vision.published",
        summary=_("Concept-visie versie %(n)d gepubliceerd; reageren kan tot en met %(date)s.")
        % {"n": version.number, "date": endorse_until.isoformat()},
        target=version,
    )
    return version


@transaction.atomic
def vision_adopt(*, version: VisionVersion, raadsbesluit: str, adopted_by, adopted_at=None) -> VisionVersion:
    raadsbesluit = (raadsbesluit or "").strip()
    if version.status == VisionVersion.Status.ADOPTED:
        raise ValidationError(_("Deze versie is al vastgesteld."))
    if version.status != VisionVersion.Status.PUBLISHED:
        raise ValidationError(_("Publiceer de concept-visie eerst, zodat inwoners kunnen reageren."))
    if not raadsbesluit:
        raise ValidationError({"raadsbesluit": _("Geef het raadsbesluit op waarmee de visie is vastgesteld.")})
    version.status = VisionVersion.Status.ADOPTED
    version.raadsbesluit = raadsbesluit
    version.adopted_at = adopted_at or timezone.now()
    version.full_clean()
    version.save()
    audit_record(
        municipality=version.process.municipality,
        actor=adopted_by,
        action="vision.adopted",
        summary=_("Toekomstvisie versie %(n)d vastgesteld (%(ref)s).") % {"n": version.number, "ref": raadsbesluit},
        target=version,
        data={"raadsbesluit": raadsbesluit},
    )
    return version


@transaction.atomic
def endorsement_toggle(*, principle: Principle, user) -> bool:
    """Endorse a principle, or withdraw an endorsement; returns whether it is endorsed now."""
    deleted, _rows = Endorsement.objects.filter(principle=principle, user=user).delete()
    if deleted:
        return False
    Endorsement.objects.create(principle=principle, user=user)
    return True


@transaction.atomic
def principle_comment_add(*, principle: Principle, author, text: str) -> PrincipleComment:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een reactie.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("Een reactie is hoogstens 2000 tekens.")})
    comment = PrincipleComment(principle=principle, author=author, text=text)
    comment.full_clean()
    comment.save()
    return comment


def principle_comment_url(comment: PrincipleComment) -> str:
    """The comment's place on the public vision page: its principle's anchor."""
    process = comment.principle.version.process
    url = reverse("vision:vision", kwargs={"municipality": process.municipality.slug, "slug": process.slug})
    return f"{url}#uitgangspunt-{comment.principle_id}"


@transaction.atomic
def principle_comment_moderate(
    *, comment: PrincipleComment, moderator, hide: bool, reason: str = ""
) -> PrincipleComment:
    """Hide a comment on a principle (a reason is required and shown publicly) or show it again.

    Hiding tells the author why; both directions are audited.
    """
    reason = (reason or "").strip()
    if hide and not reason:
        raise ValidationError({"reason": _("Geef een reden op; die is openbaar te zien.")})
    max_length = PrincipleComment._meta.get_field("hidden_reason").max_length
    if len(reason) > max_length:
        raise ValidationError(
            {"reason": _("Houd de reden korter dan %(limit_value)d tekens.") % {"limit_value": max_length}}
        )
    comment = (
        # Lock only the comment: PostgreSQL cannot lock the nullable side of the join to the author.
        PrincipleComment.objects.select_for_update(of=("self",))
        .select_related("principle__version__process__municipality", "author")
        .get(pk=comment.pk)
    )
    if hide and comment.is_hidden:
        raise ValidationError(_("Deze reactie is al verborgen."))
    if not hide and not comment.is_hidden:
        raise ValidationError(_("Deze reactie is niet verborgen."))
    comment.is_hidden = hide
    comment.hidden_reason = reason if hide else ""
    comment.hidden_by = moderator if hide else None
    comment.hidden_at = timezone.now() if hide else None
    comment.full_clean(exclude=["author"])  # the author may have deleted their account since
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    principle = comment.principle
    municipality = principle.version.process.municipality
    author = comment.author.display_name if comment.author is not None else "—"
    audit_record(
        municipality=municipality,
        actor=moderator,
        action="vision.principle_comment_hidden" if hide else "vision.principle_comment_unhidden",
        summary=(
            _("Reactie van %(author)s op uitgangspunt ‘%(principle)s’ verborgen")
            if hide
            else _("Reactie van %(author)s op uitgangspunt ‘%(principle)s’ weer zichtbaar gemaakt")
        )
        % {"author": author, "principle": principle.title},
        target=comment,
        reason=reason,
        data={"principle": principle.pk},
    )
    if hide and comment.author is not None:
        notification_send(
            users=[comment.author],
            title=_("Uw reactie op ‘%(principle)s’ is verborgen door een moderator") % {"principle": principle.title},
            body=_("Reden: %(reason)s") % {"reason": reason},
            url=principle_comment_url(comment),
            municipality=municipality,
        )
    return comment


# --------------------------------------------------------------------------- assessments


@transaction.atomic
def assessment_create(
    *, decision, vision_version: VisionVersion, lines: Iterable, assessed_by, summary: str = ""
) -> Assessment:
    """Assess a decision (of any app) against every principle of an adopted vision.

    `lines` holds (principle, verdict, explanation) tuples or dicts with those keys.
    """
    from django.contrib.contenttypes.models import ContentType

    municipality = selectors.decision_municipality(decision)
    if vision_version.status != VisionVersion.Status.ADOPTED:
        raise ValidationError(_("Toetsen kan alleen aan een vastgestelde visie."))
    if municipality is None or municipality.pk != vision_version.process.municipality_id:
        raise ValidationError(_("Dit besluit hoort bij een andere gemeente dan de visie."))
    if selectors.assessment_for(decision=decision, version=vision_version) is not None:
        raise ValidationError(_("Dit besluit is al getoetst aan deze versie van de visie."))
    principles = {p.pk: p for p in vision_version.principles.all()}
    given = {}
    errors = []
    for line in lines:
        if isinstance(line, Mapping):
            principle, verdict, explanation = line["principle"], line["verdict"], line.get("explanation", "")
        else:
            principle, verdict, explanation = line
        pk = getattr(principle, "pk", principle)
        if pk not in principles:
            errors.append(_("Een uitgangspunt hoort niet bij deze versie van de visie."))
            continue
        if pk in given:
            errors.append(_("Elk uitgangspunt krijgt één oordeel."))
            continue
        if verdict not in Verdict.values:
            errors.append(_("Kies bij ‘%(title)s’ draagt bij, neutraal of strijdig.") % {"title": principles[pk].title})
        if not (explanation or "").strip():
            errors.append(_("Licht het oordeel bij ‘%(title)s’ toe.") % {"title": principles[pk].title})
        given[pk] = (verdict, (explanation or "").strip())
    missing = [p.title for pk, p in principles.items() if pk not in given]
    if missing:
        errors.append(
            _("Geef een oordeel bij elk uitgangspunt; nog open: %(titles)s.") % {"titles": ", ".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        municipality=municipality,
        content_type=ContentType.objects.get_for_model(decision),
        object_id=decision.pk,
        vision_version=vision_version,
        summary=(summary or "").strip(),
        assessed_by=assessed_by,
    )
    assessment.full_clean()
    assessment.save()
    AssessmentLine.objects.bulk_create(
        AssessmentLine(assessment=assessment, principle=principles[pk], verdict=verdict, explanation=explanation)
        for pk, (verdict, explanation) in given.items()
    )
    counts = {v: sum(1 for verdict, _e in given.values() if verdict == v) for v in Verdict.values}
    audit_record(
        municipality=municipality,
        actor=assessed_by,
        action="vision.assessed",
        summary=_(
            "Besluit ‘%(decision)s’ getoetst aan de toekomstvisie: %(c)d draagt bij, %(n)d neutraal, %(s)d strijdig."
        )
        % {
            "decision": str(decision)[:150],
            "c": counts[Verdict.CONTRIBUTES],
            "n": counts[Verdict.NEUTRAL],
            "s": counts[Verdict.CONFLICTS],
        },
        target=decision,
        data={"assessment": assessment.pk, "vision_version": vision_version.pk},
    )
    return assessment
