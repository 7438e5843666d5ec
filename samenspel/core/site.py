"""How every e-mail names the site and links into it: SITE_NAME and SITE_URL, never the request's host.

A mail sent during a request (sign-up, password reset) would otherwise carry whatever
host the request came in on (127.0.0.1 on a demo, an internal name behind a proxy), and
a mail sent by a background task has no request at all.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (`/lindeveen/...`) as a full link on the configured site; full URLs stay as they are."""
    if not path:
        return site_root()
    if urlsplit(path).scheme:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_root() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


@dataclass(frozen=True)
class SiteIdentity:
    """Stands in for django.contrib.sites' Site in mail templates (`current_site.name`, `.domain`)."""

    name: str
    domain: str


def current_site() -> SiteIdentity:
    return SiteIdentity(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
