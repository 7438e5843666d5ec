"""Polis open-data import and export, and the database-free `opinion_map` command."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from samenspel.vision import services
from samenspel.vision.models import OpinionMapSnapshot, Participant, Statement, Vote

from .factories import polarised_votes

SEATTLE = Path(__file__).parent / "data" / "polis" / "15-per-hour-seattle"


def _files(*names):
    return {name: (SEATTLE / name).read_bytes() for name in names}


def test_the_command_computes_a_polis_folder_without_touching_the_database(tmp_path, django_assert_num_queries, db):
    out = tmp_path / "participants-votes.csv"
    stdout = io.StringIO()
    with django_assert_num_queries(0):
        call_command("opinion_map", str(SEATTLE), "--out", str(out), stdout=stdout)
    rows = list(csv.DictReader(out.open()))
    assert len(rows) > 300
    assert {r["group-id"] for r in rows} - {""} <= {"0", "1", "2", "3", "4"}
    assert "deelnemers" in stdout.getvalue()


def test_the_command_reports_a_missing_folder_in_dutch(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("opinion_map", str(tmp_path / "nergens"), "--out", str(tmp_path / "x.csv"))


@pytest.mark.django_db
def test_an_admin_imports_a_polis_conversation_and_the_map_is_computed(process, municipality_admin):
    counts = services.polis_import(
        process=process, files=_files("comments.csv", "votes.csv"), imported_by=municipality_admin
    )
    assert counts["statements"] == Statement.objects.count() == 54
    assert counts["votes"] == Vote.objects.count()
    assert Statement.objects.filter(status=Statement.Status.HIDDEN).exists()
    assert OpinionMapSnapshot.objects.get().data["groups"]


@pytest.mark.django_db
def test_a_zip_upload_works_through_the_page(process, municipality_admin, client_for):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("comments.csv", "participants-votes.csv"):
            archive.write(SEATTLE / name, arcname=f"export/{name}")
    buffer.seek(0)
    buffer.name = "seattle.zip"
    response = client_for(municipality_admin).post(
        f"/lindeveen/toekomstvisie/{process.slug}/beheer/polis-import/", {"files": buffer}
    )
    assert response.status_code == 302
    assert Statement.objects.count() == 54


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"votes.csv": (SEATTLE / "votes.csv").read_bytes()}, "comments.csv ontbreekt"),
        ({"comments.csv": (SEATTLE / "comments.csv").read_bytes()}, "geen votes.csv"),
        ({"comments.csv": b"\xff\xfe\x00kapot", "votes.csv": b""}, "UTF-8"),
        ({"polis.zip": b"geen zip"}, "beschadigd"),
    ],
)
def test_malformed_imports_are_refused_in_dutch_and_save_nothing(process, municipality_admin, files, message):
    with pytest.raises(ValidationError) as error:
        services.polis_import(process=process, files=files, imported_by=municipality_admin)
    assert message in " ".join(error.value.messages)
    assert not Statement.objects.exists()
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_the_import_page_shows_the_error_and_saves_nothing(process, municipality_admin, client_for):
    upload = io.BytesIO((SEATTLE / "votes.csv").read_bytes())
    upload.name = "votes.csv"
    response = client_for(municipality_admin).post(
        f"/lindeveen/toekomstvisie/{process.slug}/beheer/polis-import/", {"files": upload}
    )
    assert response.status_code == 400
    assert "comments.csv ontbreekt" in response.content.decode()
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_the_export_round_trips_with_our_groups(process, client, tmp_path):
    polarised_votes(process)
    snapshot = services.opinion_map_compute(process=process)
    response = client.get(f"/lindeveen/toekomstvisie/{process.slug}/polis-export.zip")
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
    ours = {p["id"]: p["group"] for p in snapshot.data["participants"] if p["group"] is not None}
    rows = list(csv.DictReader((tmp_path / "participants-votes.csv").open()))
    assert {int(r["participant"]): int(r["group-id"]) for r in rows if r["group-id"]} == ours
    from samenspel.vision.polis_io import read_conversation

    conversation = read_conversation(tmp_path)
    assert len(conversation.votes) == Vote.objects.count()
