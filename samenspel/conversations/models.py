"""Private conversations between people who may reach each other, without exposing addresses.

Three kinds, each between two sides (who is on a side is derived, never stored: see
selectors.sides):

- case: an initiative's team and the municipality's coaching desk (not the coach's private notes);
- join: an initiative's team and one person who clicked "Ik doe mee";
- introduction: the two parties of an accepted introduction in the marketplace.

A conversation row is created with its first message; until then a page works with an
unsaved instance. Messages are moderated as comments are (a participant reports, a
moderator sees only reported messages and hides with a reason), but kept apart from
comments, which are public by nature: a private message is never one filter away from a
public list.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspel.comments.moderation import Moderated, ModeratedQuerySet, ReportBase

MESSAGE_MAX_LENGTH = 2000


class Kind(models.TextChoices):
    CASE = "case", _("team en coach")
    JOIN = "join", _("team en deelnemer")
    INTRODUCTION = "introduction", _("kennismaking")


class Side(models.TextChoices):
    TEAM = "team", _("het team")
    COACH = "coach", _("de gemeente")
    JOINER = "joiner", _("deelnemer")
    NEED = "need", _("kant van de vraag")
    OFFER = "offer", _("kant van het aanbod")


# The two sides of each kind, in the order a page shows them.
SIDES_OF_KIND = {
    Kind.CASE: (Side.TEAM, Side.COACH),
    Kind.JOIN: (Side.TEAM, Side.JOINER),
    Kind.INTRODUCTION: (Side.NEED, Side.OFFER),
}


class Conversation(models.Model):
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="conversations"
    )
    joiner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    introduction = models.OneToOneField(
        "marketplace.Introduction", null=True, blank=True, on_delete=models.CASCADE, related_name="conversation"
    )
    created = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative"], condition=Q(kind="case"), name="one_case_conversation"),
            models.UniqueConstraint(
                fields=["initiative", "joiner"], condition=Q(kind="join"), name="one_join_conversation"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="case", initiative__isnull=False, joiner__isnull=True, introduction__isnull=True)
                    | Q(kind="join", initiative__isnull=False, joiner__isnull=False, introduction__isnull=True)
                    | Q(kind="introduction", initiative__isnull=True, joiner__isnull=True, introduction__isnull=False)
                ),
                name="conversation_subject_fits_kind",
            ),
        ]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")

    def __str__(self) -> str:
        if self.kind == Kind.INTRODUCTION:
            return _("Kennismaking %(intro)s") % {"intro": self.introduction}
        if self.kind == Kind.CASE:
            return _("Team en gemeente over %(initiative)s") % {"initiative": self.initiative}
        return _("Meedoen met %(initiative)s") % {"initiative": self.initiative}

    def clean(self) -> None:
        subject = {
            Kind.CASE: self.initiative_id and not self.joiner_id and not self.introduction_id,
            Kind.JOIN: self.initiative_id and self.joiner_id and not self.introduction_id,
            Kind.INTRODUCTION: self.introduction_id and not self.initiative_id and not self.joiner_id,
        }
        if not subject.get(self.kind):
            raise ValidationError(_("Dit gesprek heeft niet het onderwerp dat bij zijn soort hoort."))


class Message(Moderated):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    # A deleted account leaves its words without a name, as with comments.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(_("namens"), max_length=8, choices=Side.choices)
    body = models.TextField(_("bericht"), max_length=MESSAGE_MAX_LENGTH)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.shown_body[:40]}"

    @property
    def shown_body(self) -> str:
        """Once hidden, the words are shown only in moderation."""
        return "" if self.is_hidden else self.body


class MessageReport(ReportBase):
    """A participant's report that a message breaks the house rules (the reasons of comments)."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("bericht verborgen")
        DISMISSED = "dismissed", _("melding afgewezen")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"], condition=Q(status="open"), name="one_open_message_report_per_person"
            )
        ]
        verbose_name = _("melding over een bericht")
        verbose_name_plural = _("meldingen over berichten")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.message_id}"
