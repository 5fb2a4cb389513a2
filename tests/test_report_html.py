"""The HTML report: as a file (self-contained, escaped, small) and in a real
headless Chromium (Debian's `chromium`, driven by Playwright) — it loads with
no console errors, the filters and the search change what is shown, a
`<script>` written in a question is shown as text, and it stays lazy with
10,000 findings.

Browser tests skip, saying why, only where no Chromium or no Playwright is
installed; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, run_cli

SITE = FIXTURES / "report-site"
CHROMIUM = Path("/usr/bin/chromium")


def _html_report(site: Path, out: Path, *extra: str) -> str:
    run = run_cli("check", "-q", "--report", f"html:{out}", *extra, cwd=site)
    assert run.code in (0, 1), run.err
    return out.read_text(encoding="utf-8")


@pytest.fixture
def fixture_report(tmp_path: Path) -> Path:
    out = tmp_path / "faqlint.html"
    _html_report(SITE, out)
    return out


# -- the file --------------------------------------------------------------
def test_report_is_self_contained_and_escapes_page_text(fixture_report: Path) -> None:
    html = fixture_report.read_text(encoding="utf-8")
    # Offline: nothing loaded from elsewhere.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html
    # Only the report's own two script elements: the planted one is data.
    assert html.count("<script") == 2
    assert "alert(" in html  # the question is in the data, escaped
    assert '<script>alert("x")' not in html
    # The summary is HTML: counts and rules without JavaScript.
    assert '<span class="n">5</span> errors' in html
    assert 'data-rule="broken-link"' in html


def test_clean_site_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns(".faqlint_cache"))
    for page in (site / "docs").rglob("*.md"):
        page.unlink()
    (site / "docs" / "en" / "ok").mkdir(parents=True)
    (site / "docs" / "en" / "ok" / "ok.md").write_text(
        "# OK\n\n<details><summary>Is this fine?</summary>\n\nYes.\n\n</details>\n",
        encoding="utf-8",
    )
    html = _html_report(site, tmp_path / "clean.html")
    assert "All clean." in html
    assert "1 file and 1 FAQ entry checked: no finding." in html
    assert 'id="findings"' not in html


def test_ten_thousand_findings_stay_under_5_mb(big_report: Path) -> None:
    size = big_report.stat().st_size
    assert size < 5 * 1024 * 1024, f"{size / 1048576:.1f} MB"


# -- in a browser ----------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


class Page:
    """A report opened in a tab, with every console error and alert recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1200) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shown(self) -> str:
        text: str = self.page.locator("#shown").text_content()
        return text

    def findings(self) -> int:
        count: int = self.page.locator(".finding").count()
        return count

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.wait_for_function(
            "text => document.getElementById('findings').dataset.query === text",
            arg=text.strip().lower(),
        )


def test_report_in_chromium(browser: Any, fixture_report: Path, tmp_path: Path) -> None:
    tab = Page(browser, fixture_report)
    assert tab.shown() == "Showing all 7 findings in 2 files."
    assert tab.findings() == 7
    # Grouped by file, then by entry (its question as the heading).
    headings = tab.page.locator(".file > h2").all_text_contents()
    assert headings == [
        "docs/en/network/faq/faq.md (1 finding)",
        "docs/en/storage/faq/faq.md (6 findings)",
    ]
    assert "Outside FAQ entries" in tab.page.locator(".entry > h3").all_text_contents()
    # The span is highlighted in the source line.
    marks = tab.page.locator("mark").all_text_contents()
    assert "him" in marks and "[a missing page](/en/storage/nowhere)" in marks

    tab.page.select_option("#rule-filter", "broken-link")
    assert tab.shown() == "Showing 2 of 7 findings in 1 file."
    assert tab.findings() == 2
    tab.page.select_option("#rule-filter", "")
    tab.page.click(".show-rule[data-rule=empty-answer]")  # the count in the rule table
    assert tab.shown() == "Showing 1 of 7 findings in 1 file."
    assert tab.page.input_value("#rule-filter") == "empty-answer"
    tab.page.select_option("#rule-filter", "")
    tab.page.uncheck(".severity-filter input[value=error]")
    assert tab.findings() == 2  # the two warnings
    tab.page.check(".severity-filter input[value=error]")

    tab.search("script")
    assert tab.findings() == 1
    question = tab.page.locator(".entry > h3").first.text_content()
    assert question.startswith('Why does <script>alert("x")</script> show as text?')
    assert tab.dialogs == []  # the planted script never ran
    assert tab.page.locator("script").count() == 2

    tab.search("nothing matches this")
    assert tab.findings() == 0
    assert tab.page.locator("#no-match").is_visible()
    tab.search("")

    tab.page.locator(".finding .rule-link").first.click()
    assert tab.page.locator("#rule-doc").is_visible()
    assert tab.page.locator("#rule-doc-title").text_content().startswith("FAQ102 broken-anchor")

    screenshot = tmp_path / "report.png"
    tab.page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    assert tab.errors == []


def test_report_prints_without_controls(browser: Any, fixture_report: Path) -> None:
    tab = Page(browser, fixture_report)
    tab.page.emulate_media(media="print")
    assert not tab.page.locator(".filters").is_visible()
    assert tab.page.locator(".finding").first.is_visible()
    assert tab.errors == []


def test_report_on_a_phone(browser: Any, fixture_report: Path, tmp_path: Path) -> None:
    tab = Page(browser, fixture_report, width=390)
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    tab.page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert tab.errors == []


@pytest.fixture(scope="module")
def big_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 pages with 50 broken links each: 10,000 findings."""
    site = tmp_path_factory.mktemp("big")
    (site / "faqlint.toml").write_text(
        'include = ["docs/**/*.md"]\n[site]\nroot = "docs"\n', encoding="utf-8"
    )
    links = "\n".join(f"- [page {n}](/missing/page-{n})" for n in range(50))
    for page in range(200):
        folder = site / "docs" / f"p{page:03}"
        folder.mkdir(parents=True)
        (folder / "faq.md").write_text(
            f"# Page {page}\n\n<details><summary>Where is page {page}?</summary>\n\n"
            f"{links}\n\n</details>\n",
            encoding="utf-8",
        )
    out = site / "big.html"
    _html_report(site, out, "--select", "broken-link")
    return out


def test_ten_thousand_findings_render_lazily(browser: Any, big_report: Path) -> None:
    tab = Page(browser, big_report)
    assert tab.shown() == "Showing all 10000 findings in 200 files."
    first = tab.findings()
    assert 0 < first <= 300, "the first screen draws a chunk, not everything"
    tab.page.click("#more-button")
    assert tab.findings() > first
    tab.search("page-7")  # page-7, page-70…: in every file
    assert tab.shown().startswith("Showing 200 of 10000")
    tab.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert tab.findings() == 200  # printing draws every match
    assert tab.errors == []
