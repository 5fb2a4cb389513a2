"""A link to an anchor that the target page does not have.

## What it does
For links with a `#fragment` to a page that exists, checks that the page
defines that anchor: a heading's generated id (by `[site] slug`), an explicit
id (`{heading(Text)[id=x]}`, `{#x}`, `id="x"`, `<a name="x">`), or an anchor
of a fragment the page includes. Suggests the nearest existing anchor.

## Why is this bad?
The link lands at the top of a long page instead of the section that answers
the question; the reader has to search for it, or gives up.

## Example
```markdown
## Backups

{cut(How do I delete a backup?)}

See [Deleting backups](#delete-backups).

{/cut}
```

## Use instead
```markdown
## Backups

{cut(How do I delete a backup?)}

See [Backups](#backups).

{/cut}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from faqlint.rules.problem import Problem

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ102"
NAME = "broken-anchor"
SEVERITY = "error"
FIXABLE = False
PAGE_LOCAL = True  # its findings on a page depend on that page and the site only


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    reported: set[tuple[str, int]] = set()
    for verdict in corpus.links.verdicts:
        key = (verdict.record.path, verdict.link.span.start)
        if key in reported or not verdict.anchor_missing:
            continue
        reported.add(key)
        target = verdict.target
        anchors = verdict.anchors or frozenset()
        page = f"`{target.path}`" if target.path else "this page"
        if not target.path and verdict.base != verdict.record.site_path:
            page = f"`{corpus.site.url_of(verdict.base)}` (the page that includes this fragment)"
        message = f"{page} has no anchor `#{target.fragment}`"
        from faqlint.links.advice import closest

        suggestion = closest(target.fragment, anchors)
        if suggestion:
            message += f"; did you mean `#{suggestion}`?"
        yield verdict.record.path, Problem(verdict.link.span, message)
