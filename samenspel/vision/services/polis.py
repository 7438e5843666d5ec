"""Bringing an existing Polis conversation into an empty process (the export is a read: selectors)."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from ..models import STORED_MAX_LENGTH, Participant, Statement, VisionProcess, Vote
from ..text import normalize
from .opinion_maps import opinion_map_compute

# The most a Polis file may hold once unpacked. The votes.csv of a conversation with a million
# votes is about 40 MB; an archive member that inflates past this is refused while it is being
# read, so a small zip that unpacks to gigabytes never fills a worker's memory or disk.
FILE_MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


def _too_large(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s is te groot: een Polis-bestand mag uitgepakt hoogstens %(mb)d MB zijn.")
        % {"name": name, "mb": FILE_MAX_BYTES // (1024 * 1024)},
        code="too_large",
    )


def _copy_capped(source: BinaryIO, target: Path, name: str) -> None:
    """Copy `source` to `target` in chunks, stopping (and refusing) once past FILE_MAX_BYTES.

    The declared size of an upload or an archive member can lie, so the bytes are counted as
    they come; at most one chunk more than the cap is ever held.
    """
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > FILE_MAX_BYTES:
                raise _too_large(name)
            out.write(chunk)


def _stream(content: bytes | BinaryIO) -> BinaryIO:
    if isinstance(content, bytes | bytearray):
        return io.BytesIO(content)
    content.seek(0)
    return content


def _polis_folder_from_upload(files: Mapping[str, bytes | BinaryIO], folder: Path) -> None:
    """Write the uploaded CSV files (or the Polis files inside one zip) into `folder`.

    `files` maps names to bytes or to open files (uploads are passed as files, never read whole).
    """
    from .. import polis_io  # reading Polis files brings NumPy; only an import needs it

    for name, content in files.items():
        if name.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(_stream(content)) as archive:
                    for info in archive.infolist():
                        base = Path(info.filename).name
                        if info.is_dir() or base not in polis_io.POLIS_FILES:
                            continue  # other members are never unpacked
                        if info.file_size > FILE_MAX_BYTES:  # what the archive says, checked first
                            raise _too_large(base)
                        with archive.open(info) as member:  # and then what it really holds
                            _copy_capped(member, folder / base, base)
            except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
                raise ValidationError(
                    _("Het zip-bestand %(name)s is beschadigd of geen zip.") % {"name": name}
                ) from exc
        elif Path(name).name in polis_io.POLIS_FILES:
            base = Path(name).name
            if getattr(content, "size", 0) > FILE_MAX_BYTES:
                raise _too_large(base)
            _copy_capped(_stream(content), folder / base, base)


def _time_of(ms: int | None, default: dt.datetime) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC) if ms is not None else default


@transaction.atomic
def polis_import(*, process: VisionProcess, files: Mapping[str, bytes | BinaryIO], imported_by) -> dict:
    """Bring an existing Polis conversation into an empty process; nothing is saved on error."""
    from .. import polis_io  # reading Polis files brings NumPy; only an import needs it

    if process.statements.exists():
        raise ValidationError(_("Dit traject heeft al stellingen. Importeer in een nieuw, leeg traject."))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _polis_folder_from_upload(files, folder)
        try:
            conversation = polis_io.read_conversation(folder)
            counted = polis_io.counted_participants(folder)
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
            normalized=normalize(s.text),
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
            # The original vote times, so the map replays the conversation's path (opinion_map_compute).
            Vote(statement=statements[sid], participant=participants[pid], value=int(value), created=at, updated=at)
            for pid, sid, value in conversation.votes
            for at in [_time_of(conversation.vote_times.get((pid, sid)), now)]
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
    opinion_map_compute(
        process=process, counted=None if counted is None else [participants[p].pk for p in counted if p in participants]
    )
    return {"statements": len(statements), "participants": len(participants), "votes": len(conversation.votes)}
