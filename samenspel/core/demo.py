"""The demo municipality, built by `manage.py seed_demo`.

Each app contributes a seeder `seed(ctx)` listed in SEEDERS; they run in order on
one shared DemoContext, so later apps can use the people and places of earlier ones.
Everything is deterministic (one seeded Random), so screenshots and tests are stable.
"""

import random
from dataclasses import dataclass, field

from django.utils.module_loading import import_string

DEMO_PASSWORD = "samenspel-demo-2026"  # noqa: S105  (printed for the demo; never in production)

SEEDERS = [
    "samenspel.municipalities.demo.seed",
    "samenspel.accounts.demo.seed",
    "samenspel.organisations.demo.seed",
    "samenspel.initiatives.demo.seed",
    "samenspel.coaching.demo.seed",
    "samenspel.comments.demo.seed",
    "samenspel.marketplace.demo.seed",
    "samenspel.conversations.demo.seed",
    "samenspel.vision.demo.seed",
    "samenspel.budgeting.demo.seed",
    "samenspel.rights.demo.seed",
    "samenspel.funding.demo.seed",
    "samenspel.experiments.demo.seed",
    "samenspel.practices.demo.seed",
    "samenspel.insights.demo.seed",
]


@dataclass
class DemoContext:
    rng: random.Random = field(default_factory=lambda: random.Random(2035))
    municipality: object = None
    other_municipality: object = None
    neighbourhoods: list = field(default_factory=list)
    accounts: dict = field(default_factory=dict)  # role key -> User (the printed demo accounts)
    residents: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    themes: dict = field(default_factory=dict)


def run_seeders(ctx: DemoContext) -> DemoContext:
    for path in SEEDERS:
        import_string(path)(ctx)
    return ctx
