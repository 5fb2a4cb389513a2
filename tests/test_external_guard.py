"""The private-address guard (on by default): refused before any connection.

Tests that need a "public" first hop treat exactly 127.0.0.1 as public (by
patching the guard's address judgement) so that a local server can play the
public site, and every other private address stays refused. A safety net
fails, and records, any connection outside the loopback range, so a broken
guard can never send traffic anywhere.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from faqlint.links import guard
from faqlint.links.external import check_urls
from faqlint.links.external_types import ExternalOptions
from faqlint.links.guard import (
    GuardedResolver,
    PrivateAddressRefused,
    address_refusal,
    parse_numeric_host,
    refusal_for_host,
)
from tests.external_server import LocalServer, loopback_only, page, redirect

GUARDED = ExternalOptions(timeout=5.0, retries=0, backoff=0.01)
TEST_SERVER = ipaddress.IPv4Address("127.0.0.1")


@pytest.fixture(autouse=True)
def no_traffic_beyond_loopback() -> Iterator[list[object]]:
    with loopback_only() as attempts:
        yield attempts
    assert attempts == []


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[list[str]]]:
    """Names of our own: name -> answers, one list of addresses per lookup
    (the last repeats). Every lookup of such a name is recorded in `calls`."""
    table: dict[str, list[list[str]]] = {}
    calls: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in table:
            if name != "localhost" and not _is_address(name):
                # Never ask the real resolver: a typo would query DNS servers.
                raise socket.gaierror(socket.EAI_NONAME, f"{name} is not in the fake DNS")
            return real(host, port, *args, **kwargs)
        calls.append(name)
        answers = table[name][min(calls.count(name), len(table[name])) - 1]
        return [_addrinfo(address, int(port or 0)) for address in answers]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    table["__calls__"] = [calls]
    return table


def _addrinfo(address: str, port: int) -> tuple[Any, ...]:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


@pytest.fixture
def test_server_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    original: Callable[[guard.IPAddress], str | None] = guard.address_refusal

    def judge(address: guard.IPAddress) -> str | None:
        return None if address == TEST_SERVER else original(address)

    monkeypatch.setattr(guard, "address_refusal", judge)


# Numeric host spellings, as libc and browsers read them


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7F000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        ("%31%32%37.0.0.1", "127.0.0.1"),
        ("10.0.0.1", "10.0.0.1"),
        ("::1", "::1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("fe80::1%25eth0", "fe80::1"),
        ("93.184.216.34", "93.184.216.34"),
    ],
)
def test_numeric_hosts_are_read_like_libc(host: str, address: str) -> None:
    assert parse_numeric_host(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["example.com", "1.example", "256.0.0.1", "1.2.3.4.5", "0x1g"])
def test_names_are_not_numeric(host: str) -> None:
    assert parse_numeric_host(host) is None


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not a public"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private"),  # Teredo, client 10.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused(address: str, kind: str) -> None:
    reason = address_refusal(ipaddress.ip_address(address))
    assert reason is not None and kind in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "app.localhost", "localhost."])
def test_localhost_names_are_refused_without_dns(host: str) -> None:
    assert refusal_for_host(host) == f"{host.rstrip('.').lower()} is a loopback name"


# End to end: refused before any connection


@pytest.mark.parametrize(
    "spelling",
    [
        "127.0.0.1",
        "2130706433",
        "0x7f.1",
        "0177.0.0.1",
        "127.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "localhost",
        "%31%32%37.0.0.1",
    ],
)
def test_loopback_spellings_are_refused_without_connecting(spelling: str) -> None:
    with LocalServer({"/": page()}) as server:
        url = f"http://{spelling}:{server.port}/"
        result = check_urls([url], GUARDED)[url]
    assert (result.ok, result.kind, result.status) == (False, "refused-private", None)
    assert result.message.startswith("refused: ") and "loopback" in result.message
    assert server.requests == []


def test_a_name_resolving_to_loopback_is_refused(fake_dns: dict[str, list[list[str]]]) -> None:
    fake_dns["evil.example"] = [["127.0.0.1"]]
    with LocalServer({"/": page()}) as server:
        url = f"http://evil.example:{server.port}/"
        result = check_urls([url], GUARDED)[url]
    assert result.kind == "refused-private"
    assert result.message == "refused: 127.0.0.1 is a loopback address (resolved from evil.example)"
    assert server.requests == []


def test_a_name_with_any_private_address_is_refused(
    fake_dns: dict[str, list[list[str]]], no_traffic_beyond_loopback: list[object]
) -> None:
    fake_dns["mixed.example"] = [["93.184.216.34", "10.0.0.7"]]
    result = check_urls(["http://mixed.example/"], GUARDED)["http://mixed.example/"]
    assert result.kind == "refused-private" and "10.0.0.7 is a private address" in result.message
    assert no_traffic_beyond_loopback == []


def test_the_guard_can_be_turned_off() -> None:
    with LocalServer({"/": page()}) as server:
        result = check_urls([server.url("/")], ExternalOptions(allow_private=True))
    assert result[server.url("/")].ok


# Pinning: the address checked is the address connected to


def test_the_validated_address_is_the_one_connected_to(
    fake_dns: dict[str, list[list[str]]], test_server_is_public: None
) -> None:
    # A rebinding name: public on the first lookup, private on any later one.
    fake_dns["rebind.example"] = [["127.0.0.1"], ["10.0.0.9"]]
    with LocalServer({"/a": page()}) as server:
        url = f"http://rebind.example:{server.port}/a"
        result = check_urls([url], GUARDED)[url]
    assert result.ok
    assert server.hits["/a"] == 1
    assert fake_dns["__calls__"][0] == ["rebind.example"]  # one lookup: checked, then used


def test_the_resolver_returns_only_checked_addresses(
    fake_dns: dict[str, list[list[str]]],
) -> None:
    fake_dns["public.example"] = [["93.184.216.34", "2606:2800:220:1::1"]]

    async def resolve() -> list[Any]:
        return list(await GuardedResolver().resolve("public.example", 443, socket.AF_UNSPEC))

    hosts = asyncio.run(resolve())
    assert [(host["host"], host["port"]) for host in hosts] == [
        ("93.184.216.34", 443),
        ("2606:2800:220:1::1", 443),
    ]
    assert all(host["flags"] & socket.AI_NUMERICHOST for host in hosts)


def test_the_resolver_refuses_localhost_without_a_lookup(
    fake_dns: dict[str, list[list[str]]],
) -> None:
    fake_dns["localhost"] = [["93.184.216.34"]]

    async def resolve() -> None:
        await GuardedResolver().resolve("localhost", 80)

    with pytest.raises(PrivateAddressRefused, match="loopback name"):
        asyncio.run(resolve())
    assert fake_dns["__calls__"][0] == []


# Every redirect hop is judged again


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{port}/ok",
        "http://10.11.12.13/ok",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:{port}/ok",
        "http://[::ffff:127.0.0.2]:{port}/ok",
        "http://2130706434:{port}/ok",
        "http://inside.example:{port}/ok",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(
    target: str,
    fake_dns: dict[str, list[list[str]]],
    test_server_is_public: None,
    no_traffic_beyond_loopback: list[object],
) -> None:
    fake_dns["inside.example"] = [["10.0.0.5"]]
    with LocalServer({"/ok": page()}) as server:
        server.routes["/go"] = redirect(302, target.format(port=server.port))
        result = check_urls([server.url("/go")], GUARDED)[server.url("/go")]
    assert (result.ok, result.kind) == (False, "refused-private"), result
    assert server.requests == [("HEAD", "/go")]
    assert no_traffic_beyond_loopback == []


def test_a_public_redirect_is_followed_with_the_guard_on(test_server_is_public: None) -> None:
    with LocalServer({"/go": redirect(301, "/ok"), "/ok": page()}) as server:
        result = check_urls([server.url("/go")], GUARDED)[server.url("/go")]
    assert result.ok and result.redirect_to == server.url("/ok")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_are_invalid_urls(url: str) -> None:
    assert check_urls([url], GUARDED)[url].kind == "invalid-url"


def _is_address(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
