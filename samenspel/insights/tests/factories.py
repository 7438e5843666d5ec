"""A small hand-made world for the signals: every figure in the tests can be counted by hand."""

import datetime

from django.utils import timezone

from samenspel.core.tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory, square
from samenspel.initiatives.tests.factories import InitiativeFactory, NeedFactory, SupportFactory, ThemeFactory
from samenspel.municipalities.models import Role


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def backdate(obj, field: str, when) -> None:
    """Set an auto_now_add field after the fact (as the demo's history does)."""
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})
    setattr(obj, field, when)


def residents(municipality, area, n: int) -> list:
    people = []
    for _ in range(n):
        user = UserFactory(neighbourhood=area)
        MembershipFactory(user=user, municipality=municipality, role=Role.RESIDENT)
        people.append(user)
    return people


def small_world(municipality) -> dict:
    """Two wijken; in January 2026 six people of De Linde support its garden, two of Centrum their bench.

    De Linde (1,000 residents): initiative "Moestuin" (theme Groen), submitted Monday 5 January,
    answered on Wednesday 7 January (2 working days; 5 promised). Six supports in the week of
    12 January, two joiners. Centrum (2,000 residents): initiative "Bankje" (theme Spelen),
    submitted 5 January, never answered (overdue); two supports in the week of 19 January.
    Needs: De Linde has 5 open volunteer needs and 5 met ones; Centrum 1 open.
    """
    linde = municipality.neighbourhoods.get(slug="de-linde")
    linde.population = 1000
    linde.save()
    centrum = NeighbourhoodFactory(
        municipality=municipality,
        name="Centrum",
        slug="centrum",
        cbs_code="WK900102",
        boundary=square(52.3, 5.3),
        population=2000,
    )
    green = ThemeFactory(municipality=municipality, name="Groen", slug="groen")
    play = ThemeFactory(municipality=municipality, name="Spelen", slug="spelen")
    linde_people = residents(municipality, linde, 8)
    centrum_people = residents(municipality, centrum, 2)

    garden = InitiativeFactory(
        municipality=municipality, neighbourhood=linde, initiator=linde_people[0], title="Moestuin", slug="moestuin"
    )
    garden.themes.add(green)
    backdate(garden, "submitted_at", moment(datetime.date(2026, 1, 5), 9))
    garden.first_response_at = moment(datetime.date(2026, 1, 7), 10)
    garden.save(update_fields=["first_response_at"])
    bench = InitiativeFactory(
        municipality=municipality, neighbourhood=centrum, initiator=centrum_people[0], title="Bankje", slug="bankje"
    )
    bench.themes.add(play)
    backdate(bench, "submitted_at", moment(datetime.date(2026, 1, 5), 9))

    for person in linde_people[:6]:
        backdate(SupportFactory(initiative=garden, user=person), "created", moment(datetime.date(2026, 1, 13)))
    for person in linde_people[6:8]:
        backdate(
            SupportFactory(initiative=garden, user=person, kind="join"), "created", moment(datetime.date(2026, 1, 14))
        )
    for person in centrum_people:
        backdate(SupportFactory(initiative=bench, user=person), "created", moment(datetime.date(2026, 1, 20)))

    for index in range(10):
        need = NeedFactory(initiative=garden, neighbourhood=linde, status="met" if index >= 5 else "open")
        backdate(need, "created", moment(datetime.date(2026, 1, 8)))
    backdate(NeedFactory(initiative=bench, neighbourhood=centrum), "created", moment(datetime.date(2026, 1, 8)))
    return {"linde": linde, "centrum": centrum, "garden": garden, "bench": bench, "linde_people": linde_people}


def busy_january(municipality, world, *, seed: int = 14) -> None:
    """Forty more people of De Linde and twenty of Centrum support in January: charts with shape."""
    import random

    from samenspel.initiatives.tests.factories import SupportFactory

    rng = random.Random(seed)
    for area, initiative, n in ((world["linde"], world["garden"], 40), (world["centrum"], world["bench"], 20)):
        for person in residents(municipality, area, n):
            day = datetime.date(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 26))
            backdate(SupportFactory(initiative=initiative, user=person), "created", moment(day))
