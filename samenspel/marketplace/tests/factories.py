import factory
from django.utils import timezone

from samenspel.core.tests.factories import MunicipalityFactory, UserFactory
from samenspel.initiatives.models import Initiative, TeamMember
from samenspel.municipalities.models import Theme

from ..models import Introduction, Kind, Need, Offer


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["municipality", "slug"]

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    slug = factory.Sequence(lambda n: f"thema-{n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Buurtkeuken De Linde {n}")
    slug = factory.Sequence(lambda n: f"buurtkeuken-{n}")
    pitch = "Elke week samen koken en eten met buren."
    story = "We koken met en voor buren die anders alleen eten."
    initiator = factory.SubFactory(UserFactory)
    lat = 52.205
    lon = 5.205

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create:
            TeamMember.objects.create(
                initiative=self,
                user=self.initiator,
                email=self.initiator.email,
                role=TeamMember.Role.INITIATOR,
                accepted_at=timezone.now(),
            )


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    municipality = factory.LazyAttribute(
        lambda o: (
            o.initiative.municipality if o.initiative else (o.organisation.municipality if o.organisation else None)
        )
    )
    created_by = factory.LazyAttribute(lambda o: o.initiative.initiator if o.initiative else UserFactory())
    kind = Kind.SPACE
    title = "Ruimte om wekelijks te koken"
    description = "We zoeken een keuken of buurthuis op een doordeweekse avond voor twintig buren."
    lat = 52.205
    lon = 5.205


class OfferFactory(NeedFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    initiative = None
    kind = Kind.SPACE
    title = "Ruimte in buurthuis De Linde op dinsdagavond"
    description = "De grote zaal met keuken van buurthuis De Linde is op dinsdagavond vrij voor buurtactiviteiten."


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    need = factory.SubFactory(NeedFactory)
    offer = factory.SubFactory(OfferFactory)
    municipality = factory.LazyAttribute(lambda o: o.need.municipality)
