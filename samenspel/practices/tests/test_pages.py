"""Cross-municipality reading of the library, and isolation of everything else; CSV, API, leaks."""

import csv
import io

import pytest
from django.urls import reverse

from samenspel.coaching.models import CoachNote
from samenspel.practices import services

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_every_municipality_reads_every_published_practice(client_for, people, municipality, other_municipality):
    lindeveen = PracticeFactory(municipality=municipality, title="Subsidie aan groepen inwoners")
    heideborg = PracticeFactory(municipality=other_municipality, title="Dorpsbus met vrijwilligers", theme="mobility")
    withdrawn = PracticeFactory(municipality=municipality, title="Oude aanpak", status="withdrawn")
    for user in (None, people["resident"], people["outsider"]):
        client = client_for(user)
        for place in ("lindeveen", "heideborg"):
            page = client.get(reverse("practices:library", kwargs={"municipality": place})).content.decode()
            assert lindeveen.title in page and heideborg.title in page and withdrawn.title not in page
        detail = client.get(reverse("practices:detail", kwargs={"municipality": "heideborg", "pk": lindeveen.pk}))
        assert detail.status_code == 200
    filtered = client_for(None).get(
        reverse("practices:library", kwargs={"municipality": "lindeveen"}), {"gemeente": "heideborg", "thema": "x"}
    )
    assert heideborg.title in filtered.content.decode() and lindeveen.title not in filtered.content.decode()


def test_nothing_else_crosses_the_boundary(client_for, people, municipality, other_municipality):
    """Heideborg's staff read Lindeveen's practice, not its desk, experiments or initiatives' pages there."""
    from samenspel.experiments.tests.factories import ExperimentFactory

    experiment = ExperimentFactory(municipality=municipality)
    client = client_for(people["outsider"])
    assert (
        client.get(reverse("experiments:detail", kwargs={"municipality": "heideborg", "pk": experiment.pk})).status_code
        == 404
    )
    assert client.get(reverse("coaching:queue", kwargs={"municipality": "lindeveen"})).status_code == 403
    assert client.get(reverse("practices:publish", kwargs={"municipality": "lindeveen"})).status_code == 403


def test_adoptions_are_visible_on_the_practice(client, municipality, other_municipality, people):
    practice = PracticeFactory(municipality=municipality)
    services.practice_adopt(
        practice=practice,
        municipality=other_municipality,
        adopted_by=people["outsider"],
        note="In Heideborg met de dorpsraad.",
        title="Groepssubsidie Heideborg",
    )
    page = client.get(reverse("practices:detail", kwargs={"municipality": "lindeveen", "pk": practice.pk}))
    text = page.content.decode()
    assert "Groepssubsidie Heideborg" in text and "In Heideborg met de dorpsraad." in text
    assert (
        "1 keer overgenomen"
        in client.get(reverse("practices:library", kwargs={"municipality": "lindeveen"})).content.decode()
    )


def test_csv_and_api(client, municipality, other_municipality, people):
    practice = PracticeFactory(municipality=municipality)
    PracticeFactory(municipality=other_municipality, title="Dorpsbus", theme="mobility")
    services.practice_adopt(
        practice=practice, municipality=other_municipality, adopted_by=people["outsider"], note="Hier."
    )
    response = client.get(reverse("practices:csv", kwargs={"municipality": "heideborg"}), {"thema": "culture"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["title"], r["municipality"], r["adoptions"]) for r in rows] == [(practice.title, "lindeveen", "1")]
    answer = client.get("/api/v1/practices", {"theme": "mobility"}).json()
    assert [r["title"] for r in answer["results"]] == ["Dorpsbus"]
    adoptions = client.get("/api/v1/adoptions", {"practice": practice.pk}).json()["results"]
    assert adoptions[0]["municipality"] == "heideborg" and adoptions[0]["initiative"]
    assert client.get("/api/v1/practices", {"evidence_level": "zeker"}).status_code == 400


def test_no_personal_data_leaks(client, municipality, other_municipality, people, coach):
    practice = PracticeFactory(municipality=municipality, published_by=coach)
    adoption = services.practice_adopt(
        practice=practice, municipality=other_municipality, adopted_by=people["outsider"], note="Hier."
    )
    CoachNote.objects.create(initiative=adoption.initiative, text="Vertrouwelijk: eerst met de wethouder bellen.")
    texts = [
        client.get(
            reverse("practices:detail", kwargs={"municipality": "lindeveen", "pk": practice.pk})
        ).content.decode(),
        client.get(reverse("practices:library", kwargs={"municipality": "lindeveen"})).content.decode(),
        client.get(reverse("practices:csv", kwargs={"municipality": "lindeveen"})).content.decode("utf-8-sig"),
        client.get("/api/v1/practices").content.decode(),
        client.get("/api/v1/adoptions").content.decode(),
    ]
    for text in texts:
        for person in (coach, people["outsider"]):
            assert person.email not in text
            assert person.display_name not in text
        assert "Vertrouwelijk" not in text


def test_the_initiative_page_says_where_its_approach_came_from_and_went(
    client, municipality, other_municipality, people
):
    from samenspel.coaching.tests.factories import InitiativeFactory
    from samenspel.initiatives.models import Status

    source = InitiativeFactory(municipality=municipality, status=Status.SCALED_UP, title="Repair Café Centrum")
    practice = PracticeFactory(municipality=municipality, source_initiative=source)
    adoption = services.practice_adopt(
        practice=practice,
        municipality=other_municipality,
        adopted_by=people["outsider"],
        note="Hier.",
        title="Repair Café Heideborg",
    )
    there = client.get(adoption.initiative.get_absolute_url()).content.decode()
    assert "Dit initiatief neemt een aanpak over uit Gemeente Lindeveen" in there and practice.title in there
    here = client.get(source.get_absolute_url()).content.decode()
    assert "De aanpak van dit initiatief staat in Wat werkt" in here and "Overgenomen door 1 andere plek." in here


def test_the_avg_download_lists_what_staff_published_and_adopted(
    client_for, municipality, other_municipality, people, coach
):
    practice = PracticeFactory(municipality=municipality, published_by=coach)
    services.practice_adopt(
        practice=practice, municipality=other_municipality, adopted_by=people["outsider"], note="Hier."
    )
    from samenspel.practices.personal_data import export

    assert export(coach)["practices"]["published"] == [{"municipality": municipality.name, "title": practice.title}]
    assert export(people["outsider"])["practices"]["adopted"][0]["practice"] == practice.title


@pytest.mark.parametrize("value", ["1" * 30, "²", "-1", "\u0663", "x" * 5000])
def test_hand_read_parameters_take_hostile_values(client_for, coach, municipality, value):
    pages = [
        (reverse("practices:publish", kwargs={"municipality": "lindeveen"}), {"experiment": value}),
        (reverse("experiments:create", kwargs={"municipality": "lindeveen"}), {"knelpunt": value}),
        (reverse("experiments:list", kwargs={"municipality": "lindeveen"}), {"stand": value}),
        (
            reverse("practices:library", kwargs={"municipality": "lindeveen"}),
            {"q": value, "thema": value, "gemeente": value},
        ),
        (reverse("practices:csv", kwargs={"municipality": "lindeveen"}), {"q": value, "bewijs": value}),
    ]
    client = client_for(coach)
    for path, params in pages:
        assert client.get(path, params).status_code == 200, path
