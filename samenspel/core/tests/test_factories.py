"""The factories make rows PostgreSQL accepts however long the suite runs.

SQLite does not enforce a column's length, so a sequence that outgrows it passes
there and fails on PostgreSQL only, thousands of tests later.
"""

import pytest

from samenspel.core.tests.factories import MunicipalityFactory, NeighbourhoodFactory


@pytest.mark.django_db
def test_a_municipality_made_after_thousands_of_others_still_has_a_valid_cbs_code():
    MunicipalityFactory.reset_sequence(5000)
    for _ in range(3):
        municipality = MunicipalityFactory()
        municipality.full_clean()
        NeighbourhoodFactory(municipality=municipality).full_clean()
