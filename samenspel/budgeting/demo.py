"""Demo data for this app; see samenspel.core.demo."""

from samenspel.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    """Filled in by the app as it is built."""
