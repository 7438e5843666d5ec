"""Role x state matrix of accounts: a profile is changed by the person it belongs to, nobody else.

Not even a municipality's administrator: roles there do not reach into someone's account.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.core.tests.matrix import mismatches

pytestmark = pytest.mark.django_db

# holder: the person whose account it is.
ROLES = ["anonymous", "holder", "resident", "admin", "outsider"]
MATRIX = {
    # State: whose account is the object.
    "accounts.change_profile": {"own account": {"holder"}},
    "accounts.delete_account": {"own account": {"holder"}},
    "accounts.export_data": {"own account": {"holder"}},
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


def test_anonymous_is_sent_to_log_in_and_nothing_is_saved(client):
    assert client.get(reverse("profile")).status_code == 302
    assert client.post(reverse("profile"), {"display_name": "Niemand"}).status_code == 302


def test_a_refused_profile_shows_the_form_again(client_for, resident):
    response = client_for(resident).post(reverse("profile"), {"display_name": "  ", "neighbourhood": ""})
    assert response.status_code == 400 and "Dit veld is vereist" in response.content.decode()


def test_deleting_and_downloading_ask_anonymous_visitors_to_log_in_first(client):
    for name in ("account_delete", "account_data_export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.post(reverse("account_delete"), {"password": "x", "confirm": "on"}).status_code == 302
