import pytest

from samenspel.core.tests.factories import NeighbourhoodFactory, square
from samenspel.municipalities import geo
from samenspel.municipalities.models import Neighbourhood
from samenspel.municipalities.selectors import neighbourhood_for_point

SQUARE = square(52.0, 5.5, 0.1)


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [(52.05, 5.55, True), (52.2, 5.55, False), (52.05, 5.4, False), (52.0999, 5.5001, True)],
)
def test_a_point_is_inside_a_polygon_only_within_its_ring(lat, lon, inside):
    assert geo.contains(SQUARE, lat, lon) is inside


def test_a_hole_is_outside():
    outer = SQUARE["coordinates"][0]
    hole = [[5.52, 52.02], [5.58, 52.02], [5.58, 52.08], [5.52, 52.08], [5.52, 52.02]]
    assert not geo.contains({"type": "Polygon", "coordinates": [outer, hole]}, 52.05, 5.55)


def test_centroid_of_a_square_is_its_middle():
    lat, lon = geo.centroid(SQUARE)
    assert lat == pytest.approx(52.05)
    assert lon == pytest.approx(5.55)


def test_distance_between_two_points_in_utrecht_province():
    # Amersfoort station to Utrecht Centraal is about 20 km as the crow flies.
    assert geo.distance_m(52.1533, 5.3733, 52.0894, 5.1101) == pytest.approx(19_300, rel=0.05)


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [5.5, 52.0]},
        {"type": "Polygon", "coordinates": [[[5.5, 52.0], [5.6, 52.0], [5.6, 52.1]]]},
        {"type": "Polygon", "coordinates": [[[500, 52.0], [5.6, 52.0], [5.6, 52.1], [500, 52.0]]]},
        "niet eens een object",
    ],
)
def test_invalid_boundaries_are_reported_in_dutch(geometry):
    problems = geo.validate_polygon(geometry)
    assert problems and all(isinstance(p, str) for p in problems)


@pytest.mark.django_db
def test_the_neighbourhood_follows_from_a_point(municipality):
    north = NeighbourhoodFactory(municipality=municipality, boundary=square(52.10, 5.50))
    south = NeighbourhoodFactory(municipality=municipality, boundary=square(52.08, 5.50))
    assert neighbourhood_for_point(municipality=municipality, lat=52.105, lon=5.505) == north
    assert neighbourhood_for_point(municipality=municipality, lat=52.085, lon=5.505) == south
    assert neighbourhood_for_point(municipality=municipality, lat=53.0, lon=6.0) is None


@pytest.mark.django_db
def test_a_neighbourhood_code_must_belong_to_its_municipality(municipality):
    from django.core.exceptions import ValidationError

    area = Neighbourhood(municipality=municipality, name="Elders", slug="elders", cbs_code="WK123401")
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert "hoort niet bij deze gemeente" in str(error.value)


# --- What the map shows is what is saved -----------------------------------------------------


def _lindeveen_wijk(municipality, name):
    """A wijk with its demo outline (the nudged lattice of the Lindeveen demo)."""
    from samenspel.municipalities.demo import _LATTICE_LAT, _LATTICE_LON, LINDEVEEN_WIJKEN, _cell

    (row, col), _name, _text, _residents = next(w for w in LINDEVEEN_WIJKEN if w[1] == name)
    return NeighbourhoodFactory(
        municipality=municipality, name=name, slug=name.lower(), boundary=_cell(row, col, _LATTICE_LAT, _LATTICE_LON)
    )


@pytest.mark.django_db
def test_a_point_clearly_inside_zuiderpark_is_saved_in_zuiderpark_not_centrum(municipality):
    """Regression: a click inside what the map labelled Zuiderpark was saved in Centrum."""
    from samenspel.municipalities.selectors import neighbourhood_map

    zuiderpark = _lindeveen_wijk(municipality, "Zuiderpark")
    centrum = _lindeveen_wijk(municipality, "Centrum")
    # The middle of Zuiderpark, well away from its border with Centrum (about 52.089).
    assert neighbourhood_for_point(municipality=municipality, lat=52.0805, lon=5.5605) == zuiderpark
    assert neighbourhood_for_point(municipality=municipality, lat=52.0965, lon=5.5595) == centrum
    # Each label the map draws sits on a point that is saved in the area it names.
    for feature in neighbourhood_map(municipality=municipality)["features"]:
        lat, lon = feature["properties"]["label"]
        found = neighbourhood_for_point(municipality=municipality, lat=lat, lon=lon)
        assert found.name == feature["properties"]["name"]


@pytest.mark.django_db
def test_a_buurt_is_drawn_on_top_of_its_wijk_as_it_is_chosen_first(municipality):
    """The map's topmost outline under a point is the area the point is saved in."""
    from samenspel.municipalities.selectors import neighbourhood_map

    wijk = NeighbourhoodFactory(municipality=municipality, name="Zuiderpark", boundary=square(52.30, 5.30, 0.02))
    buurt = NeighbourhoodFactory(
        municipality=municipality, name="Centrum-Zuid", kind="buurt", parent=wijk, boundary=square(52.30, 5.30)
    )
    assert neighbourhood_for_point(municipality=municipality, lat=52.305, lon=5.305) == buurt
    names = [f["properties"]["name"] for f in neighbourhood_map(municipality=municipality)["features"]]
    assert names.index("Centrum-Zuid") > names.index("Zuiderpark")  # drawn later = on top


def test_the_label_of_a_u_shaped_area_lies_inside_it():
    # A U whose centroid falls in the gap between its arms.
    u_shape = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
    }
    lat, lon = geo.centroid(u_shape)
    assert not geo.contains(u_shape, lat, lon)
    assert geo.contains(u_shape, *geo.label_point(u_shape))


def test_the_label_of_a_square_is_its_middle():
    assert geo.label_point(SQUARE) == pytest.approx((52.05, 5.55))


def test_a_boundary_with_latitude_first_is_refused():
    """GeoJSON is (lon, lat); a WFS export in EPSG:4326 axis order gives (lat, lon)."""
    swapped = {"type": "Polygon", "coordinates": [[[y, x] for x, y in SQUARE["coordinates"][0]]]}
    assert any("omgewisseld" in p for p in geo.validate_polygon(swapped))
    assert geo.validate_polygon(SQUARE) == []
