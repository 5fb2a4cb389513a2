"""Make docs/report-corpus.png: the HTML report on the reference corpus, as a
writer first sees it (laptop-sized window, top of the page).

    .venv/bin/python docs/screenshot.py

Needs the corpus in ../shared and Debian's chromium (Playwright drives it).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "vk-cloud-docs"
CONFIG = ROOT / "examples" / "vk-cloud-docs" / "faqlint.toml"
OUT = ROOT / "docs" / "report-corpus.png"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "faqlint.html"
        # The example config without a cache: the shared corpus stays as it was.
        config = Path(folder) / "faqlint.toml"
        config.write_text(
            CONFIG.read_text(encoding="utf-8") + "\n[cache]\nenabled = false\n", encoding="utf-8"
        )
        subprocess.run(
            [sys.executable, "-m", "faqlint", "check", "--config", str(config), "-q",
             "--report", f"html:{report}"],
            cwd=CORPUS, stdout=subprocess.DEVNULL, check=False,
        )  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.goto(report.as_uri())
            # Open the rule table collapsed, so the first findings are in view.
            page.evaluate("document.querySelector('.by-rule').open = false")
            page.fill("#file-filter", "en/networks/")
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
