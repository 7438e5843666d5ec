"""Address search through PDOK Locatieserver, asked by the server only.

The browser asks our own view (`views.AddressSearch`), so the Content-Security-Policy keeps
connect-src at 'self' and the deployment decides which outside service is called
(`GEOCODER_URL`, empty = no address search) and how long to wait (`GEOCODER_TIMEOUT`).

Locatieserver answers in Solr's shape: `{"response": {"docs": [...]}}`, each address with
an `id`, a `weergavenaam` ("Lindelaan 12, 3911AB Lindeveen") and, when asked for with
`fl`, a `centroide_ll` ("POINT(5.56 52.09)", WGS84 lon lat). We take the point only; the
neighbourhood always follows from the point with our own point-in-polygon test
(`selectors.neighbourhood_for_point`), the same one that saves an initiative, so what the
person is shown is what is saved.

Reference: https://api.pdok.nl/bzk/locatieserver/search/v3_1/ui/ (the `free` endpoint).
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from . import geo

# Farther than this from the municipality's centre is another town with the same street name.
NEARBY_M = 40_000
MAX_RESULTS = 5
_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$")


class GeocoderUnavailable(Exception):
    """The Locatieserver did not answer in time, or answered something we cannot read."""


@dataclass(frozen=True)
class Address:
    id: str
    label: str
    lat: float
    lon: float


def is_configured() -> bool:
    return bool(settings.GEOCODER_URL)


def parse_point(text: str) -> tuple[float, float] | None:
    """Locatieserver's "POINT(lon lat)" as (lat, lon); None when it is not one."""
    match = _POINT.match(text or "")
    if not match:
        return None
    lon, lat = float(match.group(1)), float(match.group(2))
    return lat, lon


def address_search(*, query: str, near: tuple[float, float] | None = None) -> list[Address]:
    """Addresses matching `query`, nearest to `near` (lat, lon) first; at most MAX_RESULTS.

    Raises GeocoderUnavailable on a timeout, a network error, an HTTP error or an answer
    that is not Locatieserver's JSON. Addresses farther than NEARBY_M from `near` are left out.
    """
    params = {"q": query, "fq": "type:adres", "fl": "id,weergavenaam,centroide_ll", "rows": str(MAX_RESULTS * 2)}
    if near is not None:
        # Locatieserver ranks results near this point higher (it does not filter on it).
        params["lat"], params["lon"] = f"{near[0]:.5f}", f"{near[1]:.5f}"
    docs = _get("free", params).get("response", {}).get("docs", [])
    if not isinstance(docs, list):
        raise GeocoderUnavailable("docs is not a list")
    found = []
    for doc in docs:
        point = parse_point(doc.get("centroide_ll", "")) if isinstance(doc, dict) else None
        if point is None or not doc.get("weergavenaam"):
            continue
        if near is not None and geo.distance_m(*point, *near) > NEARBY_M:
            continue
        found.append(Address(id=str(doc.get("id", "")), label=str(doc["weergavenaam"]), lat=point[0], lon=point[1]))
    return found[:MAX_RESULTS]


def _get(endpoint: str, params: dict[str, str]) -> dict:
    base = settings.GEOCODER_URL.rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise GeocoderUnavailable("GEOCODER_URL must be an http(s) URL")
    url = f"{base}/{endpoint}?{urllib.parse.urlencode(params)}"
    # Only http(s), checked above: never a file: URL from a mistyped setting.
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Samenspel"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.GEOCODER_TIMEOUT) as response:  # noqa: S310
            data = json.loads(response.read(1_000_000).decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        # URLError covers HTTP errors and refused connections; a slow answer is a TimeoutError
        # (or OSError from the socket); ValueError is JSON that does not parse.
        raise GeocoderUnavailable(str(error)) from error
    if not isinstance(data, dict):
        raise GeocoderUnavailable("answer is not a JSON object")
    return data
