"""Demo initiatives for Lindeveen (and a few in Heideborg): realistic, deterministic, inside their wijk."""

import datetime

from django.utils import timezone

from samenspel.core.demo import DemoContext
from samenspel.marketplace.models import ListingStatus, ListingType
from samenspel.marketplace.services import listing_publish
from samenspel.marketplace.tasks import matching_paused
from samenspel.municipalities import geo
from samenspel.municipalities.models import Role, Theme
from samenspel.municipalities.services import membership_grant

from .models import Follow, Initiative, Status, Support, TeamMember, Update
from .services import initiative_create

THEMES = [
    ("energie", "Energie"),
    ("groen", "Groen"),
    ("zorg-en-welzijn", "Zorg en welzijn"),
    ("jeugd", "Jeugd"),
    ("wonen", "Wonen"),
    ("veiligheid", "Veiligheid"),
    ("cultuur", "Cultuur"),
    ("mobiliteit", "Mobiliteit"),
    ("economie", "Economie"),
    ("sport", "Sport"),
]

# title, pitch, story, themes, needs [(category, title, amount)], offers [(category, title)], street or place
INITIATIVES = [
    (
        "Energiecoöperatie Lindelaan",
        "Zonnepanelen op elk dak van de Lindelaan, samen ingekocht en samen beheerd.",
        "Met 38 huishoudens kopen we samen panelen in. Wie geen geschikt dak heeft, doet mee via een certificaat op het dak van de school.",
        ["energie"],
        [
            ("money", "Startkapitaal voor de coöperatie", 12000),
            ("permit", "Toestemming voor panelen op het schooldak", None),
        ],
        [("knowledge", "Twee buren met ervaring als installateur")],
        "Lindelaan",
    ),
    (
        "Buurtmoestuin Achter De Linde",
        "Een moestuin voor iedereen op het braakliggende veld achter het buurthuis.",
        "We maken twintig bakken, een composthoek en een bankje. Groente gaat naar de deelnemers en de voedselbank.",
        ["groen", "zorg-en-welzijn"],
        [("space", "Het veld achter buurthuis De Linde", None), ("materials", "Steigerhout voor moestuinbakken", None)],
        [("volunteers", "Elke zaterdagochtend tuiniers")],
        "Achter buurthuis De Linde",
    ),
    (
        "Repair Café Centrum",
        "Elke eerste zaterdag repareren we samen kapotte spullen in plaats van ze weg te gooien.",
        "Vrijwillige reparateurs helpen met fietsen, kleding, lampen en laptops. Koffie staat klaar.",
        ["economie", "groen"],
        [("space", "Een ruimte met stroom voor 30 mensen", None), ("materials", "Soldeerbouten en naaimachines", None)],
        [("knowledge", "Reparatiekennis van elektronica")],
        "Marktplein 4",
    ),
    (
        "Speeltuin De Wilgen opknappen",
        "De speeltuin aan de Wilgenstraat krijgt nieuwe toestellen die de kinderen zelf kiezen.",
        "Kinderen uit groep 5 tot en met 8 hebben tekeningen gemaakt. Ouders helpen met ontwerpen en bouwen.",
        ["jeugd", "sport"],
        [("money", "Nieuwe klimtoestellen", 18500), ("permit", "Vergunning voor het verplaatsen van de wip", None)],
        [("volunteers", "Ouders voor de bouwdag")],
        "Wilgenstraat",
    ),
    (
        "Buurtbus Oosterhei",
        "Een elektrische buurtbus die ouderen naar de huisarts, de markt en het station brengt.",
        "Twaalf vrijwillige chauffeurs rijden op werkdagen. Opstappen kan bij vijf vaste haltes of op afspraak.",
        ["mobiliteit", "zorg-en-welzijn"],
        [("volunteers", "Chauffeurs met rijbewijs B", None), ("money", "Bijdrage aan de lease van de bus", 9000)],
        [("network", "Contacten met de huisartsenpraktijk")],
        "Zorgcentrum Oosterhei",
    ),
    (
        "Taalcafé Molenwijk",
        "Nieuwe Lindeveners oefenen Nederlands met buren bij koffie en een spelletje.",
        "Elke dinsdagavond in de bibliotheek. Taalmaatjes zijn buren, geen leraren: gewoon praten helpt het meest.",
        ["cultuur", "zorg-en-welzijn"],
        [("volunteers", "Taalmaatjes voor dinsdagavond", None)],
        [("space", "Leestafel in de bibliotheek")],
        "Bibliotheek Molenwijk",
    ),
    (
        "Zorgnetwerk Dorrestein",
        "Buren helpen buren: boodschappen, een praatje, samen naar het ziekenhuis.",
        "Een app-groep en een vast telefoonnummer koppelen hulpvragen aan buren die tijd hebben.",
        ["zorg-en-welzijn"],
        [("volunteers", "Buren met een paar uur per week", None), ("network", "Contact met de wijkverpleging", None)],
        [("knowledge", "Ervaring met mantelzorg")],
        "Dorrestein",
    ),
    (
        "Geveltuinen Zuiderpark",
        "Tegels eruit, planten erin: geveltuintjes langs de hele Parkweg.",
        "Wie meedoet krijgt een zak grond, planten en hulp bij het uitsteken. Goed tegen hittestress en mooi voor de straat.",
        ["groen", "wonen"],
        [("permit", "Toestemming om stoeptegels te verwijderen", None), ("materials", "Planten en grond", None)],
        [("volunteers", "Tegelwippers met eigen gereedschap")],
        "Parkweg",
    ),
    (
        "Voedselbos Bergakker",
        "Een voedselbos op de flank van de stuwwal, met notenbomen, bessen en kruiden.",
        "Over tien jaar oogsten we er samen. Scholen gebruiken het bos als buitenlokaal.",
        ["groen", "jeugd"],
        [("space", "Twee hectare grond aan de Bergweg", None), ("money", "Aanplant van 300 bomen en struiken", 7500)],
        [("knowledge", "Permacultuurontwerp")],
        "Bergweg",
    ),
    (
        "Warmtenet Het Veen",
        "Samen van het gas af met een warmtenet op restwarmte van de kaasmakerij.",
        "Een haalbaarheidsstudie moet laten zien of 140 woningen en de boerderijen aan kunnen sluiten.",
        ["energie", "wonen"],
        [("money", "Haalbaarheidsstudie", 25000), ("knowledge", "Advies over warmtenetten", None)],
        [("network", "Contact met de kaasmakerij")],
        "Veenweg",
    ),
    (
        "Jongerenhonk Westerbos",
        "Een eigen plek voor jongeren uit Westerbos, door jongeren zelf gerund.",
        "In de oude fietsenwinkel maken we een ontmoetingsplek met een studio en een bar zonder alcohol.",
        ["jeugd", "cultuur"],
        [("space", "Leegstaand winkelpand", None), ("money", "Inrichting en geluidsisolatie", 15000)],
        [("volunteers", "Jongerenwerkers die meedenken")],
        "Winkelstrip Westerbos",
    ),
    (
        "Buurtpreventie Molenwijk",
        "Buren lopen samen avondrondes en houden een oogje in het zeil.",
        "Een groep van vijftien buren loopt twee keer per week een ronde en meldt losliggende tegels en kapotte lampen.",
        ["veiligheid"],
        [("materials", "Hesjes en zaklampen", None)],
        [("network", "Korte lijn met de wijkagent")],
        "Molenwijk",
    ),
    (
        "Fietsenbieb Centrum",
        "Kinderfietsen lenen in plaats van kopen: ruilen als je kind groeit.",
        "Gedoneerde fietsen worden opgeknapt door vrijwilligers en uitgeleend voor een klein bedrag per jaar.",
        ["mobiliteit", "jeugd", "economie"],
        [("space", "Opslagruimte voor 80 fietsen", None), ("volunteers", "Fietsenmakers", None)],
        [("materials", "Gedoneerde kinderfietsen")],
        "Stationsstraat",
    ),
    (
        "Huiskamer van Oosterhei",
        "Een huiskamer waar ouderen elke middag binnen kunnen lopen voor koffie en gezelschap.",
        "Tegen eenzaamheid: spelletjes, samen eten op vrijdag en een luisterend oor.",
        ["zorg-en-welzijn"],
        [("money", "Huur en koffie voor een jaar", 6000), ("volunteers", "Gastvrouwen en gastheren", None)],
        [("space", "Ruimte in het zorgcentrum")],
        "Heiderand 2",
    ),
    (
        "Pannakooi Zuiderpark",
        "Een pannakooi bij de sporthal, zodat kinderen veilig kunnen voetballen.",
        "Kinderen hebben handtekeningen opgehaald. De sportvereniging helpt met toezicht en toernooien.",
        ["sport", "jeugd"],
        [("money", "Aanschaf pannakooi", 14000), ("permit", "Plaatsing in het park", None)],
        [("volunteers", "Trainers voor woensdagmiddag")],
        "Sporthal Zuiderpark",
    ),
    (
        "Deelauto's Dorrestein",
        "Vijf elektrische deelauto's voor de wijk, zodat gezinnen hun tweede auto wegdoen.",
        "Met een eigen vereniging en een boekingssysteem. Laadpalen komen op de parkeerplaats bij de school.",
        ["mobiliteit", "energie"],
        [("permit", "Gereserveerde parkeerplaatsen met laadpaal", None)],
        [("money", "Eigen inleg van 40 leden")],
        "Dorresteinplein",
    ),
    (
        "Kunstroute Lindeveen",
        "Eén weekend per jaar openen kunstenaars en buren hun ateliers en tuinen.",
        "Een wandelroute langs twintig adressen, met muziek op het Marktplein.",
        ["cultuur", "economie"],
        [("money", "Drukwerk en bewegwijzering", 2500)],
        [("network", "Contacten met lokale ondernemers")],
        "Centrum",
    ),
    (
        "Tiny houses Het Veen",
        "Acht tiny houses voor jongeren en starters op een tijdelijke kavel.",
        "We zoeken een kavel voor tien jaar en bouwen deels zelf. Bewoners beheren samen de tuin.",
        ["wonen"],
        [("space", "Tijdelijke kavel", None), ("permit", "Tijdelijke omgevingsvergunning", None)],
        [("knowledge", "Zelfbouwervaring")],
        "Veenweg",
    ),
    (
        "Schoolplein groen De Regenboog",
        "Het stenen schoolplein wordt een groen speelplein met water en wilgenhutten.",
        "Na schooltijd is het plein open voor de buurt. Kinderen hebben het ontwerp zelf getekend.",
        ["groen", "jeugd"],
        [("money", "Groene inrichting", 22000), ("volunteers", "Ouders voor de plantdag", None)],
        [("space", "Het schoolplein na schooltijd")],
        "Basisschool De Regenboog",
    ),
    (
        "Klussendienst Westerbos",
        "Handige buren helpen ouderen met kleine klussen in huis.",
        "Een lamp ophangen, een kraan vervangen, de dakgoot schoonmaken: voor een vrijwillige bijdrage.",
        ["zorg-en-welzijn", "wonen"],
        [("volunteers", "Klussers", None), ("materials", "Gereedschapskist", None)],
        [("knowledge", "Ervaring in de bouw")],
        "Westerbos",
    ),
    (
        "Wijkfeest De Linde",
        "Het jaarlijkse straatfeest met kraampjes, muziek en een lange tafel.",
        "Iedereen neemt iets te eten mee. Dit jaar met een podium voor talent uit de wijk.",
        ["cultuur"],
        [("permit", "Evenementenvergunning en afsluiting straat", None), ("money", "Podium en geluid", 1800)],
        [("volunteers", "Opbouwploeg")],
        "Lindeplein",
    ),
    (
        "Bijenlint Bergakker",
        "Een lint van bloemrijke bermen van Bergakker tot de heide.",
        "Met de gemeente spreken we een ander maaibeleid af; buren zaaien inheemse bloemen.",
        ["groen"],
        [("permit", "Ander maaibeleid voor de bermen", None)],
        [("knowledge", "Imkers uit de buurt")],
        "Bergakker",
    ),
    (
        "Samen Sporten 65+",
        "Elke ochtend bewegen in het park voor ouderen, onder leiding van een fysiotherapeut.",
        "Gratis, zonder aanmelding. Bij regen in de sporthal.",
        ["sport", "zorg-en-welzijn"],
        [("money", "Vergoeding voor de trainer", 3200)],
        [("space", "Sporthal bij slecht weer")],
        "Stadspark",
    ),
    (
        "Huiswerkklas Molenwijk",
        "Studenten helpen kinderen uit de wijk met huiswerk en plannen.",
        "Drie middagen per week in het buurthuis, met fruit en een rustige werkplek.",
        ["jeugd"],
        [("volunteers", "Studenten als huiswerkbegeleider", None)],
        [("space", "Lokaal in het buurthuis")],
        "Buurthuis Molenwijk",
    ),
    (
        "Dorpsboerderij Het Veen",
        "Een kleine boerderij waar kinderen dieren verzorgen en leren waar eten vandaan komt.",
        "Met geiten, kippen en een moestuin. Mensen met een afstand tot werk helpen als vaste krachten.",
        ["jeugd", "zorg-en-welzijn", "groen"],
        [("money", "Stallen en omheining", 16000)],
        [("space", "Weiland van boer Van Dam")],
        "Veenweg 12",
    ),
    (
        "Kledingruil Centrum",
        "Kleding ruilen in plaats van kopen, elke laatste zondag van de maand.",
        "Breng wat je niet meer draagt, neem mee wat je past. Wat overblijft gaat naar het goede doel.",
        ["economie", "groen"],
        [("space", "Ruimte op zondagmiddag", None)],
        [("volunteers", "Sorteerploeg")],
        "Grote Kerk",
    ),
    (
        "Buurtbatterij Zuiderpark",
        "Een gedeelde thuisbatterij slaat zonnestroom van de straat op voor de avond.",
        "Een proef met één grote batterij voor 24 huizen, samen met de netbeheerder.",
        ["energie"],
        [
            ("permit", "Plaatsing van de batterij in de openbare ruimte", None),
            ("money", "Aandeel in de batterij", 30000),
        ],
        [("knowledge", "Meetgegevens van 24 huishoudens")],
        "Parkweg",
    ),
    (
        "Muziekles voor iedereen",
        "Gratis muziekles voor kinderen in Dorrestein, met instrumenten van de harmonie.",
        "Eens per week in de school. Aan het eind van het jaar spelen ze mee met het kerstconcert.",
        ["cultuur", "jeugd"],
        [("volunteers", "Muziekdocenten", None)],
        [("materials", "Instrumenten van de harmonie")],
        "Dorrestein",
    ),
    (
        "Veilige schoolroute Oosterhei",
        "Een veilige fietsroute naar de scholen met een oversteek bij de Heiderand.",
        "Ouders hebben de gevaarlijke punten in kaart gebracht en een voorstel gemaakt.",
        ["veiligheid", "mobiliteit", "jeugd"],
        [("permit", "Aanpassing van de oversteek", None)],
        [("knowledge", "Verkeerstellingen door ouders")],
        "Heiderand",
    ),
    (
        "Buurtwerkplaats Molenwijk",
        "Een werkplaats waar buren gereedschap delen en samen maken.",
        "Met een houtwerkplaats, een 3D-printer en cursussen voor beginners.",
        ["economie", "cultuur"],
        [("space", "Bedrijfsruimte op het bedrijventerrein", None), ("materials", "Werkbanken", None)],
        [("knowledge", "Vakmensen die cursus willen geven")],
        "Bedrijventerrein De Hoop",
    ),
    (
        "Stiltetuin Centrum",
        "Een rustige tuin achter de Grote Kerk om even op adem te komen.",
        "Met bankjes, een vijver en veel groen. Open voor iedereen van zonsopgang tot zonsondergang.",
        ["groen", "zorg-en-welzijn"],
        [("volunteers", "Tuinploeg", None)],
        [("space", "Tuin van de kerk")],
        "Kerkpad",
    ),
    (
        "Isolatieteam Westerbos",
        "Buren helpen buren met kieren dichten en radiatorfolie: lagere rekening, warmer huis.",
        "Getrainde vrijwilligers komen langs met materiaal uit het energiefonds.",
        ["energie", "wonen"],
        [("materials", "Tochtstrips en radiatorfolie", None), ("money", "Training van vrijwilligers", 2000)],
        [("volunteers", "Energiecoaches")],
        "Westerbos",
    ),
    (
        "Buurtkoelkast De Linde",
        "Een openbare koelkast waar iedereen eten brengt en haalt: minder verspilling.",
        "Bij het buurthuis, schoongehouden door een vast rooster van vrijwilligers.",
        ["zorg-en-welzijn", "economie"],
        [("materials", "Koelkast met slot en dak", None)],
        [("volunteers", "Schoonmaakrooster")],
        "Buurthuis De Linde",
    ),
    (
        "Skatebaan Dorrestein",
        "Een betonnen skatebaan ontworpen door de skaters zelf.",
        "De oude baan is versleten. Jongeren hebben een ontwerp gemaakt met een bureau uit de regio.",
        ["sport", "jeugd"],
        [("money", "Aanleg van de baan", 45000)],
        [("knowledge", "Ontwerp van de skaters")],
        "Dorresteinpark",
    ),
    (
        "Vertelcafé Bergakker",
        "Ouderen vertellen verhalen over vroeger, jongeren nemen ze op voor het dorpsarchief.",
        "Eens per maand, met koffie en oude foto's.",
        ["cultuur", "zorg-en-welzijn"],
        [("materials", "Opnameapparatuur", None)],
        [("network", "Contact met de historische vereniging")],
        "Bergakker",
    ),
    (
        "Hittebestendig Het Veen",
        "Waterbuffers en bomen tegen hitte en wateroverlast in de straten van Het Veen.",
        "Met regentonnen, wadi's en vijftig nieuwe bomen, op plekken die bewoners zelf aanwijzen.",
        ["groen", "wonen"],
        [("permit", "Bomen in de openbare ruimte", None)],
        [("volunteers", "Bewoners die regentonnen plaatsen")],
        "Het Veen",
    ),
    (
        "Ontmoetingsbankjes Zuiderpark",
        "Praatbankjes in het park: wie erop gaat zitten, vindt het fijn als je een praatje maakt.",
        "Tien bankjes met een bordje, gemaakt door de werkplaats.",
        ["zorg-en-welzijn"],
        [("permit", "Plaatsing van bankjes in het park", None)],
        [("materials", "Hout van gekapte bomen")],
        "Stadspark",
    ),
    (
        "Lokale markt Molenwijk",
        "Een zaterdagmarkt met producten van boeren en makers uit de regio.",
        "Bij de molen, met een kraam voor nieuwe ondernemers uit de wijk.",
        ["economie"],
        [("permit", "Marktvergunning", None)],
        [("network", "Boeren uit de Gelderse Vallei")],
        "Molen De Hoop",
    ),
    (
        "Zwemles voor moeders",
        "Zwemles voor moeders die het als kind nooit leerden, in een besloten uur.",
        "Met vrouwelijke badmeesters en kinderopvang naast het bad.",
        ["sport", "zorg-en-welzijn"],
        [("money", "Badhuur en lesgeld", 5200)],
        [("volunteers", "Oppas tijdens de les")],
        "Zwembad Zuiderpark",
    ),
    (
        "Hondenlosloopveld Oosterhei",
        "Een omheind veld waar honden los mogen, zodat de speelweide schoon blijft.",
        "Met een hek, een poepbakje en een bankje. Baasjes houden het zelf netjes.",
        ["veiligheid", "groen"],
        [("space", "Omheind veld aan de rand van de wijk", None)],
        [("volunteers", "Baasjes die het veld bijhouden")],
        "Oosterhei",
    ),
    (
        "Straatbieb Dorrestein",
        "Kastjes met boeken in elke straat: neem er een, breng er een.",
        "Gemaakt van oude keukenkastjes, beschilderd door kinderen.",
        ["cultuur", "jeugd"],
        [("materials", "Oude keukenkastjes", None)],
        [("volunteers", "Schilders")],
        "Dorrestein",
    ),
    (
        "Wijkwarmtefonds Centrum",
        "Een fonds dat huishoudens met energiearmoede helpt hun huis te verduurzamen.",
        "Ondernemers uit het centrum storten een deel van hun winst; een commissie van bewoners beslist.",
        ["energie", "economie"],
        [("money", "Startbedrag voor het fonds", 20000)],
        [("network", "Ondernemersvereniging Centrum")],
        "Centrum",
    ),
    (
        "Natuurspeelplaats Westerbos",
        "Een speelplek aan de bosrand met boomstammen, zand en water.",
        "Kinderen bouwen hutten en leren over het bos. De boswachter helpt.",
        ["jeugd", "groen"],
        [("money", "Aanleg", 11000)],
        [("knowledge", "Boswachter")],
        "Bosrand Westerbos",
    ),
]

HEIDEBORG = [
    (
        "Dorpsauto Heideborg",
        "Een elektrische dorpsauto voor wie geen eigen auto heeft.",
        "Vrijwilligers rijden dorpsgenoten naar Lindeveen en de huisarts.",
        ["mobiliteit"],
        "Heideborg-Dorp",
    ),
    (
        "Heideschapen terug",
        "Een kudde heideschapen houdt de heide open en trekt wandelaars.",
        "De kudde wordt gedeeld met de natuurvereniging.",
        ["groen"],
        "Ginkelhof",
    ),
    (
        "Dorpshuis zonnedak",
        "Zonnepanelen op het dorpshuis, betaald met obligaties van dorpsgenoten.",
        "De opbrengst gaat naar de activiteiten van het dorpshuis.",
        ["energie"],
        "Heideborg-Dorp",
    ),
]

UPDATES = [
    ("We zijn begonnen!", "De eerste bijeenkomst was een succes: 23 buren kwamen langs en dachten mee."),
    (
        "Gesprek met de gemeente",
        "Vandaag spraken we met onze coach over de plannen. Volgende stap: een begroting maken.",
    ),
    ("Hulp gezocht", "We zoeken nog mensen die een paar uur per week willen meehelpen. Klik op 'Ik doe mee'!"),
    ("Mijlpaal bereikt", "Dankzij jullie steun hebben we de eerste stap gezet. Foto's volgen binnenkort."),
]

OFFER_KINDS_WITH_AMOUNT = {"money"}


def _point_in(ctx, neighbourhood) -> tuple[float, float]:
    """The wijk's centre plus a little jitter, retried until it lies inside the boundary."""
    lat0, lon0 = neighbourhood.centre
    for _attempt in range(50):
        lat = round(lat0 + ctx.rng.uniform(-0.004, 0.004), 6)
        lon = round(lon0 + ctx.rng.uniform(-0.006, 0.006), 6)
        if geo.contains(neighbourhood.boundary, lat, lon):
            return lat, lon
    return round(lat0, 6), round(lon0, 6)


def _themes(municipality) -> dict:
    themes = {}
    for order, (slug, name) in enumerate(THEMES):
        themes[slug], _created = Theme.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name, "order": order}
        )
    return themes


STATUS_CYCLE = [
    Status.SUBMITTED,
    Status.IN_CONVERSATION,
    Status.COACHED,
    Status.COACHED,
    Status.REALISED,
    Status.IN_CONVERSATION,
    Status.SUBMITTED,
    Status.SCALED_UP,
    Status.STOPPED,
    Status.COACHED,
]


def seed(ctx: DemoContext) -> None:
    # The marketplace's seeder recomputes every match once at the end; one update per listing is waste.
    with matching_paused():
        _seed(ctx)


def _seed(ctx: DemoContext) -> None:
    ctx.themes = _themes(ctx.municipality)
    rng = ctx.rng
    now = timezone.now()
    by_name = {n.name: n for n in ctx.neighbourhoods}
    wijken = list(ctx.neighbourhoods)
    people = list(ctx.residents)
    initiator_account = ctx.accounts["initiator"]
    created = []
    for index, (title, pitch, story, theme_slugs, needs, offers, place) in enumerate(INITIATIVES):
        # Every wijk gets some: named places first, the rest round-robin.
        neighbourhood = next((n for name, n in by_name.items() if name in title or name in place), None)
        neighbourhood = neighbourhood or wijken[index % len(wijken)]
        lat, lon = _point_in(ctx, neighbourhood)
        initiator = initiator_account if index in (0, 1, 13) else people[index % len(people)]
        initiative = initiative_create(
            municipality=ctx.municipality,
            initiator=initiator,
            title=title,
            pitch=pitch,
            story=f"{story}\n\n**Wat we al hebben:** een enthousiaste groep buren en een plan.\n\n"
            "- Iedereen uit de buurt kan meedoen\n- We houden de kosten laag\n- We delen wat we leren",
            themes=[ctx.themes[s] for s in theme_slugs],
            neighbourhood=neighbourhood,
            address=place,
            lat=lat,
            lon=lon,
        )
        # A history: submitted some weeks ago, further along the pipeline the older it is.
        status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
        submitted = now - datetime.timedelta(days=3 + index * 4, hours=rng.randint(0, 20))
        responded = submitted + datetime.timedelta(days=rng.randint(1, 6)) if status != Status.SUBMITTED else None
        Initiative.objects.filter(pk=initiative.pk).update(
            status=status, submitted_at=submitted, first_response_at=responded
        )
        initiative.status = status
        for member_index in range(rng.randint(1, 3)):
            member = people[(index * 3 + member_index + 7) % len(people)]
            if member.pk == initiator.pk:
                continue
            TeamMember.objects.get_or_create(
                initiative=initiative,
                email=member.email,
                defaults={
                    "user": member,
                    "role": [TeamMember.Role.MEMBER, TeamMember.Role.TREASURER, TeamMember.Role.CONTACT][member_index],
                    "invited_by": initiator,
                    "accepted_at": submitted,
                },
            )
        for category, need_title, amount in needs:
            need = listing_publish(
                listing_type=ListingType.NEED,
                municipality=ctx.municipality,
                initiative=initiative,
                user=initiator,
                category=category,
                title=need_title,
                description=f"{need_title} voor {title}. Kunt u helpen? Laat het ons weten via deze pagina.",
                amount_eur=amount,
            )
            if status in (Status.REALISED, Status.SCALED_UP):
                need.status = ListingStatus.MET
                need.save(update_fields=["status"])
        for category, offer_title in offers:
            listing_publish(
                listing_type=ListingType.OFFER,
                municipality=ctx.municipality,
                initiative=initiative,
                user=initiator,
                category=category,
                title=offer_title,
                description=f"{offer_title}: wij delen dit graag met andere initiatieven in Lindeveen.",
                amount_eur=None,
            )
        for number in range(index % 4):
            update_title, body = UPDATES[number]
            update = Update.objects.create(initiative=initiative, author=initiator, title=update_title, body=body)
            Update.objects.filter(pk=update.pk).update(created=submitted + datetime.timedelta(days=2 + number * 5))
        fans = rng.sample(people, rng.randint(2, 18))
        Support.objects.bulk_create(
            [Support(initiative=initiative, user=u, kind=Support.Kind.SUPPORT) for u in fans], ignore_conflicts=True
        )
        joiners = fans[: rng.randint(0, min(6, len(fans)))]
        Support.objects.bulk_create(
            [Support(initiative=initiative, user=u, kind=Support.Kind.JOIN) for u in joiners], ignore_conflicts=True
        )
        Follow.objects.bulk_create(
            [Follow(initiative=initiative, user=u) for u in joiners + fans[-3:]], ignore_conflicts=True
        )
        created.append(initiative)

    # The demo resident supports and follows a few, so her pages are not empty.
    resident = ctx.accounts["resident"]
    for initiative in created[:4]:
        Support.objects.get_or_create(initiative=initiative, user=resident, kind=Support.Kind.SUPPORT)
        Follow.objects.get_or_create(initiative=initiative, user=resident)

    heideborg_themes = _themes(ctx.other_municipality)
    heideborg_wijken = {n.name: n for n in ctx.other_municipality.neighbourhoods.all()}
    heideborg_people = [ctx.accounts["heideborg_coach"]]
    for user in people[-3:]:
        membership_grant(municipality=ctx.other_municipality, user=user, role=Role.RESIDENT)
        heideborg_people.append(user)
    for index, (title, pitch, story, theme_slugs, place) in enumerate(HEIDEBORG):
        neighbourhood = heideborg_wijken[place]
        lat, lon = _point_in(ctx, neighbourhood)
        initiative_create(
            municipality=ctx.other_municipality,
            initiator=heideborg_people[1 + index % 3],
            title=title,
            pitch=pitch,
            story=story,
            themes=[heideborg_themes[s] for s in theme_slugs],
            neighbourhood=neighbourhood,
            address=place,
            lat=lat,
            lon=lon,
        )
