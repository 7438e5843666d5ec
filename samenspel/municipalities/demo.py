"""Lindeveen: a fictional town in the Gelderse Vallei, and its smaller neighbour Heideborg."""

from samenspel.core.demo import DemoContext

from .models import Municipality, Neighbourhood

# A 4 x 4 lattice of corner points, nudged so the nine wijken look drawn by hand yet
# still tile the town without gaps or overlaps.
_LATTICE_LON = [5.525, 5.548, 5.572, 5.597]
_LATTICE_LAT = [52.073, 52.089, 52.104, 52.120]
_NUDGE = {
    (1, 1): (0.0021, -0.0012),
    (1, 2): (-0.0017, 0.0015),
    (2, 1): (0.0013, 0.0019),
    (2, 2): (-0.0024, -0.0008),
    (0, 1): (0.0, 0.0011),
    (0, 2): (0.0, -0.0014),
    (3, 1): (0.0, 0.0009),
    (3, 2): (0.0, -0.0010),
    (1, 0): (0.0015, 0.0),
    (2, 0): (-0.0012, 0.0),
    (1, 3): (-0.0011, 0.0),
    (2, 3): (0.0018, 0.0),
}

LINDEVEEN_WIJKEN = [
    # (row from south, column from west): name, description, residents (CBS-style figure, 1 January;
    # fictional, but adding up to a town of about 45,000)
    ((0, 0), "Westerbos", "Jaren-zeventigwijk tegen het bos, met veel rijtjeshuizen en een eigen winkelstrip.", 6120),
    ((0, 1), "Zuiderpark", "Rond het stadspark, met de sporthal en het zwembad.", 5480),
    ((0, 2), "Dorrestein", "Nieuwbouwwijk uit de jaren negentig met jonge gezinnen.", 7340),
    ((1, 0), "Het Veen", "Oude veenontginning, nu een mengeling van boerderijen en nieuwe woningen.", 2870),
    ((1, 1), "Centrum", "De oude kern met de markt, de Grote Kerk, het gemeentehuis en winkels.", 4210),
    ((1, 2), "De Linde", "Naoorlogse wijk rond buurthuis De Linde, met veel sociale huur.", 6650),
    ((2, 0), "Bergakker", "Groene wijk op de flank van de stuwwal, met volkstuinen.", 3940),
    ((2, 1), "Molenwijk", "Rond molen De Hoop, met het station en het bedrijventerrein.", 3560),
    ((2, 2), "Oosterhei", "Ruim opgezette wijk aan de heide, veel ouderen en een zorgcentrum.", 4830),
]
HEIDEBORG_WIJKEN = [
    ((0, 0), "Heideborg-Dorp", "Het dorpshart met de kerk en de basisschool.", 3960),
    ((0, 1), "Ginkelhof", "Buitengebied met boerderijen en vakantieparken.", 1240),
    ((1, 0), "Zandeind", "Woonwijk aan de zandverstuiving.", 2780),
]


def _cell(row: int, col: int, lat_axis, lon_axis) -> dict:
    def corner(r, c):
        dlon, dlat = _NUDGE.get((r, c), (0.0, 0.0))
        return [round(lon_axis[c] + dlon, 5), round(lat_axis[r] + dlat, 5)]

    ring = [corner(row, col), corner(row, col + 1), corner(row + 1, col + 1), corner(row + 1, col), corner(row, col)]
    return {"type": "Polygon", "coordinates": [ring]}


def _municipality(name, cbs, slug, tagline, wijken, lat_axis, lon_axis, days) -> tuple[Municipality, list]:
    municipality = Municipality(
        name=f"Gemeente {name}",
        cbs_code=cbs,
        slug=slug,
        tagline=tagline,
        first_response_days=days,
        center_lat=sum(lat_axis) / len(lat_axis),
        center_lon=sum(lon_axis) / len(lon_axis),
        contact_email=f"samenspel@{slug}.test",
    )
    municipality.full_clean()
    municipality.save()
    areas = []
    for number, ((row, col), wijk, description, population) in enumerate(wijken):
        area = Neighbourhood(
            municipality=municipality,
            name=wijk,
            slug=wijk.lower().replace(" ", "-"),
            kind=Neighbourhood.Kind.WIJK,
            cbs_code=f"WK{cbs[2:]}{number:02d}",
            boundary=_cell(row, col, lat_axis, lon_axis),
            description=description,
            population=population,
        )
        area.full_clean()
        area.save()
        areas.append(area)
    return municipality, areas


def seed(ctx: DemoContext) -> None:
    ctx.municipality, ctx.neighbourhoods = _municipality(
        "Lindeveen",
        "GM9001",
        "lindeveen",
        "Samen maken we Lindeveen: van straat tot stadspark.",
        LINDEVEEN_WIJKEN,
        _LATTICE_LAT,
        _LATTICE_LON,
        days=5,
    )
    ctx.other_municipality, _ = _municipality(
        "Heideborg",
        "GM9002",
        "heideborg",
        "Een dorp aan de heide dat het samen doet.",
        HEIDEBORG_WIJKEN,
        [52.040, 52.052, 52.064],
        [5.700, 5.722, 5.744],
        days=10,
    )
