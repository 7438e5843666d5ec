import factory

from samenspel.core.tests.factories import MunicipalityFactory
from samenspel.practices.models import Practice
from samenspel.practices.selectors import search_document


def practice_values(**overrides) -> dict:
    """Every field a publication needs, realistic Dutch."""
    return {
        "title": "Subsidie aan groepen inwoners",
        "summary": "Drie inwoners samen kunnen tot € 2.500 aanvragen, zonder stichting op te richten.",
        "theme": "culture",
        "target_group": "all",
        "goal": "Meer bewoners krijgen steun voor kleine initiatieven in hun straat.",
        "approach": "Een eenvoudig formulier, besluit binnen tien werkdagen, verantwoording met foto's en bonnetjes.",
        "active_elements": "Vertrouwen vooraf, een vaste coach, verantwoording achteraf.",
        "preconditions": "Een coach met tijd en een kleine post in de begroting.",
        "implementing_organisations": "Gemeente en het welzijnswerk.",
        "research": "Voor- en nameting van het aantal aanvragen.",
        "obstacles_solved": "Subsidie alleen voor rechtspersonen: vervangen door groepen van drie inwoners.",
        "costs": "€ 25.000 per jaar aan subsidies, 0,2 fte coaching.",
        "funding_form": "subsidy",
        "results": "Aanvragen van groepen inwoners: 2 → 14 per jaar.",
        "evidence_level": "indications",
        "transferability": "Past in elke gemeente met een subsidieregeling wijkinitiatieven.",
        "contact_role": "Coördinator wijkinitiatieven, gemeente Lindeveen",
        "municipality_size": "medium",
        **overrides,
    }


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        values = {**practice_values(), **kwargs}
        practice = model_class(*args, **values)
        practice.search_document = search_document(practice)
        practice.save()
        return practice
