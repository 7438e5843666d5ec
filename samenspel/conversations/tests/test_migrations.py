"""The introduction threads of the marketplace move into conversations, each message on its author's side, and back."""

import pytest

from samenspel.core.tests.migrations import migrate as _migrate
from samenspel.core.tests.migrations import migrate_to_latest as _latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("marketplace", "0007_introduction_shared_contact"), ("conversations", "0001_initial")]
AFTER = [("marketplace", "0008_introduction_messages_moved_to_conversations")]


def test_introduction_messages_move_into_a_conversation_and_back(municipality):
    try:
        old = _migrate(BEFORE)
        user = old.get_model("accounts", "User")
        initiator = user.objects.create(email="joost@voorbeeld.test", display_name="Joost")
        partner = user.objects.create(email="petra@voorbeeld.test", display_name="Petra")
        initiative = old.get_model("initiatives", "Initiative").objects.create(
            municipality_id=municipality.pk,
            title="Buurtkeuken",
            slug="buurtkeuken",
            pitch=".",
            story=".",
            initiator=initiator,
        )
        organisation = old.get_model("organisations", "Organisation").objects.create(
            municipality_id=municipality.pk, name="Woonstichting", slug="woonstichting"
        )
        old.get_model("organisations", "OrganisationMembership").objects.create(
            organisation=organisation, user=partner, status="approved"
        )
        listing = {"municipality_id": municipality.pk, "category": "space", "title": "Zaal", "description": "."}
        need = old.get_model("marketplace", "Need").objects.create(initiative=initiative, **listing)
        offer = old.get_model("marketplace", "Offer").objects.create(organisation=organisation, **listing)
        intro = old.get_model("marketplace", "Introduction").objects.create(
            municipality_id=municipality.pk,
            need=need,
            offer=offer,
            proposed_by=initiator,
            need_side_accepted_by=initiator,
        )
        thread = old.get_model("marketplace", "IntroductionMessage")
        thread.objects.create(introduction=intro, author=initiator, body="Past dit?")
        thread.objects.create(introduction=intro, author=partner, body="Zeker, welkom!")

        new = _migrate(AFTER)
        conversation = new.get_model("conversations", "Conversation").objects.get()
        assert (conversation.kind, conversation.introduction_id) == ("introduction", intro.pk)
        moved = list(
            new.get_model("conversations", "Message").objects.order_by("pk").values_list("author_id", "side", "body")
        )
        assert moved == [(initiator.pk, "need", "Past dit?"), (partner.pk, "offer", "Zeker, welkom!")]

        back = _migrate(BEFORE)
        assert sorted(back.get_model("marketplace", "IntroductionMessage").objects.values_list("body", flat=True)) == [
            "Past dit?",
            "Zeker, welkom!",
        ]
        assert not back.get_model("conversations", "Conversation").objects.exists()
    finally:
        _latest()
