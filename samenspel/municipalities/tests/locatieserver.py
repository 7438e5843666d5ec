"""A stand-in PDOK Locatieserver on 127.0.0.1 for tests: tests never call outside services.

It answers `/free` and `/suggest` in Locatieserver's (Solr's) JSON shape for a few Lindeveen
addresses, and is configured through the same setting as the real one (GEOCODER_URL), so the
real code path runs against it. Queries with "traag" answer too late, "kapot" with HTTP 500,
"onzin" with something that is not JSON.

Use: `from samenspel.municipalities.tests.locatieserver import locatieserver  # noqa: F401`.
"""

import contextlib
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Inside the test municipality's De Linde (conftest: a square from 52.20, 5.20, 0.01 wide).
ADDRESSES = [
    ("adr-lindelaan-12", "Lindelaan 12, 3911AB Lindeveen", 5.2050, 52.2050),
    ("adr-lindelaan-14", "Lindelaan 14, 3911AB Lindeveen", 5.2061, 52.2053),
    ("adr-marktstraat-3", "Marktstraat 3, 3911CD Lindeveen", 5.5600, 52.0960),
    # The same street in a town far away: the search leaves it out.
    ("adr-lindelaan-12-verweg", "Lindelaan 12, 9999ZZ Verweg", 6.5000, 53.2000),
]
SLOW_SECONDS = 2.0


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        self.server.requests.append((url.path, params))
        query = params.get("q", [""])[0].lower()
        if "traag" in query:
            time.sleep(SLOW_SECONDS)
        if "kapot" in query:
            return self._send(500, b'{"error": "intern"}')
        if "onzin" in query:
            return self._send(200, b"<html>geen json</html>")
        words = query.replace(",", " ").split()
        hits = [a for a in ADDRESSES if words and all(w in a[1].lower() for w in words)]
        if url.path.endswith("/free"):
            docs = [
                {
                    "type": "adres",
                    "weergavenaam": label,
                    "id": ident,
                    "score": 10.0 - n,
                    "centroide_ll": f"POINT({lon} {lat})",
                }
                for n, (ident, label, lon, lat) in enumerate(hits)
            ]
            body = {"response": {"numFound": len(docs), "start": 0, "maxScore": 10.0, "docs": docs}}
        elif url.path.endswith("/suggest"):
            docs = [
                {"type": "adres", "weergavenaam": label, "id": ident, "score": 10.0 - n}
                for n, (ident, label, _lon, _lat) in enumerate(hits)
            ]
            body = {
                "response": {"numFound": len(docs), "start": 0, "maxScore": 10.0, "docs": docs},
                "highlighting": {ident: {"suggest": [label]} for ident, label, _lon, _lat in hits},
            }
        else:
            return self._send(404, b'{"error": "onbekend"}')
        return self._send(200, json.dumps(body).encode())

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may have given up waiting (the timeout test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def locatieserver(settings):
    """The stand-in, running; GEOCODER_URL points at it. `.requests` lists what was asked."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GEOCODER_URL = f"http://127.0.0.1:{server.server_address[1]}/bzk/locatieserver/search/v3_1"
    settings.GEOCODER_TIMEOUT = 0.5
    yield server
    server.shutdown()
    server.server_close()
