"""The client's address comes from a configured trusted proxy and nothing else (issue 17, finding 1)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from samenspel.core.client import client_address, client_key

PROXY = "10.0.0.5"


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_from_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(_request(PROXY, "203.0.113.9")) == "203.0.113.9"
    # Whatever the client wrote itself stands left of what the proxy appended: ignored.
    assert client_address(_request(PROXY, "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_past(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.168.1.1"]
    assert client_address(_request("10.0.0.7", "6.6.6.6, 203.0.113.9, 192.168.1.1, 10.0.0.3")) == "203.0.113.9"


def test_a_request_from_elsewhere_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_nonsense_in_the_header_stops_at_the_last_trusted_hop(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(_request(PROXY, "203.0.113.9, nonsense")) == PROXY
    assert client_address(_request(PROXY, "")) == PROXY
    assert client_address(_request(PROXY)) == PROXY


def test_ports_brackets_and_mapped_addresses(settings):
    settings.TRUSTED_PROXIES = [PROXY, "::ffff:10.0.0.6"]
    assert client_address(_request(PROXY, "203.0.113.9:5123")) == "203.0.113.9"
    assert client_address(_request(PROXY, "[2001:db8::1]:443")) == "2001:db8::1"
    assert client_address(_request("::ffff:10.0.0.5", "203.0.113.9")) == "203.0.113.9"


def test_an_ipv6_client_is_limited_as_its_64_network(settings):
    settings.TRUSTED_PROXIES = []
    assert client_key(_request("2001:db8:1:2:aaaa::1")) == client_key(_request("2001:db8:1:2:bbbb::9"))
    assert client_key(_request("2001:db8:1:2::1")) == "2001:db8:1:2::/64"
    assert client_key(_request("2001:db8:1:3::1")) != client_key(_request("2001:db8:1:2::1"))
    assert client_key(_request("203.0.113.9")) == "203.0.113.9"


def test_a_wrong_setting_says_so(settings):
    settings.TRUSTED_PROXIES = ["proxy.example"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        client_address(_request(PROXY, "203.0.113.9"))
