"""The daily digest: at most one mail per person per day, idempotent, respecting opt-out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samenspel.core.tests.factories import UserFactory
from samenspel.notifications.models import DigestLog, Notification
from samenspel.notifications.services import digests_send, preference_set
from samenspel.notifications.tasks import send_daily_digests

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return UserFactory(display_name="Anna de Lezer", email="anna@voorbeeld.test")


def test_one_mail_lists_all_new_notifications_with_absolute_links(reader, settings):
    settings.SITE_URL = "https://samenspel.example.nl"
    NotificationFactory(user=reader, title="Nieuwe reactie bij Moestuin", url="/lindeveen/initiatieven/moestuin/")
    NotificationFactory(user=reader, title="Besluit over Speeltuin", url="/lindeveen/initiatieven/speeltuin/")

    assert digests_send() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@voorbeeld.test"]
    assert message.subject == "Samenspel: 2 nieuwe meldingen"
    assert "Beste Anna de Lezer" in message.body
    assert "https://samenspel.example.nl/lindeveen/initiatieven/moestuin/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://samenspel.example.nl/lindeveen/initiatieven/speeltuin/"' in html
    assert "https://samenspel.example.nl/account/meldingen/" in message.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert DigestLog.objects.get(user=reader).notification_count == 2


def test_running_again_the_same_day_sends_nothing_even_with_new_notifications(reader):
    NotificationFactory(user=reader)
    digests_send()
    NotificationFactory(user=reader, title="Nog een update")

    assert digests_send() == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1


def test_the_next_day_brings_the_rest(reader):
    NotificationFactory(user=reader)
    start = timezone.now()
    digests_send(now=start)
    NotificationFactory(user=reader, title="Nog een update")

    assert digests_send(now=start + timedelta(hours=6)) == 0
    assert digests_send(now=start + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert "Nog een update" in mail.outbox[1].body
    assert "Nog een update" not in mail.outbox[0].body


def test_a_digest_late_at_night_blocks_the_early_morning_run(reader):
    """Different calendar days, but hardly any time apart: still one mail."""
    night = timezone.make_aware(timezone.datetime(2026, 3, 2, 23, 30))
    NotificationFactory(user=reader)
    Notification.objects.update(created=night - timedelta(hours=1))
    assert digests_send(now=night) == 1
    NotificationFactory(user=reader)
    Notification.objects.filter(emailed_at=None).update(created=night + timedelta(hours=1))
    assert digests_send(now=night + timedelta(hours=8)) == 0
    assert len(mail.outbox) == 1


def test_nobody_without_news_gets_mail(reader):
    NotificationFactory(user=reader, emailed_at=timezone.now())
    assert digests_send() == 0
    assert mail.outbox == []


def test_opting_out_means_no_mail_and_notifications_stay_in_the_list(reader):
    preference_set(user=reader, email_digest=False)
    NotificationFactory(user=reader)
    assert digests_send() == 0
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_each_person_gets_their_own_mail(reader):
    other = UserFactory(email="bram@voorbeeld.test")
    NotificationFactory(user=reader, title="Voor Anna")
    NotificationFactory(user=other, title="Voor Bram")
    assert digests_send() == 2
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "Voor Anna" in by_address["anna@voorbeeld.test"] and "Voor Bram" not in by_address["anna@voorbeeld.test"]


def test_inactive_people_get_no_mail(reader):
    reader.is_active = False
    reader.save()
    NotificationFactory(user=reader)
    assert digests_send() == 0


def test_a_failing_mail_marks_nothing_as_sent(reader, monkeypatch):
    NotificationFactory(user=reader)

    def broken(*args, **kwargs):
        raise ConnectionError("mail server weg")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    assert digests_send() == 0
    assert Notification.objects.get().emailed_at is None
    assert not DigestLog.objects.exists()


def test_the_task_and_the_command_send_the_digest(reader):
    NotificationFactory(user=reader)
    result = send_daily_digests.enqueue()
    assert result.return_value == 1
    NotificationFactory(user=UserFactory())
    call_command("send_digests")
    call_command("send_digests", "--enqueue")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("per_person", [2, 20])
def test_queries_per_person_do_not_grow_with_their_notifications(django_assert_max_num_queries, per_person):
    for _ in range(3):
        NotificationFactory.create_batch(per_person, user=UserFactory())
    # Two for the batch (who, then their accounts), one to find the batch is the last.
    with django_assert_max_num_queries(3 + 3 * 9):
        assert digests_send() == 3


@pytest.fixture
def recorded_tasks(monkeypatch):
    """The digest task's own enqueue is recorded, not run: the test plays the worker."""
    from samenspel.notifications import tasks

    waiting = []

    class Recorder:
        @staticmethod
        def enqueue(*args, **kwargs):
            waiting.append((args, kwargs))

    monkeypatch.setattr(tasks, "send_daily_digests", Recorder)
    return waiting


def test_the_digest_task_is_a_chain_of_batches_with_one_waiting_at_most(recorded_tasks, monkeypatch):
    """100,000 people must not become 100,000 queued tasks, nor one task that holds a worker
    for an hour: each batch enqueues the next before it mails, so the queue holds one digest
    task at a time and other work runs in between."""
    monkeypatch.setattr("samenspel.notifications.services.DIGEST_BATCH_SIZE", 2)
    monkeypatch.setattr("samenspel.notifications.tasks.DIGEST_BATCH_SIZE", 2)
    people = [UserFactory() for _ in range(5)]
    for person in people:
        NotificationFactory(user=person)
    moment = timezone.now().isoformat()

    sent, rounds = send_daily_digests.call(now=moment), 1
    while recorded_tasks:
        assert len(recorded_tasks) == 1  # never more than one digest batch waiting
        args, kwargs = recorded_tasks.pop()
        sent += send_daily_digests.call(*args, **kwargs)
        rounds += 1
    assert (sent, rounds) == (5, 3)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert DigestLog.objects.count() == 5


def test_a_batch_costs_the_same_queries_wherever_it_is_in_the_list(django_assert_max_num_queries, monkeypatch):
    """Keyset pagination: finding the last batch of people costs what finding the first does."""
    from samenspel.notifications.services import digest_recipients

    people = [UserFactory() for _ in range(6)]
    for person in people:
        NotificationFactory(user=person)
    now = timezone.now()
    with django_assert_max_num_queries(1):
        first = digest_recipients(now=now, after=0, limit=2)
    with django_assert_max_num_queries(1):
        last = digest_recipients(now=now, after=people[3].pk, limit=2)
    assert first == [people[0].pk, people[1].pk]
    assert last == [people[4].pk, people[5].pk]
