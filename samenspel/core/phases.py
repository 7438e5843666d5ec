"""Phases and what each allows: one table per process, as adhocracy4's phase contents.

A process (a budget round, a vision process, later a buurtrecht request or an experiment)
moves through phases; each phase allows a set of resident actions. "May this be done now?"
is then a lookup in the process's `PhaseTable`, and `rules.py` combines it with a role
predicate (`table.predicate(action)`): who may act is the role, when is the phase.

Each action belongs to exactly one phase, so that a phase change is the only thing that
opens or closes it; the table refuses to be built otherwise, and
`core/tests/test_phases.py` checks every table that was built.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import rules

#: Every table built, so one test can check them all.
tables: list["PhaseTable"] = []


class PhaseTable:
    """Phase -> allowed actions, for the process whose phase `phase_of(obj)` reads."""

    def __init__(
        self,
        name: str,
        allowed: Mapping[Any, Iterable[str]],
        *,
        phase_of: Callable[[Any], Any] = lambda obj: obj.phase,
    ) -> None:
        self.name = name
        self.allowed: dict[Any, frozenset[str]] = {phase: frozenset(actions) for phase, actions in allowed.items()}
        self.phase_of = phase_of
        seen: dict[str, Any] = {}
        for phase, actions in self.allowed.items():
            for action in actions:
                if action in seen:
                    raise ValueError(f"{name}: action {action!r} is allowed in {seen[action]!r} and {phase!r}")
                seen[action] = phase
        self.phase_of_action: dict[str, Any] = seen
        tables.append(self)

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(self.phase_of_action)

    def allows(self, phase, action: str) -> bool:
        return str(action) in self.allowed.get(phase, frozenset())

    def allows_now(self, obj, action: str) -> bool:
        return obj is not None and self.allows(self.phase_of(obj), action)

    def predicate(self, action: str) -> rules.Predicate:
        """A `rules` predicate: true when the object's current phase allows `action`."""
        if str(action) not in self.phase_of_action:
            raise ValueError(f"{self.name}: unknown action {action!r}")

        def phase_allows(user, obj) -> bool:
            return self.allows_now(obj, action)

        return rules.predicate(phase_allows, name=f"{self.name}_phase_allows_{action}")
