"""faqlint beside the docs frameworks' own link checkers, each on its own corpus.

    python bench/frameworks.py --runs 3 [--docusaurus-runs 1] [--only mint,mkdocs,docusaurus]
                               [--raw DIR]

- mintlify-docs: `mint broken-links --check-anchors`, in the corpus;
- trash-guides: `mkdocs build --strict`, anchor validation on, on a copy;
- cypress-docs: `docusaurus build`, cold, in a prepared copy (see below);

faqlint runs as `faqlint check --config CFG --format json -o OUT` in the corpus
folder, CFG a temporary copy of `examples/<corpus>/faqlint.toml` with `[cache]
enabled = false` (and, for cypress-docs, `include = ["docs/**/*.mdx",
"docs/**/*.md"]`), twice: all rules, and link rules only (`--select
broken-link,broken-anchor`). Runs are interleaved (peer, faqlint, faqlint links,
peer, …) after one untimed faqlint run of each kind; peers get no warm-up run.
Printed: median wall time (whole process), min – max, peak RSS (the largest
process's, from wait4), what each tool reported, and the ratio peer / faqlint.
With `--raw DIR` each peer run's output, faqlint's JSON reports, mint's broken
anchors (`mint-broken-anchors.json`; mint prints no line, so `line` is where
the href stands in the file), mkdocs' missing anchors
(`mkdocs-missing-anchors.json`) and which of mint's broken anchors faqlint
also reports on the same file (`mint-vs-faqlint.json`) go to DIR.

The peers are installed outside the repository (default folder `../tools`,
i.e. /work/tools beside the checkout); a peer not found is printed as "not
installed". Paths come from the options or environment variables:

    # mint (Mintlify CLI), --mint / FAQLINT_BENCH_MINT
    npm install --prefix /work/tools/mint mint@4.2.941
    # -> /work/tools/mint/node_modules/.bin/mint

    # MkDocs + Material + trash-guides' plugins, --mkdocs / FAQLINT_BENCH_MKDOCS
    python3 -m venv /work/tools/mkdocs-venv
    /work/tools/mkdocs-venv/bin/pip install mkdocs==1.6.1 mkdocs-material==9.8.2 \\
        mkdocs-glightbox==0.5.2 mkdocs-awesome-pages-plugin==2.10.1 \\
        mkdocs-git-revision-date-localized-plugin==1.5.3 mkdocs-macros-plugin==1.5.0 \\
        mkdocs-minify-plugin==0.8.0 mkdocs-redirects==1.2.3 \\
        mkdocs-include-markdown-plugin==7.3.0 mkdocs-markdownextradata-plugin==0.2.6
    # -> /work/tools/mkdocs-venv/bin/mkdocs (plugin versions: the corpus' docs/requirements.txt)

    # Docusaurus: a built copy of cypress-docs, --docusaurus-site / FAQLINT_BENCH_DOCUSAURUS_SITE
    python bench/frameworks.py --prepare-docusaurus /work/tools/cypress-docs

mint does not write into its working folder (only ~/.config/mintlify), so it
runs in the corpus itself; telemetry is off (DO_NOT_TRACK=1,
MINTLIFY_TELEMETRY_DISABLED=1). mkdocs runs on a temporary copy of the corpus
whose mkdocs.yml gets `validation: anchors: warn` if it has no `anchors:`; the
site goes to a temporary folder; every plugin of the corpus is installed, none
is disabled. The copy is no git checkout, so git-revision-date-localized warns
once that it falls back to the build date (one of the warnings that end a
strict build, beside the anchors).

`--prepare-docusaurus DIR` copies cypress-docs to DIR and makes it build
here; each change is forced by the snapshot or by this network, and no page
is changed:
- `@cypress-design/react-select` is dropped from package.json and the lock
  (with the five packages only it needs): the npm registry reachable here has
  neither it nor react-textbox, constants-textbox or react-tabs (404), nor
  react-checkbox 1.0.2, and no page or component imports it;
- the snapshot keeps only text files of listed types, so its 47 `.tsx`
  components and theme overrides are empty files: a swizzled theme component
  becomes a re-export of `@theme-original/…`, a `*-tabs` component wraps its
  `<TabItem>` children in `@theme/Tabs`, any other renders its children;
  empty `.svg` files get a 1×1 SVG (the og-image-cards plugin rasterises one);
- the snapshot's `patches/*.patch` are empty too, so `markdown.anchors:
  { maintainCase: true }` is set in docusaurus.config.js: the documented effect
  of its mdx-loader patch (CONTRIBUTING.md, "Patches");
- the copy is made a git repository with one commit (the docs plugin reads
  each page's last update from git and fails without one);
- `CYPRESS_INSTALL_BINARY=0 HUSKY=0 npm ci`, then `npm run build:plugins`.
Each timed build starts cold: `.docusaurus/`, `node_modules/.cache/` and the
output folder are removed first. The site config throws on broken anchors, so
the build "fails" at its last step, after the broken-link check, which has
then done all its work; the anchors it lists differ from the real site's
where a stubbed component made or named a heading.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from common import ROOT, faqlint_command, machine

CORPORA = ROOT.parent / "shared" / "corpora"
TOOLS = ROOT.parent / "tools"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
LINKS = "broken-link,broken-anchor"
CYPRESS_INCLUDE = 'include = ["docs/**/*.mdx", "docs/**/*.md"]'
# Only @cypress-design/react-select needs these, and the registry here has not all of them.
CYPRESS_DROP = (
    "@cypress-design/react-select",
    "@cypress-design/react-checkbox",
    "@cypress-design/react-tabs",
    "@cypress-design/react-textbox",
    "@cypress-design/constants-tabs",
    "@cypress-design/constants-textbox",
)
STUB = "// bench stub: the corpus snapshot has this file empty\n"


@dataclass
class Run:
    seconds: float
    code: int
    max_rss_kb: int
    output: str = ""


@dataclass
class Case:
    """One command timed in a corpus; `before` runs untimed before each run."""

    name: str
    command: list[str]
    cwd: Path
    env: dict[str, str] | None = None
    before: object = None
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    reported: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")


def run_once(case: Case, capture: bool, timeout: float) -> Run:
    """Run the command; wall time and peak RSS (the process and its waited-for
    children, from wait4) of this one run."""
    if callable(case.before):
        case.before()
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as out:
        sink = out if capture else subprocess.DEVNULL
        env = {**os.environ, **(case.env or {})}
        started = time.perf_counter()
        proc = subprocess.Popen(
            case.command, cwd=case.cwd, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return Run(elapsed, proc.returncode, usage.ru_maxrss, out.read() if capture else "")


def faqlint_config(corpus: str, folder: Path) -> Path:
    text = (ROOT / "examples" / corpus / "faqlint.toml").read_text(encoding="utf-8")
    if corpus == "cypress-docs":
        text = re.sub(r"(?m)^include = .*$", CYPRESS_INCLUDE, text, count=1)
    path = folder / f"{corpus}.toml"
    path.write_text(f"{text}\n[cache]\nenabled = false\n", encoding="utf-8")
    return path


def faqlint_counts(report: Path) -> str:
    if not report.exists():
        return "no report"
    rules = Counter(f["rule"] for f in json.loads(report.read_text("utf-8"))["findings"])
    return f"broken-anchor {rules['broken-anchor']}, broken-link {rules['broken-link']}"


# -- the peers' output ---------------------------------------------------------


def parse_mint(output: str, corpus: Path) -> list[dict[str, object]]:
    """mint's `⎿ href` lines under each file, as {file, line, href, anchor}.
    mint prints no line: `line` is where that occurrence of the href is in
    the file (the k-th report of one href in a file is its k-th occurrence)."""
    items: list[dict[str, object]] = []
    current = None
    seen: Counter[tuple[str, str]] = Counter()
    for raw in ANSI.sub("", output).splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("⎿"):
            href = line.split("⎿", 1)[1].strip()
            if current is None or "#" not in href:
                continue
            seen[current, href] += 1
            items.append(
                {
                    "file": current,
                    "line": href_line(corpus / current, href, seen[current, href]),
                    "href": href,
                    "anchor": href.split("#", 1)[1],
                }
            )
        elif line and not line.startswith((" ", "found ", "⠋")) and "checking" not in line:
            current = line.strip()
    return items


def href_line(path: Path, href: str, occurrence: int) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    for needle in dict.fromkeys((href, unquote(href))):
        starts = [m.start() for m in re.finditer(re.escape(needle), text)]
        if len(starts) >= occurrence:
            return text.count("\n", 0, starts[occurrence - 1]) + 1
    return None


MKDOCS_ANCHOR = (
    re.compile(r"Doc file '([^']+)' contains a link '([^']*)', but there is no such anchor"),
    re.compile(r"Doc file '([^']+)' contains a link '([^']*)', but the doc '[^']*' does not"),
)


def parse_mkdocs(output: str) -> list[dict[str, str]]:
    found = []
    for line in ANSI.sub("", output).splitlines():
        for pattern in MKDOCS_ANCHOR:
            if match := pattern.search(line):
                link = match[2]
                found.append(
                    {
                        "file": f"docs/{match[1]}",
                        "link": link,
                        "anchor": link[1 + link.index("#") :],
                    }
                )
    return found


def count_docusaurus(output: str) -> str:
    text = ANSI.sub("", output)
    kinds = Counter()
    kind = ""
    for line in text.splitlines():
        if "Broken anchor on source page" in line:
            kind = "broken anchors"
        elif "Broken link on source page" in line:
            kind = "broken links"
        elif "-> linking to" in line and kind:
            kinds[kind] += 1
    done = "finished" if "Generated static files" in text or "Success!" in text else "failed"
    if "found broken" in text:
        done = "stopped by its broken-link check"
    listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none listed"
    return f"{listed} ({done})"


def compare_mint(mint: list[dict[str, object]], report: Path) -> dict[str, list[dict[str, object]]]:
    """Which of mint's broken anchors faqlint reports as broken-anchor on the same
    file and anchor (each faqlint finding used once; same line preferred)."""
    findings = [
        f for f in json.loads(report.read_text("utf-8"))["findings"] if f["rule"] == "broken-anchor"
    ]
    pool: dict[tuple[str, str], list[dict[str, object]]] = {}
    for f in findings:
        match = re.search(r"no anchor `#([^`]*)`", f["message"])
        if match:
            pool.setdefault((f["path"], unquote(match[1])), []).append(f)
    both, only_mint = [], []
    for item in mint:
        candidates = pool.get((str(item["file"]), unquote(str(item["anchor"]))), [])
        same = [f for f in candidates if f["line"] == item["line"]]
        if same or candidates:
            hit = (same or candidates)[0]
            candidates.remove(hit)
            both.append(
                {**item, "faqlint_line": hit["line"], "same_line": hit["line"] == item["line"]}
            )
        else:
            only_mint.append(item)
    only_faqlint = [
        {"file": f["path"], "line": f["line"], "message": f["message"]}
        for rest in pool.values()
        for f in rest
    ]
    return {"both": both, "only_mint": only_mint, "only_faqlint": only_faqlint}


# -- Docusaurus: a copy of cypress-docs that builds here -------------------------


def prepare_docusaurus(dest: Path) -> None:
    source = CORPORA / "cypress-docs"
    if dest.exists() and any(dest.iterdir()):
        sys.exit(f"{dest} exists and is not empty")
    shutil.copytree(source, dest, dirs_exist_ok=True)
    package = json.loads((dest / "package.json").read_text("utf-8"))
    package["dependencies"].pop(CYPRESS_DROP[0], None)
    (dest / "package.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    lock = json.loads((dest / "package-lock.json").read_text("utf-8"))
    lock["packages"][""]["dependencies"].pop(CYPRESS_DROP[0], None)
    for key in list(lock["packages"]):
        name = key.rsplit("node_modules/", 1)[-1]
        if key.startswith(f"node_modules/{CYPRESS_DROP[0]}/") or (
            key == f"node_modules/{name}" and name in CYPRESS_DROP
        ):
            del lock["packages"][key]
    (dest / "package-lock.json").write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    config = dest / "docusaurus.config.js"
    text = config.read_text("utf-8")
    hook = "  markdown: {\n    hooks: {"
    if hook not in text:
        sys.exit("docusaurus.config.js: no `markdown: { hooks:` block to add anchors to")
    config.write_text(
        text.replace(hook, "  markdown: {\n    anchors: { maintainCase: true },\n    hooks: {", 1),
        encoding="utf-8",
    )
    for svg in dest.rglob("*.svg"):
        if svg.stat().st_size == 0:
            svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')
    env = {**os.environ, "CYPRESS_INSTALL_BINARY": "0", "HUSKY": "0"}
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    (dest / ".git" / "info" / "exclude").write_text("node_modules/\n.docusaurus/\ndist/\n")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=dest, env=env, check=True)
    stub_components(dest)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-qm", "cypress-docs snapshot, bench"], cwd=dest, check=True)
    subprocess.run(["npm", "run", "build:plugins"], cwd=dest, env=env, check=True)
    print(f"prepared {dest}; time it with --docusaurus-site {dest}")


def stub_components(dest: Path) -> None:
    theme = dest / "node_modules" / "@docusaurus" / "theme-classic" / "lib" / "theme"
    for path in sorted((dest / "src").rglob("*.tsx")):
        if path.stat().st_size:
            continue
        relative = path.relative_to(dest / "src")
        component = relative.with_suffix("")
        component = component.parent if component.name == "index" else component
        inner = component.relative_to("theme") if relative.parts[0] == "theme" else None
        if inner is not None and (
            (theme / inner / "index.js").exists() or (theme / f"{inner}.js").exists()
        ):
            text = f"export {{ default }} from '@theme-original/{inner.as_posix()}'\n"
        elif component.name.endswith("-tabs"):
            text = (
                "import React from 'react'\nimport Tabs from '@theme/Tabs'\n\n"
                "export default function Stub(props: { children?: React.ReactNode }) {\n"
                "  const items = React.Children.toArray(props.children).filter(\n"
                "    (c) => !(typeof c === 'string' && c.trim() === '')\n  )\n"
                "  const tabs =\n"
                "    items.length > 0 && items.every((c: any) => c?.props?.value !== undefined)\n"
                "  return tabs ? <Tabs>{items}</Tabs> : <>{props.children}</>\n}\n"
            )
        else:
            text = (
                "import React from 'react'\n\n"
                "export default function Stub(props: { children?: React.ReactNode }) {\n"
                "  return <>{props.children}</>\n}\n"
            )
            if path.stem == "SocialIcons":  # imported by name in Navbar/Content
                text += "export const SocialIcons = () => null\n"
        path.write_text(STUB + text, encoding="utf-8")


# -- the cases -------------------------------------------------------------------


def found(option: str | None, env: str, default: Path) -> Path | None:
    path = Path(option or os.environ.get(env) or default)
    return path if path.exists() else None


def version(command: list[str], pattern: str = r"\d+(\.\d+)+") -> str:
    try:
        text = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except OSError:
        return "?"
    match = re.search(pattern, text.stdout + text.stderr)
    return match[0] if match else "?"


def package_version(path: Path) -> str:
    try:
        return str(json.loads(path.read_text("utf-8"))["version"])
    except (OSError, KeyError, ValueError):
        return "?"


def mint_case(mint: Path | None, versions: list[str]) -> Case | None:
    if not mint:
        return None
    versions.append(f"mint {package_version(mint.parent.parent / 'mint/package.json')}")
    return Case(
        "mint broken-links --check-anchors",
        [str(mint), "broken-links", "--check-anchors"],
        CORPORA / "mintlify-docs",
        env={"DO_NOT_TRACK": "1", "MINTLIFY_TELEMETRY_DISABLED": "1"},
    )


def mkdocs_case(mkdocs: Path | None, versions: list[str], folder: Path) -> Case | None:
    """On a copy of trash-guides whose mkdocs.yml validates anchors."""
    if not mkdocs:
        return None
    query = "import importlib.metadata as m; print(m.version('mkdocs-material'))"
    material = version([str(mkdocs.with_name("python")), "-c", query])
    versions.append(f"mkdocs {version([str(mkdocs), '--version'])}, material {material}")
    copy = folder / "trash-guides"
    shutil.copytree(CORPORA / "trash-guides", copy)
    config = copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    if not re.search(r"(?m)^validation:(\n[ #].*)*\n\s+anchors:", text):
        if re.search(r"(?m)^validation:", text):
            text = re.sub(r"(?m)^validation:\n", "validation:\n  anchors: warn\n", text, count=1)
        else:
            text += "\nvalidation:\n  anchors: warn\n"
    config.write_text(text, encoding="utf-8")
    return Case(
        "mkdocs build --strict (anchors: warn)",
        [str(mkdocs), "build", "--strict", "-d", str(folder / "mkdocs-site")],
        copy,
    )


def docusaurus_case(site: Path | None, versions: list[str], folder: Path) -> Case | None:
    """A cold build: Docusaurus' caches and the output removed before each run."""
    if not site or not (site / "node_modules/.bin/docusaurus").exists():
        return None
    versions.append(
        f"docusaurus {package_version(site / 'node_modules/@docusaurus/core/package.json')}"
    )
    out = folder / "docusaurus-site"

    def clean() -> None:
        for path in (site / ".docusaurus", site / "node_modules" / ".cache", out):
            shutil.rmtree(path, ignore_errors=True)

    command = [str(site / "node_modules/.bin/docusaurus"), "build", "--out-dir", str(out)]
    return Case("docusaurus build (cold)", command, site, before=clean)


def time_corpus(
    corpus: str, key: str, peer: Case | None, runs: int, folder: Path, args: argparse.Namespace
) -> list[Case]:
    """Peer and the two faqlint variants, interleaved; returns faqlint's cases."""
    cwd = CORPORA / corpus
    config = faqlint_config(corpus, folder)
    reports = {v: folder / f"{corpus}-{v}.json" for v in ("all", "links")}
    base = [*args.faqlint, "check", "--config", str(config), "--format", "json", "-o"]
    ours = [
        Case("faqlint, all rules", [*base, str(reports["all"])], cwd),
        Case("faqlint, link rules", [*base, str(reports["links"]), "--select", LINKS], cwd),
    ]
    for case in ours:  # untimed warm-up
        run_once(case, False, args.timeout)
    for index in range(runs):
        if peer:
            result = run_once(peer, True, args.timeout)
            peer.runs.append(result)
            if args.raw:
                (args.raw / f"{key}-run{index + 1}.txt").write_text(result.output, "utf-8")
        for case in ours:
            case.runs.append(run_once(case, False, args.timeout))
    for (variant, report), case in zip(reports.items(), ours, strict=True):
        case.reported = faqlint_counts(report)
        if args.raw and report.exists():
            shutil.copy(report, args.raw / f"faqlint-{corpus}-{variant}.json")
    if peer and peer.runs:
        describe(key, peer, cwd, reports["all"], args.raw)
    return ours


def describe(key: str, peer: Case, cwd: Path, report: Path, raw: Path | None) -> None:
    """What the peer's last run reported; for mint, beside faqlint's report."""
    last = ANSI.sub("", peer.runs[-1].output)
    if key == "mint":
        items = parse_mint(last, cwd)
        total = re.search(r"found \d+ broken links? in \d+ files?", last)
        pages = sum(1 for line in last.splitlines() if "⎿" in line) - len(items)
        peer.reported = f"{total[0] if total else '?'}: {len(items)} anchors, {pages} pages"
        compared = compare_mint(items, report)
        same = sum(1 for b in compared["both"] if b["same_line"])
        peer.note = (
            f"faqlint (all rules) also reports {len(compared['both'])} of mint's {len(items)} "
            f"broken anchors ({same} on the same line), not {len(compared['only_mint'])}; "
            f"faqlint has {len(compared['only_faqlint'])} broken-anchor findings mint has not"
        )
        if raw:
            (raw / "mint-broken-anchors.json").write_text(json.dumps(items, indent=1), "utf-8")
            (raw / "mint-vs-faqlint.json").write_text(json.dumps(compared, indent=1), "utf-8")
    elif key == "mkdocs":
        anchors = parse_mkdocs(last)
        warnings = re.search(r"Aborted with (\d+) warnings", last)
        total = warnings[1] if warnings else "?"
        peer.reported = f"{len(anchors)} missing anchors ({total} warnings in all)"
        if raw:
            (raw / "mkdocs-missing-anchors.json").write_text(json.dumps(anchors, indent=1), "utf-8")
    else:
        peer.reported = count_docusaurus(last)


def print_table(rows: list[tuple[str, str, Case | None, list[Case]]]) -> None:
    print(
        "| corpus | tool | median | min – max | runs | peak RSS | reported "
        "| peer / faqlint all | peer / faqlint links |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    notes = []
    for corpus, key, peer, ours in rows:
        if not peer:
            print(f"| {corpus} | {key} | not installed | | | | | | |")
        for case in [peer, *ours] if peer else ours:
            seconds = [r.seconds for r in case.runs]
            rss = max(r.max_rss_kb for r in case.runs) / 1024**2
            codes = ",".join(str(c) for c in sorted({r.code for r in case.runs}))
            ratios = "| | |"
            if case is peer:
                ratios = (
                    f"| {case.median / ours[0].median:.1f}x | {case.median / ours[1].median:.1f}x |"
                )
            print(
                f"| {corpus} | {case.name} | {case.median:.2f} s | {min(seconds):.2f} – "
                f"{max(seconds):.2f} | {len(seconds)} | {rss:.2f} GB | {case.reported} "
                f"(exit {codes}) {ratios}"
            )
        if peer and peer.note:
            notes.append(f"- {corpus}: {peer.note}")
    if notes:
        print("\n" + "\n".join(notes))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of mint, mkdocs and faqlint")
    parser.add_argument("--docusaurus-runs", type=int, default=1)
    parser.add_argument("--only", default="mint,mkdocs,docusaurus")
    parser.add_argument("--mint", help="mint executable (FAQLINT_BENCH_MINT)")
    parser.add_argument("--mkdocs", help="mkdocs executable (FAQLINT_BENCH_MKDOCS)")
    parser.add_argument("--docusaurus-site", help="prepared copy (FAQLINT_BENCH_DOCUSAURUS_SITE)")
    parser.add_argument("--prepare-docusaurus", type=Path, metavar="DIR")
    parser.add_argument("--raw", type=Path, help="write peers' output and parsed lists here")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    args = parser.parse_args()
    if args.prepare_docusaurus:
        prepare_docusaurus(args.prepare_docusaurus.resolve())
        return 0
    only = {name.strip() for name in args.only.split(",")}
    if args.raw:
        args.raw = args.raw.resolve()
        args.raw.mkdir(parents=True, exist_ok=True)
    args.faqlint = faqlint_command()
    versions = [
        f"faqlint {version([*args.faqlint, '--version'])}",
        f"node {version(['node', '--version'])}",
    ]
    rows = []
    with tempfile.TemporaryDirectory(prefix="faqlint-frameworks-") as temporary:
        folder = Path(temporary)
        plans = []
        if "mint" in only:
            mint = found(args.mint, "FAQLINT_BENCH_MINT", TOOLS / "mint/node_modules/.bin/mint")
            plans.append(("mintlify-docs", "mint", mint_case(mint, versions), args.runs))
        if "mkdocs" in only:
            mkdocs = found(args.mkdocs, "FAQLINT_BENCH_MKDOCS", TOOLS / "mkdocs-venv/bin/mkdocs")
            peer = mkdocs_case(mkdocs, versions, folder)
            plans.append(("trash-guides", "mkdocs", peer, args.runs))
        if "docusaurus" in only:
            site = found(
                args.docusaurus_site, "FAQLINT_BENCH_DOCUSAURUS_SITE", TOOLS / "cypress-docs"
            )
            peer = docusaurus_case(site, versions, folder)
            plans.append(("cypress-docs", "docusaurus", peer, args.docusaurus_runs))
        print(f"machine: {machine()}")
        print("versions: " + "; ".join(versions) + "\n")
        for corpus, key, peer, runs in plans:
            rows.append((corpus, key, peer, time_corpus(corpus, key, peer, runs, folder, args)))
    print_table(rows)
    if args.raw:
        print(f"\nraw output and parsed lists in {args.raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
