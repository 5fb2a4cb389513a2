"""External links: does each URL answer, and does its #fragment exist?

`check_urls` is the one entry point. It is blocking (it runs its own asyncio
loop) and never raises for network problems: every URL gets an
`ExternalResult` whose `kind` says what went wrong.

How the work is cut down, because a docs site links the same pages many times:

- URLs are deduplicated, and all URLs of one page (`page`, `page#a`,
  `page#b`) share a single fetch: HEAD when no fragment is asked, otherwise
  one GET whose anchors serve every fragment.
- Good verdicts are cached (`cache_dir`, see `http_cache`); failures are
  always checked again.
- Excluded URLs (`exclude`) and URLs the guard refuses by their spelling alone
  are answered without any network traffic.

The HTTP details (redirects, retries, limits) live in `http_fetch`, the
private-address guard in `guard`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import time
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from faqlint.links.external_types import ExternalOptions, ExternalResult
from faqlint.links.guard import GuardedResolver
from faqlint.links.http_anchors import has_anchor
from faqlint.links.http_cache import VerdictCache
from faqlint.links.http_fetch import Fetcher, PageOutcome, open_session, url_refusal
from faqlint.parse.user_regex import PATTERN_TIMEOUT, UserRegexError, compile_checked

T = TypeVar("T")


def check_urls(urls: Iterable[str], options: ExternalOptions) -> dict[str, ExternalResult]:
    """Check every URL (deduplicated; one fetch per page serves all its
    #fragments). Blocking: runs its own asyncio loop (in a worker thread when
    called from inside a running loop). Never raises for network problems;
    raises ValueError for an invalid `accept` or `exclude` option."""
    asked = list(dict.fromkeys(urls))
    accepted = accept_predicate(options.accept)
    results, pages, cache = triage(asked, options)
    if pages:
        progress = Progress(len(asked), options.progress, done=len(results))
        outcomes = run_blocking(lambda: _check_pages(pages, options, accepted, progress))
        progress.close()
        for page, page_urls in pages.items():
            for url in page_urls:
                results[url] = result_for(url, outcomes[page])
    if cache is not None:
        remember(cache, (results[url] for urls in pages.values() for url in urls))
    return {url: results[url] for url in asked}


def triage(
    asked: list[str], options: ExternalOptions
) -> tuple[dict[str, ExternalResult], dict[str, list[str]], VerdictCache | None]:
    """Results known without a request (invalid, excluded, refused, cached),
    and the rest grouped by page (one fetch serves all of a page's fragments).
    Shared by both engines."""
    excludes = compile_excludes(options.exclude)
    results: dict[str, ExternalResult] = {}
    pages: dict[str, list[str]] = {}
    for url in asked:
        screened = screen_url(url, options, excludes)
        if screened is not None:
            results[url] = screened
        else:
            pages.setdefault(url.partition("#")[0], []).append(url)
    cache = open_cache(options)
    if cache is not None:
        pages = answer_from_cache(pages, cache, results)
    return results, pages, cache


def screen_url(url: str, options: ExternalOptions, excludes: list[Any]) -> ExternalResult | None:
    """The verdict on a URL that needs no request (excluded, malformed, or
    refused by its spelling), else None."""
    for pattern in excludes:
        try:
            excluded = pattern.search(url, timeout=PATTERN_TIMEOUT) is not None
        except TimeoutError:
            excluded = False  # checked at load; a URL built to defeat it is simply checked
        if excluded:
            message = f"skipped: matches exclude pattern {pattern.pattern!r}"
            return ExternalResult(url, True, None, message, skipped=True, kind="skipped")
    failure = url_refusal(url.partition("#")[0], options.allow_private)
    if failure is not None:
        return ExternalResult(url, False, None, failure.message, kind=failure.kind)
    return None


def result_for(url: str, outcome: PageOutcome) -> ExternalResult:
    """The verdict on `url` from the outcome of fetching its page."""
    _, hash_sign, fragment = url.partition("#")
    if outcome.kind != "ok":
        return ExternalResult(url, False, outcome.status, outcome.message, kind=outcome.kind)
    if fragment and outcome.anchors is not None and not has_anchor(outcome.anchors, fragment):
        message = f"anchor #{fragment} not found on the page"
        return ExternalResult(url, False, outcome.status, message, kind="anchor-missing")
    redirect_to = outcome.final_url + hash_sign + fragment if outcome.permanent else None
    return ExternalResult(url, True, outcome.status, outcome.message, redirect_to=redirect_to)


# Failures that say nothing about the server asked: no request reached one.
_NOT_REQUESTED = frozenset({"skipped", "refused-private", "invalid-url"})


def network_unreachable(results: dict[str, ExternalResult]) -> str | None:
    """Why the network looks down, or None: every request made now failed
    the same way before reaching a server (the host did not resolve, the
    connection failed or timed out), across two hosts at least. One unknown
    host among reachable ones is a dead link, not a dead network."""
    made = [r for r in results.values() if not (r.skipped or r.cached or r.kind in _NOT_REQUESTED)]
    if not made or any(r.kind not in ("connection", "timeout") for r in made):
        return None
    ways = {_failure_way(r) for r in made}
    hosts = {urlsplit(r.url).hostname for r in made}
    if len(ways) != 1 or None in ways or len(hosts) < 2:
        return None
    way = ways.pop()
    return f"all {len(made)} requests to {len(hosts)} hosts failed: {way}"


def _failure_way(result: ExternalResult) -> str | None:
    """How a request failed before any server answered, or None."""
    message = result.message.lower()
    if result.kind == "timeout":
        return "timed out"
    if "resolve" in message or "name or service not known" in message or "getaddrinfo" in message:
        return "host names do not resolve"
    if any(word in message for word in ("refused", "could not connect", "unreachable")):
        return "connections fail"
    return None


def accept_predicate(accept: Iterable[int | str]) -> Callable[[int], bool]:
    """A test for "this status counts as OK" from codes and "a-b" ranges."""
    ranges = [_status_range(item) for item in accept]
    return lambda status: any(low <= status <= high for low, high in ranges)


def _status_range(item: int | str) -> tuple[int, int]:
    text = str(item).strip()
    low, _, high = text.partition("-")
    if not (low.strip().isdigit() and (not high or high.strip().isdigit())):
        raise ValueError(f"invalid accepted status {item!r}: use a code (200) or a range (200-299)")
    return int(low), int(high or low)


def compile_excludes(patterns: Iterable[str]) -> list[Any]:
    """`[links] exclude` compiled (regex.Pattern), checked as every user pattern."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_checked(pattern))
        except UserRegexError as error:
            raise ValueError(f"exclude pattern {pattern!r} {error}") from None
    return compiled


def run_blocking(factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion from synchronous code, even when this
    thread already runs an event loop (then in a worker thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(factory())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(factory())).result()


async def _check_pages(
    pages: dict[str, list[str]],
    options: ExternalOptions,
    accepted: Callable[[int], bool],
    progress: Progress,
) -> dict[str, PageOutcome]:
    resolver = GuardedResolver(guard=not options.allow_private)
    async with open_session(options, resolver) as session:
        fetcher = Fetcher(session, options, accepted, resolver)

        async def check(page: str, urls: list[str]) -> tuple[str, PageOutcome]:
            need_anchors = any(url.partition("#")[2] for url in urls)
            outcome = await fetcher.page(page, need_anchors)
            progress.advance(len(urls))
            return page, outcome

        return dict(await asyncio.gather(*(check(page, urls) for page, urls in pages.items())))


def open_cache(options: ExternalOptions) -> VerdictCache | None:
    if options.cache_dir is None or options.cache_ttl <= 0:
        return None
    accept = ",".join(str(item) for item in options.accept)
    scope = f"accept={accept};allow_private={options.allow_private}"
    return VerdictCache(options.cache_dir, options.cache_ttl, scope)


def answer_from_cache(
    pages: dict[str, list[str]], cache: VerdictCache, results: dict[str, ExternalResult]
) -> dict[str, list[str]]:
    """Fill `results` for pages whose every URL has a good cached verdict;
    return the pages still to fetch (one uncached fragment refetches the page,
    which then answers for all its URLs)."""
    todo: dict[str, list[str]] = {}
    for page, urls in pages.items():
        cached = [(url, cache.get(url)) for url in urls]
        if any(verdict is None for _, verdict in cached):
            todo[page] = urls
            continue
        for url, verdict in cached:
            assert verdict is not None
            results[url] = ExternalResult(
                url,
                True,
                verdict.status,
                verdict.message,
                redirect_to=verdict.redirect_to,
                cached=True,
            )
    return todo


def remember(cache: VerdictCache, results: Iterable[ExternalResult]) -> None:
    for result in results:
        if result.ok and not result.skipped:
            cache.put(result.url, result.status, result.message, result.redirect_to)
    cache.save()


class Progress:
    """A one-line progress bar on stderr, redrawn in place with `\\r` at most
    ten times a second (a terminal is slow, and thousands of redraws flicker)."""

    WIDTH = 30

    def __init__(self, total: int, enabled: bool, done: int = 0) -> None:
        self.total = total
        self.done = done
        self.enabled = enabled and total > 0
        self._drawn_at = 0.0
        self._draw()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._drawn_at >= 0.1 or self.done >= self.total:
            self._draw(now)

    def close(self) -> None:
        if self.enabled:
            self._draw()
            sys.stderr.write("\n")
            sys.stderr.flush()

    def _draw(self, now: float | None = None) -> None:
        if not self.enabled:
            return
        self._drawn_at = time.monotonic() if now is None else now
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\rexternal links [{bar}] {self.done}/{self.total}")
        sys.stderr.flush()
