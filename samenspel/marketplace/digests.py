"""The weekly "nieuwe matches" mail: one per opted-in person, matches new since the last one.

A write (it moves `last_sent_at`), kept apart from services.py because the task that runs it
(tasks.send_match_digests) must import it, and services.py imports tasks to queue match
updates: one module for both would be an import cycle.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ListingStatus, Match, MatchDigestSubscription
from .selectors import listings_of

DIGEST_MIN_GAP = timedelta(days=6)  # weekly cron, never exactly 7 days apart


def _new_matches_for(subscription, since):
    mine = listings_of(subscription.user, municipality=subscription.municipality)
    need_ids = [n.pk for n in mine["needs"] if n.status == ListingStatus.OPEN]
    offer_ids = [o.pk for o in mine["offers"] if o.status == ListingStatus.OPEN]
    if not need_ids and not offer_ids:
        return []
    matches = (
        Match.objects.filter(created__gt=since)
        .filter(
            Q(need_id__in=need_ids, rank_for_need__isnull=False)
            | Q(offer_id__in=offer_ids, rank_for_offer__isnull=False)
        )
        .select_related("need", "offer")
        .order_by("-score")[:30]
    )
    return list(matches)


def match_digests_send(*, now=None) -> int:
    """One mail per opted-in person per week with matches new since their last digest.

    Idempotent: a second run in the same week sends nothing, and a match is
    only "new" once because `last_sent_at` moves past its `created`.
    """
    now = now or timezone.now()
    sent = 0
    subscriptions = MatchDigestSubscription.objects.filter(is_active=True, user__is_active=True).select_related(
        "user", "municipality"
    )
    for subscription in subscriptions:
        if subscription.last_sent_at and now - subscription.last_sent_at < DIGEST_MIN_GAP:
            continue
        since = subscription.last_sent_at or subscription.created - timedelta(days=7)
        matches = _new_matches_for(subscription, since)
        with transaction.atomic():
            locked = MatchDigestSubscription.objects.select_for_update().get(pk=subscription.pk)
            if locked.last_sent_at != subscription.last_sent_at:
                continue  # another run got here first
            if matches:
                base = getattr(settings, "SITE_URL", "").rstrip("/")
                with translation.override("nl"):
                    body = render_to_string(
                        "marketplace/email/digest.txt",
                        {
                            "user": subscription.user,
                            "municipality": subscription.municipality,
                            "matches": matches,
                            "base": base,
                        },
                    )
                    subject = _("Nieuwe matches op de marktplaats van %(m)s") % {"m": subscription.municipality.name}
                send_mail(subject, body, None, [subscription.user.email])
                sent += 1
            locked.last_sent_at = now
            locked.save(update_fields=["last_sent_at"])
    return sent
