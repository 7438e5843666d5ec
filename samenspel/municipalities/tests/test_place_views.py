"""The address search proxy and the point lookup the place picker asks."""

import pytest
from django.urls import reverse

from samenspel.municipalities.models import Neighbourhood

from .locatieserver import locatieserver  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _search(client, q):
    return client.get(reverse("municipalities:address_search", kwargs={"municipality": "lindeveen"}), {"q": q})


def test_a_resident_finds_an_address_with_its_wijk(client_for, resident, locatieserver):  # noqa: F811
    answer = _search(client_for(resident), "Lindelaan 12")
    assert answer.status_code == 200
    linde = Neighbourhood.objects.get(slug="de-linde")
    assert answer.json() == {
        "results": [
            {
                "label": "Lindelaan 12, 3911AB Lindeveen",
                "lat": 52.205,
                "lon": 5.205,
                "neighbourhood": {"id": linde.pk, "name": "De Linde"},
            }
        ],
        "message": "",
    }


def test_an_address_outside_every_wijk_has_none(client_for, resident, locatieserver):  # noqa: F811
    result = _search(client_for(resident), "Marktstraat 3").json()["results"][0]
    assert result["neighbourhood"] is None


def test_nothing_found_says_so_in_dutch(client_for, resident, locatieserver):  # noqa: F811
    body = _search(client_for(resident), "Nergensstraat 1").json()
    assert body["results"] == [] and "Geen adres gevonden" in body["message"]


@pytest.mark.parametrize("q", ["", "ab", "x" * 101])
def test_bad_input_is_400_in_dutch(client_for, resident, locatieserver, q):  # noqa: F811
    answer = _search(client_for(resident), q)
    assert answer.status_code == 400
    assert "minstens drie tekens" in answer.json()["error"]
    assert locatieserver.requests == []


@pytest.mark.parametrize("q", ["traag 1", "kapot 1", "onzin 1"])
def test_failure_or_timeout_is_a_dutch_message(client_for, resident, locatieserver, q):  # noqa: F811
    answer = _search(client_for(resident), q)
    assert answer.status_code == 502
    assert answer.json()["error"].startswith("Adressen zoeken lukt nu niet.")


def test_anonymous_visitors_cannot_use_the_proxy(client, municipality, locatieserver):  # noqa: F811
    answer = _search(client, "Lindelaan 12")
    assert answer.status_code == 403 and "Log in" in answer.json()["error"]
    assert locatieserver.requests == []


def test_without_a_geocoder_there_is_no_search(client_for, resident, settings):
    settings.GEOCODER_URL = ""
    assert _search(client_for(resident), "Lindelaan 12").status_code == 404


def test_searching_too_often_is_refused(client_for, resident, locatieserver, monkeypatch):  # noqa: F811
    from samenspel.municipalities import views

    monkeypatch.setattr(views, "SEARCHES_PER_MINUTE", 2)
    client = client_for(resident)
    assert [_search(client, "Lindelaan 12").status_code for _ in range(3)] == [200, 200, 429]


def _place(client, **params):
    return client.get(reverse("municipalities:place", kwargs={"municipality": "lindeveen"}), params)


def test_the_wijk_of_a_point(client, municipality):
    linde = Neighbourhood.objects.get(slug="de-linde")
    assert _place(client, lat="52.205", lon="5.205").json() == {"neighbourhood": {"id": linde.pk, "name": "De Linde"}}
    assert _place(client, lat="52.5", lon="5.5").json() == {"neighbourhood": None}


@pytest.mark.parametrize("params", [{}, {"lat": "52.2"}, {"lat": "noord", "lon": "5.2"}, {"lat": "95", "lon": "5.2"}])
def test_a_bad_point_is_400(client, municipality, params):
    answer = _place(client, **params)
    assert answer.status_code == 400 and "breedtegraad" in answer.json()["error"]
