"""A double click (or eight) on "Ik steun dit", "Ik doe mee" or "Volgen" never answers 500.

Each button says which state it asks for, the unique constraints decide, and a click that
meets the row another click made a moment ago is answered like the first. PostgreSQL only:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenspel_harden_test \\
        .venv/bin/pytest -p no:cacheprovider samenspel/initiatives/tests/test_parallel_clicks.py
"""

import pytest
from django.db import connection
from django.test import Client

from samenspel.core.tests.concurrency import at_once
from samenspel.initiatives import services
from samenspel.initiatives.models import Follow, Support
from samenspel.notifications.models import Notification

from .factories import InitiativeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent connections; runs in CI on PostgreSQL"
    ),
]

CLICKS = 8


def devices_of(user) -> list[Client]:
    devices = [Client() for _ in range(CLICKS)]
    for device in devices:
        device.force_login(user)
    return devices


def press(devices, url, data) -> tuple[list[Exception], list[int]]:
    statuses = []

    def click(index):
        statuses.append(devices[index].post(url, data).status_code)

    return at_once(click, CLICKS), statuses


@pytest.fixture
def initiative(municipality):
    return InitiativeFactory(municipality=municipality)


def url(initiative, name):
    return f"/lindeveen/initiatieven/{initiative.slug}/{name}/"


@pytest.mark.parametrize("kind", ["support", "join"])
def test_many_clicks_on_a_support_button_at_once_give_one_support(initiative, resident, kind):
    devices = devices_of(resident)
    errors, statuses = press(devices, url(initiative, "steun"), {"soort": kind, "aan": "1"})
    assert errors == []
    assert statuses == [302] * CLICKS
    assert Support.objects.filter(initiative=initiative, user=resident, kind=kind).count() == 1
    if kind == "join":
        assert Follow.objects.filter(initiative=initiative, user=resident).count() == 1
        # The team hears once that this resident joined, not once per click.
        assert Notification.objects.filter(user=initiative.initiator).count() == 1
    errors, statuses = press(devices, url(initiative, "steun"), {"soort": kind, "aan": "0"})
    assert errors == []
    assert statuses == [302] * CLICKS
    assert not Support.objects.filter(initiative=initiative, user=resident, kind=kind).exists()


def test_many_clicks_on_follow_at_once_give_one_follow(initiative, resident):
    devices = devices_of(resident)
    errors, statuses = press(devices, url(initiative, "volgen"), {"aan": "1"})
    assert (errors, statuses) == ([], [302] * CLICKS)
    assert Follow.objects.filter(initiative=initiative, user=resident).count() == 1
    errors, statuses = press(devices, url(initiative, "volgen"), {"aan": "0"})
    assert (errors, statuses) == ([], [302] * CLICKS)
    assert not Follow.objects.filter(initiative=initiative, user=resident).exists()


def test_flips_without_a_state_at_once_never_fail_and_leave_at_most_one_row(initiative, resident):
    """An older page posts no `aan`: each press flips. Racing flips end on or off, never in a 500."""

    def flip(index):
        services.support_toggle(initiative=initiative, user=resident, kind="support")
        services.follow_toggle(initiative=initiative, user=resident)

    assert at_once(flip, CLICKS) == []
    assert Support.objects.filter(initiative=initiative, user=resident).count() <= 1
    assert Follow.objects.filter(initiative=initiative, user=resident).count() <= 1


def test_many_residents_supporting_at_once_are_all_counted(initiative, people):
    residents = [people[role] for role in ("resident", "coach", "moderator", "admin", "partner", "outsider")]

    def support(index):
        services.support_toggle(initiative=initiative, user=residents[index], kind="support", on=True)

    assert at_once(support, len(residents)) == []
    assert Support.objects.filter(initiative=initiative).count() == len(residents)
