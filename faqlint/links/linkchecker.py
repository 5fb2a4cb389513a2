"""The LinkChecker backend: the same verdicts, checked by LinkChecker.

For users who already trust LinkChecker (https://linkchecker.github.io/) or
need something it does that the built-in engine does not. It is slower (one
thread per request, GET only, one fetch per fragment, and a per-host pause
unless the server opts in with a `LinkChecker` response header).

How it is run, and why:

- In a subprocess, `python -m linkcheck` from this interpreter. LinkChecker is
  GPL-2.0+ and faqlint is MIT: we talk to it as a separate program, never
  import it. It also changes process-wide state (socket timeouts, its own
  threads, and as root it drops privileges to `nobody` with `seteuid`).
- URLs go in on stdin (`--stdin`), not in a temporary file: LinkChecker drops
  root privileges before reading its inputs, so a private temp file made as
  root would be unreadable. The generated `linkcheckerrc` is read before the
  drop, so it can stay private.
- Settings (see linkcheckerrc(5)): `robotstxt=0` (we check single links a
  human wrote, not crawl), `recursionlevel=0` (each URL is checked, nothing
  it links to), `checkextern=1`, the `[AnchorCheck]` plugin for fragments,
  `threads` from `concurrency`, `timeout` rounded up to whole seconds,
  `useragent`, `maxrequestspersecond=10` (LinkChecker's own politeness; it
  only goes faster for servers that send a `LinkChecker` header).
- Output: the CSV logger on stdout, parsed back into `ExternalResult`s.

The private-address guard. URLs refused by their spelling (numeric or
`localhost` hosts) never reach LinkChecker. Names and redirects: LinkChecker
has no option to forbid or limit redirects (its limit of 10 is a built-in
default, `maxhttpredirects`, that linkcheckerrc cannot set) nor to filter
addresses, so a redirect could not be judged from outside. Instead, with the
guard on, the subprocess starts through `guarded_main`, which replaces
`socket.getaddrinfo` before LinkChecker loads: requests/urllib3 resolve every
connection, redirect hops included, through it and connect to the addresses
it returned, so each hop is refused when any of its addresses is not public,
and the check is pinned to the connection like the built-in engine's. Proxy
variables are removed from its environment, since a proxy would resolve
names itself. The refusal comes back inside LinkChecker's error text and is
turned into kind `refused-private`: the subprocess also reports each refusal
on stderr (LinkChecker cuts its error texts to 240 characters, which may drop
the reason), and the host of the failing hop is looked up there.

Options LinkChecker has no equivalent for are not applied: `per_host`,
`retries`, `backoff`, `max_redirects`, `max_retry_after`, `progress`.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import ipaddress
import math
import os
import re
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from yarl import URL

import faqlint
from faqlint.errors import FaqlintError
from faqlint.links.external import accept_predicate, remember, triage
from faqlint.links.external_types import ExternalOptions, ExternalResult
from faqlint.links.guard import address_refusal, refusal_for_host

INSTALL_HINT = "LinkChecker is not installed: pip install 'faqlint[linkchecker]'"
#  How the guard's refusal travels through LinkChecker's error text and back.
GUARD_MARK = "faqlint-guard-refused"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
#  A run that outlives this many times the per-URL timeout is stuck.
STUCK_FACTOR = 20


class ExternalEngineUnavailable(FaqlintError):
    """The chosen external engine cannot run here (not installed)."""


def check_urls_linkchecker(
    urls: Iterable[str], options: ExternalOptions
) -> dict[str, ExternalResult]:
    """Check URLs with LinkChecker; same contract as `external.check_urls`.

    Raises ExternalEngineUnavailable when LinkChecker is not installed.
    """
    if importlib.util.find_spec("linkcheck") is None:
        raise ExternalEngineUnavailable(INSTALL_HINT)
    asked = list(dict.fromkeys(urls))
    results, pages, cache = triage(asked, options)
    todo = [url for page_urls in pages.values() for url in page_urls]
    if todo:
        results.update(_run_linkchecker(todo, options))
    if cache is not None:
        remember(cache, (results[url] for url in todo))
    return {url: results[url] for url in asked}


def _run_linkchecker(urls: list[str], options: ExternalOptions) -> dict[str, ExternalResult]:
    """One LinkChecker run over `urls`; every URL gets a result."""
    fed = {_feedable(url): url for url in urls}
    with tempfile.TemporaryDirectory(prefix="faqlint-linkchecker-") as folder:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(linkcheckerrc(options), encoding="utf-8")
        command = [*_launcher(options), "-f", str(config), "-o", "csv", "--no-status", "--stdin"]
        try:
            proc = subprocess.run(
                command,
                input="\n".join(fed),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=_environment(options),
                timeout=_deadline(len(urls), options),
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {url: _broken(url, "LinkChecker did not finish in time") for url in urls}
    rows = parse_csv(proc.stdout)
    accepted = accept_predicate(options.accept)
    refusals = parse_refusals(proc.stderr)
    results: dict[str, ExternalResult] = {}
    for row in rows:
        url = fed.get(row.get("urlname", ""))
        if url is not None and url not in results:
            results[url] = result_from_row(url, row, options, accepted, refusals)
    why = _why_missing(proc.returncode, proc.stderr)
    return {url: results.get(url) or _broken(url, why) for url in urls}


def _feedable(url: str) -> str:
    """The URL as one whitespace-free token: LinkChecker splits stdin on
    whitespace."""
    return re.sub(r"\s", lambda match: f"%{ord(match.group()):02X}", url)


def linkcheckerrc(options: ExternalOptions) -> str:
    """The configuration file for one run (keys from linkcheckerrc(5))."""
    user_agent = options.user_agent.replace("\n", " ")
    return "\n".join(
        [
            "[checking]",
            f"threads={max(1, options.concurrency)}",
            f"timeout={max(1, math.ceil(options.timeout))}",
            "recursionlevel=0",
            "robotstxt=0",
            "maxrequestspersecond=10",
            "allowedschemes=http,https",
            f"useragent={user_agent}",
            "[filtering]",
            "checkextern=1",
            "[output]",
            "verbose=1",
            "warnings=1",
            "status=0",
            "[csv]",
            "parts=urlname,result,warningstring,valid,url",
            "[AnchorCheck]",
            "",
        ]
    )


def _launcher(options: ExternalOptions) -> list[str]:
    if options.allow_private:
        return [sys.executable, "-m", "linkcheck"]
    code = "from faqlint.links.linkchecker import guarded_main; guarded_main()"
    return [sys.executable, "-c", code]


def _environment(options: ExternalOptions) -> dict[str, str]:
    """This process's environment, plus faqlint on the path (the guarded
    launcher imports it), minus proxies when the guard is on."""
    env = dict(os.environ)
    package_root = str(Path(faqlint.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    if not options.allow_private:
        for name in [*PROXY_VARIABLES, *(name.upper() for name in PROXY_VARIABLES)]:
            env.pop(name, None)
    return env


def _deadline(count: int, options: ExternalOptions) -> float:
    rounds = math.ceil(count / max(1, options.concurrency))
    return 60 + STUCK_FACTOR * options.timeout * max(1, rounds)


def parse_csv(text: str) -> list[dict[str, str]]:
    """LinkChecker's CSV rows (`;`-separated, `#` comment lines skipped)."""
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines)), delimiter=";"))


def parse_refusals(stderr: str) -> dict[str, str]:
    """Host -> reason for every refusal the guarded subprocess reported."""
    refusals: dict[str, str] = {}
    for line in stderr.splitlines():
        mark, _, rest = line.partition("\t")
        host, _, reason = rest.partition("\t")
        if mark == GUARD_MARK and host and reason:
            refusals[host] = reason
    return refusals


def result_from_row(
    url: str,
    row: dict[str, str],
    options: ExternalOptions,
    accepted: Callable[[int], bool],
    refusals: dict[str, str] | None = None,
) -> ExternalResult:
    """Our verdict from one LinkChecker CSV row."""
    result = row.get("result", "").strip()
    warnings = row.get("warningstring", "")
    status = int(result[:3]) if result[:3].isdigit() else None
    if status is None:
        reason = _refusal_of(url, result, warnings, refusals or {})
        if reason is not None:
            return ExternalResult(url, False, None, f"refused: {reason}", kind="refused-private")
    if status is None:
        kind, message = _failure_kind(url, result, warnings, options)
        return ExternalResult(url, False, None, message, kind=kind)
    if not accepted(status):
        return ExternalResult(url, False, status, result, kind="http-error")
    _, hash_sign, fragment = url.partition("#")
    if "Anchor `" in warnings and "not found" in warnings:
        message = f"anchor #{fragment} not found on the page"
        return ExternalResult(url, False, status, message, kind="anchor-missing")
    hops = re.findall(r"Redirected to `.*?' status: (\d+)", warnings)
    permanent = bool(hops) and all(code in ("301", "308") for code in hops)
    final = row.get("url", "").partition("#")[0]
    redirect_to = final + hash_sign + fragment if permanent and final else None
    return ExternalResult(url, True, status, result, redirect_to=redirect_to)


def _refusal_of(url: str, result: str, warnings: str, refusals: dict[str, str]) -> str | None:
    """The guard's reason when the row failed on a refused host, else None.

    The failing hop is the last redirect target, or the URL itself."""
    hops = re.findall(r"Redirected to `(.*?)'", warnings)
    try:
        host = URL(hops[-1] if hops else url).raw_host or ""
    except ValueError:
        host = ""
    if host in refusals:
        return refusals[host]
    return "a non-public address" if GUARD_MARK in result else None


def _failure_kind(
    url: str, result: str, warnings: str, options: ExternalOptions
) -> tuple[str, str]:
    """Kind and message for a result without an HTTP status."""
    if "Timeout" in result:
        return "timeout", f"timed out after {max(1, math.ceil(options.timeout))} s"
    if "TooManyRedirects" in result:
        targets = [
            target.partition("#")[0] for target in re.findall(r"Redirected to `(.*?)'", warnings)
        ]
        if url.partition("#")[0] in targets or len(targets) != len(set(targets)):
            return "redirect-loop", "redirect loop"
        return "too-many-redirects", "too many redirects"
    if any(name in result for name in ("InvalidURL", "InvalidSchema", "MissingSchema")):
        return "invalid-url", f"invalid URL: {result}"
    if "Connection refused" in result:
        return "connection", "connection refused"
    if "reset" in result.lower():
        return "connection", "connection reset"
    if "NameResolutionError" in result or "Name or service not known" in result:
        return "connection", "could not resolve host"
    return "connection", result or "LinkChecker reported no result"


def _why_missing(returncode: int, stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    detail = lines[-1] if lines else f"exit code {returncode}"
    return f"LinkChecker reported nothing for this URL ({detail})"


def _broken(url: str, message: str) -> ExternalResult:
    return ExternalResult(url, False, None, message, kind="connection")


def guarded_main() -> None:
    """Entry point of the guarded LinkChecker subprocess: install the guard
    into `socket.getaddrinfo`, then run LinkChecker's own `__main__`."""
    import runpy

    socket.getaddrinfo = _guarded_getaddrinfo(socket.getaddrinfo)
    sys.argv[0] = "linkchecker"
    runpy.run_module("linkcheck", run_name="__main__", alter_sys=True)


def _guarded_getaddrinfo(original: Callable[..., Any]) -> Callable[..., Any]:
    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        infos = original(host, port, *args, **kwargs)
        name = host.decode() if isinstance(host, bytes) else str(host)
        reason = refusal_for_host(name) if host is not None else None
        for info in infos if reason is None else ():
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            refused = address_refusal(address)
            if refused:
                reason = f"{refused} (resolved from {name})"
                break
        if reason:
            sys.stderr.write(f"{GUARD_MARK}\t{name}\t{reason}\n")
            raise OSError(f"{GUARD_MARK}: {reason}")
        return infos

    return getaddrinfo
