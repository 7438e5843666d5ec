"""A stand-in OIDC identity provider on 127.0.0.1, for DigiD and eHerkenning in tests and the demo.

It stands where the municipality's broker stands, speaks the same protocol, and is configured
through the same settings (DIGID_OIDC_ISSUER, ...), so the real code path runs against it and
no test calls an outside service. Standards it follows (OpenID Connect Core 1.0, the
authorization code flow; RFC 7636 PKCE; RFC 7517 JWKS):

- `/.well-known/openid-configuration`: discovery;
- `/authorize`: a small Dutch log-in page on which a tester picks a test BSN (or KvK number) and
  a level of assurance, then back to the client's redirect URI with a one-time `code`;
- `/token`: the code (once, within a minute, same redirect URI, PKCE verifier checked, client
  secret in the body or Basic auth) for an access token and an ID token signed RS256;
- `/jwks`: the public key; `/userinfo`: the claims for a bearer access token.

Claims: `sub` (a pairwise-looking hash), `bsn` or `kvk`, `acr` (the level's URN), `nonce`.

Tests: `from samenspel.accounts.tests.oidc_provider import oidc_provider  # noqa: F401`, then the
fixture `oidc_provider` (DigiD and eHerkenning both point at it). Demo: `python -m
samenspel.accounts.tests.oidc_provider --port 8800` and DIGID_OIDC_ISSUER=http://127.0.0.1:8800
(docs/identity.md).
"""

import base64
import hashlib
import html
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "samenspel-test"
CLIENT_SECRET = "stand-in-secret"
TEST_BSNS = ["999993653", "999990019", "999991772"]  # BSNs from the range reserved for tests
TEST_KVKS = ["69599084", "68750110"]
DIGID_LEVELS = {
    "base": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    "middle": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "substantial": "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
}
EHERKENNING_LEVELS = {
    "low": "urn:etoegang:core:assurance-class:loa2",
    "substantial": "urn:etoegang:core:assurance-class:loa3",
}


def _b64(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).rstrip(b"=").decode()


class Provider:
    """The provider's state: its key, the codes and tokens it gave out, what it was asked."""

    def __init__(self, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(8)
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[tuple[str, str]] = []
        self.issuer = ""

    def jwks(self) -> dict:
        numbers = self.key.public_key().public_numbers()
        length = (numbers.n.bit_length() + 7) // 8
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self.kid,
                    "n": _b64(numbers.n.to_bytes(length, "big")),
                    "e": _b64(numbers.e.to_bytes(3, "big")),
                }
            ]
        }

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "bsn", "kvk"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "bsn", "kvk", "acr"],
        }

    def claims_for(self, scope: str, identifier: str, level: str) -> dict:
        kind = "kvk" if "kvk" in scope.split() else "bsn"
        subject = hashlib.sha256(f"{kind}:{identifier}:{self.client_id}".encode()).hexdigest()[:32]
        return {"sub": subject, kind: identifier, "acr": level}

    def id_token(self, claims: dict, nonce: str | None) -> str:
        now = int(time.time())
        payload = {**claims, "iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300}
        if nonce:
            payload["nonce"] = nonce
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})


PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Inloggen bij de test-{kind}</title></head>
<body><main><h1>Test-{kind} (geen echte {kind})</h1>
<p>Deze pagina staat in voor de {kind}-makelaar van de gemeente. Kies een testnummer.</p>
<form method="post" action="/authorize">{hidden}
<label for="identifier">{label}</label>
<select id="identifier" name="identifier">{options}</select>
<label for="level">Betrouwbaarheidsniveau</label>
<select id="level" name="level">{levels}</select>
<button type="submit" name="action" value="login">Inloggen</button>
<button type="submit" name="action" value="cancel">Annuleren</button>
</form></main></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    provider: Provider

    # --- routing

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        params = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        self.server.provider.requests.append(("GET", url.path))
        if url.path == "/.well-known/openid-configuration":
            return self._json(200, self.server.provider.discovery())
        if url.path == "/jwks":
            return self._json(200, self.server.provider.jwks())
        if url.path == "/authorize":
            return self._authorize_page(params)
        if url.path == "/userinfo":
            return self._userinfo()
        return self._json(404, {"error": "not_found"})

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        self.server.provider.requests.append(("POST", url.path))
        if url.path == "/authorize":
            return self._authorize(form)
        if url.path == "/token":
            return self._token(form)
        return self._json(404, {"error": "not_found"})

    # --- endpoints

    def _authorize_page(self, params: dict):
        provider = self.server.provider
        if params.get("client_id") != provider.client_id or params.get("response_type") != "code":
            return self._json(400, {"error": "invalid_request"})
        if "openid" not in params.get("scope", "").split() or not params.get("redirect_uri"):
            return self._json(400, {"error": "invalid_scope"})
        is_kvk = "kvk" in params["scope"].split()
        choices, levels = (TEST_KVKS, EHERKENNING_LEVELS) if is_kvk else (TEST_BSNS, DIGID_LEVELS)
        wanted = params.get("acr_values", "")
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
        )
        page = PAGE.format(
            kind="eHerkenning" if is_kvk else "DigiD",
            label="KvK-nummer" if is_kvk else "BSN",
            hidden=hidden,
            options="".join(f'<option value="{c}">{c}</option>' for c in choices),
            levels="".join(
                f'<option value="{urn}"{" selected" if urn == wanted else ""}>{name}</option>'
                for name, urn in levels.items()
            ),
        )
        self._send(200, page.encode(), "text/html; charset=utf-8")

    def _authorize(self, form: dict):
        provider = self.server.provider
        redirect_uri = form.get("redirect_uri", "")
        if form.get("client_id") != provider.client_id or not redirect_uri.startswith(("http://", "https://")):
            return self._json(400, {"error": "invalid_request"})
        state = form.get("state", "")
        if form.get("action") == "cancel":
            return self._redirect(redirect_uri, {"error": "access_denied", "state": state})
        code = secrets.token_urlsafe(24)
        provider.codes[code] = {
            "redirect_uri": redirect_uri,
            "nonce": form.get("nonce"),
            "challenge": form.get("code_challenge"),
            "claims": provider.claims_for(form.get("scope", ""), form["identifier"], form["level"]),
            "expires": time.time() + 60,
        }
        self._redirect(redirect_uri, {"code": code, "state": state})

    def _token(self, form: dict):
        provider = self.server.provider
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = self.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
        if client_id != provider.client_id or secret != provider.client_secret:
            return self._json(401, {"error": "invalid_client"})
        grant = provider.codes.pop(form.get("code", ""), None)  # a code works once
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or grant["expires"] < time.time()
            or grant["redirect_uri"] != form.get("redirect_uri")
        ):
            return self._json(400, {"error": "invalid_grant"})
        if grant["challenge"]:
            verifier = form.get("code_verifier", "")
            if _b64(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
                return self._json(400, {"error": "invalid_grant"})
        access = secrets.token_urlsafe(24)
        provider.tokens[access] = grant["claims"]
        self._json(
            200,
            {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": provider.id_token(grant["claims"], grant["nonce"]),
            },
        )

    def _userinfo(self):
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        claims = self.server.provider.tokens.get(token)
        if claims is None:
            return self._json(401, {"error": "invalid_token"})
        self._json(200, claims)

    # --- plumbing

    def _redirect(self, uri: str, params: dict):
        self.send_response(302)
        self.send_header("Location", f"{uri}{'&' if '?' in uri else '?'}{urllib.parse.urlencode(params)}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _json(self, status: int, body: dict):
        self._send(status, json.dumps(body).encode(), "application/json")

    def _send(self, status: int, body: bytes, content_type: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start(port: int = 0, **kwargs) -> ThreadingHTTPServer:
    """Start the provider on 127.0.0.1 in a thread; `server.provider.issuer` is its address."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.daemon_threads = True
    server.provider = Provider(**kwargs)
    server.provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def configure(settings, issuer: str) -> None:
    """Point DigiD and eHerkenning at the stand-in (a pytest-django `settings` or a dict)."""
    providers = {name: dict(config) for name, config in settings.IDENTITY_PROVIDERS.items()}
    for config in providers.values():
        config.update(issuer=issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    settings.IDENTITY_PROVIDERS = providers


@pytest.fixture
def oidc_provider(settings):
    """The stand-in, running; DigiD and eHerkenning point at it. `.provider.requests` lists what was asked."""
    server = start()
    configure(settings, server.provider.issuer)
    yield server
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="A stand-in DigiD/eHerkenning OIDC provider for the demo.")
    parser.add_argument("--port", type=int, default=8800)
    arguments = parser.parse_args()
    running = start(arguments.port)
    print(f"Stand-in OIDC provider at {running.provider.issuer} (client {CLIENT_ID}, secret {CLIENT_SECRET})")
    threading.Event().wait()
