"""A Polis import never holds a large file in memory: members are streamed and capped."""

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from samenspel.vision import services
from samenspel.vision.models import Participant, Statement
from samenspel.vision.services import polis

SEATTLE = Path(__file__).parent / "data" / "polis" / "15-per-hour-seattle"
MB = 1024 * 1024


def _bomb(inflated: int) -> bytes:
    """A zip of a few hundred KB whose votes.csv inflates to `inflated` bytes (a vote repeated)."""
    buffer = io.BytesIO()
    line = b"1,1,1,1\n" * (MB // 8)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(SEATTLE / "comments.csv", arcname="comments.csv")
        with archive.open("votes.csv", "w", force_zip64=True) as member:
            member.write(b"timestamp,datetime,comment-id,voter-id,vote\n")
            for _ in range(inflated // MB):
                member.write(line)
    return buffer.getvalue()


def _lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """The same zip, with its central directory claiming `name` is only `declared` bytes."""
    data = bytearray(data)
    offset = data.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(data[offset + 28 : offset + 30], "little")
        if bytes(data[offset + 46 : offset + 46 + name_length]) == name.encode():
            data[offset + 24 : offset + 28] = declared.to_bytes(4, "little")  # uncompressed size
            return bytes(data)
        offset = data.index(b"PK\x01\x02", offset + 4)


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(polis, "FILE_MAX_BYTES", 2 * MB)


@pytest.mark.django_db
def test_a_member_that_inflates_past_the_cap_is_refused_without_reading_it_into_memory(
    process, municipality_admin, small_cap
):
    bomb = _bomb(48 * MB)
    assert len(bomb) < 300 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            services.polis_import(process=process, files={"polis.zip": bomb}, imported_by=municipality_admin)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "votes.csv is te groot" in " ".join(error.value.messages)
    assert peak < 8 * MB  # the member is 48 MB inflated; only chunks of it were ever held
    assert not Statement.objects.exists()
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_a_member_whose_declared_size_lies_is_still_capped(process, municipality_admin, small_cap):
    bomb = _lie_about_size(_bomb(8 * MB), "votes.csv", declared=1000)
    with pytest.raises(ValidationError) as error:
        services.polis_import(process=process, files={"polis.zip": bomb}, imported_by=municipality_admin)
    # Reading stops at the declared size and the checksum then fails, or the cap stops it first.
    assert any(word in " ".join(error.value.messages) for word in ("beschadigd", "te groot"))
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_a_loose_file_past_the_cap_is_refused(process, municipality_admin, small_cap):
    votes = io.BytesIO(b"timestamp,datetime,comment-id,voter-id,vote\n" + b"1,1,1,1\n" * (3 * MB // 8))
    files = {"comments.csv": (SEATTLE / "comments.csv").read_bytes(), "votes.csv": votes}
    with pytest.raises(ValidationError, match="te groot"):
        services.polis_import(process=process, files=files, imported_by=municipality_admin)
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_a_bomb_through_the_page_is_a_dutch_message(process, municipality_admin, client_for, small_cap):
    upload = io.BytesIO(_bomb(8 * MB))
    upload.name = "polis.zip"
    response = client_for(municipality_admin).post(
        f"/lindeveen/toekomstvisie/{process.slug}/beheer/polis-import/", {"files": upload}
    )
    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_files_within_the_cap_still_import_from_a_zip(process, municipality_admin):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in ("comments.csv", "votes.csv"):
            archive.write(SEATTLE / name, arcname=f"export/{name}")
        archive.writestr("export/readme.txt", b"x" * 1000)  # not a Polis file: never unpacked
    counts = services.polis_import(
        process=process, files={"polis.zip": buffer.getvalue()}, imported_by=municipality_admin
    )
    assert counts["statements"] == 54
