"""Log in or confirm an account with DigiD; confirm an organisation with eHerkenning.

The flows start with a link (GET): the browser leaves for the broker, and the broker sends it
back to a callback here. What the broker said is handled at once: DigiD links the account (a
keyed hash of the BSN) or logs in the account it was linked to; eHerkenning leaves the KvK
number in the session for the organisation's page that asked for it (organisations compares
it with the organisation; accounts knows no organisations).
"""

import logging
import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .selectors import identity_account, next_of, safe_next
from .services import identity_hash, identity_link

log = logging.getLogger("samenspel.identity")

# Between a DigiD return and an e-mail log-in (a DigiD not yet linked) only the hash waits here.
DIGID_PENDING_KEY = "samenspel_digid_pending"
DIGID_PENDING_SECONDS = 900
# What eHerkenning said, for the organisation page that sent the person (`eherkenning_result`).
EHERKENNING_KEY = "samenspel_eherkenning"
EHERKENNING_RESULT_SECONDS = 600
_NEXT_KEY = "oidc_login_next"


def _configured(provider: str) -> None:
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    if not oidc.is_configured(provider):
        raise Http404


def _next(request) -> str:
    return safe_next(request, request.session.pop(_NEXT_KEY, None)) or reverse("home")


def _to_login(request, next_url: str):
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def digid_start(request):
    """To DigiD (`?next=` is where the person returns)."""
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    _configured(oidc.DIGID)
    return oidc.RequestView.as_view(provider=oidc.DIGID)(request)


def digid_callback(request):
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    _configured(oidc.DIGID)
    identity = oidc.callback_identity(request, oidc.DIGID)
    next_url = _next(request)
    if identity is None:
        messages.error(request, _("Inloggen met DigiD is afgebroken of mislukt. Er is niets veranderd."))
        return _to_login(request, next_url)
    if not identity.loa_sufficient:
        log.info("digid refused: level %s below the minimum", identity.loa)
        messages.error(
            request,
            _(
                "Uw DigiD-inlog had niet het betrouwbaarheidsniveau dat de gemeente vraagt. "
                "Log in met de DigiD app of met sms-controle."
            ),
        )
        return _to_login(request, next_url)
    digest = identity_hash(scheme=oidc.DIGID, subject=identity.subject)
    if request.user.is_authenticated:
        return _link(request, request.user, digest, identity.loa, next_url)
    user = identity_account(scheme=oidc.DIGID, subject_hash=digest)
    if user is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        identity_link(user=user, scheme=oidc.DIGID, subject_hash=digest, assurance_level=identity.loa)
        messages.success(request, _("U bent ingelogd met DigiD."))
        return HttpResponseRedirect(next_url)
    request.session[DIGID_PENDING_KEY] = {"hash": digest, "loa": identity.loa, "at": time.time()}
    messages.info(
        request,
        _(
            "Uw DigiD is nog niet aan een account gekoppeld. Log in met uw e-mailadres of maak een "
            "account; daarna koppelen we uw DigiD eraan."
        ),
    )
    return _to_login(request, next_url)


def _link(request, user, digest: str, loa: str, next_url: str):
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    try:
        identity_link(user=user, scheme=oidc.DIGID, subject_hash=digest, assurance_level=loa)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Uw account is bevestigd met DigiD."))
    return HttpResponseRedirect(next_url)


def link_pending_digid(sender, request, user, **kwargs) -> None:
    """After an e-mail log-in: link the DigiD that waited in the session (user_logged_in).

    A signal because allauth, not Samenspel, performs the log-in; nothing else hangs on it.
    """
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    pending = request.session.pop(DIGID_PENDING_KEY, None) if request is not None else None
    # Only for a log-in soon after: on a shared computer the next person must not get it.
    if not pending or time.time() - pending.get("at", 0) > DIGID_PENDING_SECONDS:
        return
    try:
        identity_link(user=user, scheme=oidc.DIGID, subject_hash=pending["hash"], assurance_level=pending["loa"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Uw account is bevestigd met DigiD."))


def eherkenning_start(request):
    """To eHerkenning, for a logged-in person (`?next=` is the organisation's page that asks)."""
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    _configured(oidc.EHERKENNING)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not next_of(request):
        raise Http404
    return oidc.RequestView.as_view(provider=oidc.EHERKENNING)(request)


def eherkenning_callback(request):
    from . import oidc  # the OIDC client libraries load when a broker is used, not at start

    _configured(oidc.EHERKENNING)
    identity = oidc.callback_identity(request, oidc.EHERKENNING)
    next_url = _next(request)
    if identity is None:
        messages.error(request, _("Inloggen met eHerkenning is afgebroken of mislukt. Er is niets veranderd."))
    elif not identity.loa_sufficient:
        log.info("eherkenning refused: level %s below the minimum", identity.loa)
        messages.error(
            request, _("Uw eHerkenning-middel heeft niet het betrouwbaarheidsniveau dat de gemeente vraagt.")
        )
    elif request.user.is_authenticated:
        request.session[EHERKENNING_KEY] = {"kvk": identity.subject, "loa": identity.loa, "at": time.time()}
    return HttpResponseRedirect(next_url)


def eherkenning_result(request) -> dict | None:
    """The KvK number eHerkenning confirmed in this session (once, and only for a while)."""
    result = request.session.pop(EHERKENNING_KEY, None)
    if not result or time.time() - result["at"] > EHERKENNING_RESULT_SECONDS:
        return None
    return result
