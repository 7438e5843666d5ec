"""Demo data for the marketplace: residents' and partners' needs and offers, matches, introductions."""

from samenspel.core.demo import DemoContext

from . import pipeline
from .models import Category
from .services import introduction_propose, introduction_respond, listing_publish
from .tasks import matching_paused

# organisation name -> [(type, category, title, description, availability, amount, wijk, themes)]
ORGANISATION_LISTINGS = {
    "Woonstichting Lindeveen": [
        (
            "offer",
            Category.SPACE,
            "Ruimte in buurthuis De Linde op dinsdagavond",
            "De grote zaal met keuken in buurthuis De Linde is op dinsdagavond vrij voor bewonersinitiatieven. "
            "Plaats voor 40 mensen, koffie en thee aanwezig.",
            "dinsdagavond 19.00-22.00",
            None,
            "De Linde",
            ["wonen", "zorg-en-welzijn"],
        ),
        (
            "offer",
            Category.MATERIALS,
            "Bouwhekken, kruiwagens en tuingereedschap te leen",
            "Voor opknapdagen en tuinprojecten lenen wij gereedschap uit ons depot in Westerbos.",
            "op afspraak, doordeweeks",
            None,
            "Westerbos",
            ["groen", "wonen"],
        ),
    ],
    "Welzijn Lindeveen": [
        (
            "offer",
            Category.KNOWLEDGE,
            "Opbouwwerker denkt mee over subsidie en vergunning",
            "Onze opbouwwerkers helpen bij een subsidieaanvraag, een evenementenvergunning of een begroting.",
            "elke werkdag",
            None,
            None,
            ["zorg-en-welzijn"],
        ),
        (
            "need",
            Category.VOLUNTEERS,
            "Vrijwilligers voor de ouderenbus",
            "Wij zoeken chauffeurs met rijbewijs B die een ochtend per week ouderen naar de markt rijden.",
            "",
            None,
            "Oosterhei",
            ["zorg-en-welzijn", "mobiliteit"],
        ),
    ],
    "Zorgcentrum De Heidebloem": [
        (
            "offer",
            Category.SPACE,
            "Ontmoetingsruimte in De Heidebloem voor buurtactiviteiten",
            "Onze ontmoetingsruimte met keuken is in het weekend beschikbaar voor activiteiten met en voor ouderen.",
            "zaterdag en zondag",
            None,
            "Oosterhei",
            ["zorg-en-welzijn"],
        ),
        (
            "need",
            Category.VOLUNTEERS,
            "Wie komt er voorlezen of spelletjes doen?",
            "Bewoners van De Heidebloem krijgen graag bezoek van buren die willen voorlezen of een spelletje doen.",
            "",
            None,
            "Oosterhei",
            ["zorg-en-welzijn", "cultuur"],
        ),
    ],
    "Basisschool De Regenboog": [
        (
            "offer",
            Category.SPACE,
            "Schoolplein na schooltijd open voor de buurt",
            "Het schoolplein met moestuinbakken en speeltoestellen is na 15.00 uur en in de vakanties open.",
            "na 15.00 uur en in schoolvakanties",
            None,
            "Dorrestein",
            ["jeugd", "groen"],
        ),
        (
            "need",
            Category.KNOWLEDGE,
            "Wie helpt onze leerlingen met de schooltuin?",
            "Wij zoeken een tuinier die in het voorjaar een paar middagen met groep 6 de moestuin wil aanleggen.",
            "",
            None,
            "Dorrestein",
            ["jeugd", "groen"],
        ),
    ],
    "Bakkerij Van Dam": [
        (
            "offer",
            Category.MATERIALS,
            "Brood en koffie voor buurtactiviteiten",
            "Voor buurtfeesten, opschoondagen en bijeenkomsten leveren wij gratis brood, krentenbollen en koffie.",
            "met een week vooraf bericht",
            None,
            "Centrum",
            ["economie"],
        ),
    ],
    "Lindeveens Fonds": [
        (
            "offer",
            Category.MONEY,
            "Bijdragen tot € 5.000 voor bewonersinitiatieven",
            "Het fonds steunt initiatieven die de buurt sterker maken met een bijdrage tot € 5.000. "
            "Aanvragen kan het hele jaar.",
            "aanvragen het hele jaar",
            5000,
            None,
            ["zorg-en-welzijn", "groen", "cultuur"],
        ),
    ],
    "Buurtvereniging De Linde": [
        (
            "offer",
            Category.NETWORK,
            "Wij kennen iedereen in De Linde",
            "Via onze nieuwsbrief en buurtapp bereiken we 600 huishoudens; wij brengen u graag in contact met buren.",
            "",
            None,
            "De Linde",
            ["wonen"],
        ),
        (
            "need",
            Category.MONEY,
            "Nieuwe stoelen voor het buurthuis",
            "De stoelen van buurthuis De Linde zijn versleten; wij zoeken een bijdrage voor 60 stapelstoelen.",
            "",
            2400,
            "De Linde",
            ["wonen"],
        ),
    ],
}

RESIDENT_LISTINGS = [
    (
        "offer",
        Category.VOLUNTEERS,
        "Ik kan helpen met tuinieren",
        "Gepensioneerd hovenier, help graag bij het aanleggen en onderhouden van moestuinen en geveltuinen.",
        "doordeweeks overdag",
        None,
        "Bergakker",
        ["groen"],
    ),
    (
        "offer",
        Category.KNOWLEDGE,
        "Ik kan helpen met de boekhouding van een vereniging",
        "Ik ben boekhouder en help een stichting of vereniging graag met de jaarrekening en een begroting.",
        "een avond per maand",
        None,
        "Centrum",
        ["economie"],
    ),
    (
        "offer",
        Category.VOLUNTEERS,
        "Ik kan helpen met koken voor grote groepen",
        "Ik kook graag voor buurtmaaltijden en heb een hygiënecursus gedaan.",
        "dinsdag- en donderdagavond",
        None,
        "De Linde",
        ["zorg-en-welzijn"],
    ),
    (
        "offer",
        Category.MATERIALS,
        "Aanhanger te leen voor opruimacties",
        "Een bakwagen met dichte klep; handig voor grofvuil of het halen van tuinaarde.",
        "in het weekend",
        None,
        "Het Veen",
        ["groen"],
    ),
    (
        "need",
        Category.KNOWLEDGE,
        "Wie kan mij leren fietsen repareren?",
        "Ik wil een fietsenmakerij voor buurtkinderen beginnen maar weet zelf nog te weinig van fietsen.",
        "",
        None,
        "Molenwijk",
        ["jeugd", "mobiliteit"],
    ),
    (
        "offer",
        Category.NETWORK,
        "Ik ken de ondernemers in het centrum",
        "Als voorzitter van de winkeliersvereniging breng ik initiatieven graag in contact met ondernemers.",
        "",
        None,
        "Centrum",
        ["economie"],
    ),
]


def _publish(ctx, user, row, organisation=None):
    listing_type, category, title, description, availability, amount, area, themes = row
    by_name = {n.name: n for n in ctx.neighbourhoods}
    return listing_publish(
        listing_type=listing_type,
        municipality=ctx.municipality,
        user=user,
        category=category,
        title=title,
        description=description,
        availability=availability,
        amount_eur=amount,
        neighbourhood=by_name.get(area),
        themes=[ctx.themes[t] for t in themes if t in ctx.themes],
        organisation=organisation,
    )


def seed(ctx: DemoContext) -> None:
    from samenspel.organisations.models import OrganisationMembership

    with matching_paused():
        published = {}
        for organisation in ctx.organisations:
            admin = (
                OrganisationMembership.objects.filter(organisation=organisation, status="approved")
                .order_by("-is_admin", "pk")
                .first()
            )
            for row in ORGANISATION_LISTINGS.get(organisation.name, []):
                published[row[2]] = _publish(ctx, admin.user, row, organisation=organisation)
        for index, row in enumerate(RESIDENT_LISTINGS):
            person = ctx.accounts["resident"] if index == 2 else ctx.residents[12 + index]
            published[row[2]] = _publish(ctx, person, row)
    pipeline.matches_recompute(municipality_id=ctx.municipality.pk)
    if ctx.other_municipality is not None:
        pipeline.matches_recompute(municipality_id=ctx.other_municipality.pk)
    _introductions(ctx, published)


def _introductions(ctx, published):
    """A few introductions in different states, between real top matches."""
    from .models import Match

    partner = ctx.accounts["partner"]
    space = published["Ruimte in buurthuis De Linde op dinsdagavond"]
    coach = ctx.accounts["coach"]
    top_for_space = list(
        Match.objects.filter(offer=space, rank_for_offer__isnull=False, need__initiative__isnull=False)
        .select_related("need__initiative")
        .order_by("rank_for_offer")[:3]
    )
    if top_for_space:
        # Proposed by the housing corporation, still waiting for the initiative.
        introduction_propose(
            need=top_for_space[0].need,
            offer=space,
            user=partner,
            message="Onze zaal in De Linde is op dinsdagavond vrij. Zou dat voor jullie werken?",
        )
    money = published["Bijdragen tot € 5.000 voor bewonersinitiatieven"]
    top_money = list(
        Match.objects.filter(offer=money, rank_for_offer__isnull=False, need__initiative__isnull=False)
        .select_related("need__initiative")
        .order_by("rank_for_offer")[:2]
    )
    if top_money:
        # Arranged by the coach and accepted by both: each accepter sees what the other chose to share.
        need = top_money[0].need
        intro = introduction_propose(
            need=need,
            offer=money,
            user=coach,
            message="Het fonds past goed bij jullie begroting; zullen jullie kennismaken?",
        )
        fund_member = money.organisation.memberships.filter(status="approved").select_related("user").first().user
        introduction_respond(
            introduction=intro, user=need.initiative.initiator, accept=True, contact="Bel of app: 06 1234 5678"
        )
        # The conversation that follows is seeded by the conversations app.
        introduction_respond(introduction=intro, user=fund_member, accept=True, contact="fonds@example.org")
    if len(top_money) > 1:
        intro = introduction_propose(need=top_money[1].need, offer=money, user=coach)
        introduction_respond(introduction=intro, user=top_money[1].need.initiative.initiator, accept=False)
