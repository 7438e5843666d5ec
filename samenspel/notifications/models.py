from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def not_emailed(self):
        return self.filter(emailed_at__isnull=True)


class Notification(models.Model):
    """One line in a person's in-app list; gathered into at most one e-mail a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    municipality = models.ForeignKey(
        "municipalities.Municipality", null=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    # What the notification is about (an initiative, a plan, an introduction): named and
    # linked when shown, so "Status: in gesprek" never stands alone.
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # The subject's name when the notification was made, shown if the subject is gone.
    subject_label = models.CharField(_("onderwerp"), max_length=200, blank=True)
    # The title as facts (sentences.Sentence.as_data()), translated when shown; `title`
    # keeps the sentence as said when sent, for older rows and the admin.
    sentence = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the reader's language when it was stored as facts; else as it was said."""
        from .sentences import render

        return render(self.sentence) if self.sentence else self.title

    @property
    def subject_name(self) -> str:
        subject = self.subject if self.subject_type_id else None
        return str(subject) if subject is not None else self.subject_label

    @property
    def headline(self) -> str:
        """The title with its subject in front, unless the title already names it."""
        title, subject = self.display_title, self.subject_name
        if not subject or subject in title:
            return title
        return f"{subject}: {title}"

    @property
    def subject_url(self) -> str:
        subject = self.subject if self.subject_type_id else None
        get_url = getattr(subject, "get_absolute_url", None)
        return get_url() if get_url else ""


class NotificationPreference(models.Model):
    """A person's choice about e-mail; no row means the default (a daily digest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_digest = models.BooleanField(
        _("dagelijkse e-mail met mijn meldingen"),
        default=True,
        help_text=_("Hooguit één e-mail per dag, alleen als er iets nieuws is."),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")

    def __str__(self) -> str:
        return f"{self.user}: {'digest' if self.email_digest else 'geen e-mail'}"


class DigestLog(models.Model):
    """One digest mail sent; the unique day keeps concurrent or repeated runs to one mail a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_logs")
    day = models.DateField()  # the local (Europe/Amsterdam) date the digest belongs to
    sent_at = models.DateTimeField()
    notification_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_user_per_day")]
        verbose_name = _("verstuurde samenvatting")
        verbose_name_plural = _("verstuurde samenvattingen")

    def __str__(self) -> str:
        return f"{self.user} {self.day}"
