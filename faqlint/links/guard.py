"""The private-address guard: external link checking never reaches the inside.

A docs page is input from anyone who can open a pull request, and a link
checker running in CI sits inside a network: without a guard a link to
`http://169.254.169.254/latest/meta-data/` or `http://10.0.0.5/admin` makes
the CI runner fetch it (server-side request forgery). So, unless the user turns
the guard off (`allow_private`), every host is checked before any connection:

- numeric hosts are read the way libc's `inet_aton` and browsers read them
  (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`, percent-encoded digits), and
  IPv6 literals including the IPv4-mapped, IPv4-compatible, 6to4, Teredo and
  NAT64 forms, whose embedded IPv4 address is judged too;
- `localhost` and `*.localhost` are refused without asking DNS (RFC 6761);
- any other name is resolved by `GuardedResolver`, aiohttp's resolver for the
  session: it refuses the host when ANY of its addresses is not public, and
  returns only the addresses it validated, which are the ones aiohttp then
  connects to. There is no second lookup between check and connect, so DNS
  rebinding has no window.

The caller checks every redirect hop with `refusal_for_host` before sending
the request, so a public page that redirects to `http://127.0.0.1/` is
refused too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import unquote

from aiohttp.abc import AbstractResolver

if TYPE_CHECKING:  # a TypedDict since aiohttp 3.10; plain dicts before
    from aiohttp.abc import ResolveResult

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#  RFC 6052 well-known NAT64 prefix and RFC 8215 local-use prefix: the last
#  32 bits are an IPv4 address that a NAT64 gateway would connect to.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class PrivateAddressRefused(OSError):
    """A host resolved to (or is) an address the guard does not let us reach.

    An `OSError` so that aiohttp, which wraps resolver errors it knows, keeps
    it as the cause of its connection error; the engine looks for it there.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def address_refusal(address: IPAddress) -> str | None:
    """Why `address` must not be contacted, or None when it is public."""
    if address.is_loopback or address.is_unspecified:  # ::1 and :: embed nothing
        return f"{address} is {_plain_refusal(address)}"
    for embedded in _embedded_ipv4(address):
        reason = _plain_refusal(embedded)
        if reason:
            return f"{address} is {reason} (it embeds {embedded})"
    reason = _plain_refusal(address)
    return f"{address} is {reason}" if reason else None


def _plain_refusal(address: IPAddress) -> str | None:
    """The kind of non-public address this is, most specific first."""
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "not a public address"),
    )
    return next((reason for matched, reason in checks if matched), None)


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address leads to (mapped, 6to4, Teredo, NAT64)."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)
    if any(address in network for network in (*_NAT64, _IPV4_COMPATIBLE)):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def parse_numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host means to libc and browsers, else None.

    `host` is a URL's host without brackets. Names that merely contain digits
    (`1.example`) are not numeric; an out-of-range number (`256.0.0.1`) is not
    an address either and fails later as an unresolvable name.
    """
    text = unicodedata.normalize("NFKC", unquote(host)).strip().lower()
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text.split("%", 1)[0])
        except ValueError:
            return None
    return _parse_ipv4_number(text)


def _parse_ipv4_number(text: str) -> ipaddress.IPv4Address | None:
    """inet_aton: 1-4 dot-separated parts in decimal, 0-octal or 0x-hex; the
    last part fills the remaining bytes (`127.1` is 127.0.0.1)."""
    parts = text.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # a fully qualified "127.0.0.1." is the same address
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_parse_ipv4_part(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    values = [number for number in numbers if number is not None]
    if any(value > 255 for value in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    total = values[-1]
    for index, value in enumerate(values[:-1]):
        total += value << (8 * (3 - index))
    return ipaddress.IPv4Address(total)


def _parse_ipv4_part(part: str) -> int | None:
    if part.startswith("0x"):
        digits, base = part[2:] or "0", 16
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    else:
        digits, base = part, 10
    try:
        return int(digits, base) if digits.isalnum() and digits.isascii() else None
    except ValueError:
        return None


def refusal_for_host(host: str) -> str | None:
    """Why a URL host must not be contacted, judged without DNS; None means
    "numerically fine, or a name that `GuardedResolver` will judge"."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return f"{name} is a loopback name"
    address = parse_numeric_host(host.strip("[]"))
    return address_refusal(address) if address is not None else None


class GuardedResolver(AbstractResolver):
    """aiohttp resolver that refuses hosts with any non-public address and
    hands back only the addresses it checked, so the connection is pinned to
    what was validated. `guard=False` (`--allow-private`) checks nothing.

    Answers are kept for the session: the per-host limit asks which server
    a name is (`server_of`) and the connection then uses that same answer,
    one lookup per name."""

    def __init__(self, guard: bool = True) -> None:
        self._guard = guard
        self._answers: dict[str, list[ResolveResult]] = {}

    async def server_of(self, host: str) -> str:
        """The first address of `host` (the name itself if it has none)."""
        try:
            answers = await self.resolve(host, 0, socket.AF_UNSPEC)
        except (OSError, PrivateAddressRefused, UnicodeError):
            return host
        return str(answers[0]["host"]) if answers else host

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        known = self._answers.get(host)
        if known is None:
            known = self._answers[host] = await self._lookup(host)
        wanted = [a for a in known if family == socket.AF_UNSPEC or a["family"] == family]
        if not wanted:
            raise OSError(f"{host} has no address of that family")
        return [{**answer, "port": port} for answer in wanted]

    async def _lookup(self, host: str) -> list[ResolveResult]:
        reason = refusal_for_host(host) if self._guard else None
        if reason:
            raise PrivateAddressRefused(reason)
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(
            host, 0, type=socket.SOCK_STREAM, family=socket.AF_UNSPEC, flags=socket.AI_ADDRCONFIG
        )
        results: list[ResolveResult] = []
        for info_family, _, proto, _, sockaddr in infos:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            reason = address_refusal(address) if self._guard else None
            if reason:
                raise PrivateAddressRefused(f"{reason} (resolved from {host})")
            result: ResolveResult = {
                "hostname": host,
                "host": str(address),
                "port": int(sockaddr[1]),
                "family": info_family,
                "proto": proto,
                "flags": socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            }
            results.append(result)
        if not results:
            raise OSError(f"{host} has no address")
        return results

    async def close(self) -> None:
        """Nothing to release: lookups run in the loop's default executor."""
