"""What a participatieverordening says about the buurtrechten when a municipality adopts defaults.

The Wet versterking participatie op decentraal niveau (in force 1 January 2025) obliges every
municipality to adopt a participatieverordening by 1 January 2027 and anchors the uitdaagrecht
in it. Ordinances differ; these defaults follow common Dutch practice, and every value says where
it comes from (`SOURCES`), so a municipality can see what it adopts and change it
(docs/buurtrechten.md).

Codes are stored; the Dutch labels here are what people read.
"""

from django.utils.translation import gettext_lazy as _

CHALLENGE = "challenge"
BID = "bid"
NEIGHBOURHOOD_PLAN = "neighbourhood_plan"

# Awb art. 4:13: without a term set by law a decision is due within a reasonable term, which
# has passed after eight weeks. The platform uses it as the floor of every decision term.
AWB_DECISION_WEEKS = 8
# Where the ordinance is silent on the decision term: ten weeks, as Geertruidenberg's
# ordinance on the right to challenge sets.
DEFAULT_DECISION_WEEKS = 10

# --- what a request contains ---------------------------------------------------------------
PARTS: dict[str, str] = {
    "task": _("De taak die u wilt overnemen, of wat u wilt bereiken"),
    "better": _("Waarom en hoe het beter, goedkoper of dichter bij de buurt kan"),
    "experience": _("Kennis en ervaring van de groep"),
    "support": _("Steun onder de bewoners die het raakt"),
    "costs": _("Kostenraming"),
    "cooperation": _("Welke samenwerking of steun u van de gemeente vraagt"),
    "continuity": _("Hoe u kwaliteit en continuïteit waarborgt"),
    "function": _("De maatschappelijke functie van het gebouw of de grond"),
    "design": _("Het ontwerp of de indeling van de openbare ruimte"),
}

# --- what the municipality assesses ---------------------------------------------------------
CRITERIA: dict[str, str] = {
    "roots": _("De groep is geworteld in de buurt"),
    "not_reserved": _("Het is geen taak die aan de overheid is voorbehouden"),
    "plausible": _("De uitvoering is aannemelijk"),
    "procurement": _("Geen strijd met aanbestedingsregels"),
    "support": _("Er is draagvlak in de buurt"),
    "no_harm": _("Geen nadeel voor andere bewoners"),
    "no_extra_cost": _("Niet duurder voor de gemeente"),
    "legal_form": _("De groep heeft een rechtsvorm"),
    "social_value": _("Maatschappelijke meerwaarde"),
}

# Tasks no ordinance lets residents take over: public authority stays with the government.
EXCLUDED_TASKS = [
    "handhaving",
    "vergunningverlening",
    "belastingheffing",
    "uitkeringen",
]

SOURCES = {
    "parts": "Middelburg en Delft (verordeningen uitdaagrecht): taak, beter of goedkoper, kennis en ervaring, "
    "draagvlak, kostenraming, gevraagde samenwerking, kwaliteit en continuïteit",
    "criteria": "Delft, Opsterland en 's-Hertogenbosch: geworteld in de buurt, geen voorbehouden overheidstaak, "
    "aannemelijke uitvoering, aanbesteding, draagvlak, geen nadeel voor anderen, niet duurder, rechtsvorm, "
    "maatschappelijke meerwaarde",
    "decision_weeks": "Geertruidenberg: besluit binnen 10 weken; Awb art. 4:13: 8 weken als ondergrens",
    "extension": "Awb art. 4:14 lid 3: verdaging met een redelijke termijn, gemeld vóór het einde van de termijn",
    "suspension": "Awb art. 4:15: de termijn is opgeschort vanaf de dag na het verzoek om aanvulling "
    "tot de dag waarop de aanvulling binnen is",
    "end_of_term": "Algemene termijnenwet art. 1: een termijn die op een zaterdag, zondag of feestdag eindigt, "
    "loopt door tot de eerstvolgende werkdag",
    "rights": "Amsterdam (Verordening op de buurtrechten 2024): uitdaagrecht, biedingsrecht en buurtplanrecht",
    "excluded": "Publiekrechtelijke taken (handhaving, vergunningen, belastingen, uitkeringen) zijn in alle "
    "genoemde verordeningen uitgezonderd",
}

# Per right: the terms in weeks, the parts and criteria. Acknowledgement and admissibility
# terms are platform choices (the ordinances consulted give none or vary); they are shown as such.
RIGHTS: dict[str, dict] = {
    CHALLENGE: {
        "acknowledge_weeks": 1,
        "admissibility_weeks": 4,
        "decision_weeks": DEFAULT_DECISION_WEEKS,
        "extension_allowed": True,
        "extension_weeks": 6,
        "required_parts": ["task", "better", "experience", "support", "costs", "cooperation", "continuity"],
        "criteria": [
            "roots",
            "not_reserved",
            "plausible",
            "procurement",
            "support",
            "no_harm",
            "no_extra_cost",
            "legal_form",
            "social_value",
        ],
    },
    BID: {
        "acknowledge_weeks": 1,
        "admissibility_weeks": 4,
        "decision_weeks": DEFAULT_DECISION_WEEKS,
        "extension_allowed": True,
        "extension_weeks": 6,
        "required_parts": ["task", "function", "experience", "support", "costs", "continuity"],
        "criteria": ["roots", "plausible", "procurement", "support", "no_harm", "legal_form", "social_value"],
    },
    NEIGHBOURHOOD_PLAN: {
        "acknowledge_weeks": 1,
        "admissibility_weeks": 4,
        "decision_weeks": DEFAULT_DECISION_WEEKS,
        "extension_allowed": True,
        "extension_weeks": 6,
        "required_parts": ["task", "design", "support", "costs", "cooperation"],
        "criteria": ["roots", "plausible", "support", "no_harm", "no_extra_cost", "social_value"],
    },
}
