import pytest

from .factories import VisionProcessFactory


@pytest.fixture
def process(municipality):
    return VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run transaction.on_commit callbacks (task enqueues) inside the test transaction."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner
