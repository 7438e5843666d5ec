"""DigiD and eHerkenning through an OIDC broker: the relying-party side, on mozilla-django-oidc.

Why not mozilla-django-oidc-db (as Open Forms does): its configuration model stores scopes in a
PostgreSQL `ArrayField`, and its migrations do not run on SQLite, the embedded database of
Samenspel and its demo. The broker is configured from settings instead (`IDENTITY_PROVIDERS`,
documented in docs/identity.md); mozilla-django-oidc does the protocol (state, nonce, PKCE,
the token request, the RS256 signature against the broker's JWKS), and this module adds what
it leaves out: the issuer and audience of the ID token are checked, the level of assurance is
compared with the configured minimum (the level names are django-digid-eherkenning's), and
the claims are handed back instead of a Django user, because a DigiD log-in links a BSN to an
account and an eHerkenning log-in confirms an organisation, neither creates an account.

Nothing leaves the server but the redirect: the browser goes to the broker, the server asks
the broker's token, JWKS and userinfo endpoints.
"""

import time
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

DIGID = "digid"
EHERKENNING = "eherkenning"
CALLBACK_URL = {DIGID: "digid_callback", EHERKENNING: "eherkenning_callback"}
# Discovery documents are kept a while: every log-in would otherwise ask the broker first.
DISCOVERY_SECONDS = 3600


def provider_config(provider: str) -> dict:
    return settings.IDENTITY_PROVIDERS[provider]


def is_configured(provider: str) -> bool:
    config = provider_config(provider)
    return bool(config.get("issuer") and config.get("client_id"))


def discovery(provider: str) -> dict:
    """The broker's OpenID configuration (endpoints, keys), read once an hour."""
    issuer = provider_config(provider)["issuer"].rstrip("/")
    key = f"oidc-discovery:{provider}:{issuer}"
    document = cache.get(key)
    if document is None:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise ImproperlyConfigured(f"The {provider} broker names another issuer than {issuer}.")
        cache.set(key, document, DISCOVERY_SECONDS)
    return document


def setting(provider: str, attr: str, *default):
    """mozilla-django-oidc's settings, answered per provider from IDENTITY_PROVIDERS."""
    config = provider_config(provider)
    from_discovery = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
        "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
        "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
        "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    }
    if attr in from_discovery:
        return discovery(provider)[from_discovery[attr]]
    fixed = {
        "OIDC_RP_CLIENT_ID": config["client_id"],
        "OIDC_RP_CLIENT_SECRET": config["client_secret"],
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": config["scopes"],
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL[provider],
        "OIDC_TIMEOUT": settings.OIDC_TIMEOUT,
        "OIDC_VERIFY_SSL": True,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        # The level asked for; the answer is checked again (`Identity.loa`), a broker may ignore it.
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {"acr_values": level_urn(provider, config["min_loa"])},
    }
    if attr in fixed:
        return fixed[attr]
    if default:
        return default[0]
    raise ImproperlyConfigured(f"No OIDC setting {attr} for {provider}.")


# --- Levels of assurance -------------------------------------------------------------------


def _levels(provider: str):
    # django-digid-eherkenning's names and URNs, lowest first (imported when used: it pulls SAML constants).
    from digid_eherkenning.choices import AssuranceLevels, DigiDAssuranceLevels

    return DigiDAssuranceLevels if provider == DIGID else AssuranceLevels


def level_urn(provider: str, code: str) -> str:
    levels = _levels(provider)
    if code not in levels.names:
        raise ImproperlyConfigured(f"Unknown {provider} level {code!r}; choose from {', '.join(levels.names)}.")
    return levels[code].value


def level_code(provider: str, urn: str) -> str | None:
    """The level's short name (`middle`) for the broker's URN or name, or None if unknown."""
    levels = _levels(provider)
    for member in levels:
        if urn in (member.value, member.name):
            return member.name
    return None


def level_at_least(provider: str, code: str | None, minimum: str) -> bool:
    names = list(_levels(provider).names)
    return code in names and names.index(code) >= names.index(minimum)


# --- The flow ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """What a broker said about the person: the identifier (BSN or KvK number) and the level."""

    provider: str
    subject: str
    loa: str | None

    @property
    def loa_sufficient(self) -> bool:
        return level_at_least(self.provider, self.loa, provider_config(self.provider)["min_loa"])


class RequestView(OIDCAuthenticationRequestView):
    """Sends the browser to the broker (state, nonce and PKCE kept in the session)."""

    provider = DIGID

    def get_settings(self, attr, *args):
        return setting(self.provider, attr, *args)


class Client(OIDCAuthenticationBackend):
    """The server side of the code flow for one provider; `identity()` instead of a user."""

    def __init__(self, provider: str):
        self.provider = provider
        super().__init__()

    def get_settings(self, attr, *args):
        return setting(self.provider, attr, *args)

    def get_payload_data(self, token, key):
        """The signature (mozilla-django-oidc), then who issued the token and for whom."""
        payload = super().get_payload_data(token, key)
        issuer = provider_config(self.provider)["issuer"].rstrip("/")
        if str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("ID token from another issuer.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        if int(payload.get("exp", 0)) < time.time():
            raise SuspiciousOperation("ID token expired.")
        return payload

    def identity(self, request, *, nonce: str, code_verifier: str | None) -> Identity | None:
        """Exchange the code, verify the ID token, read the claims; None when the broker said no."""
        self.request = request
        config = provider_config(self.provider)
        code, state = request.GET.get("code"), request.GET.get("state")
        if not code or not state:
            return None
        from django.urls import reverse
        from mozilla_django_oidc.utils import absolutify

        token_payload = {
            "client_id": self.OIDC_RP_CLIENT_ID,
            "client_secret": self.OIDC_RP_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": absolutify(request, reverse(CALLBACK_URL[self.provider])),
        }
        if code_verifier is not None:
            token_payload["code_verifier"] = code_verifier
        token_info = self.get_token(token_payload)
        payload = self.verify_token(token_info.get("id_token"), nonce=nonce)
        claims = {**payload, **self.get_userinfo(token_info.get("access_token"), token_info.get("id_token"), payload)}
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Userinfo about another subject than the ID token.")
        subject = str(claims.get(config["subject_claim"], "")).strip()
        if not subject:
            return None
        return Identity(self.provider, subject, level_code(self.provider, str(claims.get(config["loa_claim"], ""))))


def callback_identity(request, provider: str) -> Identity | None:
    """The callback's half of the flow: the state from the session (once), then `Client.identity`.

    None for a cancelled or failed log-in; SuspiciousOperation for a forged or replayed one.
    """
    if request.GET.get("error") or "state" not in request.GET:
        states = request.session.get("oidc_states", {})
        states.pop(request.GET.get("state", ""), None)
        request.session.modified = True
        return None
    states = request.session.get("oidc_states") or {}
    entry = states.pop(request.GET["state"], None)
    request.session.modified = True
    if entry is None:
        raise SuspiciousOperation("OIDC callback with an unknown state.")
    try:
        return Client(provider).identity(request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier"))
    except requests.RequestException:
        return None
