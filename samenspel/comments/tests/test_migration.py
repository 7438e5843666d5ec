"""The comments merge moves existing data: initiative comments get their subject and municipality,
principle comments move into the one table, and hidden-ness survives as hidden_at."""

import datetime as dt

import pytest
from django.utils import timezone

from samenspel.core.tests.migrations import latest_schema, migrate  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("latest_schema")]

BEFORE = [("comments", "0001_initial"), ("vision", "0002_principle_comment_moderation")]
AFTER = [("comments", "0002_comments_on_any_subject"), ("vision", "0003_principle_comments_moved_to_comments")]


def test_existing_comments_of_both_kinds_end_up_in_the_one_table():
    apps = migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    Municipality = apps.get_model("municipalities", "Municipality")
    Initiative = apps.get_model("initiatives", "Initiative")
    OldComment = apps.get_model("comments", "Comment")
    Process = apps.get_model("vision", "VisionProcess")
    Version = apps.get_model("vision", "VisionVersion")
    Principle = apps.get_model("vision", "Principle")
    PrincipleComment = apps.get_model("vision", "PrincipleComment")

    now = timezone.now()
    municipality = Municipality.objects.create(name="Gemeente Lindeveen", slug="lindeveen", cbs_code="GM9001")
    author = User.objects.create(email="fatima@example.org", display_name="Fatima")
    moderator = User.objects.create(email="mod@example.org", display_name="Moderator")
    initiative = Initiative.objects.create(
        municipality=municipality, title="Moestuin", slug="moestuin", pitch="p", story="s", initiator=author
    )
    OldComment.objects.create(initiative=initiative, author=author, text="Zichtbaar")
    OldComment.objects.create(
        initiative=initiative, author=author, text="Weg", is_hidden=True, hidden_reason="r" * 450, hidden_by=moderator
    )
    process = Process.objects.create(
        municipality=municipality,
        title="Lindeveen 2035",
        slug="lindeveen-2035",
        question="?",
        gather_start=now - dt.timedelta(days=2),
        gather_end=now - dt.timedelta(days=1),
        draft_end=now + dt.timedelta(days=1),
    )
    principle = Principle.objects.create(
        version=Version.objects.create(process=process, number=1), title="Groen dichtbij", explanation="e"
    )
    PrincipleComment.objects.create(principle=principle, author=None, text="Van een vertrokken account")
    PrincipleComment.objects.create(
        principle=principle, author=author, text="Onaardig", is_hidden=True, hidden_reason="Kwetsend", hidden_at=now
    )

    apps = migrate(AFTER)
    Comment = apps.get_model("comments", "Comment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = {c.text: c for c in Comment.objects.all()}
    assert set(rows) == {"Zichtbaar", "Weg", "Van een vertrokken account", "Onaardig"}
    assert {c.municipality_id for c in rows.values()} == {municipality.pk}
    on_initiative = ContentType.objects.get(app_label="initiatives", model="initiative")
    on_principle = ContentType.objects.get(app_label="vision", model="principle")
    assert (rows["Zichtbaar"].content_type_id, rows["Zichtbaar"].object_id) == (on_initiative.pk, initiative.pk)
    assert (rows["Onaardig"].content_type_id, rows["Onaardig"].object_id) == (on_principle.pk, principle.pk)
    assert rows["Zichtbaar"].hidden_at is None and rows["Van een vertrokken account"].hidden_at is None
    assert rows["Weg"].hidden_at is not None and rows["Weg"].hidden_reason == "r" * 300
    assert rows["Onaardig"].hidden_at == now and rows["Onaardig"].hidden_reason == "Kwetsend"
    assert rows["Van een vertrokken account"].author_id is None
