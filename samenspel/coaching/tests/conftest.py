import pytest

from .factories import InitiativeFactory, TeamMemberFactory


@pytest.fixture
def initiative(municipality, resident):
    """A fresh initiative submitted by the resident; the resident is its initiator."""
    return InitiativeFactory(
        municipality=municipality,
        initiator=resident,
        title="Moestuin De Linde",
        slug="moestuin-de-linde",
        neighbourhood=municipality.neighbourhoods.first(),
    )


@pytest.fixture
def team_member(initiative):
    return TeamMemberFactory(initiative=initiative).user


@pytest.fixture
def actors(people, team_member):
    """Every role of the permission matrices, the initiative's team member included."""
    return {**people, "team": team_member}
