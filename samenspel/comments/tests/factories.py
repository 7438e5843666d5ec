import factory

from samenspel.comments.models import Comment, Report
from samenspel.core.tests.factories import MunicipalityFactory, UserFactory
from samenspel.initiatives.models import Initiative


class InitiativeFactory(factory.django.DjangoModelFactory):
    """Just enough of an initiative for comments; the initiatives app owns the full one."""

    class Meta:
        model = Initiative

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Buurtmoestuin {n}")
    slug = factory.Sequence(lambda n: f"buurtmoestuin-{n}")
    pitch = "Samen groente kweken op het braakliggende veldje."
    story = "We willen met de buurt een moestuin beginnen."
    initiator = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Mooi plan! Ik help graag mee met zaaien, reactie {n}.")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    comment = factory.SubFactory(CommentFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = Report.Reason.OFFENSIVE
