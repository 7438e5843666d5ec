"""Demo data: Lindeveen's vision process with statements, votes from three opinion camps,
a computed opinion map, principles drawn from consensus, an adopted version and assessments."""

import datetime as dt
import uuid

from django.utils import timezone

from samenspel.core.demo import DemoContext

from . import selectors, services
from .models import Participant, Statement, VisionProcess, Vote

# (statement, chance of "eens" in camp A "groen en samen", B "bereikbaar en ondernemend", C "zorg en rust")
STATEMENTS = [
    ("Elke wijk in Lindeveen heeft een plek waar buren elkaar zonder afspraak ontmoeten.", 0.9, 0.8, 0.9),
    ("Jongeren moeten zelf mee kunnen beslissen over het geld voor jongerenwerk.", 0.85, 0.6, 0.55),
    ("Er komen meer betaalbare huurwoningen voor starters, ook als dat groen kost.", 0.3, 0.85, 0.6),
    ("Het centrum van Lindeveen wordt autovrij.", 0.85, 0.1, 0.4),
    ("Parkeren in het centrum moet gratis blijven.", 0.15, 0.9, 0.7),
    ("Op elk plat dak van de gemeente komen zonnepanelen.", 0.95, 0.7, 0.75),
    ("Ouderen moeten langer thuis kunnen wonen met hulp uit de buurt.", 0.9, 0.8, 0.95),
    ("De gemeente plant in elke straat minstens vijf nieuwe bomen.", 0.95, 0.4, 0.7),
    ("Windmolens horen niet binnen twee kilometer van woonwijken.", 0.25, 0.75, 0.85),
    ("Er komt een buurtbus die de dorpen met het centrum verbindt.", 0.85, 0.65, 0.95),
    ("Bewonersinitiatieven krijgen voorrang bij het beheer van openbaar groen.", 0.9, 0.45, 0.6),
    ("De bibliotheek blijft in elke kern open, ook als dat meer kost.", 0.8, 0.35, 0.9),
    ("Nieuwe bedrijven moeten zich makkelijker op het bedrijventerrein kunnen vestigen.", 0.35, 0.95, 0.45),
    ("Fietsers krijgen in Lindeveen altijd voorrang op auto's.", 0.9, 0.2, 0.45),
    ("Sportverenigingen krijgen de ruimte om hun velden ook voor de buurt open te stellen.", 0.8, 0.75, 0.7),
    ("Mantelzorgers verdienen een vast aanspreekpunt bij de gemeente.", 0.85, 0.75, 0.95),
    ("Er moet meer politie en handhaving op straat komen.", 0.3, 0.85, 0.85),
    ("Speelplekken worden samen met kinderen uit de buurt ontworpen.", 0.95, 0.65, 0.7),
    ("Lindeveen moet in 2035 energieneutraal zijn.", 0.95, 0.4, 0.5),
    ("Hoogbouw tot acht verdiepingen is acceptabel aan de rand van het centrum.", 0.45, 0.8, 0.2),
    ("De gemeente moet leegstaande winkels ombouwen tot woningen.", 0.7, 0.6, 0.65),
    ("Buurthuizen moeten ook 's avonds en in het weekend open zijn.", 0.85, 0.55, 0.6),
    ("Inwoners moeten kunnen meebeslissen over een deel van de gemeentebegroting.", 0.9, 0.6, 0.65),
    ("Er komt een vast loket waar initiatiefnemers met al hun vragen terechtkunnen.", 0.9, 0.85, 0.8),
    ("Asfalt op schoolpleinen wordt vervangen door groen.", 0.95, 0.4, 0.65),
    ("De weekmarkt verhuist naar het nieuwe plein bij het station.", 0.5, 0.7, 0.25),
    ("Woningen voor ouderen moeten dicht bij winkels en de huisarts liggen.", 0.8, 0.75, 0.95),
    ("Evenementen in het park mogen tot middernacht doorgaan.", 0.6, 0.7, 0.15),
    ("De gemeente zegt binnen twee weken wat ze met een voorstel van inwoners doet.", 0.9, 0.9, 0.85),
    ("Er komen deelauto's in elke wijk.", 0.85, 0.35, 0.4),
    ("Nieuwbouwwijken krijgen geen gasaansluiting en wel een warmtenet.", 0.85, 0.45, 0.4),
    ("Eenzaamheid onder ouderen pakken we als buurt samen aan.", 0.9, 0.75, 0.9),
    ("De regels voor een buurtfeest of straatactiviteit moeten veel eenvoudiger.", 0.9, 0.9, 0.7),
    ("Er komt een veilige fietsroute naar elke basisschool.", 0.95, 0.7, 0.85),
    ("De toeristenbelasting gaat omhoog om de natuur te onderhouden.", 0.75, 0.2, 0.5),
    ("Huisartsen en wijkverpleging moeten in elke kern bereikbaar blijven.", 0.85, 0.8, 0.97),
    ("Volkstuinen en moestuinen krijgen een vaste plek in elke wijk.", 0.9, 0.5, 0.75),
    ("De N-weg om Lindeveen heen moet verbreed worden.", 0.1, 0.85, 0.5),
    ("Jongeren moeten in Lindeveen kunnen blijven wonen als ze het huis uit gaan.", 0.85, 0.9, 0.8),
    ("Statushouders wonen verspreid over alle wijken, niet geconcentreerd.", 0.8, 0.55, 0.6),
]

# Principles drafted from the most broadly agreed statements (matched on a phrase in the statement).
PRINCIPLES = [
    (
        "Ontmoeten dichtbij",
        "In elke wijk is een plek waar buren elkaar vanzelf tegenkomen: een buurthuis, een bibliotheek, "
        "een sportveld dat openstaat. Ontmoeting is de basis voor zorg voor elkaar.",
        ["zonder afspraak ontmoeten", "Eenzaamheid onder ouderen"],
    ),
    (
        "Zorg en voorzieningen binnen bereik",
        "Wie ouder wordt of zorg nodig heeft, kan in de eigen kern blijven wonen, met de huisarts, "
        "wijkverpleging en winkels dichtbij en hulp uit de buurt.",
        ["langer thuis kunnen wonen", "Huisartsen en wijkverpleging"],
    ),
    (
        "De gemeente antwoordt snel en helpt op weg",
        "Wie iets wil betekenen voor de buurt, vindt één loket en krijgt binnen twee weken antwoord. "
        "Regels voor buurtactiviteiten zijn eenvoudig.",
        ["binnen twee weken", "vast loket", "buurtfeest"],
    ),
    (
        "Wonen voor elke generatie",
        "Jongeren en starters kunnen in Lindeveen blijven wonen; ouderen wonen dicht bij voorzieningen.",
        ["kunnen blijven wonen", "dicht bij winkels en de huisarts"],
    ),
    (
        "Veilig en gezond op weg",
        "Kinderen fietsen veilig naar school; de dorpen zijn verbonden met het centrum, ook zonder auto.",
        ["veilige fietsroute", "buurtbus"],
    ),
]


def _draw(rng, p_agree: float) -> int:
    roll = rng.random()
    if roll < 0.12:
        return 0  # some people pass on every kind of statement
    return 1 if rng.random() < p_agree else -1


def _decisions(ctx: DemoContext) -> list:
    """Public coaching decisions of Lindeveen, if the coaching app has seeded any."""
    try:
        from samenspel.coaching.models import Decision
    except ImportError:  # pragma: no cover
        return []
    return list(
        Decision.objects.public()
        .filter(initiative__municipality=ctx.municipality)
        .select_related("initiative")
        .order_by("decided_at", "pk")[:4]
    )


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    now = timezone.now()
    admin = ctx.accounts.get("admin")
    process = services.process_create(
        municipality=ctx.municipality,
        title="Lindeveen 2035",
        slug="lindeveen-2035",
        question="Hoe willen we in 2035 samenleven in Lindeveen?",
        introduction=(
            "Samen schrijven we de toekomstvisie van Lindeveen. Stem op de stellingen van uw buren en voeg "
            "er zelf een toe. De eerste versie van de visie is vastgesteld; wat u nu inbrengt, neemt de "
            "gemeenteraad mee in de volgende versie."
        ),
        gather_start=now - dt.timedelta(days=120),
        gather_end=now + dt.timedelta(days=45),
        draft_end=now + dt.timedelta(days=120),
        moderation=VisionProcess.Moderation.POST,
    )
    authors = ctx.residents or [admin]
    statements = []
    for i, (text, *_p) in enumerate(STATEMENTS):
        statements.append(
            Statement(
                process=process,
                text=text,
                normalized=selectors.normalize(text),
                author=authors[i % len(authors)],
                created=now - dt.timedelta(days=118 - i * 2),
            )
        )
    Statement.objects.bulk_create(statements)

    # ~150 participants: the demo residents with an account, the rest anonymous by cookie.
    camps = ["A"] * 60 + ["B"] * 50 + ["C"] * 40
    rng.shuffle(camps)
    participants = []
    for i, _camp in enumerate(camps):
        user = ctx.residents[i] if i < len(ctx.residents) else None
        participants.append(Participant(process=process, user=user, key=uuid.uuid4()))
    Participant.objects.bulk_create(participants)
    column = {"A": 1, "B": 2, "C": 3}
    votes = []
    for participant, camp in zip(participants, camps, strict=True):
        seen = rng.sample(range(len(STATEMENTS)), rng.randint(9, len(STATEMENTS)))
        for j in seen:
            when = now - dt.timedelta(days=rng.randint(1, 100), minutes=rng.randint(0, 600))
            value = _draw(rng, STATEMENTS[j][column[camp]])
            votes.append(
                Vote(statement=statements[j], participant=participant, value=value, created=when, updated=when)
            )
    Vote.objects.bulk_create(votes, batch_size=1000)
    # One hidden statement shows moderation with a public reason.
    hidden = Statement.objects.create(
        process=process,
        text="Die mensen van de woningcorporatie doen toch nooit iets, stelletje zakkenvullers.",
        normalized="die mensen van de woningcorporatie doen toch nooit iets stelletje zakkenvullers",
        created=now - dt.timedelta(days=30),
    )
    services.statement_moderate(
        statement=hidden,
        moderator=ctx.accounts.get("moderator"),
        publish=False,
        reason="Scheldt mensen uit; herformuleer het als stelling over de woningcorporatie.",
    )
    services.opinion_map_compute(process=process)

    version = services.vision_version_start(process=process, created_by=admin)
    version.summary = (
        "Lindeveen in 2035: een gemeente waar buren elkaar kennen, waar je oud kunt worden in je eigen kern "
        "en waar de gemeente inwoners die iets willen snel op weg helpt."
    )
    version.save(update_fields=["summary"])
    by_text = {s.text: s for s in statements}
    for title, explanation, phrases in PRINCIPLES:
        sources = [next(s for t, s in by_text.items() if phrase in t) for phrase in phrases]
        services.principle_create(
            version=version, title=title, explanation=explanation, statements=sources, created_by=admin
        )
    services.vision_publish(version=version, endorse_until=timezone.localdate(), published_by=admin)
    services.vision_adopt(
        version=version, raadsbesluit="Raadsbesluit 2026-41", adopted_by=admin, adopted_at=now - dt.timedelta(days=20)
    )
    # A few endorsements and comments from the endorsement period.
    principles = list(version.principles.all())
    from samenspel.comments.services import comment_create

    from .models import Endorsement

    for user in ctx.residents[:18]:
        for principle in rng.sample(principles, rng.randint(1, 3)):
            Endorsement.objects.get_or_create(principle=principle, user=user)
    if ctx.residents:
        comment_create(
            subject=principles[0],
            author=ctx.residents[0],
            text="Mooi, maar zorg dat het buurthuis in De Linde ook na 17.00 uur open is.",
        )
        comment_create(
            subject=principles[2],
            author=ctx.residents[1],
            text="Twee weken is prima, als het dan ook echt een antwoord is en geen ontvangstbevestiging.",
        )

    coach = ctx.accounts.get("coach")
    verdicts = ["contributes", "contributes", "neutral", "contributes", "conflicts"]
    for n, decision in enumerate(_decisions(ctx)):
        lines = [
            (
                p,
                verdicts[(n + k) % len(verdicts)],
                {
                    "contributes": f"Dit besluit helpt ‘{p.title.lower()}’ direct verder.",
                    "neutral": "Dit besluit raakt dit uitgangspunt niet.",
                    "conflicts": "Dit besluit staat op gespannen voet met dit uitgangspunt; zie de onderbouwing.",
                }[verdicts[(n + k) % len(verdicts)]],
            )
            for k, p in enumerate(principles)
        ]
        services.assessment_create(
            decision=decision,
            vision_version=version,
            lines=lines,
            assessed_by=coach,
            summary="Getoetst aan de vastgestelde toekomstvisie Lindeveen 2035.",
        )
