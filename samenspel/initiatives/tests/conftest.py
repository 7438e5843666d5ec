import pytest

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.municipalities.models import Neighbourhood, Role

from .factories import InitiativeFactory, ThemeFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded photos go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def linde(municipality):
    return Neighbourhood.objects.get(municipality=municipality, slug="de-linde")


@pytest.fixture
def themes(municipality):
    return {
        slug: ThemeFactory(municipality=municipality, name=name, slug=slug)
        for slug, name in [("groen", "Groen"), ("energie", "Energie"), ("zorg-en-welzijn", "Zorg en welzijn")]
    }


@pytest.fixture
def initiator(municipality):
    """A resident of Lindeveen who started `initiative` (not the plain `resident` fixture)."""
    user = UserFactory(display_name="Joost Initiatiefnemer")
    MembershipFactory(user=user, municipality=municipality, role=Role.RESIDENT)
    return user


@pytest.fixture
def initiative(municipality, initiator, linde):
    """A public initiative in De Linde."""
    return InitiativeFactory(
        municipality=municipality,
        initiator=initiator,
        title="Moestuin De Linde",
        slug="moestuin-de-linde",
        pitch="Een moestuin voor de hele buurt achter het buurthuis.",
        story="We willen **samen** groente kweken.",
        neighbourhood=linde,
        lat=52.205,
        lon=5.205,
    )
