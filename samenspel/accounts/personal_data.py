"""AVG: what Samenspel holds about one person, to hand it over (inzage) and to erase it.

Both halves live in one module so that what the download shows and what deletion removes
are read from the same list of places; the privacy statement (core/privacy.html) says
the same in Dutch. Each app contributes its own part (`<app>/personal_data.py`, registered
with `core.registry.register_personal_data`): this module walks the parts and imports no app.

What deletion does, and why:
- removed: the account (e-mail addresses, name, neighbourhood, password), roles,
  organisation memberships, notifications and e-mail choices, supports and follows,
  endorsements, plan supports, voter declarations, reports made, match-mail
  subscriptions, one's own needs and offers, team places and invitations to the
  e-mail address, private messages (introductions, conversations) and contact details
  shared in an introduction;
- kept without a name: comments, statements, updates, plans and decisions stay as
  "verwijderd account" (what was said in public stays part of the conversation); vision
  votes and budget ballots stay counted but are no longer linked to anyone;
- kept by the municipality: coach notes and decisions about an initiative stay with the
  initiative (the municipality's case file), the audit trail keeps the events under a
  pseudonym (public accountability);
- an initiative the person started passes to the next team member; with nobody else in
  the team it stays public under "verwijderd account", and the municipality may stop it.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from samenspel.core.registry import personal_data_parts

PLACEHOLDER_EMAIL = "verwijderd-account@samenspel.invalid"
PLACEHOLDER_NAME = "verwijderd account"


def _when(value) -> str | None:
    return value.isoformat() if value else None


# --- Inzage: everything tied to the account ----------------------------------------------


def export_data(*, user) -> dict:
    """The person's own data. Other people appear only as public names of public things
    (an initiative's title), never with their e-mail, contact details or private words."""
    from allauth.account.models import EmailAddress

    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "neighbourhood": str(user.neighbourhood) if user.neighbourhood_id else None,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        # DigiD: that it was linked, how and when; the keyed hash says nothing to its owner.
        "identity_links": [
            {"scheme": link.scheme, "assurance_level": link.assurance_level, "verified_at": _when(link.verified_at)}
            for link in user.identity_links.all()
        ],
        "roles": [
            {"municipality": m.municipality.name, "role": m.role, "since": _when(m.created)}
            for m in user.memberships.select_related("municipality")
        ],
    }
    for part in personal_data_parts:
        data.update(part.export(user))
    return data


# --- Verwijderen ---------------------------------------------------------------------------


def pseudonym_of(user) -> str:
    """A stable name for a deleted person in the audit trail: same person, same pseudonym."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:deleted-account:{user.pk}".encode()).hexdigest()[:8]
    return f"{PLACEHOLDER_NAME} {digest}"


def placeholder_account():
    """The one inactive, unusable account that keeps an initiative whose starter is gone."""
    user, created = get_user_model().objects.get_or_create(
        email=PLACEHOLDER_EMAIL, defaults={"display_name": PLACEHOLDER_NAME, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def erase(*, user) -> str:
    """Remove the person; keep what must stay, unlinked or under a pseudonym. Returns the pseudonym."""
    pseudonym = pseudonym_of(user)
    for part in personal_data_parts:
        if part.erase is not None:
            part.erase(user, pseudonym=pseudonym, placeholder=placeholder_account)
    user.delete()  # everything else: CASCADE (own data) or SET_NULL (kept without a name)
    return pseudonym
