"""`dead-external-link` end to end: `faqlint check --external` against a
server the test starts on 127.0.0.1 (the only network any test touches)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.external_server import LocalServer, Reply, loopback_only, page, redirect


def write_page(root: Path, server: LocalServer) -> None:
    (root / "faq.md").write_text(
        "{cut(Where are the docs?)}\n\n"
        f"See [ok]({server.url('/ok')}), [gone]({server.url('/gone')}), "
        f"[moved]({server.url('/old')}), [section]({server.url('/ok#install')}) and "
        f"[missing section]({server.url('/ok#nope')}).\n\n{{/cut}}\n",
        encoding="utf-8",
    )


def routes() -> dict[str, Reply | list[Reply]]:
    return {"/ok": page("install"), "/gone": Reply(status=410), "/old": redirect(301, "/ok")}


def findings(root: Path, *flags: str) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "json", *flags, "faq.md", cwd=root)
    assert result.code in (0, 1), result.err
    return [f for f in json.loads(result.out)["findings"] if f["rule"] == "dead-external-link"]


def test_external_links_are_checked_only_on_request(tmp_path: Path) -> None:
    with loopback_only(), LocalServer(routes()) as server:
        write_page(tmp_path, server)
        assert findings(tmp_path) == []
        assert server.hits == {}
        found = findings(tmp_path, "--external", "--allow-private")
        ok, gone, old = server.url("/ok"), server.url("/gone"), server.url("/old")
    assert [(f["severity"], f["message"]) for f in found] == [
        ("error", f"`{gone}`: 410 Gone"),
        ("warning", f"`{old}` has moved permanently to `{ok}`"),
        ("error", f"`{ok}#nope`: anchor #nope not found on the page"),
    ]
    assert found[1]["fix"]["edits"][0]["content"] == ok  # the new address, as a safe fix
    assert found[1]["fix"]["applicability"] == "safe"


def test_the_guard_refuses_loopback_unless_allowed(tmp_path: Path) -> None:
    with loopback_only() as attempts, LocalServer(routes()) as server:
        write_page(tmp_path, server)
        found = findings(tmp_path, "--external")
        assert server.hits == {}  # refused before any request
    assert len(found) == 5
    assert all("loopback" in f["message"] for f in found)
    assert attempts == []


def test_config_turns_external_checks_on(tmp_path: Path) -> None:
    (tmp_path / "faqlint.toml").write_text(
        "[links]\nexternal = true\nallow-private = true\n[cache]\nenabled = false\n",
        encoding="utf-8",
    )
    with loopback_only(), LocalServer(routes()) as server:
        write_page(tmp_path, server)
        assert len(findings(tmp_path)) == 3
        assert server.hits["/gone"] >= 1


def test_missing_linkchecker_is_a_clear_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "linkcheck" else real_find_spec(name, *a),
    )
    (tmp_path / "faq.md").write_text("[x](http://127.0.0.1:9/)\n", encoding="utf-8")
    result = run_cli("check", "--external", "--link-engine", "linkchecker", "faq.md", cwd=tmp_path)
    assert result.code == 2
    assert "LinkChecker is not installed: pip install 'faqlint[linkchecker]'" in result.err
    assert "Traceback" not in result.err
