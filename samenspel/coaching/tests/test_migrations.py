"""The stored values that were Dutch become the English code values, and back."""

import pytest

from samenspel.core.tests.migrations import latest_schema, migrate  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("latest_schema")]

BEFORE = [("coaching", "0001_initial"), ("organisations", "0001_initial")]
AFTER = [("coaching", "0002_english_values"), ("organisations", "0002_english_values")]


def test_dutch_values_become_english_and_back(municipality):
    old = migrate(BEFORE)
    initiative = old.get_model("initiatives", "Initiative").objects.create(
        municipality_id=municipality.pk,
        title="Moestuin",
        slug="moestuin",
        pitch=".",
        story=".",
        initiator=old.get_model("accounts", "User").objects.create(email="a@voorbeeld.test"),
    )
    old.get_model("coaching", "Agreement").objects.create(
        initiative_id=initiative.pk, party="gemeente", description=".", due_date="2026-01-01", status="gemist"
    )
    old.get_model("coaching", "Decision").objects.create(
        initiative_id=initiative.pk, kind="toewijzing", title=".", reasoning="."
    )
    rule = old.get_model("coaching", "Rule").objects.create(municipality_id=municipality.pk, title=".", reference=".")
    old.get_model("coaching", "RuleObstacle").objects.create(
        rule_id=rule.pk, initiative_id=initiative.pk, blocks=".", outcome="afgewezen"
    )
    old.get_model("organisations", "Organisation").objects.create(
        municipality_id=municipality.pk, name="Thuisbaas", slug="thuisbaas", kind="woningcorporatie"
    )

    new = migrate(AFTER)
    stored = lambda apps: (  # noqa: E731
        list(apps.get_model("coaching", "Agreement").objects.values_list("party", "status")),
        list(apps.get_model("coaching", "Decision").objects.values_list("kind", flat=True)),
        list(apps.get_model("coaching", "RuleObstacle").objects.values_list("outcome", flat=True)),
        list(apps.get_model("organisations", "Organisation").objects.values_list("kind", flat=True)),
    )
    assert stored(new) == ([("municipality", "missed")], ["assignment"], ["rejected"], ["housing"])
    assert stored(migrate(BEFORE)) == ([("gemeente", "gemist")], ["toewijzing"], ["afgewezen"], ["woningcorporatie"])
