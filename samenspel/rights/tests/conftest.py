import pytest

from .factories import adopt


@pytest.fixture
def ordinance(municipality, municipality_admin):
    return adopt(municipality, municipality_admin)
