from django.core.exceptions import ValidationError
from django.db import transaction

from samenspel.municipalities.models import Municipality, Role
from samenspel.municipalities.services import membership_grant

from .models import User
from .validators import display_name_normalise, validate_display_name


def _display_name(value: str) -> str:
    """The name as stored (NFKC, single spaces), or a ValidationError on the field in Dutch."""
    try:
        validate_display_name(value)
    except ValidationError as error:
        raise ValidationError({"display_name": error.messages}) from error
    return display_name_normalise(value)


@transaction.atomic
def user_after_signup(*, user: User, display_name: str, municipality: Municipality) -> User:
    user.display_name = _display_name(display_name)
    user.full_clean(exclude=["password"])
    user.save()
    membership_grant(municipality=municipality, user=user, role=Role.RESIDENT)
    return user


@transaction.atomic
def user_update_profile(*, user: User, display_name: str, neighbourhood=None) -> User:
    user.display_name = _display_name(display_name)
    user.neighbourhood = neighbourhood
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "neighbourhood"])
    if neighbourhood is not None:
        membership_grant(municipality=neighbourhood.municipality, user=user, role=Role.RESIDENT)
    return user


@transaction.atomic
def user_create(*, email: str, password: str, display_name: str, verified: bool = True, **extra) -> User:
    """Create an account outside the sign-up flow (demo data, management commands)."""
    from allauth.account.models import EmailAddress

    user = User(email=email.lower(), display_name=display_name, **extra)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def user_delete(*, user: User, password: str) -> str:
    """Delete one's own account after re-entering the password; returns the audit pseudonym.

    What goes and what stays (and why) is in `personal_data`; the privacy statement says the same.
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from samenspel.audit.services import audit_record

    from .personal_data import erase

    if not password or not user.check_password(password):
        raise ValidationError({"password": _("Dit wachtwoord klopt niet. Uw account is niet verwijderd.")})
    with transaction.atomic():
        # Recorded as the person, before erasure: `erase` then puts the pseudonym on every
        # event of theirs, this one included, and deleting the account unlinks them.
        for municipality in {m.municipality for m in user.memberships.select_related("municipality")}:
            audit_record(
                municipality=municipality,
                actor=user,
                action="accounts.deleted",
                summary=_("Account verwijderd op eigen verzoek"),
            )
        return erase(user=user)


# --- DigiD ----------------------------------------------------------------------------------


def identity_hash(*, scheme: str, subject: str) -> str:
    """The keyed hash kept instead of a BSN (HMAC-SHA256, IDENTITY_HASH_KEY).

    The BSN is normalised to nine digits first (a broker may drop a leading zero). Without
    the key the hash cannot be reversed by trying every BSN; the key never enters the database.
    """
    import hashlib
    import hmac

    from django.conf import settings

    key = settings.IDENTITY_HASH_KEY or f"{settings.SECRET_KEY}:identity-hash"
    digits = subject.strip()
    if scheme == "digid" and digits.isascii() and digits.isdigit():
        digits = digits.zfill(9)
    return hmac.new(key.encode(), f"{scheme}:{digits}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def identity_link(*, user: User, scheme: str, subject_hash: str, assurance_level: str):
    """Confirm `user` with DigiD: keep the hash of the BSN and the level, refuse a BSN already in use.

    Takes the hash, not the BSN: between the DigiD return and an e-mail log-in only the hash
    waits in the session.
    """
    import logging

    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .models import IdentityLink

    digest = subject_hash
    taken = IdentityLink.objects.filter(scheme=scheme, subject_hash=digest).exclude(user=user).exists()
    if taken:
        raise ValidationError(
            _("Deze DigiD is al gekoppeld aan een ander account. Log in met dat account, of vraag de gemeente om hulp.")
        )
    link, _created = IdentityLink.objects.select_for_update().update_or_create(
        user=user,
        scheme=scheme,
        defaults={"subject_hash": digest, "assurance_level": assurance_level, "verified_at": timezone.now()},
    )
    link.full_clean()
    # The log names the account and the level, never the BSN or its hash.
    logging.getLogger("samenspel.identity").info(
        "identity linked: user=%s scheme=%s level=%s", user.pk, scheme, assurance_level
    )
    return link
