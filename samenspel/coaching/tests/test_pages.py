"""The desk's pages: forms answer bad input in Dutch, notes never leak, the queue stays cheap."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.coaching.models import Agreement, CoachNote, Decision, ExperimentSpace, Outcome, Rule, RuleObstacle
from samenspel.coaching.services import initiative_transition
from samenspel.initiatives.models import Initiative, Status

from .factories import AgreementFactory, CoachNoteFactory, DecisionFactory, InitiativeFactory, RuleObstacleFactory

pytestmark = pytest.mark.django_db

SECRET = "Vertrouwelijk: de wethouder twijfelt aan dit plan"


def url(name, initiative, **kw):
    return reverse(name, kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug, **kw})


def snapshot(initiative):
    initiative.refresh_from_db()
    return (
        initiative.status,
        initiative.coach_id,
        Decision.objects.count(),
        CoachNote.objects.count(),
        Agreement.objects.count(),
        RuleObstacle.objects.count(),
        ExperimentSpace.objects.count(),
        Rule.objects.count(),
        AuditEvent.objects.count(),
    )


def _date(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


BAD_INPUT = [
    ("coaching:assign", {"coach": ""}, "Dit veld is vereist"),
    ("coaching:assign", {"coach": "999999"}, "Selecteer een geldige keuze"),
    ("coaching:transition", {"to_status": "in_conversation", "reason": ""}, "Geef een reden voor deze stap"),
    ("coaching:transition", {"to_status": "realised", "reason": "Klaar"}, "Deze stap kan niet vanuit"),
    ("coaching:transition", {"to_status": "", "reason": "Klaar"}, "Dit veld is vereist"),
    ("coaching:add_note", {"text": "   "}, "Schrijf eerst een notitie"),
    (
        "coaching:add_agreement",
        {"party": "team", "description": "", "due_date": _date(3)},
        "Beschrijf wat er is afgesproken",
    ),
    (
        "coaching:add_agreement",
        {"party": "team", "description": "Offerte", "due_date": "morgen"},
        "Geef een geldige datum",
    ),
    (
        "coaching:add_agreement",
        {"party": "team", "description": "Offerte", "due_date": "2020-01-01"},
        "niet in het verleden",
    ),
    (
        "coaching:add_agreement",
        {"party": "", "description": "Offerte", "due_date": _date(3)},
        "Kies wie de afspraak nakomt",
    ),
    (
        "coaching:add_obstacle",
        {"blocks": "Feest", "rule_title": "Zonder vindplaats"},
        "Kies een bekende regel, of geef",
    ),
    (
        "coaching:add_obstacle",
        {"rule_title": "APV", "rule_reference": "art. 1 APV", "blocks": ""},
        "Beschrijf wat de regel tegenhoudt",
    ),
    (
        "coaching:add_obstacle",
        {"rule_title": "APV", "rule_reference": "art. 1 APV", "rule_url": "geen-link", "blocks": "x"},
        "Voer een geldige URL in",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUT)
def test_bad_input_on_desk_forms(client_for, coach, initiative, name, data, message):
    before = snapshot(initiative)
    response = client_for(coach).post(url(name, initiative), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot(initiative) == before


def _outcome(**fields):
    return {
        "outcome": "experiment",
        "reasoning": "Proef",
        "scope": "Het veld",
        "start_date": _date(1),
        "end_date": _date(100),
        "evaluation_date": _date(120),
        "conditions": "Netjes",
        **fields,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_outcome(outcome=""), "Kies een uitkomst"),
        (_outcome(reasoning=""), "Onderbouw de uitkomst"),
        (_outcome(scope=""), "Vul dit in voor experimenteerruimte"),
        (_outcome(end_date=_date(0)), "De einddatum moet na de begindatum liggen"),
        (_outcome(evaluation_date=_date(50)), "De evaluatie is op of na de einddatum"),
        (_outcome(start_date="31-02-2026"), "Voer een geldige datum in"),
        (_outcome(outcome=Outcome.CHANGED), "Geef aan waar de wijziging van de regel te vinden is"),
    ],
)
def test_bad_input_on_the_outcome_form(client_for, municipality_admin, initiative, data, message):
    obstacle = RuleObstacleFactory(initiative=initiative)
    before = snapshot(initiative)
    response = client_for(municipality_admin).post(url("coaching:decide_obstacle", initiative, pk=obstacle.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    obstacle.refresh_from_db()
    assert obstacle.outcome == Outcome.PENDING and snapshot(initiative) == before


def test_agreement_status_bad_input(client_for, coach, initiative):
    agreement = AgreementFactory(initiative=initiative)
    response = client_for(coach).post(
        url("coaching:agreement_status", initiative, pk=agreement.pk), {"status": "x"}, follow=True
    )
    assert "Kies open, gedaan of niet gehaald." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.OPEN


class TestCoachNotesStayPrivate:
    @pytest.fixture
    def note(self, initiative):
        initiative.lat, initiative.lon = 52.205, 5.205
        initiative.save()
        return CoachNoteFactory(initiative=initiative, text=SECRET)

    def test_desk_shows_the_note_to_coaches(self, client_for, coach, municipality_admin, note, initiative):
        for user in (coach, municipality_admin):
            assert SECRET in client_for(user).get(url("coaching:initiative", initiative)).content.decode()

    def test_not_on_the_public_page(self, client_for, note, initiative, people):
        for role in ("anonymous", "resident", "moderator", "coach"):
            response = client_for(people[role]).get(initiative.get_absolute_url())
            assert response.status_code == 200
            assert SECRET not in response.content.decode()

    def test_team_member_gets_403_on_the_desk(self, client_for, note, initiative, team_member, resident):
        for user in (team_member, resident):
            response = client_for(user).get(url("coaching:initiative", initiative))
            assert response.status_code == 403 and SECRET not in response.content.decode()
        team_page = client_for(team_member).get(url("coaching:team", initiative))
        assert team_page.status_code == 200 and SECRET not in team_page.content.decode()

    def test_not_in_the_api(self, client_for, coach, note, initiative):
        client = client_for(coach)
        listing = client.get("/api/v1/initiatives", {"municipality": initiative.municipality.slug})
        assert listing.status_code == 200, "the initiatives API must exist"
        assert initiative.title in listing.content.decode()
        assert SECRET not in listing.content.decode()
        detail = client.get(f"/api/v1/initiatives/{initiative.pk}")
        if detail.status_code == 200:
            assert SECRET not in detail.content.decode()

    @pytest.mark.parametrize("export", ["initiatives:export_csv", "initiatives:export_geojson"])
    def test_not_in_the_exports(self, client_for, coach, note, initiative, export):
        response = client_for(coach).get(reverse(export, kwargs={"municipality": initiative.municipality.slug}))
        assert response.status_code == 200, "the export must exist"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert initiative.title in body.decode()
        assert SECRET not in body.decode()


class TestPublicPanels:
    def test_public_decisions_and_agreements_on_the_initiative_page(self, client_for, coach, initiative):
        initiative_transition(
            initiative=initiative,
            to_status=Status.IN_CONVERSATION,
            reason="We gaan in gesprek over de plek en de buren.",
            decided_by=coach,
        )
        DecisionFactory(
            initiative=initiative, title="Intern voorstel", reasoning="Niet voor publicatie", is_public=False
        )
        AgreementFactory(initiative=initiative, description="Tekening van de tuin maken", is_public=True)
        AgreementFactory(initiative=initiative, description="Gesprek met de wethouder", is_public=False)
        page = client_for(None).get(initiative.get_absolute_url()).content.decode()
        assert "Besluiten van de gemeente" in page
        assert "We gaan in gesprek over de plek en de buren." in page
        assert "Tekening van de tuin maken" in page
        assert "Niet voor publicatie" not in page and "Intern voorstel" not in page
        assert "Gesprek met de wethouder" not in page

    def test_panel_is_left_out_without_decisions(self, client_for, initiative):
        assert "Besluiten van de gemeente" not in client_for(None).get(initiative.get_absolute_url()).content.decode()

    def test_overdue_agreement_is_flagged_in_words(self, client_for, initiative):
        agreement = AgreementFactory(initiative=initiative, description="Begroting sturen")
        Agreement.objects.filter(pk=agreement.pk).update(due_date=datetime.date.today() - datetime.timedelta(days=3))
        page = client_for(None).get(initiative.get_absolute_url()).content.decode()
        assert "Termijn verstreken" in page


class TestIntakeQueue:
    def _age(self, initiative, days):
        Initiative.objects.filter(pk=initiative.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=days))

    def test_overdue_first_with_a_text_badge(self, client_for, coach, municipality):
        fresh = InitiativeFactory(municipality=municipality, title="Nieuw bankje")
        late = InitiativeFactory(municipality=municipality, title="Oude speeltuin")
        self._age(late, 30)
        page = client_for(coach).get(reverse("coaching:queue", kwargs={"municipality": municipality.slug}))
        html = page.content.decode()
        assert html.index("Oude speeltuin") < html.index("Nieuw bankje")
        assert "Te laat" in html and "werkdagen over de termijn" in html
        assert [r.initiative for r in page.context["rows"]] == [late, fresh]

    def test_intake_tab_and_all_open_tab(self, client_for, coach, municipality):
        InitiativeFactory(municipality=municipality, title="In de intake")
        InitiativeFactory(municipality=municipality, title="Al in begeleiding", status=Status.COACHED)
        InitiativeFactory(municipality=municipality, title="Al gerealiseerd", status=Status.REALISED)
        path = reverse("coaching:queue", kwargs={"municipality": municipality.slug})
        intake = client_for(coach).get(path).content.decode()
        everything = client_for(coach).get(path, {"weergave": "open"}).content.decode()
        assert "In de intake" in intake and "Al in begeleiding" not in intake
        assert "In de intake" in everything and "Al in begeleiding" in everything
        assert "Al gerealiseerd" not in everything

    def test_other_municipalities_stay_out(self, client_for, coach, municipality, other_municipality):
        InitiativeFactory(municipality=other_municipality, title="Heideborgse heemtuin")
        page = client_for(coach).get(reverse("coaching:queue", kwargs={"municipality": municipality.slug}))
        assert "Heideborgse heemtuin" not in page.content.decode()

    def test_query_count_does_not_grow_with_the_queue(
        self, client_for, coach, municipality, django_assert_max_num_queries
    ):
        path = reverse("coaching:queue", kwargs={"municipality": municipality.slug})
        client = client_for(coach)
        InitiativeFactory(municipality=municipality, coach=coach)
        client.get(path)  # warm the session and caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small:
            client.get(path)
        InitiativeFactory.create_batch(15, municipality=municipality, coach=coach)
        with django_assert_max_num_queries(len(small)):
            response = client.get(path)
        assert len(response.context["rows"]) == 16


class TestRuleRegister:
    def test_ranks_rules_by_initiatives_blocked_with_outcomes(self, client_for, municipality):
        from .factories import RuleFactory

        terras = RuleFactory(municipality=municipality, title="Terrasvergunning")
        parkeren = RuleFactory(municipality=municipality, title="Parkeernorm")
        for outcome in (Outcome.EXPERIMENT, Outcome.REJECTED, Outcome.PENDING):
            RuleObstacleFactory(rule=terras, initiative=InitiativeFactory(municipality=municipality), outcome=outcome)
        RuleObstacleFactory(rule=parkeren, initiative=InitiativeFactory(municipality=municipality))
        hidden = InitiativeFactory(municipality=municipality, is_hidden=True, title="Verborgen plan")
        RuleObstacleFactory(rule=parkeren, initiative=hidden)
        response = client_for(None).get(reverse("coaching:register", kwargs={"municipality": municipality.slug}))
        rules = list(response.context["rules"])
        assert [(r.title, r.blocked, r.experiment, r.rejected, r.pending) for r in rules] == [
            ("Terrasvergunning", 3, 1, 1, 1),
            ("Parkeernorm", 1, 0, 0, 1),
        ]
        detail = client_for(None).get(
            reverse("coaching:rule", kwargs={"municipality": municipality.slug, "pk": parkeren.pk})
        )
        assert "Verborgen plan" not in detail.content.decode()

    def test_no_private_data_in_the_register(self, client_for, municipality, initiative):
        obstacle = RuleObstacleFactory(initiative=initiative, proposal="Intern voorstel: wethouder polsen")
        CoachNoteFactory(initiative=initiative, text=SECRET)
        for path in (
            reverse("coaching:register", kwargs={"municipality": municipality.slug}),
            reverse("coaching:rule", kwargs={"municipality": municipality.slug, "pk": obstacle.rule.pk}),
        ):
            html = client_for(None).get(path).content.decode()
            assert SECRET not in html and "wethouder polsen" not in html

    def test_rule_of_another_municipality_is_not_found(self, client_for, other_municipality, municipality):
        from .factories import RuleFactory

        rule = RuleFactory(municipality=other_municipality)
        path = reverse("coaching:rule", kwargs={"municipality": municipality.slug, "pk": rule.pk})
        assert client_for(None).get(path).status_code == 404

    def test_nav_shows_register_to_all_and_desk_to_staff(self, client_for, municipality, coach, resident):
        home = reverse("municipality_home", kwargs={"municipality": municipality.slug})
        anonymous = client_for(None).get(home).content.decode()
        assert "Regelknelpunten" in anonymous and ">Begeleiding<" not in anonymous
        assert ">Begeleiding<" in client_for(coach).get(home).content.decode()
        assert ">Begeleiding<" not in client_for(resident).get(home).content.decode()


def test_geojson_export_parses(client_for, initiative):
    # Guard for the leak test above: the export is real GeoJSON, not an error page.
    response = client_for(None).get(reverse("initiatives:export_geojson", kwargs={"municipality": "lindeveen"}))
    assert json.loads(response.content)["type"] == "FeatureCollection"


class TestOpenData:
    def test_rule_register_api(self, client, municipality, initiative):
        obstacle = RuleObstacleFactory(initiative=initiative, proposal="Intern voorstel: wethouder polsen")
        CoachNoteFactory(initiative=initiative, text=SECRET)
        response = client.get("/api/v1/rules", {"municipality": municipality.slug})
        assert response.status_code == 200
        data = response.json()
        rows = data["results"] if isinstance(data, dict) else data
        assert rows[0]["title"] == obstacle.rule.title and rows[0]["initiatives_blocked"] == 1
        assert rows[0]["outcomes"]["open"] == 1
        assert SECRET not in response.content.decode() and "wethouder polsen" not in response.content.decode()

    def test_public_decisions_api(self, client, municipality, initiative):
        DecisionFactory(initiative=initiative, title="Openbaar besluit")
        DecisionFactory(initiative=initiative, title="Intern besluit", is_public=False)
        response = client.get("/api/v1/decisions", {"municipality": municipality.slug, "initiative": initiative.slug})
        body = response.content.decode()
        assert response.status_code == 200 and "Openbaar besluit" in body and "Intern besluit" not in body

    def test_municipality_is_required_with_a_dutch_problem(self, client):
        response = client.get("/api/v1/rules")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/problem+json")
        assert "Geef de gemeente op" in response.content.decode()

    def test_openapi_schema_generates(self, client):
        response = client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        assert "/api/v1/rules" in response.content.decode() and "/api/v1/decisions" in response.content.decode()
