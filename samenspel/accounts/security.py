"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, valid for a while."""

from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

# RFC 9116 asks for an Expires less than a year ahead; the file is written when asked, so it
# never expires while the site runs, and a reader still sees how long to trust it.
VALID_DAYS = 180


def security_txt(request):
    expires = (timezone.now() + timedelta(days=VALID_DAYS)).replace(microsecond=0)
    site = settings.SITE_URL.rstrip("/")
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {site}/.well-known/security.txt",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "max-age=86400"
    return response
