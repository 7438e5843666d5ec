"""Demo data of the buurtrechten: both municipalities' ordinances, and requests in Lindeveen in
every state of the three rights (one with a missed term, one waiting for more information).

Requests are made through the services, as a person would, and then moved back in time by
rewriting their dates relative to today, so the terms on every page are realistic whenever the
demo is built.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from samenspel.comments.models import Comment

from . import services
from .defaults import CRITERIA
from .models import (
    CriterionScore,
    Extension,
    Hearing,
    Outcome,
    RightAgreement,
    RightRequest,
    State,
    Support,
    Suspension,
    Verdict,
)

P = {
    "linde": {
        "task": "Beheer en programmering van buurthuis De Linde: openen en sluiten, verhuur van zalen, "
        "schoonmaak en klein onderhoud, en het activiteitenprogramma voor jong en oud.",
        "better": "Het huis is nu drie dagen per week open. Met vrijwilligers uit de wijk kan het vijf dagen en "
        "twee avonden open, voor minder geld: de stichting betaalt geen overhead van een welzijnsinstelling.",
        "experience": "De stichting organiseert sinds 2014 de activiteiten in het buurthuis. In het bestuur zitten "
        "een oud-facilitair manager en een penningmeester met tien jaar ervaring bij de voedselbank.",
        "support": "214 bewoners tekenden de oproep; de huurdersvereniging De Linde en Woonstichting Lindeveen "
        "steunen het plan schriftelijk.",
        "costs": "Beheer, schoonmaak en energie: € 52.000 per jaar (nu besteedt de gemeente € 61.500). "
        "Een begroting per post is bijgevoegd.",
        "cooperation": "De gemeente blijft eigenaar en doet het groot onderhoud; wij vragen hulp bij de "
        "verzekering en een vast contactpersoon.",
        "continuity": "Een bestuur van vijf, een vrijwilligerscoördinator voor 16 uur per week, een reserve van "
        "tien procent en elk halfjaar een openbaar verslag.",
    },
    "zuiderpark": {
        "task": "Het groenonderhoud van het Zuiderpark: maaien, snoeien, bladruimen en het bijhouden van de "
        "vijverranden, nu uitbesteed aan een hovenier.",
        "better": "Bewoners maaien gefaseerd en laten bloemrijke randen staan, wat beter is voor insecten; "
        "zwerfafval ruimen ze meteen op.",
        "experience": "De groep onderhoudt sinds 2021 de buurtmoestuin en de boomspiegels aan de Parklaan.",
        "support": "Het wijkpanel Zuiderpark steunt het plan; 96 bewoners tekenden.",
        "costs": "€ 31.000 per jaar voor materiaal, een tractor op huurbasis en een verzekering.",
        "cooperation": "Opleiding in veilig werken met machines en afspraken met de boomverzorger van de gemeente.",
        "continuity": "Een vaste kern van twaalf vrijwilligers en een contract met een hovenier als achtervang.",
    },
    "school": {
        "task": "Een bod op het lege schoolgebouw De Wieken aan de Molenweg, voor huur voor tien jaar.",
        "function": "Zorgcoöperatie Molenwijk wil er dagbesteding, een huiskamer voor ouderen en twee "
        "logeerkamers voor mantelzorgers maken.",
        "experience": "De coöperatie heeft 340 leden en biedt sinds 2019 hulp bij het huishouden en vervoer.",
        "support": "De wijkraad Molenwijk en de huisartsenpraktijk aan het Stationsplein steunen het bod.",
        "costs": "Huur € 2.400 per maand; verbouwing € 180.000 uit een lening van het Lindeveens Fonds.",
        "continuity": "De coöperatie heeft een reserve van één jaar huur en een vaste coördinator.",
    },
    "plein": {
        "task": "Een nieuwe inrichting van het plein aan de Lindelaan, door en voor de buurt.",
        "design": "Zes bomen, bankjes in de schaduw, een jeu-de-boulesbaan, een waterpunt en acht parkeerplaatsen "
        "minder; getekend in drie buurtavonden met een landschapsarchitect.",
        "support": "Op de buurtavonden kwamen 87 bewoners; de winkeliers aan het plein steunen het ontwerp.",
        "costs": "Aanleg € 145.000; de buurt draagt € 12.000 bij uit eigen acties en sponsoring.",
        "cooperation": "De gemeente legt aan en onderhoudt; de buurt adopteert de plantvakken.",
    },
}


def _parts(*texts: str) -> dict:
    return {
        "task": texts[0],
        **dict(zip(["better", "experience", "support", "costs", "cooperation", "continuity"], texts[1:], strict=False)),
    }


def _make(ctx, key, *, submitter, title, group, neighbourhood, right="challenge", parts=None, budget=None):
    return services.request_save_draft(
        municipality=ctx.municipality,
        submitted_by=submitter,
        right=right,
        title=title,
        submitter_kind="residents",
        group_name=group,
        contact_email=submitter.email,
        contact_phone=f"06-{ctx.rng.randint(10000000, 99999999)}",
        parts=parts if parts is not None else P[key],
        neighbourhood=neighbourhood,
        budget_asked=budget,
    )


def _score(request, by, notes: dict | None = None, verdict=Verdict.MET):
    notes = notes or {}
    scores = {
        code: notes.get(code, (verdict, f"{CRITERIA[code]}: aangetoond in het verzoek."))
        for code in request.terms.criteria
    }
    services.criteria_score(request=request, scores=scores, assessed_by=by)


def _backdate(request, *, received: int, admissible: int | None = None, decided: int | None = None) -> None:
    """Move the request's dates to `received` days ago, with its later steps that many days after."""
    today = timezone.localdate()
    received_on = today - datetime.timedelta(days=received)
    fields = {"received_on": received_on}
    if admissible is not None:
        fields["admissible_on"] = received_on + datetime.timedelta(days=admissible)
    if decided is not None:
        fields["decided_on"] = received_on + datetime.timedelta(days=decided)
    RightRequest.objects.filter(pk=request.pk).update(**fields)


def _assess_against_vision(request, by) -> None:
    """The toetsing scorecard of the vision app, on the request, where the demo has an adopted vision."""
    from samenspel.vision import selectors as vision_selectors
    from samenspel.vision.services import assessment_create

    version = vision_selectors.adopted_version(municipality=request.municipality)
    if version is None:
        return
    lines = [
        (principle, "contributes", "Het buurthuis wordt van en door de buurt; dat is wat dit uitgangspunt vraagt.")
        if index == 0
        else (principle, "neutral", "")
        for index, principle in enumerate(version.principles.all())
    ]
    assessment_create(
        decision=request,
        vision_version=version,
        lines=lines,
        assessed_by=by,
        summary="Het verzoek past in de toekomstvisie: bewoners nemen zelf verantwoordelijkheid voor hun wijk.",
    )


def seed(ctx) -> None:
    coach, admin = ctx.accounts["coach"], ctx.accounts["admin"]
    today = timezone.localdate()
    services.ordinance_adopt(
        municipality=ctx.municipality,
        reference="Participatieverordening Lindeveen 2025",
        url="https://lokaleregelgeving.overheid.nl/",
        adopted_on=datetime.date(2024, 12, 12),
        in_force_from=datetime.date(2025, 1, 1),
        adopted_by=admin,
        allow_past=True,
    )
    # Heideborg grants the challenge and the neighbourhood plan, with a longer decision term.
    services.ordinance_adopt(
        municipality=ctx.other_municipality,
        reference="Participatieverordening Heideborg 2026",
        adopted_on=datetime.date(2025, 11, 27),
        in_force_from=datetime.date(2026, 1, 1),
        adopted_by=ctx.accounts.get("superuser") or admin,
        allow_past=True,
        rights={"challenge": {"decision_weeks": 12}, "neighbourhood_plan": {}},
    )
    hood = {n.name: n for n in ctx.neighbourhoods}
    people = ctx.residents
    initiator = ctx.accounts["initiator"]

    # 1. Granted, with its agreement: the residents' foundation runs community centre De Linde.
    linde = _make(
        ctx,
        "linde",
        submitter=initiator,
        title="Bewoners runnen buurthuis De Linde",
        group="Stichting Bewoners Buurthuis De Linde",
        neighbourhood=hood["De Linde"],
        budget=Decimal("52000.00"),
    )
    linde.co_submitters.add(people[5], people[9])
    services.request_submit(request=linde, submitted_by=initiator)
    services.request_assign_coach(request=linde, coach=coach, assigned_by=admin)
    services.admissibility_decide(request=linde, admissible=True, reasons="", decided_by=coach)
    for resident in people[:14]:
        Support.objects.create(request=linde, user=resident)
    services.assessment_start(request=linde, started_by=coach)
    _score(linde, coach, {"no_extra_cost": (Verdict.MET, "€ 52.000 tegen € 61.500 nu: € 9.500 per jaar minder.")})
    services.request_decide(
        request=linde,
        outcome=Outcome.GRANTED,
        reasons="De stichting is stevig geworteld in de wijk, doet het werk al jaren en kan het huis langer open "
        "houden voor minder geld. Het groot onderhoud blijft bij de gemeente. De toetsing aan de criteria en de "
        "steun uit de buurt (214 handtekeningen, 14 steunbetuigingen hier) geven de doorslag.",
        decided_by=admin,
    )
    services.agreement_create(
        request=linde,
        task="Beheer en programmering van buurthuis De Linde (openstelling, verhuur, schoonmaak, klein onderhoud).",
        expected_results="Vijf dagen en twee avonden per week open; 300 bezoeken per week; "
        "jaarlijks een tevredenheidsonderzoek onder bewoners.",
        budget=Decimal("52000.00"),
        starts_on=today,
        ends_on=today + datetime.timedelta(days=3 * 365),
        reporting="Halfjaarlijks een verslag met bezoekcijfers en financiën; de jaarrekening vóór 1 mei.",
        review_every_months=6,
        end_option="renewal",
        created_by=admin,
    )
    _assess_against_vision(linde, coach)
    _backdate(linde, received=150, admissible=12, decided=63)
    agreement = RightAgreement.objects.get(request=linde)
    RightAgreement.objects.filter(pk=agreement.pk).update(
        starts_on=today - datetime.timedelta(days=70), ends_on=today + datetime.timedelta(days=1025)
    )

    # 2. In assessment, and its decision term has run out: the red flag on the desk and in the register.
    park = _make(
        ctx,
        "zuiderpark",
        submitter=people[1],
        title="Groenonderhoud Zuiderpark door de buurt",
        group="Bewonersgroep Groen Zuiderpark",
        neighbourhood=hood["Zuiderpark"],
        budget=Decimal("31000.00"),
    )
    services.request_submit(request=park, submitted_by=people[1])
    services.admissibility_decide(request=park, admissible=True, reasons="", decided_by=coach)
    for resident in people[10:19]:
        Support.objects.create(request=park, user=resident)
    services.assessment_start(request=park, started_by=coach)
    _backdate(park, received=84, admissible=20)

    # 3. A bid, waiting for more information: the term stands still.
    school = _make(
        ctx,
        "school",
        submitter=people[12],
        right="bid",
        title="Zorgcoöperatie in de lege school De Wieken",
        group="Zorgcoöperatie Molenwijk U.A.",
        neighbourhood=hood["Molenwijk"],
        budget=None,
    )
    services.request_submit(request=school, submitted_by=people[12])
    services.request_assign_coach(request=school, coach=coach, assigned_by=admin)
    services.info_request(
        request=school,
        question="Wilt u de statuten van de coöperatie en de toezegging van het Lindeveens Fonds over de lening "
        "meesturen? Zonder die stukken kunnen we de ontvankelijkheid niet beoordelen.",
        asked_by=coach,
    )
    _backdate(school, received=16)
    Suspension.objects.filter(request=school).update(asked_on=today - datetime.timedelta(days=9))

    # 4. A neighbourhood plan in its public phase: residents support and comment.
    plein = _make(
        ctx,
        "plein",
        submitter=people[3],
        right="neighbourhood_plan",
        title="Buurtplan voor het Lindelaanplein",
        group="Buurtinitiatief Lindelaanplein",
        neighbourhood=hood["De Linde"],
        budget=Decimal("145000.00"),
    )
    services.request_submit(request=plein, submitted_by=people[3])
    services.info_request(
        request=plein, question="Kunt u de tekening van de landschapsarchitect toevoegen?", asked_by=coach
    )
    services.info_answer(
        request=plein,
        answer="De tekening en de verslagen van de drie buurtavonden zijn bijgevoegd.",
        answered_by=people[3],
    )
    services.admissibility_decide(request=plein, admissible=True, reasons="", decided_by=coach)
    for resident in people[4:11] + people[20:24]:
        Support.objects.create(request=plein, user=resident)
    _backdate(plein, received=30, admissible=19)
    Suspension.objects.filter(request=plein).update(
        asked_on=today - datetime.timedelta(days=25), answered_on=today - datetime.timedelta(days=18)
    )
    for author, text in [
        (people[6], "Eindelijk schaduw op het plein! Kunnen de bankjes ook een rugleuning krijgen voor ouderen?"),
        (
            people[21],
            "Acht parkeerplaatsen minder is veel voor de bewoners van de Lindelaan. Is er een plek in de "
            "Beukenstraat voor in de plaats?",
        ),
        (people[3], "Goede vraag: in het ontwerp komen er zes plaatsen bij aan de Beukenstraat."),
    ]:
        comment = Comment(target=plein, municipality=ctx.municipality, author=author, text=text)
        comment.full_clean()
        comment.save()

    # 5. Granted in part after a hearing, with an extension of the term.
    playground = _make(
        ctx,
        "",
        submitter=people[7],
        title="Speeltuin Westerbos zelf beheren",
        group="Speeltuinvereniging Westerbos",
        neighbourhood=hood["Westerbos"],
        parts=_parts(
            "Het beheer van de speeltuin aan de Bosrand en het onderhoud van de speeltoestellen.",
            "Ouders zijn er elke dag; kapotte toestellen worden dezelfde dag gemeld en afgezet.",
            "De vereniging bestaat sinds 1978 en beheert nu al het speeltuingebouw.",
            "De vereniging heeft 160 leden; de school aan de Bosrand steunt het plan.",
            "€ 14.000 per jaar voor onderhoud en keuringen.",
            "Wij vragen de gemeente de jaarlijkse veiligheidskeuring te blijven doen.",
            "Een vaste beheerder en een onderhoudscontract met een leverancier van toestellen.",
        ),
        budget=Decimal("14000.00"),
    )
    services.request_submit(request=playground, submitted_by=people[7])
    services.admissibility_decide(request=playground, admissible=True, reasons="", decided_by=coach)
    for resident in people[2:8]:
        Support.objects.create(request=playground, user=resident)
    services.assessment_start(request=playground, started_by=coach)
    services.term_extend(
        request=playground,
        weeks=3,
        reason="We wachten het advies van de speelruimte-inspecteur over de toestellen af.",
        decided_by=coach,
    )
    _score(
        playground,
        coach,
        {
            "plausible": (
                Verdict.PARTLY,
                "Het beheer is aannemelijk; het technisch onderhoud van de toestellen vraagt "
                "gecertificeerde vakmensen.",
            ),
        },
    )
    services.hearing_record(
        request=playground,
        held_on=today,
        summary="De vereniging begrijpt dat het technisch "
        "onderhoud bij de gemeente blijft en vraagt een vast aanspreekpunt.",
        recorded_by=coach,
    )
    services.request_decide(
        request=playground,
        outcome=Outcome.GRANTED_IN_PART,
        reasons="De vereniging krijgt het dagelijks beheer met € 8.000 per jaar. Het technisch onderhoud van de "
        "toestellen blijft bij de gemeente, omdat daarvoor gecertificeerde vakmensen nodig zijn.",
        decided_by=admin,
    )
    _backdate(playground, received=120, admissible=15, decided=88)
    Extension.objects.filter(request=playground).update(decided_on=today - datetime.timedelta(days=60))
    Hearing.objects.filter(request=playground).update(held_on=today - datetime.timedelta(days=40))

    # 6. A bid refused after a hearing.
    pumping = _make(
        ctx,
        "",
        submitter=people[15],
        right="bid",
        title="Buurtwerkplaats in het oude gemaal",
        group="Stichting Werkplaats Het Veen",
        neighbourhood=hood["Het Veen"],
        parts={
            "task": "Een bod op het oude gemaal aan de Veenweg, voor koop.",
            "function": "Een buurtwerkplaats met een repaircafé en een houtwerkplaats voor jongeren.",
            "experience": "Wij draaien sinds 2018 het repaircafé in de bibliotheek.",
            "support": "54 bewoners tekenden; de jongerenwerker steunt het plan.",
            "costs": "Wij bieden € 95.000; de verbouwing doen vrijwilligers.",
            "continuity": "Een bestuur van vier en afspraken met twee leerwerkbedrijven.",
        },
    )
    services.request_submit(request=pumping, submitted_by=people[15])
    services.admissibility_decide(request=pumping, admissible=True, reasons="", decided_by=coach)
    services.assessment_start(request=pumping, started_by=coach)
    _score(
        pumping,
        coach,
        {
            "procurement": (
                Verdict.NOT_MET,
                "Het gemaal is een rijksmonument; verkoop onder de taxatiewaarde van € 240.000 is staatssteun.",
            ),
            "plausible": (Verdict.PARTLY, "De verbouwing van een monument door vrijwilligers is niet aannemelijk."),
        },
    )
    services.hearing_record(
        request=pumping,
        held_on=today,
        summary="De stichting vraagt of huur wel kan. De gemeente zegt toe dat te onderzoeken.",
        recorded_by=coach,
    )
    services.request_decide(
        request=pumping,
        outcome=Outcome.REFUSED,
        reasons="Verkoop ver onder de taxatiewaarde mag niet (staatssteun), en de verbouwing van het monument "
        "vraagt vakmensen. De gemeente onderzoekt met de stichting of huur van een deel van het gemaal kan.",
        decided_by=admin,
    )
    _backdate(pumping, received=200, admissible=20, decided=75)
    Hearing.objects.filter(request=pumping).update(held_on=today - datetime.timedelta(days=135))

    # 7. Not admissible: the task runs under a contract until 2028.
    snow = _make(
        ctx,
        "",
        submitter=people[18],
        title="Sneeuwruimen van de fietspaden in Dorrestein",
        group="Fietsersbond afdeling Dorrestein",
        neighbourhood=hood["Dorrestein"],
        parts=_parts(
            "Het sneeuwruimen en strooien van de fietspaden in Dorrestein.",
            "Wij beginnen eerder dan de strooiwagens, omdat we in de wijk wonen.",
            "Leden van de afdeling hebben trekkers en een strooier van de boerderij.",
            "De afdeling heeft 80 leden in de wijk.",
            "€ 6.000 per winter voor brandstof, zout en een verzekering.",
            "Zout uit het depot van de gemeente en een kaart van de routes.",
            "Een rooster van vijftien leden.",
        ),
        budget=Decimal("6000.00"),
    )
    services.request_submit(request=snow, submitted_by=people[18])
    services.admissibility_decide(
        request=snow,
        admissible=False,
        reasons="De gladheidsbestrijding is tot 1 oktober 2028 aanbesteed aan één aannemer voor de hele gemeente. "
        "Tot dan kan de taak niet worden overgedragen; dien het verzoek gerust in het voorjaar van 2028 opnieuw in.",
        decided_by=coach,
    )
    _backdate(snow, received=60, decided=17)

    # 8. Just received: a new challenge, terms running.
    pool = _make(
        ctx,
        "",
        submitter=people[24],
        title="Zwemvereniging beheert de recreatietijden van het zwembad",
        group="Zwem- en Poloclub De Otter",
        neighbourhood=hood["Zuiderpark"],
        parts=_parts(
            "Het beheer van de recreatieve zwemtijden in het weekend in zwembad Zuiderpark.",
            "De club kan het bad op zondag openen, wat nu niet gebeurt, met eigen gediplomeerde badmeesters.",
            "De club heeft twaalf leden met een diploma Zwembadmedewerker.",
            "De ouderraad van twee basisscholen steunt het plan.",
            "€ 22.000 per jaar voor personeel en schoonmaak, uit de entreegelden.",
            "Wij vragen de gemeente het technisch beheer van het bad te blijven doen.",
            "Een rooster met twintig vrijwilligers en een vaste coördinator.",
        ),
        budget=Decimal("22000.00"),
    )
    services.request_submit(request=pool, submitted_by=people[24])
    _backdate(pool, received=3)

    # 9. A draft, seen only by its submitters.
    draft = _make(
        ctx,
        "",
        submitter=people[26],
        right="neighbourhood_plan",
        title="De volkstuinen van Bergakker open voor de buurt",
        group="Tuinders Bergakker",
        neighbourhood=hood["Bergakker"],
        parts={"task": "Een wandelpad door het volkstuinencomplex en een pluktuin voor de buurt."},
    )
    assert draft.state == State.DRAFT
    assert CriterionScore.objects.filter(request=linde).exists()
