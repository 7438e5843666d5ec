import datetime

import pytest

from samenspel.insights.periods import Period

from .factories import small_world


@pytest.fixture
def world(municipality):
    return small_world(municipality)


@pytest.fixture
def january():
    """Monday 5 January to Sunday 1 February 2026: four whole weeks."""
    return Period(datetime.date(2026, 1, 5), datetime.date(2026, 2, 1))
