import pytest

from samenspel.coaching.tests.factories import InitiativeFactory, TeamMemberFactory


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, tmp_path):
    """Evidence files land in a temporary directory, never in the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def initiative(municipality, resident, coach):
    return InitiativeFactory(
        municipality=municipality,
        initiator=resident,
        coach=coach,
        title="Moestuin De Linde",
        slug="moestuin-de-linde",
        neighbourhood=municipality.neighbourhoods.first(),
    )


@pytest.fixture
def team_member(initiative):
    return TeamMemberFactory(initiative=initiative).user
