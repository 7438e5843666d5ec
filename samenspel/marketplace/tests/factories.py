import factory

from samenspel.core.tests.factories import UserFactory
from samenspel.initiatives.tests.factories import InitiativeFactory, ThemeFactory

from ..models import Category, Introduction, Need, Offer

# The initiative side comes from the initiatives app's own factories.
__all__ = ["InitiativeFactory", "IntroductionFactory", "NeedFactory", "OfferFactory", "ThemeFactory"]


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
    category = Category.SPACE
    title = "Ruimte om wekelijks te koken"
    description = "We zoeken een keuken of buurthuis op een doordeweekse avond voor twintig buren."
    lat = 52.205
    lon = 5.205


class OfferFactory(NeedFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    initiative = None
    category = Category.SPACE
    title = "Ruimte in buurthuis De Linde op dinsdagavond"
    description = "De grote zaal met keuken van buurthuis De Linde is op dinsdagavond vrij voor buurtactiviteiten."


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    need = factory.SubFactory(NeedFactory)
    offer = factory.SubFactory(OfferFactory)
    municipality = factory.LazyAttribute(lambda o: o.need.municipality)
