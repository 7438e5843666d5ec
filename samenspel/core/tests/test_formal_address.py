"""The site says "u" in Dutch everywhere, also in django-allauth's account pages and e-mails.

allauth's own Dutch says "je"; samenspel/locale/nl/LC_MESSAGES/django.po overrides those texts.
"""

import re
from pathlib import Path

import pytest
from django.utils import translation

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)


def _msgids():
    text = CATALOG.read_text()
    for block in text.split("\n\n")[1:]:
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.MULTILINE)
        yield "".join(re.findall(r'"(.*)"', match.group(1))).encode().decode("unicode_escape")


def test_every_allauth_text_we_override_says_u():
    ids = list(_msgids())
    assert len(ids) > 50
    with translation.override("nl"):
        for msgid in ids:
            dutch = translation.gettext(msgid)
            assert dutch != msgid, f"not translated (is the nl catalog compiled?): {msgid!r}"
            assert not INFORMAL.search(dutch), dutch


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/account/login/", "/account/signup/", "/account/password/reset/"])
def test_account_pages_say_u(client, path):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    body = re.sub(r"<[^>]+>", " ", html[html.index("<main") :])
    assert not INFORMAL.search(body), INFORMAL.search(body)
