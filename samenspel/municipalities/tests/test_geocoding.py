"""Address search against a stand-in Locatieserver (never the real one)."""

import pytest

from samenspel.municipalities import geocoding

from .locatieserver import locatieserver  # noqa: F401 (a fixture)

NEAR = (52.09, 5.56)


def test_an_address_is_found_with_its_point(locatieserver):  # noqa: F811
    found = geocoding.address_search(query="Lindelaan 12", near=NEAR)
    assert [a.label for a in found] == ["Lindelaan 12, 3911AB Lindeveen"]
    assert (found[0].lat, found[0].lon) == (52.2050, 5.2050)
    path, params = locatieserver.requests[-1]
    assert path.endswith("/free")
    assert params["fq"] == ["type:adres"] and params["lat"] == ["52.09000"] and params["lon"] == ["5.56000"]


def test_the_same_street_in_a_far_town_is_left_out(locatieserver):  # noqa: F811
    labels = [a.label for a in geocoding.address_search(query="Lindelaan", near=NEAR)]
    assert labels == ["Lindelaan 12, 3911AB Lindeveen", "Lindelaan 14, 3911AB Lindeveen"]


def test_nothing_found_is_an_empty_list(locatieserver):  # noqa: F811
    assert geocoding.address_search(query="Nergensstraat 1", near=NEAR) == []


@pytest.mark.parametrize("query", ["traag 1", "kapot 1", "onzin 1"])
def test_a_slow_broken_or_garbled_answer_is_unavailable(locatieserver, query):  # noqa: F811
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.address_search(query=query, near=NEAR)


def test_a_server_that_is_not_there_is_unavailable(settings):
    settings.GEOCODER_URL = "http://127.0.0.1:9/locatieserver"  # the discard port: nothing listens
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.address_search(query="Lindelaan 12")


def test_only_http_urls_are_asked(settings):
    settings.GEOCODER_URL = "file:///etc/passwd"
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.address_search(query="Lindelaan 12")


def test_without_a_url_there_is_no_search(settings):
    settings.GEOCODER_URL = ""
    assert not geocoding.is_configured()


@pytest.mark.parametrize(
    ("text", "point"),
    [("POINT(5.205 52.205)", (52.205, 5.205)), (" POINT ( 5 52 ) ", (52.0, 5.0)), ("POINT(5.2)", None), ("", None)],
)
def test_locatieserver_points_are_lon_lat(text, point):
    assert geocoding.parse_point(text) == point
