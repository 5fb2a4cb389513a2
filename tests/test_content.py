"""`faqlint check content`: the sample site shows resolving links and the
seed's real defects (see content/README.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_cli

FAQ = "content/en/intro/start/faq/faq.md"
LINK_RULES = "broken-link,broken-anchor,relative-link,cross-language-link"


def link_findings(cwd: Path) -> list[tuple[str, int, str]]:
    result = run_cli("check", "content", "--select", LINK_RULES, "--format", "json", cwd=cwd)
    assert result.code in (0, 1), result.err
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.out)["findings"]]


def test_seed_link_defects_and_nothing_else(tmp_path: Path) -> None:
    found = link_findings(ROOT)
    assert [(rule, line) for rule, line, _ in found] == [
        ("broken-link", 23),  # ../support/sla/: this site has no SLA page
        ("relative-link", 63),  # en/tools-…: no leading slash
        ("broken-link", 142),  # (..): /en/intro/start is not a page here
        ("relative-link", 142),  # (..) names no page
    ]
    # Nothing else: /en/contacts, ../support/support-info/ (line 7) and
    # /en/intro/start/support/support-info#individual_support (line 134) resolve.
    assert found[0][2].startswith("page `/en/intro/start/support/sla/` not found (looked for ")
    assert "did you mean" not in found[0][2]  # no page is named like `sla`


def test_relative_link_fix_writes_the_root_absolute_target(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "faqlint.toml", site / "faqlint.toml")
    result = run_cli("check", "content", "--select", "relative-link", "--fix", cwd=site)
    assert "Fixed 1 finding in 1 file." in result.err
    text = (site / FAQ).read_text(encoding="utf-8")
    assert (
        "[Enabling 2FA](/en/tools-for-using-services/vk-cloud-account/service-management/"
        "account-manage/manage-2fa)" in text
    )
    assert [(r, line) for r, line, _ in link_findings(site) if r == "relative-link"] == [
        ("relative-link", 142)
    ]


def test_support_info_link_reported_once_its_target_is_gone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "faqlint.toml", site / "faqlint.toml")
    shutil.rmtree(site / "content/en/intro/start/support/support-info")
    found = link_findings(site)
    lines = [(rule, line) for rule, line, _ in found]
    assert ("broken-link", 7) in lines  # [Terms of support](../support/support-info/)
    assert ("broken-link", 134) in lines  # /en/intro/start/support/support-info#individual_support
