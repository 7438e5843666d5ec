"""The notifications page: the list, reading, marking all read, the e-mail choice, the badge."""

import pytest
from django.urls import reverse

from samenspel.core.tests.factories import UserFactory
from samenspel.notifications.models import Notification, NotificationPreference

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST = "/account/meldingen/"


def test_the_list_is_at_account_meldingen():
    assert reverse("notifications:list") == LIST


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_person_sees_only_their_own_notifications_unread_highlighted(client_for, resident):
    NotificationFactory(user=resident, title="Nieuwe reactie bij Moestuin")
    NotificationFactory(user=resident, title="Al gelezen bericht", read_at="2026-01-01T10:00Z")
    NotificationFactory(user=UserFactory(), title="Van iemand anders")
    body = client_for(resident).get(LIST).content.decode()
    assert "Nieuwe reactie bij Moestuin" in body and "Al gelezen bericht" in body
    assert "Van iemand anders" not in body
    assert body.count("notification--unread") == 1
    assert "U heeft 1 ongelezen melding." in body


def test_mark_all_read(client_for, resident):
    NotificationFactory.create_batch(3, user=resident)
    other = NotificationFactory(user=UserFactory())
    response = client_for(resident).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client_for, resident):
    note = NotificationFactory(user=resident, url="/lindeveen/initiatieven/moestuin/#reactie-4")
    response = client_for(resident).get(reverse("notifications:open", kwargs={"pk": note.pk}))
    assert response.status_code == 302 and response["Location"] == "/lindeveen/initiatieven/moestuin/#reactie-4"
    note.refresh_from_db()
    assert note.read_at is not None


def test_an_outside_link_is_not_followed(client_for, resident):
    note = NotificationFactory(user=resident, url="https://kwaadaardig.example/")
    response = client_for(resident).get(reverse("notifications:open", kwargs={"pk": note.pk}))
    assert response["Location"] == LIST


def test_someone_elses_notification_is_not_found(client_for, resident):
    note = NotificationFactory(user=UserFactory())
    assert client_for(resident).get(reverse("notifications:open", kwargs={"pk": note.pk})).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_turning_the_daily_mail_off_and_on(client_for, resident):
    client = client_for(resident)
    client.post(reverse("notifications:preferences"), {})  # an unticked box is not sent
    assert NotificationPreference.objects.get(user=resident).email_digest is False
    client.post(reverse("notifications:preferences"), {"email_digest": "on"})
    assert NotificationPreference.objects.get(user=resident).email_digest is True


def test_the_badge_counts_unread(client_for, resident):
    NotificationFactory.create_batch(2, user=resident)
    body = client_for(resident).get(reverse("notifications:badge")).content.decode()
    assert 'href="/account/meldingen/"' in body and ">2<" in body
    assert client_for(None).get(reverse("notifications:badge")).content.decode().strip() == ""


@pytest.mark.parametrize("extra", [0, 20])
def test_list_queries_stay_constant(client_for, resident, django_assert_max_num_queries, extra):
    NotificationFactory.create_batch(2 + extra, user=resident)
    client = client_for(resident)
    with django_assert_max_num_queries(10):
        client.get(LIST)
