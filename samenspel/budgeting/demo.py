"""Demo burgerbegroting for Lindeveen: a counted 2025 round in implementation and 2026 open for voting.

Plans and ballots are written directly (the phases they belong to lie in the past);
counting, publishing and follow-up go through the services, so the audit trail and
notifications look as they would in real use.
"""

from datetime import timedelta

from django.utils import timezone

from samenspel.core.demo import DemoContext

from . import services
from .models import Ballot, BudgetRound, Plan, PlanStatus, PlanSupport, VotingCode
from .phases import Phase
from .secrecy import code_ballot_key

# title, cost, wijk index, description, feasibility (None = feasible, else the public reason)
PLANS_2026 = [
    ("Nieuwe speeltuin Zuiderpark", 58_000, 0, "Klimrek, schommels en een zandbak met schaduw, ontworpen met kinderen van De Regenboog.", None),
    ("Bankjes langs de Veenkade", 9_500, 1, "Acht bankjes met leuning, om de 150 meter, zodat ouderen de hele kade kunnen lopen.", None),
    ("Moestuin De Linde", 14_000, 2, "Twaalf moestuinbakken achter het buurthuis, met een waterpunt en een gereedschapskist.", None),
    ("Watertappunt bij het sportpark", 6_500, 3, "Een openbaar drinkwaterpunt bij de ingang van sportpark Veenhoven.", None),
    ("Jongerenhonk in de Molenwijk", 45_000, 4, "Een verbouwde container als ontmoetingsplek voor jongeren, beheerd door het jongerenwerk.", None),
    ("Buurtkoelkast Oosterhof", 5_000, 5, "Een koelkast bij de bibliotheek waar iedereen eten in zet en uit haalt.", None),
    ("Verlichting fietspad Lindelaan", 38_000, 6, "Ledlampen op bewegingsmelders langs het donkere stuk fietspad naar de middelbare school.", None),
    ("Pluktuin bij de Kerkstraat", 12_500, 7, "Fruitbomen en bessenstruiken op het braakliggende veldje, vrij te plukken.", None),
    ("Beweegtuin voor ouderen", 27_000, 8, "Zes toestellen om balans en kracht te oefenen, bij het woonzorgcentrum.", None),
    ("Tiny forest Hoge Veld", 22_000, 0, "Een minibos van 250 m² met inheemse soorten, geplant met de basisschool.", None),
    ("Muurschildering tunnel Stationsweg", 11_000, 1, "Een kleurrijke schildering door lokale kunstenaars en jongeren, tegen graffiti en donkerte.", None),
    ("Deelbakfietsen voor de Molenwijk", 16_000, 4, "Drie elektrische bakfietsen die buren via een app kunnen reserveren.", None),
    ("Kunstgrasveld Zuiderpark", 60_000, 0, "Een kunstgrasveld voor pannavoetbal naast de speeltuin.",
     "Niet haalbaar: op deze plek ligt een waterleiding die bereikbaar moet blijven; een veld van deze omvang past alleen op het sportpark."),
    ("Hondenuitlaatveld Veenkade", 8_000, 1, "Een omheind veld waar honden los mogen lopen.",
     "Niet haalbaar: het veld ligt in de beschermde oeverzone van de Veenkade. Met de indiener zoeken we een plek in de Molenwijk."),
    ("Extra parkeerplaatsen Kerkstraat", 35_000, 7, "Twintig extra parkeerplaatsen op het grasveld.",
     "Niet haalbaar: parkeren valt onder het parkeerbeleid en niet onder de burgerbegroting; het plan is doorgestuurd naar de afdeling Mobiliteit."),
]  # fmt: skip

PLANS_2025 = [
    ("Speelbos De Linde", 42_000, 2, "Boomstammen, een wilgenhut en een modderkeuken in het bosje achter de school."),
    (
        "Bloemrijke bermen Lindeveen-Noord",
        9_000,
        3,
        "Maaibeleid omzetten naar bloemrijke bermen, met inzaai door buurtbewoners.",
    ),
    (
        "AED's voor drie buurten",
        12_000,
        5,
        "Drie AED's in een buitenkast, met een reanimatiecursus voor veertig buren.",
    ),
    (
        "Buurtkamer in de oude bibliotheek",
        55_000,
        6,
        "Een huiskamer voor de buurt, open op vijf dagen, met vrijwilligers.",
    ),
    ("Zebrapad bij De Regenboog", 18_000, 0, "Een verhoogd zebrapad met verlichting bij de basisschool."),
    ("Skatebaan Molenwijk", 60_000, 4, "Een kleine betonnen skatebaan met een bowl."),
    ("Picknickplek bij de plas", 7_500, 8, "Vier picknicktafels en een vuurkorf bij de zwemplas."),
    ("Repair café-gereedschap", 5_500, 7, "Gereedschap en een werkbank voor het maandelijkse repair café."),
    ("Geveltuintjes Oosterhof", 8_500, 5, "Geveltuintjes voor zestig huizen, met planten en advies."),
    ("Zonnepanelen op het buurthuis", 38_000, 2, "Panelen op het dak; de besparing gaat naar de activiteiten."),
]

UPDATES = [
    ("in_progress", "De eerste boomstammen liggen er", "De gemeente heeft de stammen geleverd; de wilgenhut planten we in maart met de kinderen van groep 6."),
    ("done", "Alle drie de AED's hangen", "De kasten hangen bij de bakker, de sporthal en het buurthuis. Veertig buren volgden de cursus."),
    ("delayed", "Zebrapad later dan gepland", "De aannemer kan pas na de zomervakantie; de verlichting komt tegelijk met het zebrapad."),
]  # fmt: skip


def _point(ctx: DemoContext, index: int) -> tuple[float | None, float | None, object]:
    neighbourhood = ctx.neighbourhoods[index % len(ctx.neighbourhoods)] if ctx.neighbourhoods else None
    centre = neighbourhood.centre if neighbourhood is not None else None
    if not centre:
        return None, None, neighbourhood
    lat, lon = centre
    return lat + ctx.rng.uniform(-0.001, 0.001), lon + ctx.rng.uniform(-0.001, 0.001), neighbourhood


def _plans(ctx, budget_round, rows, status_of):
    plans = []
    residents = ctx.residents or [ctx.accounts["resident"]]
    for number, row in enumerate(rows):
        title, cost, area, description = row[:4]
        lat, lon, neighbourhood = _point(ctx, area)
        status, reason = status_of(row)
        plans.append(
            Plan.objects.create(
                budget_round=budget_round,
                title=title,
                description=description,
                cost=cost,
                location=neighbourhood.name if neighbourhood else "",
                lat=lat,
                lon=lon,
                neighbourhood=neighbourhood,
                author=residents[number % len(residents)],
                status=status,
                feasibility_reason=reason,
            )
        )
    return plans


def _ballots(ctx, budget_round, plans, voters: int, key_prefix: str):
    """Simulated voters: each likes a few plans (popular ones more often), within budget."""
    weights = [ctx.rng.uniform(0.2, 1.0) for _ in plans]
    ballots, choices = [], []
    for n in range(voters):
        chosen, total = [], 0
        for plan, weight in sorted(zip(plans, weights, strict=True), key=lambda pw: -pw[1] * ctx.rng.random()):
            if ctx.rng.random() < weight * 0.6 and total + plan.final_cost <= budget_round.budget:
                chosen.append(plan)
                total += plan.final_cost
        ballots.append(Ballot(budget_round=budget_round, voter_key=f"{key_prefix}{n}"))
        choices.append(chosen)
    ballots = Ballot.objects.bulk_create(ballots)
    through = Ballot.plans.through
    through.objects.bulk_create(
        [through(ballot_id=b.pk, plan_id=p.pk) for b, chosen in zip(ballots, choices, strict=True) for p in chosen]
    )


def seed(ctx: DemoContext) -> None:
    municipality = ctx.municipality
    admin = ctx.accounts["admin"]
    coach = ctx.accounts.get("coach", admin)
    now = timezone.now()

    # 2025: voted, counted by Method of Equal Shares, now being carried out.
    past = BudgetRound.objects.create(
        municipality=municipality,
        title="Lindeveen Begroot 2025",
        slug="begroot-2025",
        description="De eerste burgerbegroting van Lindeveen: € 200.000 voor plannen van inwoners.",
        budget=200_000,
        min_plan_cost=5_000,
        max_plan_cost=60_000,
        rule="mes",
        voter_mode="codes",
        submission_start=now - timedelta(days=420),
        feasibility_start=now - timedelta(days=360),
        voting_start=now - timedelta(days=300),
        voting_end=now - timedelta(days=279),
        # Counting is allowed in the result phase only: open it for the count, then move on.
        implementation_start=now + timedelta(days=1),
    )
    plans_2025 = _plans(
        ctx, past, PLANS_2025, lambda row: (PlanStatus.FEASIBLE, "Haalbaar; de kosten zijn nagerekend.")
    )
    for plan in plans_2025[:4]:
        for resident in ctx.residents[:6]:
            PlanSupport.objects.get_or_create(plan=plan, user=resident)
    _ballots(ctx, past, plans_2025, 280, "c:demo2025-")
    result = services.round_count(budget_round=past, actor=admin)
    services.result_publish(result=result, actor=admin)
    past = services.round_phase_move(budget_round=past, actor=admin, phase=Phase.IMPLEMENTATION)
    funded = {row.plan_id for row in result.rows.filter(funded=True)}
    by_title = {p.title: p for p in plans_2025}
    for title, (status, update_title, body) in zip(
        ["Speelbos De Linde", "AED's voor drie buurten", "Zebrapad bij De Regenboog"], UPDATES, strict=True
    ):
        plan = by_title[title]
        if plan.pk in funded:
            plan.budget_round = past
            services.plan_update_post(plan=plan, actor=coach, status=status, title=update_title, body=body)

    # 2026: fifteen plans, twelve on the ballot, voting open with ~300 ballots cast.
    current = BudgetRound.objects.create(
        municipality=municipality,
        title="Lindeveen Begroot 2026",
        slug="begroot-2026",
        description="Wat maakt uw buurt mooier, veiliger of gezelliger? Inwoners verdelen samen € 250.000.",
        budget=250_000,
        min_plan_cost=5_000,
        max_plan_cost=60_000,
        min_supports=0,
        rule="mes+greedy",
        voter_mode="codes",
        submission_start=now - timedelta(days=150),
        feasibility_start=now - timedelta(days=90),
        voting_start=now - timedelta(days=10),
        voting_end=now + timedelta(days=18),
        implementation_start=now + timedelta(days=60),
    )
    plans_2026 = _plans(
        ctx,
        current,
        PLANS_2026,
        lambda row: (
            (PlanStatus.FEASIBLE, "Haalbaar; de gemeente heeft de kosten nagerekend.")
            if row[4] is None
            else (PlanStatus.NOT_FEASIBLE, row[4])
        ),
    )
    for plan in plans_2026:
        for resident in ctx.rng.sample(ctx.residents, k=min(len(ctx.residents), ctx.rng.randint(2, 12))):
            PlanSupport.objects.get_or_create(plan=plan, user=resident)
    on_ballot = [p for p in plans_2026 if p.status == PlanStatus.FEASIBLE]
    _batch, codes = services.code_batch_create(budget_round=current, actor=admin, count=400)
    used = list(VotingCode.objects.filter(budget_round=current).order_by("pk")[:300])
    ballots = Ballot.objects.bulk_create(
        [
            Ballot(
                budget_round=current, voter_key=code_ballot_key(budget_round_id=current.pk, code_hash=code.code_hash)
            )
            for code in used
        ]
    )
    VotingCode.objects.filter(pk__in=[c.pk for c in used]).update(used_at=now - timedelta(days=3))
    weights = {p.pk: ctx.rng.uniform(0.15, 0.9) for p in on_ballot}
    through = Ballot.plans.through
    rows = []
    for ballot in ballots:
        total = 0
        for plan in ctx.rng.sample(on_ballot, k=len(on_ballot)):
            if ctx.rng.random() < weights[plan.pk] and total + plan.final_cost <= current.budget:
                rows.append(through(ballot_id=ballot.pk, plan_id=plan.pk))
                total += plan.final_cost
    through.objects.bulk_create(rows)
    # The last code is unused: printed so the demo can vote with it.
    print(f"Burgerbegroting 2026, stemcode voor de demo: {codes[-1]}")
