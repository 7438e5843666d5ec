import factory
from django.utils import timezone

from samenspel.comments.models import Comment, Report
from samenspel.comments.targets import target_of
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
    """A comment on `subject` (by default on `initiative`, a new initiative)."""

    class Meta:
        model = Comment
        exclude = ["initiative", "subject"]

    class Params:
        # Hidden is derived from hidden_at; `is_hidden=True` gives it a moment.
        is_hidden = factory.Trait(hidden_at=factory.LazyFunction(timezone.now))

    initiative = factory.SubFactory(InitiativeFactory)
    subject = factory.LazyAttribute(lambda o: o.initiative)
    target = factory.SelfAttribute("subject")
    municipality = factory.LazyAttribute(lambda o: target_of(o.subject).municipality_of(o.subject))
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Mooi plan! Ik help graag mee met zaaien, reactie {n}.")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    comment = factory.SubFactory(CommentFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = Report.Reason.OFFENSIVE
