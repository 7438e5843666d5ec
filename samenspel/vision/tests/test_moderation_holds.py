"""Nothing a moderator has not published leaves the server: not through the "similar statements"
lookup, the duplicate check (page and API), the statements API, or the public Polis export."""

import csv
import io
import zipfile

import pytest

from samenspel.vision.models import Statement, VisionProcess

from .factories import ParticipantFactory, StatementFactory, VoteFactory

pytestmark = pytest.mark.django_db

PENDING = "Een geheime wens over het gemeentehuis"
HIDDEN = "Een beledigende zin over de buurman"
SHOWN = "Meer bomen in de straat"


@pytest.fixture
def moderated(process):
    process.moderation = VisionProcess.Moderation.PRE
    process.save()
    pending = StatementFactory(process=process, text=PENDING, status=Statement.Status.PENDING)
    hidden = StatementFactory(process=process, text=HIDDEN, status=Statement.Status.HIDDEN)
    shown = StatementFactory(process=process, text=SHOWN)
    for statement in (pending, hidden, shown):
        VoteFactory(statement=statement, participant=ParticipantFactory(process=process))
    return {"pending": pending, "hidden": hidden, "shown": shown}


@pytest.mark.parametrize("secret", [PENDING, HIDDEN])
def test_the_similar_lookup_shows_only_published_statements(client, process, moderated, secret):
    url = f"/lindeveen/toekomstvisie/{process.slug}/vergelijkbaar/"
    body = client.get(url, {"text": secret[:-3]}, HTTP_HX_REQUEST="true").content.decode()
    assert secret not in body
    assert SHOWN in client.get(url, {"text": SHOWN[:-2]}, HTTP_HX_REQUEST="true").content.decode()


def test_a_duplicate_of_a_pending_statement_is_refused_without_showing_it(client_for, process, moderated, resident):
    url = f"/lindeveen/toekomstvisie/{process.slug}/stelling/"
    # Typed differently (the form shows what the resident typed back to them), the same statement.
    response = client_for(resident).post(url, {"text": PENDING.lower() + "!!"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "een moderator bekijkt die nog" in body
    assert PENDING not in body
    assert Statement.objects.count() == 3


def test_the_api_duplicate_check_does_not_show_a_pending_statement(client_for, process, moderated, resident):
    response = client_for(resident).post(
        "/api/v1/statements", {"process": process.pk, "text": PENDING + "!"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert PENDING not in response.content.decode()
    assert Statement.objects.count() == 3


def test_a_hidden_statement_may_be_written_again_and_waits_for_a_moderator(client_for, process, moderated, resident):
    response = client_for(resident).post(
        "/api/v1/statements", {"process": process.pk, "text": HIDDEN}, content_type="application/json"
    )
    assert response.status_code == 201
    assert HIDDEN not in client_for(resident).get(f"/api/v1/statements?process={process.pk}").content.decode()


def test_the_statements_api_lists_only_published_statements(client, process, moderated):
    body = client.get(f"/api/v1/statements?process={process.pk}").content.decode()
    assert SHOWN in body
    assert PENDING not in body and HIDDEN not in body


def test_the_public_export_holds_only_published_statements_and_their_votes(client, process, moderated):
    response = client.get(f"/lindeveen/toekomstvisie/{process.slug}/polis-export.zip")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        everything = "".join(archive.read(name).decode() for name in archive.namelist())
        comments = list(csv.DictReader(io.StringIO(archive.read("comments.csv").decode())))
        votes = list(csv.DictReader(io.StringIO(archive.read("votes.csv").decode())))
    assert PENDING not in everything and HIDDEN not in everything
    assert [c["comment-body"] for c in comments] == [SHOWN]
    assert {int(v["comment-id"]) for v in votes} == {moderated["shown"].pk}
