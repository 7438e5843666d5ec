import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from samenspel.core.tests.factories import MunicipalityFactory, UserFactory
from samenspel.marketplace.models import Category, Need, Offer
from samenspel.municipalities.models import Theme

from ..models import Follow, Initiative, Support, TeamMember, Update


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["municipality", "slug"]

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Buurtinitiatief {n}")
    slug = factory.Sequence(lambda n: f"buurtinitiatief-{n}")
    pitch = "Samen maken we de straat groener."
    story = "We planten bomen en zetten **geveltuinen** aan."
    initiator = factory.SubFactory(UserFactory)
    lat = 52.205
    lon = 5.205

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        """The initiator is in the team, as initiative_create would do."""
        if create:
            TeamMember.objects.create(
                initiative=self,
                user=self.initiator,
                email=self.initiator.email,
                role=TeamMember.Role.INITIATOR,
                accepted_at=timezone.now(),
            )


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "uitgenodigd@voorbeeld.test")
    role = TeamMember.Role.MEMBER
    accepted_at = factory.LazyFunction(timezone.now)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    kind = Support.Kind.SUPPORT


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.LazyAttribute(lambda o: o.initiative.initiator)
    title = "De eerste bak staat er"
    body = "Zaterdag hebben we de eerste moestuinbak geplaatst."


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    initiative = factory.SubFactory(InitiativeFactory)
    municipality = factory.LazyAttribute(lambda o: o.initiative.municipality)
    created_by = factory.LazyAttribute(lambda o: o.initiative.initiator)
    category = Category.VOLUNTEERS
    title = "Handen voor de bouwdag"
    description = "We zoeken vijf mensen die zaterdag willen helpen."


class OfferFactory(NeedFactory):
    class Meta:
        model = Offer

    category = Category.KNOWLEDGE
    title = "Kennis van moestuinieren"


def image_upload(fmt="JPEG", size=(400, 300), name="foto.jpg", exif=False) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (30, 140, 60))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Geheime Camera BV"  # Make
        data[0x0131] = "Telefoon van Jan"  # Software
        kwargs["exif"] = data.tobytes()
    image.save(buffer, fmt, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
