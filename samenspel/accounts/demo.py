"""The demo's people: the printed demo accounts, the residents of Lindeveen, a coach in Heideborg.

Runs after the municipalities' seeder (core/demo.py SEEDERS), on the places it made.
"""

from samenspel.core.demo import DEMO_PASSWORD, DemoContext
from samenspel.municipalities.models import Role
from samenspel.municipalities.services import membership_grant

from .services import identity_hash, identity_link, user_create

# The demo resident has confirmed her account with DigiD: with the stand-in broker running
# (docs/identity.md), "Inloggen met DigiD" with this test BSN logs in as her.
DEMO_BSN = "999993653"

DEMO_ACCOUNTS = [
    # key, e-mail, display name, role in Lindeveen
    ("resident", "inwoner@lindeveen.test", "Fatima el Amrani", Role.RESIDENT),
    ("initiator", "initiatiefnemer@lindeveen.test", "Joost van der Berg", Role.RESIDENT),
    ("coach", "coach@lindeveen.test", "Marieke Jansen", Role.COACH),
    ("partner", "partner@lindeveen.test", "Henk Bosman", Role.RESIDENT),
    ("moderator", "moderator@lindeveen.test", "Sanne de Vries", Role.MODERATOR),
    ("admin", "beheer@lindeveen.test", "Pieter Hoekstra", Role.ADMIN),
]

RESIDENT_NAMES = [
    "Anouk Visser",
    "Bram Smit",
    "Chantal Mulder",
    "Daan de Boer",
    "Esra Yilmaz",
    "Femke Bakker",
    "Gerrit Dijkstra",
    "Hanneke Peters",
    "Ilse Kok",
    "Jeroen Vermeulen",
    "Kees Brouwer",
    "Lotte Hendriks",
    "Mohamed Bouzid",
    "Nienke van Dijk",
    "Omar Haddou",
    "Petra Willems",
    "Ruud Meijer",
    "Sevda Kaya",
    "Thijs de Groot",
    "Ursula Maas",
    "Vincent Koster",
    "Wendy Schouten",
    "Yara Postma",
    "Zeynep Arslan",
    "Arjen Wolters",
    "Bianca Kramer",
    "Coen Veenstra",
    "Dewi Hartono",
    "Evert Prins",
    "Gülşen Demir",
]


def seed(ctx: DemoContext) -> None:
    for index, (key, email, name, role) in enumerate(DEMO_ACCOUNTS):
        user = user_create(
            email=email,
            password=DEMO_PASSWORD,
            display_name=name,
            neighbourhood=ctx.neighbourhoods[index % len(ctx.neighbourhoods)],
        )
        membership_grant(municipality=ctx.municipality, user=user, role=Role.RESIDENT)
        if role != Role.RESIDENT:
            membership_grant(municipality=ctx.municipality, user=user, role=role)
        ctx.accounts[key] = user
    identity_link(
        user=ctx.accounts["resident"],
        scheme="digid",
        subject_hash=identity_hash(scheme="digid", subject=DEMO_BSN),
        assurance_level="middle",
    )
    ctx.accounts["superuser"] = user_create(
        email="platform@samenspel.test",
        password=DEMO_PASSWORD,
        display_name="Platformbeheer",
        is_staff=True,
        is_superuser=True,
    )
    for index, name in enumerate(RESIDENT_NAMES):
        slug = name.lower().replace(" ", ".").replace("ş", "s").replace("ü", "u")
        user = user_create(
            email=f"{slug}@voorbeeld.test",
            password=DEMO_PASSWORD,
            display_name=name,
            neighbourhood=ctx.neighbourhoods[index % len(ctx.neighbourhoods)],
        )
        membership_grant(municipality=ctx.municipality, user=user, role=Role.RESIDENT)
        ctx.residents.append(user)
    heideborg_coach = user_create(email="coach@heideborg.test", password=DEMO_PASSWORD, display_name="Willem Ruiter")
    membership_grant(municipality=ctx.other_municipality, user=heideborg_coach, role=Role.COACH)
    ctx.accounts["heideborg_coach"] = heideborg_coach
