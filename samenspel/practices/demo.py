"""Demo data of the what-works library: eleven practices of Lindeveen and Heideborg, two adoptions.

Lindeveen publishes its group subsidy from the evaluated experiment; Heideborg adopts it and
starts a linked initiative; Lindeveen adopts Heideborg's village car the other way round.
"""

from samenspel.core.demo import DemoContext
from samenspel.experiments.models import Experiment
from samenspel.funding.models import FundingAgreement
from samenspel.initiatives.models import Initiative

from .selectors import AGREEMENT_PUBLISHABLE, agreement_prefill
from .services import adoption_report_results, practice_adopt, practice_publish

LINDEVEEN_CONTACT = "Coördinator wijkinitiatieven, gemeente Lindeveen"
HEIDEBORG_CONTACT = "Dorpscoach, gemeente Heideborg"

# (municipality key, source: ("experiment", title) / ("initiative", title) / None, fields)
PRACTICES = [
    (
        "lindeveen",
        ("experiment", "Wijksubsidie voor groepen van drie inwoners"),
        {
            "title": "Wijksubsidie voor groepen inwoners",
            "summary": "Drie inwoners samen kunnen tot € 2.500 aanvragen, zonder eerst een stichting op te richten.",
            "theme": "culture",
            "target_group": "all",
            "goal": "Meer bewoners krijgen steun voor kleine initiatieven, ook als ze geen rechtspersoon zijn.",
            "approach": "Een formulier van één pagina, een gesprek met de wijkcoach, een besluit binnen tien "
            "werkdagen en verantwoording achteraf met foto's en bonnetjes.",
            "active_elements": "Vertrouwen vooraf; een vaste coach; verantwoorden in gewone taal.",
            "preconditions": "Een subsidieregeling die groepen toelaat en 0,2 fte coaching per 10.000 inwoners.",
            "implementing_organisations": "Gemeente Lindeveen, Welzijn Lindeveen.",
            "research": "Voor- en nameting over twee jaar: aanvragen, doorlooptijd, besteding.",
            "obstacles_solved": "Subsidie alleen voor rechtspersonen (art. 3 Subsidieregeling Wijkinitiatieven): "
            "na een proef van een jaar blijvend aangepast bij raadsbesluit 2026-014.",
            "costs": "€ 25.000 per jaar aan subsidies; 0,2 fte coaching.",
            "funding_form": "subsidy",
            "results": "Aanvragen van groepen: 2 → 14 per jaar; doorlooptijd 42 → 11 werkdagen; verkeerd besteed "
            "6% → 3%.",
            "evidence_level": "indications",
            "transferability": "Werkt in elke gemeente met een subsidieregeling voor wijkinitiatieven. Regel eerst "
            "de raadsbesluitvorming; de proef kan onder een experimenteerartikel.",
            "contact_role": LINDEVEEN_CONTACT,
            "municipality_size": "medium",
        },
    ),
    (
        "lindeveen",
        ("experiment", "Eén jaarmelding voor de maandmarkt"),
        {
            "title": "Jaarmelding voor terugkerende buurtmarkten",
            "summary": "Eén melding per jaar in plaats van een evenementenvergunning per marktdag.",
            "theme": "economy",
            "target_group": "entrepreneurs",
            "goal": "Buurtmarkten vaker en goedkoper laten plaatsvinden.",
            "approach": "De markt meldt alle data in één keer; de gemeente toetst één keer en spreekt een "
            "opbouwtijd en een aanspreekpunt voor de buren af.",
            "active_elements": "Minder leges en wachttijd; een vast aanspreekpunt voor omwonenden.",
            "preconditions": "Een APV die meldingen voor kleine evenementen toelaat.",
            "implementing_organisations": "Marktvereniging Molenwijk, team vergunningen.",
            "research": "Vergeleken met de markt in Westerbos, die per keer een vergunning aanvraagt.",
            "obstacles_solved": "Evenementenvergunning per marktdag (art. 2:25 APV): experimenteerruimte voor een jaar.",
            "costs": "Geen extra kosten; € 1.200 minder leges per markt per jaar.",
            "funding_form": "own_means",
            "results": "Marktdagen 5 → 10 per jaar; klachten 3 → 7, vooral over de opbouw.",
            "evidence_level": "described",
            "transferability": "Spreek vanaf het begin een opbouwtijd af; dat scheelt klachten.",
            "contact_role": "Team vergunningen, gemeente Lindeveen",
            "municipality_size": "medium",
        },
    ),
    (
        "lindeveen",
        None,
        {
            "title": "Repair Café met vaste reparateurs",
            "summary": "Elke maand repareren vrijwilligers met buurtbewoners kapotte spullen.",
            "theme": "green",
            "target_group": "all",
            "goal": "Minder afval en meer contact tussen buren.",
            "approach": "Een vaste ploeg reparateurs, een gastvrouw en koffie; bezoekers repareren zelf mee.",
            "active_elements": "Samen repareren in plaats van voor iemand repareren; vaste gezichten.",
            "preconditions": "Een ruimte met stroom en tafels, gereedschap, een verzekering voor vrijwilligers.",
            "implementing_organisations": "Stichting Repair Café, buurthuis Centrum.",
            "research": "Bijgehouden: aantal reparaties en het deel dat lukt.",
            "obstacles_solved": "Geen stichting: subsidie via de groepsregeling.",
            "costs": "€ 1.800 per jaar voor gereedschap en onderdelen.",
            "funding_form": "subsidy",
            "results": "420 reparaties in een jaar, 68% geslaagd.",
            "evidence_level": "theory",
            "transferability": "Sluit aan bij het landelijke netwerk van Repair Cafés voor handleidingen.",
            "contact_role": LINDEVEEN_CONTACT,
            "municipality_size": "medium",
        },
    ),
    (
        "lindeveen",
        None,
        {
            "title": "Vertelcafé in de open lucht",
            "summary": "Buurtbewoners vertellen verhalen over de wijk, op zomeravonden op het plein.",
            "theme": "culture",
            "target_group": "elderly",
            "goal": "Ouderen ontmoeten jongere buren en de geschiedenis van de wijk blijft bewaard.",
            "approach": "Zes avonden per zomer, een verteller en een gespreksleider, opnames voor het archief.",
            "active_elements": "Een vaste plek en tijd; ouderen als deskundigen.",
            "preconditions": "Stoelen, een geluidsinstallatie zonder versterkte muziek, afspraken met de buren.",
            "implementing_organisations": "Bewonersgroep Bergakker, bibliotheek.",
            "research": "",
            "obstacles_solved": "Evenementenvergunning voor kleine buurtactiviteiten: de APV is aangepast; "
            "activiteiten tot 250 bezoekers zijn meldingsplichtig.",
            "costs": "€ 900 per zomer.",
            "funding_form": "budget_plan",
            "results": "Gemiddeld 45 bezoekers per avond, 30 verhalen opgenomen.",
            "evidence_level": "described",
            "transferability": "Eenvoudig over te nemen; de bibliotheek helpt met opnemen.",
            "contact_role": LINDEVEEN_CONTACT,
            "municipality_size": "medium",
        },
    ),
    (
        "lindeveen",
        None,
        {
            "title": "Buurtwerkplaats voor jongeren",
            "summary": "Jongeren leren er klussen en verdienen met kleine opdrachten voor buren.",
            "theme": "youth",
            "target_group": "youth",
            "goal": "Jongeren zonder startkwalificatie op weg helpen naar werk of opleiding.",
            "approach": "Vakmensen begeleiden jongeren bij echte klussen voor buren en de gemeente.",
            "active_elements": "Echt werk met een echte opdrachtgever; een vakman als rolmodel; een kleine beloning.",
            "preconditions": "Een werkplaats, een vakkracht voor 24 uur per week, opdrachten tot € 500.",
            "implementing_organisations": "Buurtwerkplaats Molenwijk, jongerenwerk, leerplicht.",
            "research": "Volgsysteem van het jongerenwerk: wie na een jaar werk of opleiding heeft.",
            "obstacles_solved": "Inkoopregels (drie offertes) stonden opdrachten van de gemeente in de weg; nog "
            "geen besluit.",
            "costs": "€ 60.000 per jaar, waarvan een derde uit opdrachten.",
            "funding_form": "result_funding",
            "results": "14 van de 22 jongeren hadden na een jaar werk of volgden een opleiding.",
            "evidence_level": "indications",
            "transferability": "Vraagt een vakkracht die met jongeren kan werken; dat is de moeilijkste voorwaarde.",
            "contact_role": "Programmaleider jeugd, gemeente Lindeveen",
            "municipality_size": "medium",
        },
    ),
    (
        "lindeveen",
        None,
        {
            "title": "Taalcafé met buren als taalmaatje",
            "summary": "Nieuwkomers oefenen Nederlands aan tafel met buren uit de wijk.",
            "theme": "care",
            "target_group": "newcomers",
            "goal": "Nieuwkomers spreken sneller Nederlands en kennen mensen in hun wijk.",
            "approach": "Twee keer per week praten aan tafels van vier, met een onderwerp uit het dagelijks leven.",
            "active_elements": "Oefenen in echte gesprekken; buren in plaats van docenten.",
            "preconditions": "Een ruimte, koffie en een coördinator die maatjes koppelt.",
            "implementing_organisations": "Taalcafé Molenwijk, bibliotheek, VluchtelingenWerk.",
            "research": "Gebaseerd op de evaluatie van taalmaatjesprojecten door Movisie.",
            "obstacles_solved": "",
            "costs": "€ 3.500 per jaar.",
            "funding_form": "partner",
            "results": "60 deelnemers per jaar; 40 taalmaatjes.",
            "evidence_level": "theory",
            "transferability": "Werkt het best naast formele lessen, niet in plaats ervan.",
            "contact_role": LINDEVEEN_CONTACT,
            "municipality_size": "medium",
        },
    ),
    (
        "heideborg",
        ("initiative", "Dorpsauto Heideborg"),
        {
            "title": "Dorpsauto met vrijwillige chauffeurs",
            "summary": "Een elektrische dorpsauto brengt dorpsgenoten zonder auto naar de huisarts en de winkel.",
            "theme": "mobility",
            "target_group": "elderly",
            "goal": "Ouderen en mensen zonder auto blijven mobiel en zelfstandig.",
            "approach": "Een elektrische auto van de dorpsvereniging, een belrooster met vrijwillige chauffeurs "
            "en een vaste prijs per rit.",
            "active_elements": "Bekende chauffeurs uit het dorp; vooraf reserveren; een lage vaste prijs.",
            "preconditions": "Een laadpaal, twintig chauffeurs, een verzekering voor vervoer door vrijwilligers.",
            "implementing_organisations": "Dorpsvereniging Heideborg, de huisartsenpraktijk.",
            "research": "Ritregistratie en een vragenlijst onder gebruikers.",
            "obstacles_solved": "Vervoer tegen betaling leek taxivervoer; een kostenvergoeding onder de "
            "vrijwilligersnorm bleek toegestaan.",
            "costs": "€ 9.000 per jaar, de helft uit ritprijzen.",
            "funding_form": "result_funding",
            "results": "1.900 ritten per jaar; 80% van de gebruikers is 70 jaar of ouder.",
            "evidence_level": "indications",
            "transferability": "Geschikt voor dorpen en kernen zonder openbaar vervoer; kies een auto met een hoge instap.",
            "contact_role": HEIDEBORG_CONTACT,
            "municipality_size": "small",
        },
    ),
    (
        "heideborg",
        None,
        {
            "title": "Heideschapen als beheerders van de heide",
            "summary": "Een gedeelde kudde schapen houdt de heide open; bewoners zijn herder voor een dag.",
            "theme": "green",
            "target_group": "families",
            "goal": "De heide blijft open en bewoners voelen zich er verantwoordelijk voor.",
            "approach": "De natuurvereniging houdt de kudde; bewoners lopen mee met de herder en helpen bij het scheren.",
            "active_elements": "Meedoen met je handen; de kudde als trekpleister.",
            "preconditions": "Een herder, een schaapskooi en afspraken met de terreineigenaar.",
            "implementing_organisations": "Natuurvereniging De Heide, Staatsbosbeheer.",
            "research": "Vegetatieopnamen van de provincie.",
            "obstacles_solved": "",
            "costs": "€ 22.000 per jaar.",
            "funding_form": "partner",
            "results": "Vergrassing teruggedrongen op 40 hectare; 300 herders voor een dag per jaar.",
            "evidence_level": "proven",
            "transferability": "Alleen waar heide of schraalland is; begrazing zelf is goed onderzocht.",
            "contact_role": HEIDEBORG_CONTACT,
            "municipality_size": "small",
        },
    ),
    (
        "heideborg",
        None,
        {
            "title": "Zonnedak op het dorpshuis met obligaties",
            "summary": "Dorpsgenoten kopen obligaties voor zonnepanelen; de opbrengst gaat naar het dorpshuis.",
            "theme": "energy",
            "target_group": "all",
            "goal": "Lagere energiekosten van het dorpshuis en lokale opwek.",
            "approach": "Een energiecoöperatie geeft obligaties van € 250 uit, plaatst de panelen en betaalt "
            "rente uit de opbrengst.",
            "active_elements": "Lokaal eigendom; een zichtbaar doel in het dorp.",
            "preconditions": "Een sterk dak, een coöperatie en een notaris.",
            "implementing_organisations": "Energiecoöperatie Heideborg.",
            "research": "",
            "obstacles_solved": "",
            "costs": "€ 48.000, volledig uit obligaties.",
            "funding_form": "own_means",
            "results": "96 panelen; 31.000 kWh per jaar; 140 obligatiehouders.",
            "evidence_level": "described",
            "transferability": "Het model van de coöperatie is over te nemen; vraag de statuten op.",
            "contact_role": HEIDEBORG_CONTACT,
            "municipality_size": "small",
        },
    ),
    (
        "heideborg",
        None,
        {
            "title": "Keukentafelgesprekken door dorpsgenoten",
            "summary": "Getrainde dorpsgenoten bezoeken ouderen thuis en signaleren eenzaamheid op tijd.",
            "theme": "care",
            "target_group": "elderly",
            "goal": "Eenzaamheid en hulpvragen van ouderen eerder zien.",
            "approach": "Vrijwilligers met een training van drie avonden bezoeken 75-plussers één keer per jaar.",
            "active_elements": "Een bekende uit het dorp aan tafel; een vaste vragenlijst; een warme overdracht "
            "naar het sociaal team.",
            "preconditions": "Een training, een coördinator en een sociaal team dat snel reageert.",
            "implementing_organisations": "Vrijwilligerscentrale, sociaal team Heideborg.",
            "research": "Gebaseerd op de aanpak van preventieve huisbezoeken (Movisie).",
            "obstacles_solved": "Privacy: bezoekers noteren alleen met toestemming wat ze doorgeven.",
            "costs": "€ 7.500 per jaar.",
            "funding_form": "subsidy",
            "results": "310 bezoeken; 42 warme overdrachten naar het sociaal team.",
            "evidence_level": "theory",
            "transferability": "Werkt beter in kernen waar mensen elkaar kennen.",
            "contact_role": HEIDEBORG_CONTACT,
            "municipality_size": "small",
        },
    ),
    (
        "heideborg",
        None,
        {
            "title": "Speelbos door en voor kinderen",
            "summary": "Kinderen ontwerpen en bouwen samen met ouders een speelbos aan de rand van het dorp.",
            "theme": "youth",
            "target_group": "families",
            "goal": "Kinderen spelen meer buiten en voelen zich eigenaar van hun plek.",
            "approach": "Ontwerpavonden met kinderen, bouwdagen met ouders, onderhoud door een speelbosclub.",
            "active_elements": "Kinderen beslissen mee; natuurlijk materiaal; een club die het bijhoudt.",
            "preconditions": "Een stuk bos, een speeltoestellenkeuring en een vrijwilliger met verstand van hout.",
            "implementing_organisations": "Ouderraad van de basisschool, natuurvereniging.",
            "research": "",
            "obstacles_solved": "Zelfgebouwde toestellen moeten gekeurd worden; een keurder deed mee in het ontwerp.",
            "costs": "€ 14.000 eenmalig, € 1.000 per jaar.",
            "funding_form": "budget_plan",
            "results": "Het speelbos wordt door 9 van de 10 gezinnen in het dorp gebruikt.",
            "evidence_level": "described",
            "transferability": "Betrek de keurder vanaf de eerste tekening.",
            "contact_role": HEIDEBORG_CONTACT,
            "municipality_size": "small",
        },
    ),
]


def seed(ctx: DemoContext) -> None:
    places = {"lindeveen": ctx.municipality, "heideborg": ctx.other_municipality}
    publishers = {"lindeveen": ctx.accounts["coach"], "heideborg": ctx.accounts["heideborg_coach"]}
    published = {}
    for key, source, fields in PRACTICES:
        municipality = places[key]
        sources = {}
        if source and source[0] == "experiment":
            sources["source_experiment"] = Experiment.objects.filter(
                municipality=municipality, title=source[1], evaluated_at__isnull=False
            ).first()
        elif source and source[0] == "initiative":
            initiative = Initiative.objects.filter(municipality=municipality, title=source[1]).first()
            if initiative is not None and initiative.status in ("realised", "scaled_up"):
                sources["source_initiative"] = initiative
        published[fields["title"]] = practice_publish(
            municipality=municipality, published_by=publishers[key], **sources, **fields
        )

    heideborg_wijk = ctx.other_municipality.neighbourhoods.order_by("name").first()
    adoption = practice_adopt(
        practice=published["Wijksubsidie voor groepen inwoners"],
        municipality=ctx.other_municipality,
        adopted_by=publishers["heideborg"],
        note="Heideborg neemt de groepsregeling over voor de kernen; de dorpsraad denkt mee over het formulier.",
        title="Dorpsbudget voor groepen inwoners",
        neighbourhood=heideborg_wijk,
    )
    adoption_report_results(
        adoption=adoption,
        results="Eerste halfjaar: zes aanvragen van groepen uit drie kernen, alle zes verantwoord; "
        "doorlooptijd gemiddeld negen werkdagen.",
        reported_by=publishers["heideborg"],
    )
    lindeveen_wijk = next((n for n in ctx.neighbourhoods if n.name == "Westerbos"), ctx.neighbourhoods[0])
    practice_adopt(
        practice=published["Dorpsauto met vrijwillige chauffeurs"],
        municipality=ctx.municipality,
        adopted_by=publishers["lindeveen"],
        note="In Westerbos rijdt geen bus meer; de wijkvereniging zoekt chauffeurs volgens het model van Heideborg.",
        title="Wijkauto Westerbos",
        neighbourhood=lindeveen_wijk,
    )

    # A settled result-funding agreement in the library, prefilled as the publish form does,
    # and taken up by Heideborg as an experiment rather than an initiative.
    agreement = (
        FundingAgreement.objects.filter(municipality=ctx.municipality, state__in=AGREEMENT_PUBLISHABLE)
        .order_by("-state", "pk")
        .first()
    )
    if agreement is not None:
        prefill = {
            key: value for key, value in agreement_prefill(agreement=agreement).items() if key != "source_agreement"
        }
        practice = practice_publish(
            municipality=ctx.municipality,
            published_by=publishers["lindeveen"],
            source_agreement=agreement,
            **{
                **prefill,
                "summary": "Een buurtinitiatief krijgt geld in termijnen, telkens na een bereikt en aangetoond resultaat.",
                "theme": "culture",
                "target_group": "all",
                "approach": "Een voorschot bij de start; de volgende termijnen na een verslag met cijfers, "
                "foto's en een kort verhaal, beoordeeld door de coach.",
                "active_elements": "Resultaten die het team zelf kiest, een vaste coach en geld dat meegroeit met "
                "wat er bereikt is.",
                "preconditions": "Een coach met tijd om verslagen te beoordelen en een financiële afdeling die "
                "termijnen kan uitbetalen.",
                "evidence_level": "described",
                "transferability": "Past in elke gemeente die wijkinitiatieven subsidieert; de termijnen volgen "
                "de gewone subsidiecyclus van verlening en vaststelling.",
                "contact_role": "Coördinator wijkinitiatieven, gemeente Lindeveen",
                "municipality_size": "medium",
            },
        )
        practice_adopt(
            practice=practice,
            municipality=ctx.other_municipality,
            adopted_by=publishers["heideborg"],
            note="Heideborg probeert resultaatfinanciering eerst een half jaar als experiment met twee dorpsraden.",
            title=f"Experiment: {practice.title}"[:120],
            start_initiative=False,
            start_experiment=True,
        )
