"""The LinkChecker backend: same verdicts as the built-in engine, in a subprocess.

The end-to-end tests need LinkChecker (`pip install 'faqlint[linkchecker]'`)
and skip, saying so, without it. Their server sends a `LinkChecker` header, the
documented way a site lets LinkChecker go faster than 10 requests a second.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from faqlint.links import linkchecker
from faqlint.links.external import accept_predicate, check_urls
from faqlint.links.external_types import ExternalOptions, ExternalResult
from faqlint.links.linkchecker import (
    INSTALL_HINT,
    ExternalEngineUnavailable,
    check_urls_linkchecker,
    linkcheckerrc,
    parse_csv,
    result_from_row,
)
from tests.external_server import LocalServer, Reply, closed_port, page, redirect

INSTALLED = importlib.util.find_spec("linkcheck") is not None
needs_linkchecker = pytest.mark.skipif(
    not INSTALLED, reason="LinkChecker is not installed (pip install 'faqlint[linkchecker]')"
)
OPEN = ExternalOptions(allow_private=True, timeout=3.0, retries=0)
ROUTES: dict[str, Reply | list[Reply]] = {
    "/ok": page("intro", names=("legacy",)),
    "/old": redirect(301, "/older"),
    "/older": redirect(308, "/ok"),
    "/moved": redirect(302, "/ok"),
    "/loop": redirect(302, "/loop"),
    "/gone": Reply(410),
    "/no-head": Reply(head_status=405),
}
PATHS = [
    "/ok",
    "/ok#intro",
    "/ok#legacy",
    "/ok#missing",
    "/old",
    "/old#intro",
    "/moved",
    "/loop",
    "/gone",
    "/absent",
    "/no-head",
]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(ROUTES, extra_headers={"LinkChecker": "faqlint-tests"}) as running:
        yield running


@pytest.fixture(scope="module")
def verdicts(server: LocalServer) -> dict[str, ExternalResult]:
    if not INSTALLED:
        pytest.skip("LinkChecker is not installed (pip install 'faqlint[linkchecker]')")
    urls = [server.url(path) for path in PATHS] + [server.url("/private/x")]
    return check_urls_linkchecker(
        urls, ExternalOptions(**{**OPEN.__dict__, "exclude": ("/private/",)})
    )


def test_missing_linkchecker_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "linkcheck" else real(name, *a),
    )
    with pytest.raises(ExternalEngineUnavailable) as raised:
        check_urls_linkchecker([f"http://127.0.0.1:{closed_port()}/"], OPEN)
    assert str(raised.value) == INSTALL_HINT
    assert INSTALL_HINT == "LinkChecker is not installed: pip install 'faqlint[linkchecker]'"


@needs_linkchecker
def test_verdicts_match_the_builtin_engine(
    server: LocalServer, verdicts: dict[str, ExternalResult]
) -> None:
    builtin = check_urls([server.url(path) for path in PATHS], OPEN)
    for path in PATHS:
        ours, theirs = builtin[server.url(path)], verdicts[server.url(path)]
        assert (theirs.ok, theirs.kind, theirs.redirect_to) == (
            ours.ok,
            ours.kind,
            ours.redirect_to,
        ), path


@needs_linkchecker
def test_linkchecker_verdicts(server: LocalServer, verdicts: dict[str, ExternalResult]) -> None:
    def kind(path: str) -> tuple[bool, str, int | None]:
        result = verdicts[server.url(path)]
        return result.ok, result.kind, result.status

    assert kind("/ok") == (True, "ok", 200)
    assert kind("/ok#intro") == kind("/ok#legacy") == (True, "ok", 200)
    assert kind("/ok#missing") == (False, "anchor-missing", 200)
    assert verdicts[server.url("/ok#missing")].message == "anchor #missing not found on the page"
    assert verdicts[server.url("/old")].redirect_to == server.url("/ok")
    assert verdicts[server.url("/old#intro")].redirect_to == server.url("/ok#intro")
    assert verdicts[server.url("/moved")].redirect_to is None
    assert kind("/loop") == (False, "redirect-loop", None)
    assert kind("/gone") == (False, "http-error", 410)
    assert verdicts[server.url("/absent")].message == "404 Not Found"
    skipped = verdicts[server.url("/private/x")]
    assert (skipped.ok, skipped.skipped, skipped.kind) == (True, True, "skipped")
    assert server.hits["/private/x"] == 0


@needs_linkchecker
def test_private_spellings_never_reach_linkchecker(server: LocalServer) -> None:
    before = sum(server.hits.values())
    urls = [f"http://2130706433:{server.port}/ok", f"http://localhost:{server.port}/ok"]
    results = check_urls_linkchecker(urls, ExternalOptions(timeout=3.0))
    assert all(result.kind == "refused-private" for result in results.values())
    assert sum(server.hits.values()) == before


def _loopback_hostname() -> str:
    name = socket.gethostname()
    try:
        infos = socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if not infos or not all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos):
        pytest.skip(f"this machine's name {name!r} does not resolve to loopback only")
    return name


@needs_linkchecker
def test_the_guard_runs_inside_the_linkchecker_process(server: LocalServer) -> None:
    name = _loopback_hostname()  # a name only DNS can judge: refused at connect time
    before = sum(server.hits.values())
    url = f"http://{name}:{server.port}/ok"
    result = check_urls_linkchecker([url], ExternalOptions(timeout=3.0))[url]
    assert result.kind == "refused-private"
    assert result.message == f"refused: 127.0.0.1 is a loopback address (resolved from {name})"
    assert sum(server.hits.values()) == before


def test_the_guarded_getaddrinfo_refuses_any_private_answer() -> None:
    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        addresses = {"mixed.example": ["93.184.216.34", "10.1.1.1"], "fine.example": ["8.8.8.8"]}
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses[host]]

    guarded = linkchecker._guarded_getaddrinfo(fake)
    assert guarded("fine.example", 80)[0][4] == ("8.8.8.8", 80)
    with pytest.raises(OSError, match=re.escape("refused: 10.1.1.1 is a private address")):
        guarded("mixed.example", 80)


def test_the_generated_config() -> None:
    text = linkcheckerrc(ExternalOptions(concurrency=32, timeout=2.5, user_agent="ua"))
    for line in [
        "[checking]",
        "threads=32",
        "timeout=3",
        "robotstxt=0",
        "recursionlevel=0",
        "useragent=ua",
        "[filtering]",
        "checkextern=1",
        "[AnchorCheck]",
    ]:
        assert line in text.splitlines()


@pytest.mark.parametrize(
    ("result", "kind", "message"),
    [
        (
            "ReadTimeout: HTTPConnectionPool(...): Read timed out.",
            "timeout",
            "timed out after 10 s",
        ),
        ("ConnectionError: ... [Errno 111] Connection refused", "connection", "connection refused"),
        (
            "ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
            "connection",
            "connection reset",
        ),
        ("TooManyRedirects: Exceeded 10 redirects.", "too-many-redirects", "too many redirects"),
        ("InvalidSchema: No connection adapters were found", "invalid-url", None),
    ],
)
def test_linkchecker_failures_map_to_kinds(result: str, kind: str, message: str | None) -> None:
    csv_text = f"# intro\nurlname;result;warningstring;valid;url\nhttp://a.example/;{result};;False;http://a.example/\n"
    row = parse_csv(csv_text)[0]
    verdict = result_from_row(
        "http://a.example/", row, ExternalOptions(), accept_predicate(("200-299",))
    )
    assert (verdict.ok, verdict.kind) == (False, kind)
    if message is not None:
        assert verdict.message == message
