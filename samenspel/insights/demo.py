"""Two years of history in Lindeveen, so the signals have trends, seasons and an emerging topic.

Runs after every other seeder (core/demo.py SEEDERS). It adds backdated rows through the other
apps' models: residents in every wijk (more in some, hardly any in Het Veen and Molenwijk, the
silent ones), initiatives with their supports, joiners, needs and offers, first responses and
status decisions, agreements, a first vision round in spring 2025 with statements and votes.
Activity follows the seasons (quiet in the summer holidays and around Christmas, busy in spring
and autumn); in summer 2026 residents start writing about heat stress and shade: the emerging
topic. Finally the topics of the last year are found and the 2025 report is generated and
published, as the admin would. Deterministic: one seeded Random (ctx.rng).
"""

import datetime
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from samenspel.core.demo import DemoContext

# Relative willingness to take part per wijk: the silent ones are rarely heard.
WILLINGNESS = {
    "Westerbos": 1.0,
    "Zuiderpark": 1.1,
    "Dorrestein": 1.3,
    "Het Veen": 0.12,
    "Centrum": 1.2,
    "De Linde": 0.9,
    "Bergakker": 1.0,
    "Molenwijk": 0.15,
    "Oosterhei": 0.8,
}
# Activity per month (1 = January): busy in spring and autumn, quiet in the holidays.
SEASON = {1: 0.8, 2: 0.9, 3: 1.2, 4: 1.3, 5: 1.2, 6: 1.0, 7: 0.6, 8: 0.5, 9: 1.2, 10: 1.3, 11: 1.1, 12: 0.6}

FIRST_NAMES = [
    "Anna",
    "Bas",
    "Cor",
    "Dina",
    "Eef",
    "Fenna",
    "Gijs",
    "Hiba",
    "Ivo",
    "Jet",
    "Koen",
    "Lieke",
    "Milan",
    "Noor",
    "Otto",
    "Pien",
    "Quinten",
    "Roos",
    "Sem",
    "Tess",
    "Umut",
    "Vera",
    "Wout",
    "Xander",
    "Yusuf",
    "Zoë",
]
LAST_NAMES = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de",
    "Vries",
    "van",
    "den",
    "Berg",
    "Mulder",
    "de",
    "Jong",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Yıldız",
    "El",
    "Idrissi",
]

# (theme slug, title, pitch, story) — ordinary initiatives of a town through the year.
EVERYDAY = [
    (
        "groen",
        "Geveltuinen in de {street}",
        "Tegels eruit, planten erin langs de gevels.",
        "Buren willen samen geveltuinen aanleggen en onderhouden; we vragen tegels wippen en plantgoed.",
    ),
    (
        "groen",
        "Pluktuin bij {place}",
        "Een kleine pluktuin waar iedereen mag oogsten.",
        "Met fruitstruiken en kruiden maken we van een grasveld een pluktuin voor de buurt.",
    ),
    (
        "energie",
        "Energiecafé {place}",
        "Buren helpen buren met energie besparen.",
        "Elke maand een energiecafé: radiatorfolie, tochtstrips en advies over isolatie en zonnepanelen.",
    ),
    (
        "energie",
        "Zonnedak op {place}",
        "Samen zonnepanelen op een groot dak.",
        "Een coöperatie voor zonnepanelen op het dak, zodat ook huurders meedoen aan de energietransitie.",
    ),
    (
        "zorg-en-welzijn",
        "Koffieochtend voor ouderen in {place}",
        "Elke week koffie, een praatje en de krant.",
        "Eenzaamheid onder ouderen tegengaan met een vaste koffieochtend en vrijwilligers die ophalen.",
    ),
    (
        "jeugd",
        "Huiswerkklas in {place}",
        "Studenten helpen kinderen met huiswerk.",
        "Twee middagen per week huiswerkbegeleiding door studenten en gepensioneerde leraren.",
    ),
    (
        "jeugd",
        "Speelstraat {street}",
        "Op woensdagmiddag de straat dicht om te spelen.",
        "Kinderen spelen veilig buiten; buren zetten de straat af en regelen de vergunning.",
    ),
    (
        "sport",
        "Buurtvoetbal op het veldje bij {place}",
        "Elke zaterdag voetbal voor alle leeftijden.",
        "Een trainer uit de buurt, ballen en doeltjes, en een veld dat beter onderhouden moet worden.",
    ),
    (
        "cultuur",
        "Zomerconcert op {place}",
        "Muziek van buurtbewoners voor buurtbewoners.",
        "Een podium, een geluidsinstallatie en een vergunning voor een middag muziek in de wijk.",
    ),
    (
        "veiligheid",
        "Buurtpreventie {place}",
        "Samen letten we op de buurt.",
        "Een appgroep, avondrondes en betere verlichting op donkere plekken.",
    ),
    (
        "mobiliteit",
        "Deelbakfiets voor {place}",
        "Een bakfiets die de hele buurt kan lenen.",
        "Met een deelbakfiets doen buren boodschappen en brengen ze kinderen zonder auto.",
    ),
    (
        "wonen",
        "Samen klussen in {place}",
        "Handige buren helpen bij kleine klussen.",
        "Een klussenploeg voor ouderen en mensen die het zelf niet kunnen betalen.",
    ),
    (
        "economie",
        "Repair café {place}",
        "Spullen repareren in plaats van weggooien.",
        "Vrijwilligers repareren kleding, fietsen en apparaten; we zoeken gereedschap en een ruimte.",
    ),
]
# The emerging topic of summer 2026: heat stress and shade.
HEAT = [
    (
        "groen",
        "Schaduwbomen voor het schoolplein van {place}",
        "Meer schaduw waar kinderen spelen tijdens hitte.",
        "Het schoolplein wordt bij hitte te heet; bomen en schaduwdoeken geven koelte en schaduw.",
    ),
    (
        "zorg-en-welzijn",
        "Koele plek voor ouderen in {place}",
        "Een koele ruimte tijdens hittegolven.",
        "Tijdens de hittegolf zitten ouderen in warme flats; we openen een koele plek met water en schaduw.",
    ),
    (
        "groen",
        "Waterpunt en schaduw in {place}",
        "Drinkwater en schaduw tegen hittestress.",
        "Een watertappunt en schaduwdoeken bij het plein, want de hitte in de versteende buurt is zwaar.",
    ),
    (
        "groen",
        "Hittebelteam {street}",
        "Buren bellen kwetsbare buren bij hitte.",
        "Bij hitte bellen we ouderen: drinken ze genoeg water, is hun woning koel genoeg, is er schaduw?",
    ),
    (
        "wonen",
        "Tegels eruit tegen de hitte in {place}",
        "Minder steen, meer groen en koelte.",
        "De versteende straat houdt de hitte vast; met groen en bomen wordt het koeler en komt er schaduw.",
    ),
]
HEAT_UPDATES = [
    "Tijdens de hittegolf kwamen veertig ouderen naar de koele plek; we hadden water en schaduw genoeg.",
    "De schaduwdoeken hangen: het schoolplein is bij hitte tien graden koeler.",
    "Het hittebelteam belde dertig buren tijdens de hitte; iedereen kreeg water en tips om koel te blijven.",
    "We zoeken nog bomen voor schaduw; de hitte op het plein blijft een zorg.",
]
STREETS = [
    "Lindelaan",
    "Molenstraat",
    "Heiderand",
    "Kerkstraat",
    "Parkweg",
    "Veenweg",
    "Akkerlaan",
    "Stationsstraat",
    "Dorpsstraat",
]
PLACES = {
    "Westerbos": "de winkelstrip",
    "Zuiderpark": "het stadspark",
    "Dorrestein": "De Regenboog",
    "Het Veen": "de Veenhoeve",
    "Centrum": "de markt",
    "De Linde": "buurthuis De Linde",
    "Bergakker": "de volkstuinen",
    "Molenwijk": "molen De Hoop",
    "Oosterhei": "zorgcentrum Heidezicht",
}
VISION_STATEMENTS = [
    "Lindeveen moet in 2040 een autoluw centrum hebben.",
    "Nieuwe woningen moeten eerst naar jongeren uit Lindeveen gaan.",
    "Elke wijk verdient een eigen buurthuis.",
    "De heide moet beschermd blijven, ook als dat woningbouw kost.",
    "Er moeten meer bomen komen in de versteende wijken.",
    "Ouderen moeten langer thuis kunnen wonen met hulp uit de buurt.",
    "Het station moet een fietsenstalling met toezicht krijgen.",
    "Zonnepanelen horen op daken, niet op landbouwgrond.",
    "Kinderen moeten veilig naar school kunnen fietsen.",
    "Het bedrijventerrein mag niet groter worden.",
    "De markt moet ook op zaterdag zijn.",
    "Sportverenigingen moeten hun velden delen met de buurt.",
]


@contextmanager
def _backdating(*fields):
    """Let bulk_create keep given creation times: auto_now_add would overwrite them with now."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f, _was in saved:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, was in saved:
            f.auto_now_add = was


def _moment(day: datetime.date, rng) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 21), rng.randint(0, 59))))


def seed(ctx: DemoContext) -> None:
    if ctx.municipality is None:
        return
    from samenspel.marketplace.tasks import matching_paused

    with matching_paused():
        history = _history(ctx)
    _topics_and_report(ctx, history)


def _history(ctx: DemoContext) -> dict:
    from samenspel.accounts.models import User
    from samenspel.coaching.models import Agreement, Decision
    from samenspel.initiatives.models import Initiative, Status, Support, TeamMember, Update
    from samenspel.marketplace.models import Category, Need, Offer
    from samenspel.municipalities.models import Membership, Role

    rng = ctx.rng
    municipality = ctx.municipality
    today = timezone.localdate()
    start = today - datetime.timedelta(days=2 * 365 + 14)
    areas = list(ctx.neighbourhoods)

    # Residents: about 1 in 40 inhabitants has an account, weighted by willingness.
    password = make_password(None)
    users = []
    for area in areas:
        n = round((area.population or 3000) / 40 * WILLINGNESS.get(area.name, 1.0))
        for i in range(n):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            users.append(
                User(
                    email=f"bewoner-{area.slug}-{i}@lindeveen.test",
                    display_name=f"{first} {last}",
                    neighbourhood=area,
                    password=password,
                    date_joined=_moment(start + datetime.timedelta(days=rng.randint(0, 200)), rng),
                )
            )
    User.objects.bulk_create(users, batch_size=500)
    users = list(User.objects.filter(email__startswith="bewoner-", email__endswith="@lindeveen.test"))
    Membership.objects.bulk_create(
        [Membership(user=u, municipality=municipality, role=Role.RESIDENT) for u in users],
        batch_size=500,
        ignore_conflicts=True,
    )
    by_area = {}
    for user in users:
        by_area.setdefault(user.neighbourhood_id, []).append(user)

    def weekly_count(day: datetime.date, base: float) -> int:
        return max(0, round(base * SEASON[day.month] * rng.uniform(0.6, 1.4)))

    # Initiatives: one to three a week, more in busy months; heat and shade in summer 2026.
    initiatives = []
    coach = ctx.accounts.get("coach")
    day = start
    number = 0
    while day < today - datetime.timedelta(days=7):
        heat_season = day.year == today.year and 6 <= day.month <= 8 or (day.year == today.year - 1 and day.month == 7)
        count = weekly_count(day, 1.6) + (rng.randint(2, 3) if heat_season and day.year == today.year else 0)
        for _ in range(count):
            area = rng.choices(areas, weights=[(a.population or 1) * WILLINGNESS.get(a.name, 1) for a in areas])[0]
            pool = by_area.get(area.pk) or users
            heat = heat_season and rng.random() < (0.75 if day.year == today.year else 0.2)
            theme, title, pitch, story = rng.choice(HEAT if heat else EVERYDAY)
            number += 1
            fill = {"street": rng.choice(STREETS), "place": PLACES.get(area.name, area.name)}
            submitted = _moment(day + datetime.timedelta(days=rng.randint(0, 6)), rng)
            initiative = Initiative(
                municipality=municipality,
                title=title.format(**fill)[:120],
                slug=f"geschiedenis-{number}",
                pitch=pitch,
                story=story,
                neighbourhood=area,
                initiator=rng.choice(pool),
                coach=coach,
                lat=area.centre[0] if area.centre else None,
                lon=area.centre[1] if area.centre else None,
            )
            initiative._submitted, initiative._theme, initiative._heat = submitted, theme, heat
            initiatives.append(initiative)
        day += datetime.timedelta(days=7)
    Initiative.objects.bulk_create(initiatives, batch_size=200)
    saved = {i.slug: i for i in Initiative.objects.filter(municipality=municipality, slug__startswith="geschiedenis-")}
    for initiative in initiatives:
        stored = saved[initiative.slug]
        stored._submitted, stored._theme, stored._heat = initiative._submitted, initiative._theme, initiative._heat
    initiatives = list(saved.values())

    # Status, first response and decisions: most answered within the promised 5 working days.
    decisions, agreements, team = [], [], []
    ages_ago = {}
    for initiative in initiatives:
        submitted = initiative._submitted
        age = (timezone.now() - submitted).days
        ages_ago[initiative.pk] = age
        late = rng.random() < (0.22 if submitted.year < today.year else 0.12)
        wait = datetime.timedelta(days=rng.randint(8, 20) if late else rng.randint(1, 6), hours=rng.randint(0, 8))
        answered = submitted + wait if submitted + wait < timezone.now() else None
        status = Status.SUBMITTED
        moments = []
        if answered:
            status = Status.IN_CONVERSATION
            moments.append((Status.SUBMITTED, Status.IN_CONVERSATION, answered))
            coached = answered + datetime.timedelta(days=rng.randint(10, 45))
            if coached < timezone.now() and rng.random() < 0.8:
                status = Status.COACHED
                moments.append((Status.IN_CONVERSATION, Status.COACHED, coached))
                finished = coached + datetime.timedelta(days=rng.randint(40, 200))
                if finished < timezone.now() and rng.random() < 0.7:
                    end = Status.REALISED if rng.random() < 0.8 else Status.STOPPED
                    status = end
                    moments.append((Status.COACHED, end, finished))
        Initiative.objects.filter(pk=initiative.pk).update(
            submitted_at=submitted, first_response_at=answered, status=status
        )
        for from_status, to_status, when in moments:
            decisions.append(
                Decision(
                    initiative=initiative,
                    kind=Decision.Kind.STATUS,
                    from_status=from_status,
                    to_status=to_status,
                    title=f"Status: {Status(to_status).label}",
                    reasoning=rng.choice(
                        [
                            "Na een goed gesprek met het team gaan we samen verder.",
                            "Het plan past bij de wijk en er is steun van de buren.",
                            "De vergunning is rond en de eerste activiteit is geweest.",
                            "Het team stopt; wat ze leerden delen we met de buurt.",
                        ]
                    ),
                    decided_by=coach,
                    decided_at=when,
                )
            )
        if len(moments) >= 2:
            for k in range(rng.randint(1, 3)):
                due = (moments[1][2] + datetime.timedelta(days=rng.randint(14, 90))).date()
                state = Agreement.Status.OPEN
                if due < today:
                    state = (
                        Agreement.Status.DONE
                        if rng.random() < 0.8
                        else (Agreement.Status.MISSED if rng.random() < 0.6 else Agreement.Status.OPEN)
                    )
                agreements.append(
                    Agreement(
                        initiative=initiative,
                        party=Agreement.Party.MUNICIPALITY if k == 0 else Agreement.Party.TEAM,
                        description=rng.choice(
                            [
                                "Vergunning aanvragen",
                                "Materiaal bestellen",
                                "Kennismaking met de buren",
                                "Eerste evaluatie",
                            ]
                        ),
                        due_date=due,
                        status=state,
                        created_by=coach,
                        created=moments[1][2],
                    )
                )
        team.append(
            TeamMember(
                initiative=initiative,
                user=initiative.initiator,
                email=initiative.initiator.email,
                role=TeamMember.Role.INITIATOR,
                accepted_at=initiative._submitted,
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=500)
    Agreement.objects.bulk_create(agreements, batch_size=500)
    TeamMember.objects.bulk_create(team, batch_size=500, ignore_conflicts=True)
    themes = ctx.themes or {t.slug: t for t in municipality.themes.all()}
    Initiative.themes.through.objects.bulk_create(
        [
            Initiative.themes.through(initiative_id=i.pk, theme_id=themes[i._theme].pk)
            for i in initiatives
            if i._theme in themes
        ],
        ignore_conflicts=True,
    )

    # Supports and joiners: mostly from the initiative's own wijk, in the weeks after it started.
    supports = []
    seen = set()
    for initiative in initiatives:
        pool = by_area.get(initiative.neighbourhood_id) or users
        wanted = rng.randint(3, 25) + (10 if initiative._heat else 0)
        for _ in range(wanted):
            user = rng.choice(pool) if rng.random() < 0.8 else rng.choice(users)
            kind = Support.Kind.JOIN if rng.random() < 0.2 else Support.Kind.SUPPORT
            if (initiative.pk, user.pk, kind) in seen:
                continue
            seen.add((initiative.pk, user.pk, kind))
            when = initiative._submitted + datetime.timedelta(days=rng.expovariate(1 / 12))
            if when >= timezone.now():
                continue
            supports.append(Support(initiative=initiative, user=user, kind=kind, created=when))
    with _backdating(Support._meta.get_field("created")):
        Support.objects.bulk_create(supports, batch_size=1000)

    # Needs and offers: volunteers, space and money asked; knowledge and materials offered.
    needs, offers = [], []
    for initiative in initiatives:
        if rng.random() < 0.6:
            created = initiative._submitted + datetime.timedelta(days=rng.randint(1, 20))
            if created < timezone.now():
                category = rng.choice(
                    [Category.VOLUNTEERS, Category.SPACE, Category.MATERIALS, Category.PERMIT, Category.KNOWLEDGE]
                )
                met = created < timezone.now() - datetime.timedelta(days=60) and rng.random() < 0.6
                needs.append(
                    Need(
                        municipality=municipality,
                        initiative=initiative,
                        neighbourhood_id=initiative.neighbourhood_id,
                        category=category,
                        title=f"{Category(category).label.capitalize()} voor {initiative.title}"[:120],
                        description="Wie helpt ons verder? " + initiative.pitch,
                        status="met" if met else "open",
                        created_by=initiative.initiator,
                        created=created,
                    )
                )
        if rng.random() < 0.25:
            created = initiative._submitted + datetime.timedelta(days=rng.randint(1, 30))
            if created < timezone.now():
                offers.append(
                    Offer(
                        municipality=municipality,
                        initiative=initiative,
                        neighbourhood_id=initiative.neighbourhood_id,
                        category=Category.KNOWLEDGE,
                        title=f"Ervaring van {initiative.title}"[:120],
                        description="We delen graag wat we leerden met andere initiatieven.",
                        created_by=initiative.initiator,
                        created=created,
                    )
                )
    with _backdating(Need._meta.get_field("created"), Offer._meta.get_field("created")):
        Need.objects.bulk_create(needs, batch_size=500)
        Offer.objects.bulk_create(offers, batch_size=500)

    # News from the heat initiatives in summer 2026: words residents wrote about heat and shade.
    updates = []
    for initiative in initiatives:
        if initiative._heat and initiative._submitted.year == today.year:
            when = initiative._submitted + datetime.timedelta(days=rng.randint(5, 30))
            if when < timezone.now():
                updates.append(
                    Update(
                        initiative=initiative,
                        author=initiative.initiator,
                        title="Nieuws over de hitte",
                        body=rng.choice(HEAT_UPDATES),
                        created=when,
                    )
                )
    with _backdating(Update._meta.get_field("created")):
        Update.objects.bulk_create(updates)

    _vision_round(ctx, users, rng)
    return {"initiatives": len(initiatives), "supports": len(supports), "users": len(users)}


def _vision_round(ctx: DemoContext, users: list, rng) -> None:
    """The first vision round, in spring 2025: closed, with statements and votes from the wijken."""
    from samenspel.vision.models import Participant, Statement, VisionProcess, Vote
    from samenspel.vision.text import normalize

    year = timezone.localdate().year - 1
    tz = timezone.get_current_timezone()
    process = VisionProcess.objects.create(
        municipality=ctx.municipality,
        title=f"Lindeveen 2040: eerste ronde ({year})",
        slug=f"lindeveen-2040-eerste-ronde-{year}",
        question="Wat moet er in Lindeveen anders, en wat moet vooral blijven?",
        introduction="De eerste ronde voor de omgevingsvisie: stellingen van inwoners, en wie het ermee eens is.",
        gather_start=datetime.datetime(year, 3, 3, 9, tzinfo=tz),
        gather_end=datetime.datetime(year, 5, 30, 17, tzinfo=tz),
        draft_end=datetime.datetime(year, 7, 4, 17, tzinfo=tz),
        created=datetime.datetime(year, 2, 20, 9, tzinfo=tz),
    )
    voters = rng.sample(users, min(len(users), 320))
    participants = [
        Participant(
            process=process,
            user=user,
            created=datetime.datetime(year, 3, 3, 9, tzinfo=tz) + datetime.timedelta(days=rng.randint(0, 85)),
        )
        for user in voters
    ]
    Participant.objects.bulk_create(participants)
    participants = list(Participant.objects.filter(process=process))
    statements = []
    for index, text in enumerate(VISION_STATEMENTS):
        author = participants[index * 7 % len(participants)]
        statements.append(
            Statement(
                process=process,
                text=text,
                normalized=normalize(text),
                author=author.user,
                participant=author,
                created=author.created,
            )
        )
    Statement.objects.bulk_create(statements)
    statements = list(Statement.objects.filter(process=process))
    votes = []
    for participant in participants:
        for statement in rng.sample(statements, rng.randint(4, len(statements))):
            when = max(participant.created, statement.created) + datetime.timedelta(hours=rng.randint(1, 200))
            votes.append(
                Vote(
                    statement=statement,
                    participant=participant,
                    value=rng.choice([1, 1, -1, 0]),
                    created=when,
                    updated=when,
                )
            )
    Vote.objects.bulk_create(votes, batch_size=1000)


def _topics_and_report(ctx: DemoContext, history: dict) -> None:
    """The topics of the last year, and the 2025 report generated and published by the admin."""
    from .jobs import report_generate, topics_compute
    from .models import ParticipationReport, TopicRun
    from .periods import default_period
    from .services import report_publish

    # The summer the heat topic emerged (a year up to 31 August), then the last year.
    summer = datetime.date(timezone.localdate().year, 8, 31)
    periods = [(summer - datetime.timedelta(weeks=52) + datetime.timedelta(days=1), summer)]
    if summer < timezone.localdate():
        periods.append(default_period())
    for start, end in periods:
        run = TopicRun.objects.create(municipality=ctx.municipality, period_start=start, period_end=end)
        topics_compute(run=run)
    admin = ctx.accounts.get("admin")
    year = timezone.localdate().year - 1
    report = ParticipationReport.objects.create(municipality=ctx.municipality, year=year, requested_by=admin)
    report = report_generate(report=report)
    report_publish(report=report, user=admin)
