"""Residents submit short statements; bad ones get a Dutch message and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEvent
from samenspel.vision import services
from samenspel.vision.models import Statement, VisionProcess

from .factories import StatementFactory, set_phase

pytestmark = pytest.mark.django_db


def test_a_resident_submits_a_statement_that_appears_at_once_with_post_moderation(process, resident):
    statement = services.statement_submit(process=process, text="  Meer bomen   in de straat. ", author=resident)
    assert statement.text == "Meer bomen in de straat."
    assert statement.status == Statement.Status.PUBLISHED


def test_with_pre_moderation_a_statement_waits_for_a_moderator(process, resident, moderator):
    process.moderation = VisionProcess.Moderation.PRE
    process.save()
    statement = services.statement_submit(process=process, text="Een buurthuis in elke wijk.", author=resident)
    assert statement.status == Statement.Status.PENDING
    services.statement_moderate(statement=statement, moderator=moderator, publish=True)
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.PUBLISHED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Schrijf een stelling."),
        ("   ", "Schrijf een stelling."),
        ("x" * 141, "hoogstens 140 tekens"),
        ("!!", "in woorden"),
        ("Meer bomen in de straat", "bestaat al"),
        ("meer bomen in de straat!!", "bestaat al"),
        ("Meer bomen in onze straat", "sterk op lijkt"),
        ("In de straat meer bomen", "sterk op lijkt"),
    ],
)
def test_bad_statements_are_refused_with_a_dutch_message(process, resident, text, message):
    StatementFactory(process=process, text="Meer bomen in de straat.")
    before = Statement.objects.count()
    with pytest.raises(ValidationError) as error:
        services.statement_submit(process=process, text=text, author=resident)
    assert message in " ".join(error.value.messages)
    assert Statement.objects.count() == before


@pytest.mark.parametrize("phase", ["upcoming", "drafting", "closed"])
def test_no_statements_outside_the_gathering_phase(process, resident, phase):
    set_phase(process, phase)
    with pytest.raises(ValidationError, match="In deze fase"):
        services.statement_submit(process=process, text="Meer speelplekken voor kinderen.", author=resident)
    assert not Statement.objects.exists()


def test_hiding_needs_a_reason_and_is_audited(process, moderator):
    statement = StatementFactory(process=process)
    with pytest.raises(ValidationError, match="reden"):
        services.statement_moderate(statement=statement, moderator=moderator, publish=False, reason=" ")
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.PUBLISHED
    services.statement_moderate(statement=statement, moderator=moderator, publish=False, reason="Persoonlijke aanval")
    statement.refresh_from_db()
    assert (statement.status, statement.moderation_reason) == (Statement.Status.HIDDEN, "Persoonlijke aanval")
    event = AuditEvent.objects.get(action="vision.statement_hidden")
    assert event.reason == "Persoonlijke aanval"
    assert event.actor == moderator


def test_similar_statements_are_offered_while_typing(client, process):
    StatementFactory(process=process, text="Meer bomen in de straat.")
    StatementFactory(process=process, text="Een zwembad in het centrum.")
    response = client.get(
        f"/lindeveen/toekomstvisie/{process.slug}/vergelijkbaar/", {"text": "bomen in straat"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Meer bomen in de straat." in response.content.decode()
    assert "zwembad" not in response.content.decode()


def test_the_no_js_form_refuses_a_duplicate_and_saves_nothing(client_for, process, resident):
    StatementFactory(process=process, text="Meer bomen in de straat.")
    client = client_for(resident)
    response = client.post(f"/lindeveen/toekomstvisie/{process.slug}/stelling/", {"text": "Meer bomen in de straat"})
    assert response.status_code == 400
    assert "Deze stelling bestaat al" in response.content.decode()
    assert Statement.objects.count() == 1
    response = client.post(f"/lindeveen/toekomstvisie/{process.slug}/stelling/", {"text": "Een bankje bij de vijver."})
    assert response.status_code == 302
    assert Statement.objects.count() == 2
