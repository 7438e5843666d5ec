from django.conf import settings
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
