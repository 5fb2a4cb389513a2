"""A link to a page or file that does not exist.

## What it does
Resolves every internal link the way the site serves it (`[site]` layout,
relative base, index files, routes) and reports links whose target page or
file (image, download, included fragment) is missing, empty targets `[]()`,
and links that climb above the site root. The message says what was looked
for and suggests the closest existing page. Links inside included fragments
are checked from each page that includes them.

## Why is this bad?
A reader who clicks a broken link in an answer is left without the answer.

## Example
```markdown
{cut(Where do I see my invoices?)}

Open [Billing](/en/billing/invoces) in the console.

{/cut}
```

## Use instead
```markdown
## Billing

{cut(Where do I see my invoices?)}

Open the [Billing](#billing) section of the console.

{/cut}
```
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from faqlint.links.internal import Verdict
from faqlint.links.paths import missing_leading_slash
from faqlint.rules.problem import Problem

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ101"
NAME = "broken-link"
SEVERITY = "error"
FIXABLE = False
PAGE_LOCAL = True  # its findings on a page depend on that page and the site only


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    index = corpus.links
    reported: set[tuple[str, int]] = set()
    for verdict in index.verdicts:
        key = (verdict.record.path, verdict.link.span.start)
        if key in reported:
            continue
        message = _why_broken(corpus, verdict)
        if message:
            reported.add(key)
            yield verdict.record.path, Problem(verdict.link.span, message)


def _why_broken(corpus: Corpus, verdict: Verdict) -> str | None:
    link, target = verdict.link, verdict.target
    if not link.target.strip():
        return "the link has an empty target"
    if target.exists or not target.path:
        return None
    if target.unpublished is not None:
        build = corpus.config.site.build
        return (
            f"`{target.path}` exists (`{_with_root(corpus, target.unpublished)}`) but is not "
            f"published in the `{build}` build"
        )
    if missing_leading_slash(corpus.site, verdict) is not None:
        return None  # `relative-link` reports it, with the fix
    where = _included(corpus, verdict)
    if target.escapes_root:
        return f"`{link.target}` climbs above the site root{where}"
    what = "included fragment" if link.syntax == "include" else "file" if _is_file(link) else "page"
    candidates = target.looked_for[:1] if what != "page" else target.looked_for[:3]
    looked = ", ".join(_with_root(corpus, p) for p in candidates)
    message = f"{what} `{target.path}` not found{where} (looked for {looked})"
    if what == "page":
        site = corpus.site
        language = site.language_of(target.path) or site.language_of(site.url_of(verdict.base))
        suggestion = corpus.page_finder.closest(target.path, language)
        if suggestion:
            message += f"; did you mean `{suggestion}`?"
    return message


def _is_file(link: object) -> bool:
    return getattr(link, "kind", "") == "file"


def _included(corpus: Corpus, verdict: Verdict) -> str:
    if verdict.record.site_path == verdict.base:
        return ""
    return f" when included by `{corpus.site.url_of(verdict.base)}`"


def _with_root(corpus: Corpus, site_path: str) -> str:
    root = corpus.config.site.root.strip("./")
    # (a snippet outside the root has a site path starting with `../`)
    return posixpath.normpath(f"{root}/{site_path}") if root else site_path
