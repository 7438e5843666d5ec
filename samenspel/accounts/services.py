from django.db import transaction

from samenspel.municipalities.models import Municipality, Role
from samenspel.municipalities.services import membership_grant

from .models import User


@transaction.atomic
def user_after_signup(*, user: User, display_name: str, municipality: Municipality) -> User:
    user.display_name = display_name.strip()
    user.full_clean(exclude=["password"])
    user.save()
    membership_grant(municipality=municipality, user=user, role=Role.RESIDENT)
    return user


@transaction.atomic
def user_update_profile(*, user: User, display_name: str, neighbourhood=None) -> User:
    user.display_name = display_name.strip()
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
