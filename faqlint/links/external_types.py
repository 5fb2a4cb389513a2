"""What an external link check is asked (`ExternalOptions`, the `[links]`
config resolved) and what it answers for each URL (`ExternalResult`); shared
by the built-in engine, its HTTP layer and the LinkChecker backend."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KINDS = (
    "ok",
    "skipped",
    "http-error",
    "timeout",
    "connection",
    "refused-private",
    "anchor-missing",
    "redirect-loop",
    "too-many-redirects",
    "invalid-url",
)


@dataclass(frozen=True)
class ExternalOptions:
    """How external links are checked (the `[links]` config, resolved)."""

    timeout: float = 10.0  # seconds per request (connect+read total)
    concurrency: int = 64  # total simultaneous requests
    per_host: int = 8  # simultaneous requests per host
    retries: int = 2  # extra attempts on connection errors/timeouts/429/5xx
    backoff: float = 0.5  # base seconds for exponential backoff (with jitter)
    max_redirects: int = 10
    accept: tuple[int | str, ...] = ("200-299",)  # codes or "a-b" ranges counted as OK
    exclude: tuple[str, ...] = ()  # regexes; matching URLs are skipped
    allow_private: bool = False  # turn the private-address guard off
    user_agent: str = "faqlint"
    cache_dir: Path | None = None  # e.g. Path(".faqlint_cache"); None = no cache
    cache_ttl: float = 86400.0  # seconds a GOOD verdict stays valid
    progress: bool = False  # progress bar on stderr (pass True only on a TTY)
    max_retry_after: float = 60.0  # cap on an honoured Retry-After


@dataclass(frozen=True)
class ExternalResult:
    """The verdict on one URL, exactly as it was asked."""

    url: str
    ok: bool  # True = fine (or skipped)
    status: int | None  # final HTTP status, if any
    message: str  # e.g. "404 Not Found", "timed out after 10 s"
    skipped: bool = False  # excluded by pattern
    redirect_to: str | None = None  # only-permanent redirects ending OK: the new URL
    kind: str = "ok"  # one of KINDS
    cached: bool = False  # answered from the verdict cache, not by a request now
