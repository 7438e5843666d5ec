"""Every process's phase table: each action opens in exactly one phase."""

import pytest

from samenspel.core.phases import PhaseTable, tables


def test_a_table_refuses_an_action_in_two_phases():
    with pytest.raises(ValueError, match="allowed in"):
        PhaseTable("test", {"a": {"vote"}, "b": {"vote"}})
    assert "test" not in {table.name for table in tables}


def test_the_predicate_follows_the_phase_of_the_object():
    class Process:
        phase = "open"

    table = PhaseTable("test_predicate", {"open": {"vote"}, "closed": set()})
    try:
        process = Process()
        assert table.predicate("vote").test(None, process)
        process.phase = "closed"
        assert not table.predicate("vote").test(None, process)
        assert not table.predicate("vote").test(None, None)
        with pytest.raises(ValueError):
            table.predicate("count")
    finally:
        tables.remove(table)


def test_every_table_of_the_apps_is_exclusive_and_complete():
    import samenspel.budgeting.rules  # builds the tables
    import samenspel.vision.rules  # noqa: F401

    names = {table.name for table in tables}
    assert {"budgeting", "vision"} <= names
    for table in tables:
        for action, phase in table.phase_of_action.items():
            assert [p for p, actions in table.allowed.items() if action in actions] == [phase]
