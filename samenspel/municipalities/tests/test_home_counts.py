"""The home page's figures are counted separately, never as a product of joined rows (issue #15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspel.core.tests.factories import MembershipFactory, NeighbourhoodFactory, OrganisationFactory
from samenspel.municipalities.models import Role
from samenspel.municipalities.selectors import municipality_counts

pytestmark = pytest.mark.django_db


def test_the_counts_are_right_and_one_query_without_joins(municipality):
    for _ in range(3):
        MembershipFactory(municipality=municipality)
    MembershipFactory(municipality=municipality, role=Role.COACH)
    MembershipFactory()  # a resident elsewhere
    NeighbourhoodFactory(municipality=municipality)
    OrganisationFactory(municipality=municipality)
    OrganisationFactory(municipality=municipality)
    with CaptureQueriesContext(connection) as captured:
        counts = municipality_counts(municipality=municipality)
    assert counts == {"residents": 3, "neighbourhoods": 2, "organisations": 2}
    assert len(captured) == 1
    # A join would multiply residents by areas by organisations: 500,000 x 100 x 300 rows in a city.
    assert "JOIN" not in captured[0]["sql"]


def test_the_home_page_makes_as_many_queries_with_more_residents(client, municipality):
    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/lindeveen/").status_code == 200
        return len(captured)

    MembershipFactory(municipality=municipality)
    client.get("/lindeveen/")
    few = page_queries()
    for _ in range(20):
        MembershipFactory(municipality=municipality)
    assert page_queries() == few


def test_the_home_page_and_the_organisations_list_make_as_many_queries_with_more_organisations(client, municipality):
    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    OrganisationFactory(municipality=municipality)
    client.get("/lindeveen/")
    home, listing = queries("/lindeveen/"), queries("/lindeveen/organisaties/")
    for _ in range(20):
        OrganisationFactory(municipality=municipality)
    assert (queries("/lindeveen/"), queries("/lindeveen/organisaties/")) == (home, listing)
