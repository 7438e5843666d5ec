import datetime as dt

import factory
from django.utils import timezone

from samenspel.core.tests.factories import MunicipalityFactory, UserFactory
from samenspel.initiatives.models import Initiative
from samenspel.vision.models import Participant, Statement, VisionProcess, Vote
from samenspel.vision.text import normalize


class VisionProcessFactory(factory.django.DjangoModelFactory):
    """A process in its gathering phase: statements and votes are open."""

    class Meta:
        model = VisionProcess

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Lindeveen 2035"
    slug = factory.Sequence(lambda n: f"lindeveen-2035-{n}")
    question = "Hoe willen we in 2035 samenleven in onze gemeente?"
    gather_start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    gather_end = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    draft_end = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=60))


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    process = factory.SubFactory(VisionProcessFactory)
    text = factory.Sequence(lambda n: f"Stelling nummer {n} over de buurt")
    normalized = factory.LazyAttribute(lambda o: normalize(o.text))
    status = Statement.Status.PUBLISHED


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    process = factory.SubFactory(VisionProcessFactory)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    statement = factory.SubFactory(StatementFactory)
    participant = factory.SubFactory(ParticipantFactory, process=factory.SelfAttribute("..statement.process"))
    value = 1


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Buurtmoestuin {n}")
    slug = factory.Sequence(lambda n: f"buurtmoestuin-{n}")
    pitch = "Samen groente kweken op het braakliggende veldje."
    story = "Een moestuin voor en door de buurt."
    initiator = factory.SubFactory(UserFactory)


def set_phase(process, phase: str) -> VisionProcess:
    """Move the process's dates so that it is in `phase` now."""
    now = timezone.now()
    day = dt.timedelta(days=1)
    starts = {
        "upcoming": (now + day, now + 2 * day, now + 3 * day),
        "gathering": (now - day, now + day, now + 2 * day),
        "drafting": (now - 2 * day, now - day, now + day),
        "closed": (now - 3 * day, now - 2 * day, now - day),
    }
    process.gather_start, process.gather_end, process.draft_end = starts[phase]
    process.save()
    return process


def polarised_votes(process, *, n_per_group: int = 12, n_statements: int = 8, seed: int = 1):
    """Two camps that disagree on half the statements and agree on the rest (consensus)."""
    import random

    rng = random.Random(seed)
    statements = [
        StatementFactory(
            process=process, text=f"Stelling {i}: {'meer groen' if i % 2 else 'meer parkeerplaatsen'} nr {i}"
        )
        for i in range(n_statements)
    ]
    participants = []
    for group in (0, 1):
        for _ in range(n_per_group):
            participant = ParticipantFactory(process=process)
            participants.append(participant)
            for i, statement in enumerate(statements):
                value = (1 if i % 2 == group else -1) if i < n_statements // 2 else 1
                if rng.random() < 0.1:
                    value = 0
                Vote.objects.create(statement=statement, participant=participant, value=value)
    return statements, participants
