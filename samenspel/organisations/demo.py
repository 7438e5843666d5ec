from samenspel.core.demo import DemoContext

from .models import Organisation
from .services import membership_request, organisation_create

ORGANISATIONS = [
    (
        "Woonstichting Lindeveen",
        Organisation.Kind.HOUSING,
        "12345678",
        "Verhuurt ruim 4.000 sociale huurwoningen in Lindeveen en stelt ruimtes beschikbaar voor bewonersinitiatieven.",
        ["De Linde", "Oosterhei", "Westerbos"],
    ),
    (
        "Welzijn Lindeveen",
        Organisation.Kind.WELFARE,
        "23456789",
        "Opbouwwerk, buurtcoaches en vrijwilligerswerk. Wij helpen bewoners hun ideeën waar te maken.",
        [],
    ),
    (
        "Zorgcentrum De Heidebloem",
        Organisation.Kind.CARE,
        "34567890",
        "Verpleeg- en verzorgingshuis in Oosterhei, met een ontmoetingsruimte die open staat voor de wijk.",
        ["Oosterhei"],
    ),
    (
        "Basisschool De Regenboog",
        Organisation.Kind.EDUCATION,
        "45678901",
        "Openbare basisschool in Dorrestein; het schoolplein is na schooltijd open voor de buurt.",
        ["Dorrestein", "Zuiderpark"],
    ),
    (
        "Bakkerij Van Dam",
        Organisation.Kind.BUSINESS,
        "56789012",
        "Familiebakkerij aan de Markt sinds 1926. Sponsort graag buurtactiviteiten met brood en koffie.",
        ["Centrum"],
    ),
    (
        "Lindeveens Fonds",
        Organisation.Kind.FUND,
        "67890123",
        "Lokaal fonds dat bewonersinitiatieven steunt met bijdragen tot € 5.000.",
        [],
    ),
    (
        "Buurtvereniging De Linde",
        Organisation.Kind.ASSOCIATION,
        "78901234",
        "Beheert buurthuis De Linde en organiseert activiteiten voor jong en oud.",
        ["De Linde"],
    ),
]


def seed(ctx: DemoContext) -> None:
    by_name = {n.name: n for n in ctx.neighbourhoods}
    owners = [ctx.accounts["partner"], *ctx.residents[:6]]
    for owner, (name, kind, kvk, description, areas) in zip(owners, ORGANISATIONS, strict=True):
        organisation = organisation_create(
            municipality=ctx.municipality,
            name=name,
            kind=kind,
            kvk_number=kvk,
            description=description,
            created_by=owner,
            neighbourhoods=[by_name[a] for a in areas],
        )
        ctx.organisations.append(organisation)
    # A pending request, so the approval flow is visible in the demo.
    membership_request(organisation=ctx.organisations[0], user=ctx.residents[10])
