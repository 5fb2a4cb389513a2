"""The built-in external link engine, against local servers on 127.0.0.1.

Every test talks only to servers it starts itself (`tests/external_server.py`)
with the private-address guard off (`allow_private=True`), and under a safety
net that fails any connection leaving the loopback range.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from faqlint.links.external import check_urls
from faqlint.links.external_types import KINDS, ExternalOptions, ExternalResult
from faqlint.links.http_cache import VerdictCache
from faqlint.links.http_fetch import backoff_delay, retry_after_seconds
from tests.external_server import (
    InFlight,
    LocalServer,
    Reply,
    closed_port,
    loopback_only,
    page,
    redirect,
    reset_port,
)

FAST = ExternalOptions(allow_private=True, timeout=5.0, retries=0, backoff=0.01)


def options(**changes: object) -> ExternalOptions:
    values = {**FAST.__dict__, **changes}
    return ExternalOptions(**values)


@pytest.fixture(autouse=True)
def no_traffic_beyond_loopback() -> Iterator[None]:
    with loopback_only() as attempts:
        yield
    assert attempts == []


def check_one(url: str, opts: ExternalOptions = FAST) -> ExternalResult:
    result = check_urls([url], opts)[url]
    assert result.kind in KINDS
    return result


# 1. HEAD first, GET when HEAD is refused or anchors are needed


def test_head_is_enough_for_a_page_without_fragment() -> None:
    with LocalServer({"/ok": page()}) as server:
        result = check_one(server.url("/ok"))
    assert (result.ok, result.status, result.kind, result.message) == (True, 200, "ok", "200 OK")
    assert server.requests == [("HEAD", "/ok")]


@pytest.mark.parametrize("refusal", [405, 501, 403, 400])
def test_a_refused_head_falls_back_to_get(refusal: int) -> None:
    with LocalServer({"/p": Reply(head_status=refusal)}) as server:
        result = check_one(server.url("/p"))
    assert result.ok and result.status == 200
    assert server.requests == [("HEAD", "/p"), ("GET", "/p")]


def test_fragments_of_one_page_share_one_get() -> None:
    body = page("intro", "café", "a&b", names=("legacy",))
    with LocalServer({"/doc": body}) as server:
        urls = [
            server.url("/doc"),
            server.url("/doc#intro"),
            server.url("/doc#legacy"),
            server.url("/doc#caf%C3%A9"),
            server.url("/doc#a&b"),
            server.url("/doc#top"),
            server.url("/doc#missing"),
        ]
        results = check_urls(urls, FAST)
    assert server.requests == [("GET", "/doc")]
    assert [results[url].ok for url in urls] == [True] * 6 + [False]
    missing = results[urls[-1]]
    assert missing.kind == "anchor-missing"
    assert missing.message == "anchor #missing not found on the page"
    assert missing.status == 200


def test_an_id_only_in_a_script_is_not_an_anchor() -> None:
    body = '<html><script>var s = \'<b id="ghost">\';</script><p id="real">x</p></html>'
    with LocalServer({"/p": Reply(body=body)}) as server:
        results = check_urls([server.url("/p#real"), server.url("/p#ghost")], FAST)
    assert results[server.url("/p#real")].ok
    assert results[server.url("/p#ghost")].kind == "anchor-missing"


def test_fragments_on_a_non_html_page_are_not_judged() -> None:
    with LocalServer({"/f.txt": Reply(body="plain", content_type="text/plain")}) as server:
        result = check_one(server.url("/f.txt#section"))
    assert result.ok


def test_a_fragment_on_a_missing_page_reports_the_page() -> None:
    with LocalServer() as server:
        result = check_one(server.url("/gone#x"))
    assert (result.kind, result.message) == ("http-error", "404 Not Found")


def test_urls_are_deduplicated_and_answered_in_order() -> None:
    with LocalServer({"/a": page("x")}) as server:
        a, ax = server.url("/a"), server.url("/a#x")
        results = check_urls([a, ax, a, ax], FAST)
    assert list(results) == [a, ax]
    assert server.hits["/a"] == 1


# 2. Concurrency limits


def test_per_host_limit_is_respected() -> None:
    routes: dict[str, Reply | list[Reply]] = {f"/{n}": Reply(delay=0.2) for n in range(12)}
    with LocalServer(routes) as server:
        started = time.monotonic()
        results = check_urls([server.url(path) for path in routes], options(per_host=3))
        elapsed = time.monotonic() - started
    assert all(result.ok for result in results.values())
    assert server.in_flight.most == 3
    assert elapsed >= 0.75  # 12 requests, 3 at a time, 0.2 s each


def test_total_limit_is_respected_across_hosts() -> None:
    shared = InFlight()
    routes: dict[str, Reply | list[Reply]] = {f"/{n}": Reply(delay=0.15) for n in range(6)}
    with LocalServer(routes, in_flight=shared) as one, LocalServer(routes, in_flight=shared) as two:
        urls = [server.url(path) for server in (one, two) for path in routes]
        results = check_urls(urls, options(concurrency=4, per_host=8))
    assert all(result.ok for result in results.values())
    assert shared.most == 4


def test_limits_below_one_mean_one() -> None:
    with LocalServer({"/a": page(), "/b": page()}) as server:
        results = check_urls(
            [server.url("/a"), server.url("/b")], options(concurrency=0, per_host=0)
        )
    assert all(result.ok for result in results.values())
    assert server.in_flight.most == 1


# 3. Timeouts, retries, backoff, Retry-After


def test_a_slow_server_times_out() -> None:
    with LocalServer({"/slow": Reply(delay=1.0)}) as server:
        result = check_one(server.url("/slow"), options(timeout=0.3))
    assert (result.ok, result.kind, result.status) == (False, "timeout", None)
    assert result.message == "timed out after 0.3 s"


def test_a_timeout_is_retried() -> None:
    with LocalServer({"/p": [Reply(delay=1.0), Reply()]}) as server:
        result = check_one(server.url("/p"), options(timeout=0.3, retries=1))
    assert result.ok
    assert server.hits["/p"] == 2


def test_429_with_retry_after_is_honoured() -> None:
    script = [Reply(429, headers={"Retry-After": "1"}), Reply()]
    with LocalServer({"/p": script}) as server:
        started = time.monotonic()
        result = check_one(server.url("/p"), options(retries=2))
        elapsed = time.monotonic() - started
    assert result.ok and result.status == 200
    assert server.hits["/p"] == 2
    assert elapsed >= 0.95


def test_retry_after_is_capped() -> None:
    script = [Reply(503, headers={"Retry-After": "3600"}), Reply()]
    with LocalServer({"/p": script}) as server:
        started = time.monotonic()
        result = check_one(server.url("/p"), options(retries=1, max_retry_after=0.2))
    assert result.ok
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_then_reported(status: int) -> None:
    with LocalServer({"/p": Reply(status)}) as server:
        result = check_one(server.url("/p"), options(retries=2))
    assert server.hits["/p"] == 3
    assert (result.ok, result.kind, result.status) == (False, "http-error", status)


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry_after_seconds(later) or 0) <= 31
    past = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    assert retry_after_seconds(past) == 0.0


def test_backoff_grows_exponentially_with_jitter() -> None:
    for attempt in range(4):
        ceiling = 0.5 * 2**attempt
        delays = {backoff_delay(0.5, attempt) for _ in range(50)}
        assert all(ceiling / 2 <= delay <= ceiling for delay in delays)
        assert len(delays) > 1


# 4. Redirects, followed by hand


def test_only_permanent_redirects_offer_the_new_url() -> None:
    routes: dict[str, Reply | list[Reply]] = {
        "/old": redirect(301, "/older"),
        "/older": redirect(308, "/new"),
        "/new": page("part"),
        "/moved": redirect(302, "/new"),
        "/mixed": redirect(301, "/moved"),
    }
    with LocalServer(routes) as server:
        urls = [server.url(path) for path in ("/old", "/old#part", "/moved", "/mixed")]
        results = check_urls(urls, FAST)
    assert all(result.ok for result in results.values())
    assert results[urls[0]].redirect_to == server.url("/new")
    assert results[urls[1]].redirect_to == server.url("/new#part")
    assert results[urls[2]].redirect_to is None
    assert results[urls[3]].redirect_to is None


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_every_redirect_status_is_followed(status: int) -> None:
    with LocalServer({"/a/b": redirect(status, "../c"), "/c": page()}) as server:
        result = check_one(server.url("/a/b"))
    assert result.ok
    assert server.hits["/c"] == 1


def test_a_redirect_loop_is_reported() -> None:
    with LocalServer({"/a": redirect(302, "/b"), "/b": redirect(301, "/a")}) as server:
        result = check_one(server.url("/a"))
    assert (result.ok, result.kind) == (False, "redirect-loop")
    assert server.hits["/a"] == 1


def test_too_many_redirects() -> None:
    routes: dict[str, Reply | list[Reply]] = {f"/{n}": redirect(302, f"/{n + 1}") for n in range(4)}
    routes["/4"] = page()
    with LocalServer(routes) as server:
        short = check_one(server.url("/0"), options(max_redirects=3))
        enough = check_one(server.url("/0"), options(max_redirects=4))
    assert (short.kind, short.ok) == ("too-many-redirects", False)
    assert enough.ok


def test_a_redirect_to_a_broken_page_reports_its_status() -> None:
    with LocalServer({"/a": redirect(301, "/nowhere")}) as server:
        result = check_one(server.url("/a"))
    assert (result.kind, result.status, result.redirect_to) == ("http-error", 404, None)


def test_a_redirect_to_another_scheme_is_invalid() -> None:
    with LocalServer({"/a": redirect(302, "ftp://files.invalid/x")}) as server:
        result = check_one(server.url("/a"))
    assert result.kind == "invalid-url"


# 5. HTTP statuses


@pytest.mark.parametrize(
    ("status", "message"),
    [(404, "404 Not Found"), (410, "410 Gone"), (500, "500 Internal Server Error")],
)
def test_error_statuses(status: int, message: str) -> None:
    with LocalServer({"/p": Reply(status)}) as server:
        result = check_one(server.url("/p"))
    assert (result.ok, result.kind, result.status, result.message) == (
        False,
        "http-error",
        status,
        message,
    )


def test_accepted_statuses_are_ok() -> None:
    with LocalServer({"/204": Reply(204)}) as server:
        missing = check_one(server.url("/404"), options(accept=("200-299", 404)))
        empty = check_one(server.url("/204"), options(accept=(200,)))
    assert missing.ok and missing.status == 404
    assert (empty.ok, empty.kind) == (False, "http-error")


def test_a_bad_accept_option_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="invalid accepted status"):
        check_urls([], options(accept=("2xx",)))


# 6. Connection errors


def test_connection_refused() -> None:
    result = check_one(f"http://127.0.0.1:{closed_port()}/", options(retries=1))
    assert (result.ok, result.kind, result.message) == (False, "connection", "connection refused")


def test_connection_reset() -> None:
    with reset_port() as port:
        result = check_one(f"http://127.0.0.1:{port}/")
    assert (result.ok, result.kind, result.message) == (False, "connection", "connection reset")


@pytest.mark.parametrize(
    "url", ["ftp://files.example/x", "http://", "mailto:a@b.example", "http://[::1"]
)
def test_invalid_urls_make_no_request(url: str) -> None:
    result = check_one(url)
    assert (result.ok, result.kind) == (False, "invalid-url")


def test_excluded_urls_are_skipped_without_a_request() -> None:
    with LocalServer() as server:
        result = check_one(server.url("/private/x"), options(exclude=(r"/private/",)))
    assert (result.ok, result.skipped, result.kind) == (True, True, "skipped")
    assert server.requests == []


# 7. The verdict cache


def test_the_second_run_is_answered_from_the_cache(tmp_path: Path) -> None:
    opts = options(cache_dir=tmp_path)
    with LocalServer({"/ok": page("x"), "/moved": redirect(301, "/ok")}) as server:
        urls = [server.url("/ok"), server.url("/ok#x"), server.url("/moved")]
        first = check_urls(urls, opts)
        hits = sum(server.hits.values())
        second = check_urls(urls, opts)
        assert sum(server.hits.values()) == hits
    assert all(result.cached for result in second.values())
    assert {url: replace(result, cached=False) for url, result in second.items()} == first
    assert (tmp_path / "external" / "verdicts.json").is_file()


def test_failures_are_never_cached(tmp_path: Path) -> None:
    opts = options(cache_dir=tmp_path)
    with LocalServer({"/ok": page()}) as server:
        urls = [server.url("/gone"), server.url("/ok#nope")]
        check_urls(urls, opts)
        check_urls(urls, opts)
    assert server.hits["/gone"] == 2
    assert server.hits["/ok"] == 2


def test_an_uncached_fragment_refetches_its_page(tmp_path: Path) -> None:
    opts = options(cache_dir=tmp_path)
    with LocalServer({"/ok": page("a", "b")}) as server:
        check_urls([server.url("/ok#a")], opts)
        results = check_urls([server.url("/ok#a"), server.url("/ok#b")], opts)
    assert server.hits["/ok"] == 2
    assert all(result.ok for result in results.values())


def test_cached_verdicts_expire(tmp_path: Path) -> None:
    opts = options(cache_dir=tmp_path, cache_ttl=0.2)
    with LocalServer({"/ok": page()}) as server:
        check_urls([server.url("/ok")], opts)
        time.sleep(0.3)
        check_urls([server.url("/ok")], opts)
    assert server.hits["/ok"] == 2


@pytest.mark.parametrize(
    "content", ["{not json", '{"version": 1, "entries": []}', '{"version": 1, "entries": {"k": 5}}']
)
def test_a_corrupted_cache_is_ignored(tmp_path: Path, content: str) -> None:
    cache_file = tmp_path / "external" / "verdicts.json"
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text(content, encoding="utf-8")
    with LocalServer({"/ok": page()}) as server:
        result = check_one(server.url("/ok"), options(cache_dir=tmp_path))
    assert result.ok
    assert json.loads(cache_file.read_text(encoding="utf-8"))["version"] == 1


def test_a_cached_entry_of_the_wrong_shape_is_ignored(tmp_path: Path) -> None:
    cache = VerdictCache(tmp_path, 60, "scope")
    cache.put("http://a.example/", 200, "200 OK", None)
    cache.save()
    data = json.loads(cache.path.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["status"] = "200"
    cache.path.write_text(json.dumps(data), encoding="utf-8")
    assert VerdictCache(tmp_path, 60, "scope").get("http://a.example/") is None


def test_the_cache_is_scoped_by_the_options_that_change_a_verdict(tmp_path: Path) -> None:
    cache = VerdictCache(tmp_path, 60, "allow_private=True")
    cache.put("http://a.example/", 200, "200 OK", None)
    cache.save()
    assert VerdictCache(tmp_path, 60, "allow_private=True").get("http://a.example/")
    assert VerdictCache(tmp_path, 60, "allow_private=False").get("http://a.example/") is None


def test_concurrent_saves_never_tear_the_file(tmp_path: Path) -> None:
    def writer(number: int) -> None:
        for round_ in range(15):
            cache = VerdictCache(tmp_path, 60, "s")
            cache.put(f"http://{number}.example/{round_}", 200, "200 OK", None)
            cache.save()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    data = json.loads((tmp_path / "external" / "verdicts.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["entries"]
    assert not list((tmp_path / "external").glob("*.tmp"))


# 8. Progress bar


def test_progress_is_drawn_on_stderr_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with LocalServer({"/a": page(), "/b": page()}) as server:
        urls = [server.url("/a"), server.url("/b"), server.url("/a#x")]
        check_urls(urls, FAST)
        quiet = capsys.readouterr()
        check_urls(urls, options(progress=True))
        drawn = capsys.readouterr()
    assert (quiet.out, quiet.err) == ("", "")
    assert drawn.out == ""
    assert drawn.err.startswith("\rexternal links [")
    assert "] 3/3" in drawn.err and drawn.err.endswith("\n")


# The blocking API inside a running event loop


def test_check_urls_works_from_inside_an_event_loop() -> None:
    with LocalServer({"/ok": page()}) as server:

        async def caller() -> dict[str, ExternalResult]:
            return check_urls([server.url("/ok")], FAST)

        results = asyncio.run(caller())
    assert results[server.url("/ok")].ok
