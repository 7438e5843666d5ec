"""Drive the DigiD and eHerkenning flows with the Django test client and the stand-in provider.

The browser's part (the broker's log-in page) is played with `requests` against the stand-in;
the site's part with the test client, so every step runs the real code.
"""

import time
import urllib.parse

import requests
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from .oidc_provider import DIGID_LEVELS, EHERKENNING_LEVELS


def totp_code(secret: str, *, after: str | None = None) -> str:
    """The code an authenticator app shows now (RFC 6238, allauth's own HOTP), read as a person
    reads it: not in the last seconds of its 30-second window, when it would be stale by the time
    it is sent, and a fresh one when `after` was just used."""
    while True:
        now = time.time()
        code = format_hotp_value(hotp_value(secret, int(now) // 30))
        if code != after and now % 30 < 25:
            return code
        time.sleep(1)


def through_broker(client, server, start: str, *, identifier: str, level: str, next_url: str, cancel=False):
    """Start at `start`, log in at the stand-in, and follow the way back; the callback's response."""
    response = client.get(start, {"next": next_url})
    assert response.status_code == 302, response
    authorize = response["Location"]
    assert authorize.startswith(server.provider.issuer + "/authorize?")
    params = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(authorize).query).items()}
    assert requests.get(authorize, timeout=5).status_code == 200  # the log-in page
    levels = EHERKENNING_LEVELS if "kvk" in params["scope"] else DIGID_LEVELS
    form = {**params, "identifier": identifier, "level": levels[level], "action": "cancel" if cancel else "login"}
    back = requests.post(f"{server.provider.issuer}/authorize", data=form, allow_redirects=False, timeout=5)
    assert back.status_code == 302
    location = urllib.parse.urlsplit(back.headers["Location"])
    return client.get(f"{location.path}?{location.query}")
