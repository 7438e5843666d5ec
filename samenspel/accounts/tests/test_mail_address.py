"""E-mails name the site and link to the configured address, never the host the request came in on."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from samenspel.notifications.services import digest_send_for_user, notification_send

pytestmark = pytest.mark.django_db

SITE = {"SITE_URL": "https://samenspel.lindeveen.nl", "SITE_NAME": "Samenspel Lindeveen"}


def _assert_on_the_site(message):
    parts = [message.subject, message.body] + [body for body, _type in getattr(message, "alternatives", [])]
    text = "\n".join(parts)
    assert "Samenspel Lindeveen" in text
    assert "https://samenspel.lindeveen.nl/" in text
    for host in ("127.0.0.1", "testserver", "localhost", "intern.example"):
        assert host not in text, host


@override_settings(**SITE, ALLOWED_HOSTS=["testserver", "intern.example"])
def test_the_sign_up_mail_names_the_site_and_links_to_the_site_address(client, municipality):
    client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@voorbeeld.test",
            "display_name": "Nieuwe Buur",
            "password1": "zonnebloem-aan-de-dijk",
            "password2": "zonnebloem-aan-de-dijk",
            "municipality": municipality.pk,
        },
        HTTP_HOST="intern.example",
    )
    (message,) = mail.outbox
    _assert_on_the_site(message)
    assert "https://samenspel.lindeveen.nl/account/confirm-email/" in message.body


@override_settings(**SITE)
def test_the_password_reset_mail_links_to_the_site_address(client, resident):
    client.post(reverse("account_reset_password"), {"email": resident.email})
    (message,) = mail.outbox
    _assert_on_the_site(message)
    assert "https://samenspel.lindeveen.nl/account/password/reset/key/" in message.body


@override_settings(**SITE)
def test_the_digest_names_the_site_and_links_to_the_site_address(resident, municipality):
    notification_send(users=[resident], title="Nieuws", url="/lindeveen/initiatieven/", municipality=municipality)
    assert digest_send_for_user(user=resident) == 1
    (message,) = mail.outbox
    _assert_on_the_site(message)
    assert "https://samenspel.lindeveen.nl/lindeveen/initiatieven/" in message.body
