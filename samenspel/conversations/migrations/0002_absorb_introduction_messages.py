"""Move the marketplace's introduction messages into conversations (kind "introduction").

The side of each message is the side its author spoke for: the side they accepted for,
else the side whose listing they own or belong to; a message whose author is gone or on
neither side (a coach, before this change) goes to the need side, where the thread began.
Reading them now needs the rules of conversations: only the parties, only after both accepted.
"""

from django.db import migrations


def _speaks_for(listing, user_id, apps) -> bool:
    if user_id is None:
        return False
    if listing.person_id:
        return listing.person_id == user_id
    if listing.organisation_id:
        membership = apps.get_model("organisations", "OrganisationMembership")
        return membership.objects.filter(
            organisation_id=listing.organisation_id, user_id=user_id, status="approved"
        ).exists()
    team = apps.get_model("initiatives", "TeamMember")
    initiative = listing.initiative
    return initiative.initiator_id == user_id or team.objects.filter(
        initiative_id=initiative.pk, user_id=user_id, accepted_at__isnull=False
    ).exists()


def forwards(apps, schema_editor):
    old = apps.get_model("marketplace", "IntroductionMessage")
    conversation_model = apps.get_model("conversations", "Conversation")
    message_model = apps.get_model("conversations", "Message")
    for item in old.objects.select_related("introduction__need__initiative", "introduction__offer").order_by("pk"):
        intro = item.introduction
        conversation, _created = conversation_model.objects.get_or_create(
            kind="introduction", introduction=intro, defaults={"municipality_id": intro.municipality_id}
        )
        author = item.author_id
        if author is not None and author == intro.offer_side_accepted_by_id:
            side = "offer"
        elif author is not None and author == intro.need_side_accepted_by_id:
            side = "need"
        elif _speaks_for(intro.offer, author, apps) and not _speaks_for(intro.need, author, apps):
            side = "offer"
        else:
            side = "need"
        message = message_model.objects.create(conversation=conversation, author_id=author, side=side, body=item.body)
        message_model.objects.filter(pk=message.pk).update(created=item.created)
        conversation_model.objects.filter(pk=conversation.pk).update(last_message_at=item.created)


def backwards(apps, schema_editor):
    old = apps.get_model("marketplace", "IntroductionMessage")
    message_model = apps.get_model("conversations", "Message")
    for message in message_model.objects.filter(conversation__kind="introduction").select_related("conversation"):
        item = old.objects.create(
            introduction_id=message.conversation.introduction_id, author_id=message.author_id, body=message.body
        )
        old.objects.filter(pk=item.pk).update(created=message.created)
    apps.get_model("conversations", "Conversation").objects.filter(kind="introduction").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("organisations", "0002_english_values"),
        ("initiatives", "0004_english_codes_for_roles_and_support"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
