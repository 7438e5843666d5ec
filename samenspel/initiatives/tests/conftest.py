import pytest

from samenspel.municipalities.models import Neighbourhood

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
def initiative(municipality, resident, linde):
    """A public initiative in De Linde, started by `resident`."""
    return InitiativeFactory(
        municipality=municipality,
        initiator=resident,
        title="Moestuin De Linde",
        slug="moestuin-de-linde",
        pitch="Een moestuin voor de hele buurt achter het buurthuis.",
        story="We willen **samen** groente kweken.",
        neighbourhood=linde,
        lat=52.205,
        lon=5.205,
    )
