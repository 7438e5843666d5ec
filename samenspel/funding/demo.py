"""Demo data of result funding (see samenspel/core/demo.py): agreements in every state in Lindeveen.

Made through the services, so the counters, events, audit trail and notifications are as in
life: a draft, two running agreements (one waiting for the coach's review, one with a held
tranche and its reason), one waiting for its settlement and one settled with a repayment;
where the budget round and the buurtrechten have one, a funded plan and a granted request too.
"""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from samenspel.initiatives.models import Initiative

from . import selectors, services
from .models import TrancheKind

# title of the initiative -> (name, purpose, amount, [(result, indicator, target, evidence)], state)
AGREEMENTS = [
    (
        "Speeltuin De Wilgen opknappen",
        "Nieuwe speeltoestellen, door de kinderen gekozen",
        "De gemeente betaalt de toestellen die de kinderen van De Wilgen hebben gekozen; ouders bouwen mee op de bouwdag.",
        "18500.00",
        [
            (
                "Vier nieuwe toestellen staan en zijn goedgekeurd",
                "aantal goedgekeurde toestellen",
                4,
                "keuringsrapport en foto's",
            ),
            ("Ouders bouwen mee op de bouwdag", "aantal ouders op de bouwdag", 15, "presentielijst van de bouwdag"),
        ],
        "draft",
    ),
    (
        "Buurtmoestuin Achter De Linde",
        "Moestuin Achter De Linde: twintig bakken en een vaste tuinploeg",
        "Geld voor bakken, grond, gereedschap en een composthoek. De oogst gaat naar de deelnemers en de voedselbank.",
        "6000.00",
        [
            (
                "Twintig moestuinbakken in gebruik",
                "aantal bakken met een vaste tuinier",
                20,
                "foto's van de bakken en de lijst van tuiniers",
            ),
            (
                "Groente voor de voedselbank",
                "kilo groente geleverd aan de voedselbank",
                150,
                "afleverbonnen van de voedselbank",
            ),
        ],
        "reported",
    ),
    (
        "Buurtbus Oosterhei",
        "Buurtbus Oosterhei: vervoer voor ouderen op werkdagen",
        "Een bijdrage aan de lease van de elektrische bus, tegen ritten voor ouderen naar de huisarts, de markt en het station.",
        "9000.00",
        [
            ("Vaste dienstregeling op werkdagen", "aantal ritten per kwartaal", 300, "ritregistratie per kwartaal"),
            ("Twaalf vaste chauffeurs", "aantal chauffeurs met een rooster", 12, "het rooster van de chauffeurs"),
        ],
        "held",
    ),
    (
        "Repair Café Centrum",
        "Repair Café Centrum: een jaar repareren",
        "Gereedschap, onderdelen en zaalhuur voor twaalf reparatiemiddagen.",
        "4500.00",
        [("Twaalf reparatiemiddagen", "aantal middagen", 12, "aankondigingen en foto's van de middagen")],
        "final_report",
    ),
    (
        "Taalcafé Molenwijk",
        "Taalcafé Molenwijk: taalmaatjes op dinsdagavond",
        "Koffie, lesmateriaal en een training voor de taalmaatjes.",
        "3000.00",
        [("Veertig deelnemers die het hele seizoen meedoen", "aantal vaste deelnemers", 40, "presentielijsten")],
        "settled",
    ),
]


def _photo(rng) -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 320), (88, 140, 72))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        for col in range(5):
            x, y = 20 + col * 92, 20 + row * 74
            shade = 90 + rng.randrange(60)
            draw.rectangle([x, y, x + 80, y + 60], fill=(120, shade, 60), outline=(70, 50, 30), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "lijst.pdf", b"%PDF-1.4\n% presentielijst (demo)\n%%EOF\n", content_type="application/pdf"
    )


def _make(ctx, *, source: dict, title, purpose, amount, results, coach, today):
    agreement = services.agreement_create(
        municipality=ctx.municipality,
        title=title,
        purpose=purpose,
        amount=Decimal(amount),
        end_date=today + datetime.timedelta(days=300),
        created_by=coach,
        **source,
    )
    made = [
        services.result_add(
            agreement=agreement,
            description=description,
            indicator=indicator,
            target=target,
            evidence_required=evidence,
            actor=coach,
        )
        for description, indicator, target, evidence in results
    ]
    total = Decimal(amount)
    advance = (total * Decimal("0.3")).quantize(Decimal("1"))
    services.tranche_add(
        agreement=agreement,
        kind=TrancheKind.ADVANCE,
        label="Voorschot bij de start",
        amount=advance,
        due_date=today + datetime.timedelta(days=7),
        actor=coach,
    )
    rest = total - advance
    for number, result in enumerate(made, start=1):
        share = rest if number == len(made) else (rest / len(made)).quantize(Decimal("1"))
        rest -= share
        services.tranche_add(
            agreement=agreement,
            kind=TrancheKind.RESULT,
            label=f"Bij resultaat: {result.description[:120]}",
            amount=share,
            due_date=today + datetime.timedelta(days=60 * number + 30),
            result=result,
            actor=coach,
        )
    return agreement


def seed(ctx) -> None:
    rng = ctx.rng
    today = datetime.date.today()
    admin = ctx.accounts["admin"]
    by_title = {i.title: i for i in Initiative.objects.filter(municipality=ctx.municipality).select_related("coach")}
    for initiative_title, title, purpose, amount, results, state in AGREEMENTS:
        initiative = by_title.get(initiative_title)
        if initiative is None:
            continue
        coach = initiative.coach or ctx.accounts["coach"]
        team_user = initiative.initiator
        agreement = _make(
            ctx,
            source={"initiative": initiative},
            title=title,
            purpose=purpose,
            amount=amount,
            results=results,
            coach=coach,
            today=today,
        )
        if state == "draft":
            continue
        services.agreement_grant(
            agreement=agreement,
            reason="Het plan past in de wijkagenda en het team heeft laten zien dat het dit kan dragen. "
            "De resultaten zijn samen met het team vastgesteld.",
            granted_by=coach,
        )
        tranches = list(agreement.tranches.order_by("position"))
        services.tranche_release(
            tranche=tranches[0], reason="Voorschot bij de start, zoals afgesproken in de verlening.", released_by=admin
        )
        first_result = agreement.results.order_by("position").first()
        report = services.report_submit(
            result=first_result,
            measured_value=Decimal(first_result.target) + rng.randrange(0, 4),
            story="Het loopt: elke week komen dezelfde mensen terug en er sluiten nieuwe buren aan. "
            "De foto's en de lijst laten zien hoe het er nu bij staat.",
            files=[_photo(rng), _pdf()],
            submitted_by=team_user,
        )
        if state == "reported":
            continue  # the report waits for the coach's review
        services.report_review(
            report=report, accept=True, note="De lijst en de foto's laten het resultaat zien.", reviewed_by=coach
        )
        if state == "held":
            services.tranche_hold(
                tranche=tranches[1],
                reason="De ritregistratie over het eerste kwartaal ontbreekt nog. Zodra die er is, geven we de "
                "termijn vrij.",
                held_by=admin,
            )
            continue
        services.tranche_release(
            tranche=tranches[1], reason="Resultaat gehaald volgens het goedgekeurde verslag.", released_by=admin
        )
        services.final_report_submit(
            agreement=agreement,
            report="Het seizoen is rond. Wat goed ging: een vaste groep die elke week terugkwam. "
            "Wat beter kan: meer jongeren bereiken. Het geld ging op aan materiaal en zaalhuur.",
            spent_amount=(agreement.amount * Decimal("0.88")).quantize(Decimal("0.01")),
            submitted_by=team_user,
        )
        if state == "final_report":
            continue
        services.agreement_settle(
            agreement=agreement,
            settled_amount=agreement.spent_amount,
            reason="Vastgesteld op de bestede kosten volgens het eindverslag en de bonnen; "
            "wat meer is uitbetaald dan besteed, betaalt het team terug.",
            settled_by=admin,
        )
    _other_sources(ctx, admin=admin, today=today)


def _other_sources(ctx, *, admin, today) -> None:
    """A funded budget plan and a granted buurtrecht request, where the demo has them."""
    coach = ctx.accounts["coach"]
    plan = selectors.funded_plans(municipality=ctx.municipality).first()
    if plan is not None:
        agreement = _make(
            ctx,
            source={"plan": plan},
            title=f"Uitvoering: {plan.title}"[:160],
            purpose="Het plan is gekozen in de burgerbegroting. De gemeente betaalt in termijnen tegen de afgesproken resultaten.",
            amount=f"{plan.final_cost}.00",
            results=[("Het plan is uitgevoerd", "opgeleverd (1 = ja)", 1, "foto's van het resultaat en de facturen")],
            coach=coach,
            today=today,
        )
        services.agreement_grant(
            agreement=agreement, reason="Gekozen door de inwoners in de burgerbegroting.", granted_by=coach
        )
    request = selectors.granted_requests(municipality=ctx.municipality).first()
    if request is not None:
        _make(
            ctx,
            source={"right_request": request},
            title=f"Buurtrecht: {request.title}"[:160],
            purpose="Het budget uit het toegekende verzoek, in termijnen tegen de afgesproken resultaten.",
            amount=str(request.budget_asked or Decimal("10000.00")),
            results=[("De taak wordt een jaar lang uitgevoerd", "maanden uitgevoerd", 12, "kwartaalverslagen")],
            coach=coach,
            today=today,
        )
