"""Publishing, searching, adopting; bad input says why in Dutch and saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEvent
from samenspel.experiments.tests.conftest import make_experiment  # noqa: F401  (fixture)
from samenspel.initiatives.models import Initiative
from samenspel.notifications.models import Notification
from samenspel.practices import selectors, services
from samenspel.practices.models import Adoption, Practice

from .factories import PracticeFactory, practice_values

pytestmark = pytest.mark.django_db


def test_staff_publish_from_an_evaluated_experiment(municipality, coach, make_experiment):  # noqa: F811
    experiment = make_experiment("evaluated")
    practice = services.practice_publish(
        municipality=municipality, published_by=coach, source_experiment=experiment, **practice_values()
    )
    assert practice.status == "published" and practice.source_experiment == experiment
    assert " subsidie " in practice.search_document
    assert AuditEvent.objects.filter(action="practices.publish").count() == 1


@pytest.mark.parametrize("who", ["resident", "moderator", "outsider", "partner"])
def test_only_the_municipalitys_staff_publish(people, municipality, who):
    with pytest.raises(ValidationError, match="Alleen coaches en beheerders van"):
        services.practice_publish(municipality=municipality, published_by=people[who], **practice_values())
    assert Practice.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize("contact", ["j.devries@lindeveen.nl", "06-12345678", "+31 6 1234 5678", "bel 0341 123456"])
def test_a_personal_contact_is_refused(municipality, coach, contact):
    with pytest.raises(ValidationError) as error:
        services.practice_publish(
            municipality=municipality, published_by=coach, **practice_values(contact_role=contact)
        )
    assert "contact_role" in error.value.message_dict
    assert Practice.objects.count() == 0


def test_an_unevaluated_experiment_or_missing_field_is_refused(municipality, coach, make_experiment):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        services.practice_publish(
            municipality=municipality, published_by=coach, source_experiment=make_experiment(), **practice_values()
        )
    assert "source_experiment" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.practice_publish(municipality=municipality, published_by=coach, **practice_values(evidence_level=""))
    assert "evidence_level" in error.value.message_dict
    assert Practice.objects.count() == 0


def test_dutch_search_finds_stemmed_words_and_filters(municipality, other_municipality):
    PracticeFactory(municipality=municipality)
    PracticeFactory(
        municipality=other_municipality,
        title="Buurtmoestuinen op braakliggende grond",
        summary="Tijdelijk moestuinieren waar nog niet gebouwd wordt.",
        theme="green",
        evidence_level="described",
        obstacles_solved="",
        approach="Bewoners tuinieren samen.",
        results="Vier tuinen.",
    )
    assert [p.title for p in selectors.library(q="buurtmoestuin")] == ["Buurtmoestuinen op braakliggende grond"]
    assert [p.title for p in selectors.library(q="groep inwoner")] == ["Subsidie aan groepen inwoners"]
    assert selectors.library(q="de het een").count() == 0
    assert selectors.library(theme="green").count() == 1
    assert selectors.library(evidence_level="indications", municipality="lindeveen").count() == 1
    assert selectors.library(municipality="heideborg", size="medium").count() == 1


def test_adopting_starts_a_linked_initiative_in_the_adopting_municipality(
    municipality, other_municipality, coach, people
):
    practice = PracticeFactory(municipality=municipality, published_by=coach)
    heideborg_coach = people["outsider"]
    adoption = services.practice_adopt(
        practice=practice,
        municipality=other_municipality,
        adopted_by=heideborg_coach,
        note="Heideborg probeert het in het dorp, met de dorpsraad als aanvrager.",
        title="Subsidie voor groepen in Heideborg",
    )
    initiative = adoption.initiative
    assert initiative.municipality == other_municipality and initiative.initiator == heideborg_coach
    assert practice.approach in initiative.story and practice.obstacles_solved in initiative.story
    assert Notification.objects.filter(user=coach).count() == 1
    event = AuditEvent.objects.get(action="practices.adopt")
    assert event.municipality == other_municipality


def test_adopting_is_refused_for_others_and_for_withdrawn(municipality, other_municipality, people):
    practice = PracticeFactory(municipality=municipality)
    with pytest.raises(ValidationError, match="Alleen coaches en beheerders van"):
        services.practice_adopt(
            practice=practice, municipality=other_municipality, adopted_by=people["coach"], note="x"
        )
    practice.status = "withdrawn"
    practice.save()
    with pytest.raises(ValidationError, match="ingetrokken"):
        services.practice_adopt(
            practice=practice, municipality=other_municipality, adopted_by=people["outsider"], note="x"
        )
    with pytest.raises(ValidationError):
        services.practice_adopt(
            practice=PracticeFactory(municipality=municipality),
            municipality=other_municipality,
            adopted_by=people["outsider"],
            note="  ",
        )
    assert Adoption.objects.count() == 0 and Initiative.objects.count() == 0


def test_withdraw_needs_a_reason(municipality, coach):
    practice = PracticeFactory(municipality=municipality)
    with pytest.raises(ValidationError):
        services.practice_withdraw(practice=practice, withdrawn_by=coach, reason="")
    services.practice_withdraw(practice=practice, withdrawn_by=coach, reason="Verouderd na de nieuwe APV.")
    practice.refresh_from_db()
    assert practice.status == "withdrawn"
    assert selectors.library().count() == 0
