"""Who is asking: the client's address, taken from the configured trusted proxies and nothing else.

Behind a reverse proxy every request arrives from the proxy's address (REMOTE_ADDR), so a limit
keyed on REMOTE_ADDR is one limit for the whole town: one person guessing passwords or voting
codes would lock everyone out. The proxy names the address it saw in X-Forwarded-For, but that
header is also whatever the client chose to send. So the header is read only when the request
came from a proxy listed in TRUSTED_PROXIES, and from the right: each trusted hop appends the
address it saw, so the first address from the right that is not a trusted proxy is the client;
anything left of it was written by the client and is ignored.

Every limit (allauth's log-in limits, `core.ratelimit`, the API throttles, voting-code entry,
anonymous participants) asks `client_address` or `client_key`, never REMOTE_ADDR itself.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# An IPv6 user usually holds a whole /64 and may pick any address in it; a limit per address
# would be a limit per guess. (allauth's own rate limits make the same choice.)
IPV6_PREFIX = 64

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in configured:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is no IP address or network.") from error
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request) -> str:
    """The client's IP address as a string: REMOTE_ADDR, unless that is a trusted proxy.

    From a trusted proxy, X-Forwarded-For is walked from the right past trusted hops; the
    first other address is the client. A hop that is no address ends the walk: what lies
    beyond it cannot be trusted, so the last trusted hop (the proxy that passed the nonsense
    on) stands for the client. Without TRUSTED_PROXIES (the default) the header is ignored.
    """
    remote = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return ""
    networks = trusted_proxies()
    if not networks or not _is_trusted(remote, networks):
        return str(remote)
    # Several X-Forwarded-For lines arrive joined by commas (WSGI), in order.
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def client_key(request) -> str:
    """The address a limit counts against: the client's IPv4 address or IPv6 /64 network."""
    return key_of(client_address(request))


def key_of(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)
