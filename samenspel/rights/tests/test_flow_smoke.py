import pytest

from samenspel.rights.models import State

from .factories import in_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED, State.PUBLIC, State.ASSESSMENT, State.DECIDED])
def test_every_state_can_be_reached(ordinance, municipality, resident, coach, municipality_admin, state):
    request = in_state(municipality, resident, coach, municipality_admin, state, agreement=state == State.DECIDED)
    assert request.state == state
