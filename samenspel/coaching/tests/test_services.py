"""Stories of the coaching desk's writes: assignment, the pipeline, notes, agreements, obstacles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from samenspel.audit.models import AuditEvent
from samenspel.coaching import services
from samenspel.coaching.models import Agreement, CoachNote, Decision, ExperimentSpace, Outcome, Rule, RuleObstacle
from samenspel.initiatives.models import Status
from samenspel.notifications.models import Notification

from .factories import AgreementFactory, FollowFactory, InitiativeFactory, RuleFactory, RuleObstacleFactory

pytestmark = pytest.mark.django_db


def counts():
    return (
        Decision.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
        CoachNote.objects.count(),
        Agreement.objects.count(),
        RuleObstacle.objects.count(),
        ExperimentSpace.objects.count(),
        Rule.objects.count(),
    )


class TestAssign:
    def test_assigning_a_coach_is_the_first_response_and_a_public_decision(self, initiative, coach):
        follower = FollowFactory(initiative=initiative).user
        decision = services.initiative_assign_coach(initiative=initiative, coach=coach, assigned_by=coach)
        initiative.refresh_from_db()
        assert initiative.coach == coach
        assert initiative.first_response_at is not None
        assert decision.is_public and decision.kind == Decision.Kind.ASSIGNMENT
        assert coach.display_name in decision.title
        assert AuditEvent.objects.filter(action="coaching.assign", target_id=str(initiative.pk)).exists()
        assert Notification.objects.filter(user=follower, title=decision.title).exists()
        # The coach assigned themselves: no notification to themselves.
        assert not Notification.objects.filter(user=coach).exists()

    def test_a_second_assignment_keeps_the_first_response_time(self, initiative, coach, municipality_admin):
        services.initiative_assign_coach(initiative=initiative, coach=coach, assigned_by=coach)
        first = initiative.first_response_at
        from samenspel.core.tests.factories import MembershipFactory

        other = MembershipFactory(municipality=initiative.municipality, role="coach").user
        services.initiative_assign_coach(initiative=initiative, coach=other, assigned_by=municipality_admin)
        initiative.refresh_from_db()
        assert initiative.coach == other and initiative.first_response_at == first
        assert Notification.objects.filter(user=other).exists()

    @pytest.mark.parametrize("who", ["resident", "outsider", "moderator"])
    def test_only_a_coach_of_this_municipality_can_be_assigned(self, initiative, people, coach, who):
        before = counts()
        with pytest.raises(ValidationError, match="Kies een coach van deze gemeente"):
            services.initiative_assign_coach(initiative=initiative, coach=people[who], assigned_by=coach)
        initiative.refresh_from_db()
        assert initiative.coach is None and initiative.first_response_at is None
        assert counts() == before


LEGAL = [(src, dst) for src, targets in services.TRANSITIONS.items() for dst in targets]
ILLEGAL = [(src, dst) for src in Status.values for dst in Status.values if dst not in services.TRANSITIONS[src]]


class TestPipeline:
    def test_the_table_covers_every_status(self):
        assert set(services.TRANSITIONS) == set(Status.values)

    @pytest.mark.parametrize(("source", "target"), LEGAL)
    def test_legal_step_becomes_a_public_decision(self, municipality, coach, source, target):
        initiative = InitiativeFactory(municipality=municipality, status=source)
        follower = FollowFactory(initiative=initiative).user
        decision = services.initiative_transition(
            initiative=initiative, to_status=target, reason="Het plan is rond en de buurt doet mee.", decided_by=coach
        )
        initiative.refresh_from_db()
        assert initiative.status == target
        assert (decision.from_status, decision.to_status, decision.is_public) == (source, target, True)
        assert decision.reasoning == "Het plan is rond en de buurt doet mee."
        event = AuditEvent.objects.get(action="coaching.status")
        assert event.data["from"] == source and event.data["to"] == target and event.reason == decision.reasoning
        assert Notification.objects.filter(user=follower, title=decision.title).exists()

    @pytest.mark.parametrize(("source", "target"), ILLEGAL)
    def test_illegal_step_is_refused_in_dutch_and_changes_nothing(self, municipality, coach, source, target):
        initiative = InitiativeFactory(municipality=municipality, status=source)
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.initiative_transition(
                initiative=initiative, to_status=target, reason="Zo is het.", decided_by=coach
            )
        assert "kan een initiatief niet naar" in str(error.value)
        initiative.refresh_from_db()
        assert initiative.status == source and counts() == before

    @pytest.mark.parametrize("reason", ["", "   ", None])
    def test_a_reason_is_required(self, initiative, coach, reason):
        before = counts()
        with pytest.raises(ValidationError, match="Geef een reden"):
            services.initiative_transition(
                initiative=initiative, to_status=Status.IN_CONVERSATION, reason=reason, decided_by=coach
            )
        initiative.refresh_from_db()
        assert initiative.status == Status.SUBMITTED and counts() == before

    def test_leaving_intake_counts_as_first_response(self, initiative, coach):
        services.initiative_transition(
            initiative=initiative, to_status=Status.IN_CONVERSATION, reason="Kennismaking gepland.", decided_by=coach
        )
        initiative.refresh_from_db()
        assert initiative.first_response_at is not None


class TestNotesAndAgreements:
    def test_note_is_audited_without_its_text(self, initiative, coach):
        services.coach_note_add(initiative=initiative, author=coach, text="Geheime inschatting van de wethouder")
        event = AuditEvent.objects.get(action="coaching.note")
        assert "Geheime" not in event.summary + event.reason + str(event.data)

    def test_empty_note_is_refused(self, initiative, coach):
        with pytest.raises(ValidationError, match="Schrijf eerst een notitie"):
            services.coach_note_add(initiative=initiative, author=coach, text="  ")
        assert not CoachNote.objects.exists()

    def test_agreement_is_made_audited_and_the_team_told(self, initiative, coach, resident):
        agreement = services.agreement_create(
            initiative=initiative,
            party=Agreement.Party.TEAM,
            description="Offerte voor de plantenbakken opvragen",
            due_date=datetime.date.today() + datetime.timedelta(days=10),
            created_by=coach,
        )
        assert agreement.status == Agreement.Status.OPEN
        assert AuditEvent.objects.filter(action="coaching.agreement").exists()
        assert Notification.objects.filter(user=resident).exists()

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"description": ""}, "Dit veld"),
            ({"party": "buurman"}, "geen geldige keuze"),
            ({"due_date": datetime.date(2020, 1, 1)}, "niet in het verleden"),
        ],
    )
    def test_bad_agreement_is_refused(self, initiative, coach, fields, message):
        data = {
            "party": Agreement.Party.MUNICIPALITY,
            "description": "Vergunningcheck",
            "due_date": datetime.date.today() + datetime.timedelta(days=3),
            **fields,
        }
        before = counts()
        with pytest.raises(ValidationError, match=message):
            services.agreement_create(initiative=initiative, created_by=coach, **data)
        assert counts() == before

    def test_agreement_status_changes_are_audited(self, initiative, coach):
        agreement = AgreementFactory(initiative=initiative)
        services.agreement_set_status(agreement=agreement, status=Agreement.Status.MISSED, changed_by=coach)
        assert AuditEvent.objects.filter(action="coaching.agreement_status").exists()
        with pytest.raises(ValidationError):
            services.agreement_set_status(agreement=agreement, status="kwijt", changed_by=coach)


class TestReminders:
    def test_the_responsible_side_is_reminded_once(self, initiative, coach, resident, team_member):
        initiative.coach = coach
        initiative.save()
        today = datetime.date(2026, 6, 1)
        team = AgreementFactory(
            initiative=initiative, party=Agreement.Party.TEAM, due_date=today + datetime.timedelta(2)
        )
        AgreementFactory(initiative=initiative, party=Agreement.Party.MUNICIPALITY, due_date=today)
        later = AgreementFactory(initiative=initiative, due_date=today + datetime.timedelta(3))
        done = AgreementFactory(initiative=initiative, due_date=today, status=Agreement.Status.DONE)
        past = AgreementFactory(initiative=initiative, due_date=today - datetime.timedelta(1))

        assert services.agreement_reminders_send(today=today) == 2
        assert set(Notification.objects.filter(title__startswith="Herinnering").values_list("user", flat=True)) == {
            resident.pk,
            team_member.pk,
            coach.pk,
        }
        team.refresh_from_db()
        assert team.reminder_sent_at is not None
        for agreement in (later, done, past):
            agreement.refresh_from_db()
            assert agreement.reminder_sent_at is None
        # Cron may run twice a day; nobody gets the same reminder twice.
        assert services.agreement_reminders_send(today=today) == 0

    def test_management_command(self, initiative, capsys):
        AgreementFactory(initiative=initiative, due_date=datetime.date(2026, 6, 3))
        call_command("send_agreement_reminders", "--today", "2026-06-01", "--days", "2")
        assert "1" in capsys.readouterr().out
        assert Notification.objects.filter(user=initiative.initiator).exists()


class TestObstacles:
    def test_recording_a_new_rule_and_reusing_it(self, municipality, coach):
        first, second = InitiativeFactory.create_batch(2, municipality=municipality)
        services.rule_obstacle_record(
            initiative=first,
            recorded_by=coach,
            blocks="Terras op het plein mag alleen bij horeca.",
            rule_title="Terrasvergunning",
            rule_reference="art. 2:28 APV Lindeveen",
        )
        services.rule_obstacle_record(
            initiative=second,
            recorded_by=coach,
            blocks="Ook hier.",
            rule_title="Terrasvergunning",
            rule_reference="Art.  2:28 APV lindeveen",
        )
        assert Rule.objects.count() == 1
        assert RuleObstacle.objects.count() == 2
        assert AuditEvent.objects.filter(action="coaching.obstacle").count() == 2

    def test_the_same_rule_blocks_an_initiative_once(self, initiative, coach):
        obstacle = RuleObstacleFactory(initiative=initiative)
        before = counts()
        with pytest.raises(ValidationError, match="staat al als knelpunt"):
            services.rule_obstacle_record(
                initiative=initiative, recorded_by=coach, blocks="Nog eens", rule=obstacle.rule
            )
        assert counts() == before

    def test_a_rule_of_another_municipality_is_refused(self, initiative, coach, other_municipality):
        rule = RuleFactory(municipality=other_municipality)
        with pytest.raises(ValidationError, match="andere gemeente"):
            services.rule_obstacle_record(initiative=initiative, recorded_by=coach, blocks="x", rule=rule)

    def test_granting_experiment_space_publishes_a_decision(self, initiative, municipality_admin):
        follower = FollowFactory(initiative=initiative).user
        obstacle = RuleObstacleFactory(initiative=initiative)
        decision = services.rule_obstacle_decide(
            obstacle=obstacle,
            outcome=Outcome.EXPERIMENT,
            reasoning="Twee jaar proberen; daarna evalueren we met de buurt.",
            decided_by=municipality_admin,
            experiment={
                "scope": "Moestuin op kavel 12",
                "start_date": datetime.date(2026, 5, 1),
                "end_date": datetime.date(2028, 5, 1),
                "evaluation_date": datetime.date(2028, 6, 1),
                "conditions": "Geen bouwwerken hoger dan 1 meter.",
            },
        )
        obstacle.refresh_from_db()
        assert obstacle.outcome == Outcome.EXPERIMENT and obstacle.experiment.scope == "Moestuin op kavel 12"
        assert decision.kind == Decision.Kind.OBSTACLE and decision.is_public
        assert AuditEvent.objects.filter(action="coaching.obstacle_outcome").exists()
        assert Notification.objects.filter(user=follower).exists()

    @pytest.mark.parametrize(
        ("experiment", "message"),
        [
            ({"end_date": datetime.date(2026, 4, 1)}, "na de begindatum"),
            ({"evaluation_date": datetime.date(2027, 1, 1)}, "op of na de einddatum"),
            ({"scope": ""}, "Dit veld"),
        ],
    )
    def test_bad_experiment_space_changes_nothing(self, initiative, municipality_admin, experiment, message):
        obstacle = RuleObstacleFactory(initiative=initiative)
        data = {
            "scope": "Moestuin",
            "start_date": datetime.date(2026, 5, 1),
            "end_date": datetime.date(2027, 5, 1),
            "evaluation_date": datetime.date(2027, 6, 1),
            "conditions": "Netjes houden",
            **experiment,
        }
        before = counts()
        with pytest.raises(ValidationError, match=message):
            services.rule_obstacle_decide(
                obstacle=obstacle,
                outcome=Outcome.EXPERIMENT,
                reasoning="Proef",
                decided_by=municipality_admin,
                experiment=data,
            )
        obstacle.refresh_from_db()
        assert obstacle.outcome == Outcome.PENDING and counts() == before

    def test_rule_change_needs_a_reference(self, initiative, municipality_admin):
        obstacle = RuleObstacleFactory(initiative=initiative)
        with pytest.raises(ValidationError, match="wijziging van de regel"):
            services.rule_obstacle_decide(
                obstacle=obstacle, outcome=Outcome.CHANGED, reasoning="Aangepast", decided_by=municipality_admin
            )
        services.rule_obstacle_decide(
            obstacle=obstacle,
            outcome=Outcome.CHANGED,
            reasoning="De raad schrapte de eis.",
            change_reference="Raadsbesluit 2026-14",
            decided_by=municipality_admin,
        )
        obstacle.refresh_from_db()
        assert obstacle.change_reference == "Raadsbesluit 2026-14"

    def test_an_obstacle_ends_in_exactly_one_outcome(self, initiative, municipality_admin):
        obstacle = RuleObstacleFactory(initiative=initiative)
        services.rule_obstacle_decide(
            obstacle=obstacle,
            outcome=Outcome.REJECTED,
            reasoning="Veiligheid gaat voor.",
            decided_by=municipality_admin,
        )
        before = counts()
        with pytest.raises(ValidationError, match="al besloten"):
            services.rule_obstacle_decide(
                obstacle=obstacle,
                outcome=Outcome.CHANGED,
                reasoning="Toch",
                change_reference="x",
                decided_by=municipality_admin,
            )
        assert counts() == before

    def test_rejection_needs_reasons(self, initiative, municipality_admin):
        obstacle = RuleObstacleFactory(initiative=initiative)
        with pytest.raises(ValidationError, match="Onderbouw"):
            services.rule_obstacle_decide(
                obstacle=obstacle, outcome=Outcome.REJECTED, reasoning=" ", decided_by=municipality_admin
            )
