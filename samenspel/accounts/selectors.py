"""Reads about people: where a person comes from, which municipalities are theirs."""

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from samenspel.municipalities.models import Municipality
from samenspel.municipalities.selectors import active_municipality, municipality_list

NEXT_FIELD = "next"


def safe_next(request, url: str | None) -> str | None:
    """`url` when it points into this site (a path, or our own host), else None."""
    if not url or request is None:
        return None
    hosts = {request.get_host(), *settings.ALLOWED_HOSTS}
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=hosts, require_https=request.is_secure()) else None


def next_of(request) -> str | None:
    """The page the person came from, as the `next` parameter of this request (if safe)."""
    if request is None:
        return None
    return safe_next(request, request.POST.get(NEXT_FIELD) or request.GET.get(NEXT_FIELD))


def municipality_of_path(path: str | None) -> Municipality | None:
    """The municipality whose pages `path` belongs to (`/lindeveen/...`), or None."""
    if not path or not path.startswith("/"):
        return None
    slug = path.split("?", 1)[0].strip("/").split("/", 1)[0]
    return active_municipality(slug=slug) if slug else None


def municipality_of_request(request) -> Municipality | None:
    """Where the person is: the municipality of the page they came from, else the one last visited.

    The tenant middleware remembers the last municipality visited (`context_municipality`)
    for global pages such as sign-up; a `next` into another municipality wins.
    """
    if request is None:
        return None
    return municipality_of_path(next_of(request)) or getattr(request, "context_municipality", None)


def municipalities_of(*, user):
    """The active municipalities where the person holds any role (their own)."""
    if not user.is_authenticated:
        return municipality_list().none()
    return municipality_list().filter(memberships__user=user).distinct().order_by("name")


def user_data_export(*, user) -> dict:
    """Everything tied to the account (AVG inzage); see personal_data for what and why."""
    from .personal_data import export_data

    return export_data(user=user)


def identity_account(*, scheme: str, subject_hash: str):
    """The active account a DigiD identity (its keyed hash) was linked to, or None."""
    from .models import IdentityLink

    link = IdentityLink.objects.filter(scheme=scheme, subject_hash=subject_hash).select_related("user").first()
    return link.user if link and link.user.is_active else None


def identity_verified(*, user, scheme: str = "digid", minimum: str | None = None) -> bool:
    """Whether the account was confirmed with `scheme` (at least at `minimum`, default: the configured level)."""
    from .models import IdentityLink
    from .oidc import level_at_least, provider_config

    if not user.is_authenticated:
        return False
    link = IdentityLink.objects.filter(user=user, scheme=scheme).first()
    if link is None:
        return False
    return level_at_least(scheme, link.assurance_level, minimum or provider_config(scheme)["min_loa"])
