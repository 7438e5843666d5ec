"""Notifications name and link what they are about, and say their sentence in the reader's language."""

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_noop

from samenspel.coaching.services import initiative_transition
from samenspel.initiatives.models import Status
from samenspel.initiatives.tests.factories import FollowFactory, InitiativeFactory
from samenspel.notifications.models import Notification
from samenspel.notifications.sentences import Sentence
from samenspel.notifications.services import digest_send_for_user, notification_send

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST = "/account/meldingen/"


@pytest.fixture
def followed(municipality, resident, coach):
    initiative = InitiativeFactory(municipality=municipality, title="Moestuin De Linde", slug="moestuin-de-linde")
    FollowFactory(initiative=initiative, user=resident)
    return initiative


def test_a_status_change_names_and_links_its_initiative_in_the_list_and_the_digest(
    client_for, resident, coach, followed
):
    """It used to read "Status: in gesprek" and nothing else."""
    initiative_transition(
        initiative=followed, to_status=Status.IN_CONVERSATION, reason="We gaan praten.", decided_by=coach
    )
    html = client_for(resident).get(LIST).content.decode()
    assert "Moestuin De Linde: Status: in gesprek" in html
    assert f'href="{followed.get_absolute_url()}">Moestuin De Linde</a>' in html
    digest_send_for_user(user=resident)
    assert "Moestuin De Linde: Status: in gesprek" in mail.outbox[0].body


def test_a_subject_gone_is_still_named(client_for, resident, followed):
    notification_send(users=[resident], title="Status: gestopt", subject=followed)
    followed.delete()
    html = client_for(resident).get(LIST).content.decode()
    assert "Moestuin De Linde: Status: gestopt" in html


def test_a_title_that_names_its_subject_is_not_doubled(resident, followed):
    notification_send(users=[resident], title="Nieuws van Moestuin De Linde: oogst", subject=followed)
    assert Notification.objects.get().headline == "Nieuws van Moestuin De Linde: oogst"


def test_a_sentence_is_said_in_the_readers_language_when_shown(client_for, resident, followed):
    status = Sentence(gettext_noop("in gesprek"))
    notification_send(
        users=[resident], title=Sentence(gettext_noop("Status: %(status)s"), status=status), subject=followed
    )
    client = client_for(resident)
    assert "Moestuin De Linde: Status: in gesprek" in client.get(LIST).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": LIST})
    assert "Moestuin De Linde: Status: in discussion" in client.get(LIST).content.decode()


def test_people_s_words_in_a_sentence_are_never_translated(resident):
    """A parameter that is a plain string (a title) stays as written, even if it equals a msgid."""
    notification_send(users=[resident], title=Sentence(gettext_noop("Status: %(status)s"), status="in gesprek"))
    from django.utils import translation

    with translation.override("en"):
        assert Notification.objects.get().display_title == "Status: in gesprek"


def test_older_notifications_get_their_initiative_back_from_their_link(resident, followed):
    old = NotificationFactory(user=resident, title="Status: in gesprek", url=followed.get_absolute_url() + "#besluit-3")
    elsewhere = NotificationFactory(user=resident, title="Nieuws", url="/lindeveen/toekomstvisie/")
    migration = __import__(
        "samenspel.notifications.migrations.0003_notification_subject", fromlist=["subjects_from_links"]
    )
    migration.subjects_from_links(apps, None)
    old.refresh_from_db()
    elsewhere.refresh_from_db()
    assert old.subject == followed and old.headline == "Moestuin De Linde: Status: in gesprek"
    assert elsewhere.subject is None
