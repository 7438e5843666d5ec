"""Demo data of this app: experiments from Lindeveen's experiment spaces, one evaluation of each outcome.

The Repair Café's experiment worked and changed the subsidy rule for good (it shows in the
rule register); the market's worked partly; the neighbourhood composting did not; the
Huiskamer's evaluation is overdue (on the coaches' desk) and the tiny houses' is due soon.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from samenspel.coaching.models import RuleObstacle
from samenspel.core.demo import DemoContext

from .models import Experiment, Indicator
from .services import experiment_evaluate

# initiative title of the obstacle (or None), experiment fields, indicators
# (name, unit, baseline, target, measured, comparison), evaluation (or the days until it is due).
EXPERIMENTS = [
    (
        "Repair Café Centrum",
        {
            "title": "Wijksubsidie voor groepen van drie inwoners",
            "question": "Kunnen groepen inwoners zonder stichting verantwoord een kleine wijksubsidie besteden?",
            "hypothesis": "Zonder de eis van een rechtspersoon vragen meer groepen subsidie aan, zonder dat er "
            "meer geld verkeerd besteed wordt, omdat de coach vooraf meedenkt en de groep achteraf verantwoordt.",
            "departs_from": "Art. 3 lid 1 Subsidieregeling Wijkinitiatieven: subsidie alleen voor rechtspersonen.",
            "comparison": "before_after",
            "comparison_description": "Aanvragen en bestedingen in de twee jaar voor de proef.",
        },
        [
            ("Aanvragen van groepen zonder rechtspersoon", "per jaar", "2", "10", "14", None),
            ("Subsidies niet of verkeerd besteed", "%", "6", "6", "3", None),
            ("Doorlooptijd van aanvraag tot besluit", "werkdagen", "42", "15", "11", None),
        ],
        {
            "result": "worked",
            "learned": "Groepen van drie inwoners vroegen zeven keer zo vaak subsidie aan als daarvoor. De "
            "verantwoording met foto's en bonnetjes was voor iedereen te doen; twee groepen hadden hulp nodig "
            "van de coach. Er is minder geld verkeerd besteed dan bij stichtingen.",
            "verdict": "change_rule",
            "reasoning": "De proef deed wat we hoopten. De raad heeft de subsidieregeling aangepast, zodat elke "
            "groep van minstens drie inwoners tot € 2.500 kan aanvragen.",
            "rule_change_summary": "Groepen van minstens drie inwoners kunnen zonder stichting of vereniging tot "
            "€ 2.500 wijksubsidie aanvragen, met verantwoording achteraf.",
            "rule_change_reference": "Raadsbesluit 2026-014, wijziging art. 3 Subsidieregeling Wijkinitiatieven",
        },
    ),
    (
        "Lokale markt Molenwijk",
        {
            "title": "Eén jaarmelding voor de maandmarkt",
            "question": "Blijft de markt veilig en rustig als één melding per jaar de vergunning per marktdag vervangt?",
            "hypothesis": "Met één jaarmelding komen er meer marktdagen en minder kosten voor de ondernemers, "
            "zonder meer klachten uit de buurt.",
            "departs_from": "Art. 2:25 APV: een evenementenvergunning voor elke marktdag.",
            "comparison": "other_neighbourhood",
            "comparison_description": "De markt in Westerbos, die nog per keer een vergunning aanvraagt.",
        },
        [
            ("Marktdagen per jaar", "dagen", "5", "11", "10", "5"),
            ("Klachten van omwonenden", "per jaar", "3", "3", "7", "2"),
        ],
        {
            "result": "partly",
            "learned": "Er kwamen twee keer zo veel marktdagen, maar ook meer klachten over geluid bij het "
            "opbouwen voor zeven uur. Die klachten gingen bijna allemaal over dezelfde twee kramen.",
            "verdict": "adjust_continue",
            "reasoning": "We gaan nog een jaar door met de jaarmelding, met een vaste opbouwtijd vanaf half acht "
            "en een aanspreekpunt van de markt voor de buren.",
        },
    ),
    (
        None,
        {
            "title": "Buurtcompostering in plaats van de groene container",
            "question": "Scheiden bewoners van de Hoge Hof meer groente- en fruitafval als ze het in de buurt "
            "composteren in plaats van in de container?",
            "hypothesis": "Een compostbak om de hoek met een vaste beheerder verhoogt de scheiding van gft.",
            "departs_from": "De werkwijze van de afvalinzameling: gft in een container per huis.",
            "comparison": "do_nothing",
            "comparison_description": "De scheiding van gft in dezelfde straten zonder compostbakken.",
        },
        [
            ("Gescheiden gft per huishouden", "kg per jaar", "38", "60", "41", "39"),
            ("Huishoudens die meedoen", "%", "0", "40", "12", None),
        ],
        {
            "result": "did_not",
            "learned": "Na een enthousiaste start deden weinig huishoudens mee en de beheerders stopten na de "
            "zomer. Wie al gft scheidde, bleef de container gebruiken. Een compostbak alleen verandert geen gewoonte.",
            "verdict": "stop",
            "reasoning": "Het experiment stopt. De compostbakken blijven staan voor de moestuin; de gemeente "
            "onderzoekt liever kleinere gft-containers bij flats.",
        },
    ),
    (
        "Huiskamer van Oosterhei",
        {
            "title": "Subsidie aan de bewonersgroep van de Huiskamer",
            "question": "Blijft de Huiskamer open als bewoners zelf, zonder vereniging, het budget beheren?",
            "hypothesis": "Met een eigen budget zonder vereniging houden bewoners de Huiskamer vier dagen per week open.",
            "departs_from": "Art. 3 lid 1 Subsidieregeling Wijkinitiatieven: subsidie alleen voor rechtspersonen.",
            "comparison": "before_after",
            "comparison_description": "",
        },
        [("Dagen per week open", "dagen", "2", "4", "4", None)],
        -6,
    ),
    (
        "Tiny houses Het Veen",
        {
            "title": "Parkeernorm 0,5 met deelauto's bij de tiny houses",
            "question": "Neemt de parkeerdruk in de Veenstraat toe als de tiny houses een norm van 0,5 plaats "
            "per woning hebben en twee deelauto's?",
            "hypothesis": "Bewoners van kleine woningen met deelauto's hebben minder auto's; de parkeerdruk blijft "
            "onder de 85 procent.",
            "departs_from": "Art. 2 Nota Parkeernormen: 1,5 plaats per woning.",
            "comparison": "before_after",
            "comparison_description": "Tellingen van de parkeerdruk 's avonds, voor en na de bouw.",
        },
        [("Parkeerdruk in de Veenstraat 's avonds", "%", "72", "85", "79", None)],
        12,
    ),
]


def seed(ctx: DemoContext) -> None:
    municipality = ctx.municipality
    coach, admin = ctx.accounts["coach"], ctx.accounts["admin"]
    today = timezone.localdate()
    for initiative_title, fields, indicators, evaluation in EXPERIMENTS:
        obstacle = (
            RuleObstacle.objects.filter(initiative__municipality=municipality, initiative__title=initiative_title)
            .select_related("experiment")
            .first()
            if initiative_title
            else None
        )
        if initiative_title and obstacle is None:
            continue
        due_in = evaluation if isinstance(evaluation, int) else -20
        experiment = Experiment.objects.create(
            municipality=municipality,
            obstacle=obstacle,
            created_by=coach,
            start_date=today + datetime.timedelta(days=due_in - 380),
            evaluation_date=today + datetime.timedelta(days=due_in),
            **fields,
        )
        for name, unit, baseline, target, measured, comparison in indicators:
            Indicator.objects.create(
                experiment=experiment,
                name=name,
                unit=unit,
                baseline=Decimal(baseline),
                target=Decimal(target),
                measured=Decimal(measured) if isinstance(evaluation, dict) or due_in < 0 else None,
                comparison_value=Decimal(comparison) if comparison else None,
            )
        if isinstance(evaluation, dict):
            experiment_evaluate(experiment=experiment, evaluated_by=admin, **evaluation)
