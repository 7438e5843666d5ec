"""Factories for the foundation's models; apps import these for their own factories."""

import factory
from allauth.account.models import EmailAddress
from faker import Faker

from samenspel.accounts.models import User
from samenspel.municipalities.models import Membership, Municipality, Neighbourhood, Role
from samenspel.organisations.models import Organisation, OrganisationMembership

fake = Faker("nl_NL")
TEST_PASSWORD = "een-goed-wachtwoord-2026"


def square(lat: float, lon: float, size: float = 0.01) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gemeente Proefdorp {n}")
    # A CBS code has four digits; a long suite makes thousands of test municipalities,
    # so the sequence wraps within GM8000–GM9999 (each test rolls its rows back).
    cbs_code = factory.Sequence(lambda n: f"GM{8000 + n % 2000:04d}")
    slug = factory.Sequence(lambda n: f"proefdorp-{n}")
    center_lat = 52.09
    center_lon = 5.56


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    cbs_code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.cbs_code[2:]}{n % 90 + 10:02d}")
    boundary = factory.Sequence(lambda n: square(52.0 + (n % 10) * 0.02, 5.5))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.test")
    display_name = factory.LazyFunction(fake.name)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.RESIDENT


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Stichting Samen {n}")
    slug = factory.Sequence(lambda n: f"stichting-samen-{n}")
    kind = Organisation.Kind.WELFARE
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n}")


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    status = OrganisationMembership.Status.APPROVED
