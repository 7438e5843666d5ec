"""Factories for the coaching desk (and a minimal initiative, so these tests stand on their own)."""

import datetime

import factory
from django.utils import timezone

from samenspel.coaching.models import Agreement, CoachNote, Decision, Rule, RuleObstacle
from samenspel.core.tests.factories import MunicipalityFactory, UserFactory
from samenspel.initiatives.models import Follow, Initiative, TeamMember


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Buurtmoestuin {n}")
    slug = factory.Sequence(lambda n: f"buurtmoestuin-{n}")
    pitch = "Samen groente kweken op het braakliggende veld achter de school."
    story = "Wij willen van het veld een moestuin maken waar de hele buurt kan oogsten."
    initiator = factory.SubFactory(UserFactory)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        """The initiator is in the team with an accepted place, as initiative_create gives them."""
        if create:
            TeamMember.objects.create(
                initiative=self,
                user=self.initiator,
                email=self.initiator.email,
                role=TeamMember.Role.INITIATOR,
                accepted_at=timezone.now(),
            )


class TeamMemberFactory(factory.django.DjangoModelFactory):
    """A team member who accepted the invitation (pass accepted_at=None, user=None for an open one)."""

    class Meta:
        model = TeamMember

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "team@voorbeeld.test")
    accepted_at = factory.LazyFunction(timezone.now)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    initiative = factory.SubFactory(InitiativeFactory)
    kind = Decision.Kind.OTHER
    title = "Besluit over de moestuin"
    reasoning = "Het veld blijft de komende vijf jaar onbebouwd."


class CoachNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachNote

    initiative = factory.SubFactory(InitiativeFactory)
    text = "Vertrouwelijk: initiatiefnemer is ook lid van de wijkraad."


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    initiative = factory.SubFactory(InitiativeFactory)
    party = Agreement.Party.TEAM
    description = "Begroting van de moestuin aanleveren"
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Regel {n}")
    reference = factory.Sequence(lambda n: f"art. {n}:1 APV Lindeveen")


class RuleObstacleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleObstacle

    initiative = factory.SubFactory(InitiativeFactory)
    rule = factory.SubFactory(RuleFactory, municipality=factory.SelfAttribute("..initiative.municipality"))
    blocks = "Een moestuin past niet in de bestemming ‘groen’."
