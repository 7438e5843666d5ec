from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an e-mail address; shows only a display name to others."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    display_name = models.CharField(_("weergavenaam"), max_length=80, help_text=_("Zo zien anderen u op Samenspel."))
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood",
        verbose_name=_("wijk of buurt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def save(self, *args, **kwargs):
        if not self.display_name:
            self.display_name = self.email.split("@")[0]
        super().save(*args, **kwargs)


class IdentityLink(models.Model):
    """An account confirmed with DigiD: a keyed hash of the BSN, never the BSN itself.

    The hash (HMAC-SHA256 with IDENTITY_HASH_KEY) lets the same BSN find the same account
    again and keeps one BSN from confirming two accounts; without the key it cannot be turned
    back into a BSN, not even by trying all nine-digit numbers.
    """

    class Scheme(models.TextChoices):
        DIGID = "digid", _("DigiD")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="identity_links")
    scheme = models.CharField(max_length=20, choices=Scheme.choices)
    subject_hash = models.CharField(max_length=64)
    # The broker's level of assurance as django-digid-eherkenning names it (`middle`, ...).
    assurance_level = models.CharField(_("betrouwbaarheidsniveau"), max_length=20)
    verified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "subject_hash"], name="one_account_per_identity"),
            models.UniqueConstraint(fields=["user", "scheme"], name="one_identity_per_account"),
        ]
        verbose_name = _("gekoppelde identiteit")
        verbose_name_plural = _("gekoppelde identiteiten")

    def __str__(self) -> str:
        return f"{self.user} ({self.scheme})"
