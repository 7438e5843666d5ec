"""From consensus to an adopted, versioned vision, and decisions assessed against it."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.coaching.models import Decision
from samenspel.vision import selectors, services
from samenspel.vision.models import Assessment, Principle, VisionVersion

from .factories import InitiativeFactory, polarised_votes

pytestmark = pytest.mark.django_db

TOMORROW = dt.date.today() + dt.timedelta(days=1)


@pytest.fixture
def adopted(process, municipality_admin):
    statements, _p = polarised_votes(process)
    services.opinion_map_compute(process=process)
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    consensus = selectors.consensus_statements(process=process)
    services.principle_create(
        version=version,
        title="Groen dichtbij",
        explanation="Iedereen woont binnen vijf minuten van groen.",
        statements=consensus[:1],
        created_by=municipality_admin,
    )
    services.principle_create(
        version=version,
        title="Samen beslissen",
        explanation="Inwoners praten mee.",
        statements=consensus[1:2] or consensus[:1],
        created_by=municipality_admin,
    )
    services.vision_publish(
        version=version, endorse_until=timezone.localdate() + dt.timedelta(days=14), published_by=municipality_admin
    )
    services.vision_adopt(version=version, raadsbesluit="Raadsbesluit 2026-41", adopted_by=municipality_admin)
    return version


@pytest.fixture
def decision(municipality, coach):
    initiative = InitiativeFactory(municipality=municipality)
    return Decision.objects.create(
        initiative=initiative,
        kind=Decision.Kind.OTHER,
        title="Subsidie toegekend",
        reasoning="Past in het beleid.",
        decided_by=coach,
    )


def test_a_principle_keeps_each_groups_agreement_with_its_source(adopted):
    principle = adopted.principles.first()
    source = principle.sources.get()
    assert [g["label"] for g in source.agreement] == ["A", "B"]
    assert all(g["share"] is not None and g["share"] >= 0.5 for g in source.agreement)


def test_publish_and_adopt_are_audited_with_the_raadsbesluit(adopted):
    assert adopted.status == VisionVersion.Status.ADOPTED
    assert AuditEvent.objects.filter(action="vision.published").exists()
    event = AuditEvent.objects.get(action="vision.adopted")
    assert "Raadsbesluit 2026-41" in event.summary


def test_a_new_version_copies_the_principles_and_leaves_the_adopted_one_alone(adopted, process, municipality_admin):
    second = services.vision_version_start(process=process, created_by=municipality_admin)
    assert second.number == 2
    assert list(second.principles.values_list("title", flat=True)) == ["Groen dichtbij", "Samen beslissen"]
    with pytest.raises(ValidationError, match="al een concept"):
        services.vision_version_start(process=process, created_by=municipality_admin)
    with pytest.raises(ValidationError, match="verandert niet meer"):
        services.principle_create(
            version=adopted, title="x", explanation="y", statements=[], created_by=municipality_admin
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": " "}, "titel"),
        ({"explanation": ""}, "Licht"),
        ({"statements": []}, "minstens één stelling"),
    ],
)
def test_bad_principles_are_refused(process, municipality_admin, kwargs, message):
    statements, _p = polarised_votes(process)
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    data = {"title": "Groen", "explanation": "Meer groen.", "statements": statements[:1]} | kwargs
    with pytest.raises(ValidationError, match=message):
        services.principle_create(version=version, created_by=municipality_admin, **data)
    assert not Principle.objects.exists()


def test_adoption_needs_a_published_draft_and_a_raadsbesluit(process, municipality_admin):
    statements, _p = polarised_votes(process)
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    with pytest.raises(ValidationError, match="Publiceer"):
        services.vision_adopt(version=version, raadsbesluit="Raadsbesluit 1", adopted_by=municipality_admin)
    with pytest.raises(ValidationError, match="uitgangspunt"):
        services.vision_publish(version=version, endorse_until=TOMORROW, published_by=municipality_admin)
    services.principle_create(
        version=version, title="A", explanation="B", statements=statements[:1], created_by=municipality_admin
    )
    services.vision_publish(version=version, endorse_until=TOMORROW, published_by=municipality_admin)
    with pytest.raises(ValidationError, match="raadsbesluit"):
        services.vision_adopt(version=version, raadsbesluit=" ", adopted_by=municipality_admin)
    assert VisionVersion.objects.get().status == VisionVersion.Status.PUBLISHED


def _lines(version, verdict="contributes"):
    return [(p, verdict, "Zo draagt het bij.") for p in version.principles.all()]


def test_a_coach_assesses_a_decision_and_the_scorecard_is_public(adopted, decision, coach, client):
    assessment = services.assessment_create(
        decision=decision, vision_version=adopted, lines=_lines(adopted), assessed_by=coach
    )
    assert assessment.lines.count() == 2
    assert selectors.scorecards_for([decision]) == {decision: [assessment]}
    assert AuditEvent.objects.filter(action="vision.assessed").exists()
    page = client.get(decision.initiative.get_absolute_url()).content.decode()
    assert "Toetsing aan de toekomstvisie" in page
    assert "draagt bij" in page
    vision_page = client.get(f"/lindeveen/toekomstvisie/{adopted.process.slug}/visie/").content.decode()
    assert "Subsidie toegekend" in vision_page


def test_an_assessment_names_and_links_what_the_decision_is_about(adopted, coach, client, client_for):
    """A coaching decision is titled "Status: in gesprek": every place that shows its assessment
    also names the initiative, linked to its page."""
    initiative = InitiativeFactory(municipality=adopted.process.municipality, title="Moestuin De Linde")
    decision = Decision.objects.create(
        initiative=initiative, kind=Decision.Kind.STATUS, title="Status: in gesprek", reasoning=".", decided_by=coach
    )
    services.assessment_create(decision=decision, vision_version=adopted, lines=_lines(adopted), assessed_by=coach)
    link = f'<a class="utrecht-link" href="{initiative.get_absolute_url()}">Moestuin De Linde</a>'
    named = f"Besluit ‘Status: in gesprek’ over {link}"
    vision_page = client.get(f"/lindeveen/toekomstvisie/{adopted.process.slug}/visie/").content.decode()
    assert vision_page.count(named) == 2  # once under each principle
    initiative_page = client.get(initiative.get_absolute_url()).content.decode()
    assert f"{named}, getoetst aan de toekomstvisie" in initiative_page
    assess_page = client_for(coach).get(_assess_url(decision)).content.decode()
    assert named in assess_page
    assert "Status: in gesprek (Moestuin De Linde)" in AuditEvent.objects.get(action="vision.assessed").summary


def test_the_vision_page_costs_the_same_however_many_decisions_were_assessed(
    adopted, coach, client, django_assert_max_num_queries
):
    def assess(n):
        for _ in range(n):
            decision = Decision.objects.create(
                initiative=InitiativeFactory(municipality=adopted.process.municipality),
                kind=Decision.Kind.OTHER,
                title="Subsidie",
                reasoning=".",
                decided_by=coach,
            )
            services.assessment_create(
                decision=decision, vision_version=adopted, lines=_lines(adopted), assessed_by=coach
            )

    url = f"/lindeveen/toekomstvisie/{adopted.process.slug}/visie/"
    assess(1)
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    assess(4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (lambda v: _lines(v)[:1], "nog open"),
        (lambda v: _lines(v, verdict="super"), "draagt bij, neutraal of strijdig"),
        (lambda v: [(p, "conflicts", " ") for p in v.principles.all()], "Licht toe waarom"),
        (lambda v: [(p, "contributes", "") for p in v.principles.all()], "Licht toe waarom"),
        (lambda v: _lines(v) + _lines(v)[:1], "één oordeel"),
    ],
)
def test_bad_assessments_save_nothing(adopted, decision, coach, lines, message):
    with pytest.raises(ValidationError, match=message):
        services.assessment_create(decision=decision, vision_version=adopted, lines=lines(adopted), assessed_by=coach)
    assert not Assessment.objects.exists()


def test_a_decision_is_assessed_once_per_version_and_only_in_its_own_municipality(
    adopted, decision, coach, other_municipality
):
    services.assessment_create(decision=decision, vision_version=adopted, lines=_lines(adopted), assessed_by=coach)
    with pytest.raises(ValidationError, match="al getoetst"):
        services.assessment_create(decision=decision, vision_version=adopted, lines=_lines(adopted), assessed_by=coach)
    elsewhere = Decision.objects.create(
        initiative=InitiativeFactory(municipality=other_municipality), kind="overig", title="Elders", reasoning="."
    )
    with pytest.raises(ValidationError, match="andere gemeente"):
        services.assessment_create(decision=elsewhere, vision_version=adopted, lines=_lines(adopted), assessed_by=coach)
    assert Assessment.objects.count() == 1


def _assess_url(decision):
    ct = ContentType.objects.get_for_model(decision)
    return f"/lindeveen/toekomstvisie/toetsing/{ct.pk}/{decision.pk}/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("partner", 403),
        ("moderator", 403),
        ("coach", 200),
        ("admin", 200),
        ("outsider", 403),
    ],
)
def test_who_may_open_the_assessment_form(adopted, decision, people, client_for, role, status):
    response = client_for(people[role]).get(_assess_url(decision))
    assert response.status_code == status


def test_the_assessment_form_saves_a_scorecard_and_refuses_bad_input(adopted, decision, coach, client_for):
    client = client_for(coach)
    principles = list(adopted.principles.all())
    bad = {f"verdict_{principles[0].pk}": "contributes", f"explanation_{principles[0].pk}": "Goed."}
    response = client.post(_assess_url(decision), bad)
    assert response.status_code == 400
    assert "Kies draagt bij, neutraal of strijdig." in response.content.decode()
    assert not Assessment.objects.exists()
    good = {}
    for p in principles:
        good |= {f"verdict_{p.pk}": "neutral", f"explanation_{p.pk}": "Raakt dit niet."}
    response = client.post(_assess_url(decision), good)
    assert response.status_code == 302
    assert Assessment.objects.get().lines.filter(verdict="neutral").count() == 2


def test_an_explanation_is_asked_only_where_a_principle_is_not_neutral(adopted, decision, coach):
    first, second = adopted.principles.all()
    assessment = services.assessment_create(
        decision=decision,
        vision_version=adopted,
        lines=[(first, "neutral", ""), (second, "conflicts", "Het park wordt kleiner.")],
        assessed_by=coach,
    )
    assert [(line.verdict, line.explanation) for line in assessment.lines.all()] == [
        ("neutral", ""),
        ("conflicts", "Het park wordt kleiner."),
    ]


def test_the_assessment_form_asks_an_explanation_only_for_a_verdict_that_is_not_neutral(
    adopted, decision, coach, client_for
):
    client = client_for(coach)
    first, second = adopted.principles.all()
    page = client.get(_assess_url(decision)).content.decode()
    assert f'data-hidden-when="verdict_{first.pk}=neutral"' in page
    refused = {
        f"verdict_{first.pk}": "neutral",
        f"explanation_{first.pk}": "",
        f"verdict_{second.pk}": "conflicts",
        f"explanation_{second.pk}": " ",
    }
    response = client.post(_assess_url(decision), refused)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        f"explanation_{second.pk}": [
            "Licht toe waarom het besluit bijdraagt aan dit uitgangspunt of ermee strijdig is."
        ]
    }
    assert not Assessment.objects.exists()
    response = client.post(_assess_url(decision), refused | {f"explanation_{second.pk}": "Minder groen."})
    assert response.status_code == 302
    assert Assessment.objects.get().lines.get(principle=first).explanation == ""


def test_a_decision_of_another_municipality_is_not_found(adopted, coach, client_for, other_municipality):
    elsewhere = Decision.objects.create(
        initiative=InitiativeFactory(municipality=other_municipality), kind="overig", title="Elders", reasoning="."
    )
    assert client_for(coach).get(_assess_url(elsewhere)).status_code == 404


def test_residents_endorse_and_comment_while_the_draft_is_open(process, municipality_admin, resident, client_for):
    statements, _p = polarised_votes(process)
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    principle = services.principle_create(
        version=version,
        title="Groen",
        explanation="Meer groen.",
        statements=statements[:1],
        created_by=municipality_admin,
    )
    client = client_for(resident)
    assert client.post(f"/lindeveen/toekomstvisie/{process.slug}/visie/{principle.pk}/steun/").status_code == 403
    services.vision_publish(version=version, endorse_until=TOMORROW, published_by=municipality_admin)
    assert client.post(f"/lindeveen/toekomstvisie/{process.slug}/visie/{principle.pk}/steun/").status_code == 302
    assert principle.endorsements.count() == 1
    response = client.post(f"/lindeveen/reacties/uitgangspunt/{principle.pk}/", {"text": ""})
    assert principle.comments.count() == 0
    client.post(f"/lindeveen/reacties/uitgangspunt/{principle.pk}/", {"text": "Goed plan!"})
    assert principle.comments.count() == 1
    response = client.get(f"/lindeveen/toekomstvisie/{process.slug}/visie/")
    assert "1 inwoner steunt dit uitgangspunt." in response.content.decode()
