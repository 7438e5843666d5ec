"""The demo seeds conversations of every kind."""

from io import StringIO

import pytest
from django.core.management import call_command

from ..models import Conversation, Kind

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_conversation_of_every_kind():
    call_command("seed_demo", stdout=StringIO())
    kinds = set(Conversation.objects.values_list("kind", flat=True))
    assert kinds == {Kind.CASE, Kind.JOIN, Kind.INTRODUCTION}
    assert all(c.messages.exists() for c in Conversation.objects.all())
