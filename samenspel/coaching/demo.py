"""Demo data for the coaching desk: coaches, decisions along each history, notes, agreements, rule obstacles."""

import datetime

from django.utils import timezone

from samenspel.accounts.services import user_create
from samenspel.audit.services import audit_record
from samenspel.core.demo import DEMO_PASSWORD, DemoContext
from samenspel.initiatives.models import Initiative, Status
from samenspel.municipalities.models import Role
from samenspel.municipalities.services import membership_grant

from .models import Agreement, CoachNote, Decision, ExperimentSpace, Outcome, Rule, RuleObstacle

# How each initiative got where it is now, from "aangemeld".
PATHS = {
    Status.IN_CONVERSATION: [Status.IN_CONVERSATION],
    Status.COACHED: [Status.IN_CONVERSATION, Status.COACHED],
    Status.REALISED: [Status.IN_CONVERSATION, Status.COACHED, Status.REALISED],
    Status.SCALED_UP: [Status.IN_CONVERSATION, Status.COACHED, Status.SCALED_UP],
    Status.STOPPED: [Status.IN_CONVERSATION, Status.STOPPED],
}

REASONS = {
    Status.IN_CONVERSATION: [
        "Kennismakingsgesprek gepland met de initiatiefnemers. We verkennen samen wat er nodig is en wie er in de wijk al mee bezig is.",
        "Het idee sluit aan bij wat bewoners in de wijkagenda vroegen. We gaan in gesprek over plek, planning en geld.",
        "Een sterk plan met veel steun uit de buurt. Eerst een gesprek over de vergunningen en de rol van de gemeente.",
    ],
    Status.COACHED: [
        "Het team heeft een plan van aanpak en een begroting. De gemeente begeleidt vanaf nu met een vaste coach en maakt afspraken over de volgende stappen.",
        "Na twee gesprekken is duidelijk wat het initiatief van de gemeente nodig heeft: hulp bij de vergunning en een contactpersoon bij het wijkteam.",
        "De buurt steunt het plan breed en de eigenaar van de grond werkt mee. We starten de begeleiding.",
    ],
    Status.REALISED: [
        "Het initiatief draait zelfstandig: er is een vaste groep vrijwilligers en de financiering voor het komende jaar is rond.",
        "De opening was een succes. De gemeente sluit de begeleiding af; het team kan altijd weer aankloppen.",
    ],
    Status.SCALED_UP: [
        "De aanpak werkt en andere wijken willen hem overnemen. De gemeente helpt met een handleiding en een contactpersoon per wijk.",
        "Dit initiatief wordt onderdeel van het gemeentelijke programma, met een meerjarige afspraak over resultaatfinanciering.",
    ],
    Status.STOPPED: [
        "Het team heeft besloten te stoppen: te weinig vrijwilligers om het vol te houden. De gemeente bedankt iedereen voor de inzet; de kennis bewaren we.",
        "Op de gekozen plek kan het plan niet doorgaan en een andere plek is niet gevonden. Het team stopt voorlopig.",
    ],
}

NOTES = [
    "Initiatiefnemer is erg gedreven, maar trekt alles alleen. Aandacht voor een bredere trekkersgroep.",
    "Wethouder is enthousiast; let op dat we geen verwachtingen over geld wekken voordat de subsidie rond is.",
    "Contact gelegd met de woningcorporatie over de ruimte. Zij willen eerst de verzekering geregeld zien.",
    "Spanning in de buurt over geluidsoverlast; tijdens het volgende gesprek bespreken hoe het team buren betrekt.",
    "Past mogelijk in de pilot Wijkgericht Werken. Navragen bij het programmateam.",
]

AGREEMENTS = [
    (Agreement.Party.TEAM, "Begroting en dekkingsplan aanleveren"),
    (Agreement.Party.MUNICIPALITY, "Uitzoeken welke vergunning nodig is en dat terugkoppelen"),
    (Agreement.Party.TEAM, "Buren informeren met een brief en een inloopavond"),
    (Agreement.Party.MUNICIPALITY, "Contact leggen met de wijkagent en het wijkteam"),
    (Agreement.Party.TEAM, "Verzekering voor vrijwilligers regelen"),
    (Agreement.Party.MUNICIPALITY, "Offerte voor materialen beoordelen"),
]

RULES = {
    "evenement": (
        "Evenementenvergunning ook voor kleine buurtactiviteiten",
        "art. 2:25 APV Lindeveen 2024",
    ),
    "omgevingsplan": (
        "Omgevingsplan: geen moestuin of voedselbos op gronden met functie ‘Groen’",
        "art. 4.12 Omgevingsplan Lindeveen",
    ),
    "rechtspersoon": (
        "Subsidie alleen voor rechtspersonen (stichting of vereniging)",
        "art. 3 lid 1 Subsidieregeling Wijkinitiatieven Lindeveen 2023",
    ),
    "inkoop": (
        "Inkoopregels: drie offertes en een raamcontract boven € 5.000",
        "par. 4.2 Inkoop- en aanbestedingsbeleid Lindeveen 2022",
    ),
    "parkeren": (
        "Parkeernorm van 1,5 plaats per woning, ook bij kleine woonvormen en deelauto’s",
        "art. 2 Nota Parkeernormen Lindeveen 2021",
    ),
}

# (initiative title, rule, what it blocks, proposal, outcome, outcome reasoning)
OBSTACLES = [
    (
        "Buurtmoestuin Achter De Linde",
        "omgevingsplan",
        "Het braakliggende terrein achter het buurthuis heeft de functie ‘Groen’; moestuinbakken en een schuurtje passen daar niet in.",
        "Tijdelijk gebruik als moestuin toestaan zolang er geen bouwplannen zijn.",
        Outcome.PENDING,
        "",
    ),
    (
        "Voedselbos Bergakker",
        "omgevingsplan",
        "Een voedselbos met fruitbomen op de strook langs de Bergweg past niet in de functie ‘Groen – waterberging’.",
        "Een afwijking voor tien jaar met een beplantingsplan dat water vasthoudt.",
        Outcome.REJECTED,
        "De strook is nodig voor waterberging bij hevige regen; bomen met diepe wortels beschadigen de drainage. De gemeente helpt zoeken naar een andere plek.",
    ),
    (
        "Vertelcafé Bergakker",
        "evenement",
        "Voor elke vertelavond in de open lucht was een evenementenvergunning nodig, met acht weken behandeltijd.",
        "Kleine buurtactiviteiten tot 250 bezoekers alleen laten melden.",
        Outcome.CHANGED,
        "De raad heeft de APV aangepast: buurtactiviteiten tot 250 bezoekers, zonder versterkte muziek en voor 23.00 uur, zijn voortaan meldingsplichtig in plaats van vergunningplichtig.",
    ),
    (
        "Lokale markt Molenwijk",
        "evenement",
        "De maandelijkse markt bij de molen telt elke keer als nieuw evenement, met leges per keer.",
        "Eén vergunning voor een jaar met vaste data.",
        Outcome.EXPERIMENT,
        "Een jaar lang één melding voor alle marktdagen. Na afloop evalueren we met de buurt en de ondernemers.",
    ),
    (
        "Repair Café Centrum",
        "rechtspersoon",
        "Het Repair Café is een groep vrijwilligers zonder stichting en kan daardoor geen wijksubsidie aanvragen.",
        "Subsidie via een fiscale sponsor of rechtstreeks aan een groep van minstens drie inwoners.",
        Outcome.EXPERIMENT,
        "Proef: groepen van minstens drie inwoners kunnen tot € 2.500 aanvragen, met een bewijs van besteding achteraf.",
    ),
    (
        "Huiskamer van Oosterhei",
        "rechtspersoon",
        "De huiskamer wordt gedragen door bewoners van het zorgcentrum en hun buren, zonder vereniging.",
        "Dezelfde proef als bij het Repair Café.",
        Outcome.EXPERIMENT,
        "Het initiatief valt onder de proef met subsidie aan groepen inwoners.",
    ),
    (
        "Taalcafé Molenwijk",
        "rechtspersoon",
        "De vrijwilligers willen materiaal voor de taallessen kopen, maar zijn geen stichting.",
        "",
        Outcome.PENDING,
        "",
    ),
    (
        "Buurtwerkplaats Molenwijk",
        "inkoop",
        "De gemeente wil gereedschap huren bij de werkplaats, maar die staat niet in het raamcontract en kan geen drie offertes naast zich leggen.",
        "Een uitzondering voor maatschappelijke partners tot € 15.000.",
        Outcome.PENDING,
        "",
    ),
    (
        "Klussendienst Westerbos",
        "inkoop",
        "De klussendienst kan geen opdrachten van de gemeente aannemen omdat klein onderhoud via één aannemer loopt.",
        "Klussen tot € 500 rechtstreeks laten uitvoeren door buurtinitiatieven.",
        Outcome.PENDING,
        "",
    ),
    (
        "Tiny houses Het Veen",
        "parkeren",
        "Voor twaalf tiny houses eist de parkeernorm achttien parkeerplaatsen op een terrein waar ook de tuin moet komen.",
        "Een norm van 0,5 met twee deelauto’s.",
        Outcome.EXPERIMENT,
        "Vijf jaar een parkeernorm van 0,5 per woning, mits er twee deelauto’s staan. Na drie jaar meten we de parkeerdruk in de straat.",
    ),
    (
        "Deelauto's Dorrestein",
        "parkeren",
        "Deelauto’s mogen geen vaste plek op straat krijgen zonder dat de parkeernorm voor de buurt omlaag gaat.",
        "Vaste plekken voor deelauto’s laten meetellen als 3 gewone plaatsen.",
        Outcome.PENDING,
        "",
    ),
]


def _coaches(ctx: DemoContext):
    marieke = ctx.accounts["coach"]
    colleague = user_create(email="coach2@lindeveen.test", password=DEMO_PASSWORD, display_name="Ahmed Bakker")
    membership_grant(municipality=ctx.municipality, user=colleague, role=Role.RESIDENT)
    membership_grant(municipality=ctx.municipality, user=colleague, role=Role.COACH)
    ctx.accounts["coach2"] = colleague
    return marieke, colleague


def _decide(initiative, *, kind, title, reasoning, by, at, from_status="", to_status="", action):
    decision = Decision.objects.create(
        initiative=initiative,
        kind=kind,
        title=title,
        reasoning=reasoning,
        decided_by=by,
        decided_at=at,
        from_status=from_status,
        to_status=to_status,
    )
    audit_record(
        municipality=initiative.municipality,
        actor=by,
        action=action,
        summary=f"{title} — “{initiative.title}”",
        target=initiative,
        reason=reasoning,
        data={"decision": decision.pk, "demo": True},
    )
    return decision


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    now = timezone.now()
    today = timezone.localdate()
    marieke, colleague = _coaches(ctx)
    admin = ctx.accounts["admin"]
    initiatives = list(Initiative.objects.filter(municipality=ctx.municipality).order_by("submitted_at", "pk"))

    # The intake: a few fresh ones and three that wait longer than promised.
    waiting = [i for i in initiatives if i.status == Status.SUBMITTED]
    for position, initiative in enumerate(waiting):
        days_ago = [1, 2, 3, 14, 21, 35][position % 6]
        Initiative.objects.filter(pk=initiative.pk).update(
            submitted_at=now - datetime.timedelta(days=days_ago, hours=position)
        )

    notes, agreements = [], []
    for index, initiative in enumerate(initiatives):
        if initiative.status == Status.SUBMITTED:
            continue
        coach = marieke if index % 3 != 2 else colleague
        start = initiative.first_response_at or initiative.submitted_at + datetime.timedelta(days=2)
        Initiative.objects.filter(pk=initiative.pk).update(coach=coach, first_response_at=start)
        _decide(
            initiative,
            kind=Decision.Kind.ASSIGNMENT,
            title=f"Coach toegewezen: {coach.display_name}",
            reasoning=f"{coach.display_name} is het vaste aanspreekpunt bij de gemeente voor dit initiatief.",
            by=coach,
            at=start,
            action="coaching.assign",
        )
        steps = PATHS[initiative.status]
        span = max(now - start, datetime.timedelta(days=1))
        previous = Status.SUBMITTED
        for number, step in enumerate(steps):
            at = start + span * number / len(steps)
            _decide(
                initiative,
                kind=Decision.Kind.STATUS,
                title=f"Status: {Status(step).label}",
                reasoning=rng.choice(REASONS[step]),
                by=coach,
                at=at,
                from_status=previous,
                to_status=step,
                action="coaching.status",
            )
            previous = step
        if initiative.status in (Status.IN_CONVERSATION, Status.COACHED):
            notes.append(
                CoachNote(
                    initiative=initiative,
                    author=coach,
                    text=NOTES[index % len(NOTES)],
                    created=start + datetime.timedelta(days=1),
                )
            )
            for offset in range(2 if initiative.status == Status.IN_CONVERSATION else 3):
                party, what = AGREEMENTS[(index + offset) % len(AGREEMENTS)]
                # Spread over the past and the coming weeks: some done, some overdue, some still to come.
                due = today + datetime.timedelta(days=(index * 5 + offset * 9) % 40 - 15)
                status = Agreement.Status.DONE if due < today and (index + offset) % 2 else Agreement.Status.OPEN
                agreements.append(
                    Agreement(
                        initiative=initiative,
                        party=party,
                        description=what,
                        due_date=due,
                        status=status,
                        is_public=offset != 2,
                        created_by=coach,
                        created=start,
                    )
                )
    CoachNote.objects.bulk_create(notes)
    Agreement.objects.bulk_create(agreements)

    rules = {}
    for key, (title, reference) in RULES.items():
        rules[key] = Rule.objects.create(
            municipality=ctx.municipality,
            title=title,
            reference=reference,
            url=f"https://lokaleregelgeving.overheid.nl/zoeken?q={reference.replace(' ', '+')}",
        )
    by_title = {i.title: i for i in initiatives}
    for title, rule_key, blocks, proposal, outcome, reasoning in OBSTACLES:
        initiative = by_title.get(title)
        if initiative is None:
            continue
        initiative.refresh_from_db()
        recorded = (initiative.first_response_at or now) + datetime.timedelta(days=7)
        obstacle = RuleObstacle.objects.create(
            rule=rules[rule_key],
            initiative=initiative,
            blocks=blocks,
            proposal=proposal,
            recorded_by=initiative.coach,
            recorded_at=min(recorded, now),
        )
        if outcome == Outcome.PENDING:
            continue
        decided_at = min(recorded + datetime.timedelta(days=30), now)
        obstacle.outcome = outcome
        obstacle.outcome_reasoning = reasoning
        obstacle.decided_by = admin
        obstacle.decided_at = decided_at
        if outcome == Outcome.CHANGED:
            obstacle.change_reference = "Raadsbesluit 2025-031, wijziging art. 2:25 APV Lindeveen"
        obstacle.save()
        if outcome == Outcome.EXPERIMENT:
            begin = timezone.localdate(decided_at)
            ExperimentSpace.objects.create(
                obstacle=obstacle,
                scope=f"Alleen voor “{initiative.title}” op de huidige plek.",
                start_date=begin,
                end_date=begin + datetime.timedelta(days=365),
                evaluation_date=begin + datetime.timedelta(days=395),
                conditions="Het team meldt wijzigingen vooraf bij de coach en deelt de resultaten bij de evaluatie.",
            )
        prefix = {
            Outcome.EXPERIMENT: "Experimenteerruimte",
            Outcome.CHANGED: "Regel aangepast",
            Outcome.REJECTED: "Geen uitzondering op",
        }[outcome]
        _decide(
            initiative,
            kind=Decision.Kind.OBSTACLE,
            title=f"{prefix}: {rules[rule_key].title}",
            reasoning=reasoning,
            by=admin,
            at=decided_at,
            action="coaching.obstacle_outcome",
        )
