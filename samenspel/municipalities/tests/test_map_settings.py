"""The base map and address search settings: PDOK in production, and CSP that follows them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DEBUG": "false",
    "SAMENSPEL_TESTING": "false",
    "SECRET_KEY": "p" * 60,
    "ALLOWED_HOSTS": "samenspel.example.nl",
    "EMAIL_URL": "smtp://localhost:25",
}
PRINT = (
    "import json, samenspel.settings as s; d = s.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
    "print(json.dumps([s.TILE_URL, s.GEOCODER_URL, d['img-src'], d['connect-src']]))"
)


def _settings(**env) -> list:
    """The map settings as a fresh process reads them from this environment."""
    environment = {"PATH": os.environ["PATH"], **PRODUCTION, **env}
    out = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_production_uses_pdok_tiles_and_locatieserver_through_the_server():
    tiles, geocoder, img_src, connect_src = _settings()
    assert tiles.startswith("https://service.pdok.nl/brt/achtergrondkaart/")
    assert geocoder == "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
    assert "https://service.pdok.nl" in img_src
    # The address search goes through our own view: the browser talks to no one else.
    assert connect_src == ["'self'"]


def test_a_deployment_chooses_its_own_tiles_or_none():
    tiles, _geocoder, img_src, _connect = _settings(TILE_URL="https://{s}.tegels.example.nl/{z}/{x}/{y}.png")
    assert img_src == ["'self'", "data:", "https://*.tegels.example.nl"]
    tiles, geocoder, img_src, _connect = _settings(TILE_URL="", GEOCODER_URL="")
    assert (tiles, geocoder, img_src) == ("", "", ["'self'", "data:"])
