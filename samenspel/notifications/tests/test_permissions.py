"""Role x state matrix of notifications: only the person they belong to acts on them.

Forbidden requests answer 403 (anonymous) and change nothing.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.core.tests.matrix import mismatches
from samenspel.notifications.models import Notification, NotificationPreference

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

# holder: the person whose notifications they are.
ROLES = ["anonymous", "holder", "resident", "admin", "outsider"]
MATRIX = {
    # State: whose notifications (the object is their account).
    "notifications.mark_read": {"own notifications": {"holder"}},
    "notifications.change_preferences": {"own notifications": {"holder"}},
}


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(people, permission):
    holder = people["partner"]
    actors = {**people, "holder": holder}
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: actors[role] or AnonymousUser(),
        subject=lambda state: holder,
    )
    assert wrong == {}


@pytest.mark.parametrize("name", ["notifications:mark_all_read", "notifications:preferences"])
def test_anonymous_requests_answer_403_and_change_nothing(client, resident, name):
    NotificationFactory(user=resident)
    before = (Notification.objects.unread().count(), NotificationPreference.objects.count())
    assert client.post(reverse(name), {}).status_code == 403
    assert (Notification.objects.unread().count(), NotificationPreference.objects.count()) == before
