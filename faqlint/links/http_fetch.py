"""The HTTP side of the external link engine: one page, its redirects, its retries.

Why it is written by hand around aiohttp rather than with its defaults:

- Redirects are followed here (`allow_redirects=False`), so the private-address
  guard sees every hop, loops are told apart from long chains, and we know
  whether a chain was all permanent (then the caller can offer the new URL).
- Concurrency is bounded by our own semaphores, per host first and then in
  total, taken only around one request: aiohttp's `ClientTimeout.total`
  counts the wait for a free connection in the pool, so letting thousands of
  requests queue inside the connector would time them out without sending
  them, and a retry sleeping out its backoff must not hold a slot.
- HEAD first (no body), GET when the server refuses HEAD or when the page's
  anchors are needed.
"""

from __future__ import annotations

import asyncio
import random
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import TYPE_CHECKING

import aiohttp
from yarl import URL

from faqlint.links.guard import GuardedResolver, PrivateAddressRefused, refusal_for_host
from faqlint.links.http_anchors import parse_anchors

if TYPE_CHECKING:
    from faqlint.links.external_types import ExternalOptions

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
#  What servers answer to a HEAD they do not support (400/403 are common from
#  CDNs and S3-style stores that only sign GET).
HEAD_REFUSED = frozenset({400, 403, 405, 501})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_AFTER_STATUSES = frozenset({429, 503})
MAX_BODY = 8 * 1024 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#  Real sites send cookies and CSP headers longer than aiohttp's 8 KiB default.
MAX_HEADER = 64 * 1024


@dataclass(frozen=True)
class Reply:
    """One HTTP response, reduced to what the checker needs."""

    status: int
    reason: str
    location: str | None
    sets_cookie: bool
    retry_after: float | None
    anchors: frozenset[str] | None  # None unless the body was read as HTML


@dataclass(frozen=True)
class Failure:
    """A request that got no usable response."""

    kind: str  # timeout, connection, refused-private, invalid-url
    message: str
    retryable: bool


@dataclass(frozen=True)
class PageOutcome:
    """The verdict on one page URL (no fragment), after redirects."""

    kind: str
    message: str
    status: int | None
    final_url: str
    permanent: bool  # followed at least one redirect, and all were 301/308
    anchors: frozenset[str] | None


def open_session(options: ExternalOptions, resolver: GuardedResolver) -> aiohttp.ClientSession:
    """A session whose connections go only where the guard allows.

    With the guard on, `GuardedResolver` is the only way a name becomes an
    address, so aiohttp connects to exactly the addresses it validated.
    `trust_env=False`: a proxy from the environment would resolve names
    itself and so bypass the guard.
    """
    connector = aiohttp.TCPConnector(
        limit=max(1, options.concurrency),
        limit_per_host=max(1, options.per_host),
        resolver=resolver,
        ttl_dns_cache=300,
    )
    return aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=options.timeout),
        headers={
            "User-Agent": options.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        },
        max_line_size=MAX_HEADER,
        max_field_size=MAX_HEADER,
        trust_env=False,
    )


class Fetcher:
    """Checks pages through one session, within the concurrency limits."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        options: ExternalOptions,
        accepted: Callable[[int], bool],
        resolver: GuardedResolver,
    ) -> None:
        self._session = session
        self._options = options
        self._accepted = accepted
        self._total = asyncio.Semaphore(max(1, options.concurrency))
        self._hosts: dict[tuple[str, str, int | None], asyncio.Semaphore] = {}
        self._resolver = resolver

    async def page(self, url: str, need_anchors: bool) -> PageOutcome:
        """Check one page URL; read its anchors when `need_anchors`."""
        outcome = await self._follow(url, "GET" if need_anchors else "HEAD", need_anchors)
        if not need_anchors and outcome.status in HEAD_REFUSED:
            outcome = await self._follow(url, "GET", False)
        return outcome

    async def _follow(self, url: str, method: str, need_anchors: bool) -> PageOutcome:
        chain = [url]
        permanent = True
        while True:
            current = chain[-1]
            reply = await self._send(method, current, need_anchors)
            if isinstance(reply, Failure):
                return PageOutcome(reply.kind, reply.message, None, current, False, None)
            if reply.status not in REDIRECTS or not reply.location:
                return self._final(reply, current, permanent and len(chain) > 1)
            step = self._next_hop(reply, chain)
            if isinstance(step, PageOutcome):
                return step
            permanent = permanent and reply.status in PERMANENT
            chain.append(step)

    def _final(self, reply: Reply, url: str, permanent: bool) -> PageOutcome:
        kind = "ok" if self._accepted(reply.status) else "http-error"
        message = f"{reply.status} {reply.reason}".strip()
        return PageOutcome(kind, message, reply.status, url, permanent, reply.anchors)

    def _next_hop(self, reply: Reply, chain: list[str]) -> str | PageOutcome:
        """The URL a redirect leads to, or why the chain ends here."""
        current, location = chain[-1], reply.location or ""

        def stop(kind: str, message: str) -> PageOutcome:
            return PageOutcome(kind, message, reply.status, current, False, None)

        try:
            target = URL(current).join(URL(location)).with_fragment(None)
        except ValueError:
            return stop("invalid-url", f"{reply.status} redirect to an invalid URL {location!r}")
        if target.scheme not in ("http", "https"):
            return stop("invalid-url", f"{reply.status} redirect to unsupported URL {location!r}")
        if str(target) in chain and not reply.sets_cookie:
            return stop("redirect-loop", f"redirect loop back to {str(target)!r}")
        if len(chain) > self._options.max_redirects:
            return stop("too-many-redirects", f"more than {self._options.max_redirects} redirects")
        return str(target)

    async def _send(self, method: str, url: str, need_anchors: bool) -> Reply | Failure:
        """One request with its retries; the guard judges the URL first.

        Holds a per-host slot, then a global one (in that order, so a task
        waiting on a busy host does not sit on a global slot meanwhile), and
        neither while sleeping before a retry."""
        parsed = checked_url(url, self._options.allow_private)
        if isinstance(parsed, Failure):
            return parsed
        host = await self._host_slot(parsed)
        attempt = 0
        while True:
            async with host, self._total:
                result = await self._once(method, parsed, need_anchors)
            delay = self._retry_delay(result, attempt)
            if delay is None:
                return result
            await asyncio.sleep(delay)
            attempt += 1

    async def _host_slot(self, url: URL) -> asyncio.Semaphore:
        """The per-host slot of `url`: one per server, however its host is
        spelled (`LOCALHOST.`, `127.1`, `0x7f000001`, a second DNS name of the
        same address), so `per-host` bounds what one server receives."""
        key = await self._server_of(url.raw_host or "", url.port)
        slot = self._hosts.get(key)
        if slot is None:
            slot = self._hosts[key] = asyncio.Semaphore(max(1, self._options.per_host))
        return slot

    async def _server_of(self, host: str, port: int | None) -> tuple[str, str, int | None]:
        return ("", await self._resolver.server_of(host), port)

    async def _once(self, method: str, url: URL, need_anchors: bool) -> Reply | Failure:
        try:
            async with self._session.request(method, url, allow_redirects=False) as response:
                anchors = None
                if need_anchors and self._accepted(response.status) and _is_html(response):
                    anchors = parse_anchors(await _read_text(response))
                return Reply(
                    status=response.status,
                    reason=response.reason or _phrase(response.status),
                    location=response.headers.get("Location"),
                    sets_cookie="Set-Cookie" in response.headers,
                    retry_after=retry_after_seconds(response.headers.get("Retry-After")),
                    anchors=anchors,
                )
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as error:
            return failure_of(error, self._options.timeout)

    def _retry_delay(self, result: Reply | Failure, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None to stop here.

        Retry-After (429/503) is honoured up to `max_retry_after`; otherwise
        exponential backoff, jittered so that many links to one struggling
        host do not come back in lockstep.
        """
        if attempt >= self._options.retries:
            return None
        if isinstance(result, Failure):
            return backoff_delay(self._options.backoff, attempt) if result.retryable else None
        if result.status not in RETRY_STATUSES:
            return None
        if result.retry_after is not None and result.status in RETRY_AFTER_STATUSES:
            return min(result.retry_after, self._options.max_retry_after)
        return backoff_delay(self._options.backoff, attempt)


def backoff_delay(base: float, attempt: int) -> float:
    """Exponential backoff with jitter: between half and all of
    `base * 2**attempt` (attempt 0 is the first retry)."""
    ceiling: float = base * 2**attempt
    return random.uniform(ceiling / 2, ceiling)


def url_refusal(url: str, allow_private: bool) -> Failure | None:
    """Why `url` must not be requested at all, judged without any I/O: not an
    http(s) URL with a host, or (guard on) a numeric or localhost host that
    is not public. Names are judged by `GuardedResolver` when connecting."""
    checked = checked_url(url, allow_private)
    return checked if isinstance(checked, Failure) else None


def checked_url(url: str, allow_private: bool) -> URL | Failure:
    """The parsed URL, or the reason it must not be requested (`url_refusal`)."""
    try:
        parsed = URL(url)
        host = parsed.raw_host
    except ValueError as error:
        return Failure("invalid-url", f"invalid URL: {error}", False)
    if parsed.scheme not in ("http", "https") or not host:
        return Failure("invalid-url", "invalid URL: not an http(s) URL with a host", False)
    reason = None if allow_private else refusal_for_host(host)
    return Failure("refused-private", f"refused: {reason}", False) if reason else parsed


def failure_of(error: BaseException, timeout: float) -> Failure:
    """What a request's exception means for the link."""
    refused = _refusal_in(error)
    if refused is not None:
        return Failure("refused-private", f"refused: {refused.reason}", False)
    if isinstance(error, TimeoutError):
        return Failure("timeout", f"timed out after {timeout:g} s", True)
    if isinstance(error, aiohttp.ClientConnectorError):
        return _connector_failure(error)
    network = isinstance(error, (aiohttp.ClientError, OSError))
    if isinstance(error, aiohttp.InvalidURL) or not network:
        return Failure("invalid-url", f"invalid URL: {error}", False)
    if isinstance(error, aiohttp.ClientResponseError):
        return Failure("connection", f"invalid HTTP response: {error.message}", False)
    if isinstance(error, aiohttp.ClientPayloadError):
        return Failure("connection", "connection broken while reading the page", True)
    if isinstance(error, (aiohttp.ServerDisconnectedError, ConnectionResetError)) or (
        isinstance(error, OSError) and error.errno in (104, 32)  # ECONNRESET, EPIPE
    ):
        return Failure("connection", "connection reset", True)
    return Failure("connection", str(error) or type(error).__name__, True)


def _connector_failure(error: aiohttp.ClientConnectorError) -> Failure:
    cause = error.os_error
    if isinstance(error, (aiohttp.ClientSSLError, aiohttp.ClientConnectorCertificateError)):
        return Failure("connection", f"TLS error: {cause.strerror or cause}", False)
    if isinstance(cause, socket.gaierror):
        retry = cause.errno == socket.EAI_AGAIN
        return Failure("connection", f"could not resolve host {error.host}", retry)
    if isinstance(cause, ConnectionRefusedError):
        return Failure("connection", "connection refused", True)
    if isinstance(cause, ConnectionResetError):
        return Failure("connection", "connection reset", True)
    return Failure("connection", f"could not connect: {cause.strerror or cause}", True)


def _refusal_in(error: BaseException) -> PrivateAddressRefused | None:
    """The guard's refusal, wherever aiohttp wrapped it."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        if isinstance(current, PrivateAddressRefused):
            return current
        seen.add(id(current))
        pending += [current.__cause__, current.__context__, getattr(current, "os_error", None)]
    return None


def _is_html(response: aiohttp.ClientResponse) -> bool:
    return response.content_type in HTML_TYPES


async def _read_text(response: aiohttp.ClientResponse) -> str:
    """The body as text, at most MAX_BODY bytes of it (anchors past that are
    not seen; pages that large are rare and not worth the memory)."""
    chunks: list[bytes] = []
    size = 0
    while size < MAX_BODY:
        chunk = await response.content.read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)[:MAX_BODY]
    try:
        return data.decode(response.charset or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After in seconds from now: delta-seconds or an HTTP-date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - time.time())
