"""Publishing from a finished funding agreement (prefilled, linked back) and adopting a practice
as an experiment instead of an initiative."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.coaching.tests.factories import InitiativeFactory, TeamMemberFactory
from samenspel.experiments.models import Experiment
from samenspel.funding import services as funding_services
from samenspel.funding.models import State
from samenspel.funding.tests.factories import in_state, report
from samenspel.initiatives.models import Initiative
from samenspel.practices import selectors, services
from samenspel.practices.models import Adoption, Practice

from .factories import PracticeFactory, practice_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def agreement_in(state, *, municipality, coach, admin):
    """An agreement in `state`; once granted, the team reported 22 participants and the coach accepted."""
    initiative = InitiativeFactory(municipality=municipality, coach=coach, title="Moestuin De Linde")
    team_user = TeamMemberFactory(initiative=initiative).user
    if state in (State.DRAFT, State.GRANTED):
        return in_state(state, initiative=initiative, staff=coach, admin=admin, team_user=team_user)
    agreement = in_state(State.GRANTED, initiative=initiative, staff=coach, admin=admin, team_user=team_user)
    funding_services.report_review(
        report=report(agreement, team_user=team_user), accept=True, note="Presentielijsten kloppen.", reviewed_by=coach
    )
    funding_services.final_report_submit(
        agreement=agreement, report="Alles gedaan.", spent_amount=Decimal("6000.00"), submitted_by=team_user
    )
    if state == State.SETTLED:
        funding_services.agreement_settle(
            agreement=agreement, settled_amount=Decimal("6000.00"), reason="Volgens eindverslag.", settled_by=admin
        )
    agreement.refresh_from_db()
    return agreement


def test_a_settled_agreement_prefills_results_money_and_funding_form(municipality, coach, municipality_admin):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    assert list(selectors.agreements_to_publish(municipality=municipality)) == [agreement]
    initial = selectors.agreement_prefill(agreement=agreement)
    assert initial == {
        "source_agreement": agreement.pk,
        "title": "Moestuin op resultaat",
        "goal": "Een moestuin waar de buurt samen groente kweekt.",
        "results": "Twintig buurtbewoners tuinieren wekelijks mee — aantal vaste deelnemers: 22 (doel 20)",
        "costs": "Verleend: € 9.000. Vastgesteld: € 6.000.",
        "funding_form": "result_funding",
    }
    values = practice_values(**{k: v for k, v in initial.items() if k != "source_agreement"})
    practice = services.practice_publish(
        municipality=municipality, published_by=coach, source_agreement=agreement, **values
    )
    assert practice.source_agreement == agreement and practice.funding_form == "result_funding"
    assert AuditEvent.objects.get(action="practices.publish").data["agreement"] == agreement.pk


def test_an_agreement_with_its_final_report_in_may_be_published(municipality, coach, municipality_admin):
    agreement = agreement_in(State.FINAL_REPORT, municipality=municipality, coach=coach, admin=municipality_admin)
    assert selectors.agreement_prefill(agreement=agreement)["costs"] == "Verleend: € 9.000."
    practice = services.practice_publish(
        municipality=municipality, published_by=coach, source_agreement=agreement, **practice_values()
    )
    assert practice.source_agreement == agreement


@pytest.mark.parametrize("state", [State.DRAFT, State.GRANTED])
def test_an_unfinished_agreement_is_refused_in_dutch(municipality, coach, municipality_admin, state):
    agreement = agreement_in(state, municipality=municipality, coach=coach, admin=municipality_admin)
    assert not selectors.agreements_to_publish(municipality=municipality).exists()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.practice_publish(
            municipality=municipality, published_by=coach, source_agreement=agreement, **practice_values()
        )
    assert error.value.message_dict["source_agreement"] == [
        "Publiceer een financieringsafspraak pas als het eindverslag binnen is of de afspraak is vastgesteld."
    ]
    assert Practice.objects.count() == 0 and AuditEvent.objects.count() == before


def test_another_municipalitys_agreement_is_refused_in_dutch(
    municipality, other_municipality, coach, municipality_admin, people
):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    assert not selectors.agreements_to_publish(municipality=other_municipality).exists()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.practice_publish(
            municipality=other_municipality,
            published_by=people["outsider"],
            source_agreement=agreement,
            **practice_values(),
        )
    assert error.value.message_dict["source_agreement"] == ["Deze financieringsafspraak hoort bij een andere gemeente."]
    assert Practice.objects.count() == 0 and AuditEvent.objects.count() == before


def test_adopting_as_an_experiment_carries_the_approach_and_the_solved_obstacles(
    municipality, other_municipality, coach, people
):
    practice = PracticeFactory(municipality=municipality, published_by=coach)
    heideborg_coach = people["outsider"]
    adoption = services.practice_adopt(
        practice=practice,
        municipality=other_municipality,
        adopted_by=heideborg_coach,
        note="Heideborg probeert het eerst een half jaar als experiment.",
        title="Groepssubsidie als experiment",
        start_initiative=False,
        start_experiment=True,
    )
    experiment = adoption.experiment
    assert adoption.initiative is None and Initiative.objects.count() == 0
    assert experiment.municipality == other_municipality and experiment.created_by == heideborg_coach
    assert experiment.title == "Groepssubsidie als experiment"
    assert experiment.hypothesis == practice.approach
    assert practice.obstacles_solved in experiment.departs_from
    assert "Subsidie aan groepen inwoners" in experiment.question and "Heideborg" in experiment.question
    assert experiment.comparison == "before_after" and not experiment.is_evaluated
    indicator = experiment.indicators.get()
    assert (indicator.baseline, indicator.target) == (Decimal("0"), Decimal("100"))
    assert AuditEvent.objects.get(action="practices.adopt").data["experiment"] == experiment.pk


def test_an_experiment_from_an_agreement_practice_takes_its_indicators(
    municipality, other_municipality, coach, municipality_admin, people
):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    practice = PracticeFactory(municipality=municipality, source_agreement=agreement)
    adoption = services.practice_adopt(
        practice=practice,
        municipality=other_municipality,
        adopted_by=people["outsider"],
        note="Als experiment.",
        start_initiative=False,
        start_experiment=True,
    )
    indicator = adoption.experiment.indicators.get()
    assert (indicator.name, indicator.baseline, indicator.target) == (
        "aantal vaste deelnemers",
        Decimal("0"),
        Decimal("20"),
    )


def test_initiative_and_experiment_together_are_refused(municipality, other_municipality, people):
    practice = PracticeFactory(municipality=municipality)
    with pytest.raises(ValidationError, match="niet allebei"):
        services.practice_adopt(
            practice=practice,
            municipality=other_municipality,
            adopted_by=people["outsider"],
            note="Beide.",
            start_initiative=True,
            start_experiment=True,
        )
    assert Adoption.objects.count() == Experiment.objects.count() == Initiative.objects.count() == 0


def snapshot():
    return (Practice.objects.count(), Adoption.objects.count(), Experiment.objects.count(), AuditEvent.objects.count())


ROLES = ["anonymous", "resident", "partner", "moderator", "coach", "admin", "outsider"]


@pytest.mark.parametrize("role", ROLES)
def test_adopting_as_an_experiment_over_http(people, client_for, municipality, other_municipality, role):
    practice = PracticeFactory(municipality=municipality)
    before = snapshot()
    path = reverse("practices:adopt", kwargs={"municipality": "heideborg", "pk": practice.pk})
    response = client_for(people[role]).post(path, {"note": "Als experiment.", "start": "experiment"})
    if role == "outsider":
        experiment = Adoption.objects.get().experiment
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "experiments:detail", kwargs={"municipality": "heideborg", "pk": experiment.pk}
        )
        detail = client_for(people["resident"]).get(
            reverse("practices:detail", kwargs={"municipality": "lindeveen", "pk": practice.pk})
        )
        assert experiment.title in detail.content.decode()
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_publishing_from_an_agreement_over_http(people, client_for, municipality, coach, municipality_admin, role):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    before = snapshot()
    publish = reverse("practices:publish", kwargs={"municipality": "lindeveen"})
    response = client_for(people[role]).post(publish, practice_values(source_agreement=agreement.pk))
    if role in {"coach", "admin"}:
        assert response.status_code == 302
        assert Practice.objects.get().source_agreement == agreement
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert snapshot() == before


def test_the_agreement_page_links_its_staff_to_a_prefilled_form(
    people, client_for, municipality, coach, municipality_admin
):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    page = reverse("funding:detail", kwargs={"municipality": "lindeveen", "pk": agreement.pk})
    link = reverse("practices:publish", kwargs={"municipality": "lindeveen"}) + f"?afspraak={agreement.pk}"
    assert link in client_for(people["coach"]).get(page).content.decode()
    assert link not in client_for(people["resident"]).get(page).content.decode()
    form = client_for(people["coach"]).get(link).content.decode()
    assert "aantal vaste deelnemers: 22 (doel 20)" in form
    assert '<option value="result_funding" selected>' in form


def test_another_municipalitys_agreement_is_not_offered_and_saves_nothing(
    people, client_for, municipality, coach, municipality_admin
):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    before = snapshot()
    publish = reverse("practices:publish", kwargs={"municipality": "heideborg"})
    form = client_for(people["outsider"]).get(publish + f"?afspraak={agreement.pk}").content.decode()
    assert "aantal vaste deelnemers" not in form
    response = client_for(people["outsider"]).post(publish, practice_values(source_agreement=agreement.pk))
    assert response.status_code == 400
    assert snapshot() == before
