"""The anonymous participant's key, kept in a signed cookie so votes need no account."""

import uuid

from django.conf import settings

COOKIE = "samenspel_deelnemer"
SALT = "samenspel.vision.participant"
MAX_AGE = 60 * 60 * 24 * 365


def participant_key(request) -> uuid.UUID | None:
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def remember_key(response, key: uuid.UUID) -> None:
    # HTTPS only wherever the session cookie is (SECURE_COOKIES, on in production): the key is
    # as good as the participant's votes.
    response.set_signed_cookie(
        COOKIE,
        str(key),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
