"""One municipality's data never appears on another's pages, API or exports."""

import pytest
from django.urls import reverse

from samenspel.core.tests.factories import NeighbourhoodFactory, OrganisationFactory


@pytest.fixture
def two_towns(municipality, other_municipality):
    OrganisationFactory(municipality=municipality, name="Woonstichting Lindeveen", slug="woonstichting")
    OrganisationFactory(municipality=other_municipality, name="Heidebergs Dorpsfonds", slug="dorpsfonds")
    NeighbourhoodFactory(municipality=other_municipality, name="Ginkelhof", cbs_code="WK900201")
    return municipality, other_municipality


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["municipality_home", "organisations:list"])
def test_pages_show_only_their_own_municipality(client, two_towns, url_name):
    lindeveen, heideborg = two_towns
    page = client.get(reverse(url_name, kwargs={"municipality": "lindeveen"})).content.decode()
    assert "Woonstichting Lindeveen" in page
    assert "Heidebergs Dorpsfonds" not in page and "Ginkelhof" not in page


@pytest.mark.django_db
def test_an_organisation_is_not_reachable_under_another_municipality(client, two_towns):
    url = reverse("organisations:detail", kwargs={"municipality": "lindeveen", "slug": "dorpsfonds"})
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_api_filters_by_municipality(client, two_towns):
    names = [n["name"] for n in client.get("/api/v1/neighbourhoods?municipality=lindeveen").json()["results"]]
    assert "De Linde" in names and "Ginkelhof" not in names


@pytest.mark.django_db
def test_a_role_in_one_municipality_gives_nothing_in_another(people, other_municipality, municipality):
    outsider = people["outsider"]
    assert outsider.has_perm("municipalities.manage_roles", other_municipality)
    assert not outsider.has_perm("municipalities.manage_roles", municipality)
