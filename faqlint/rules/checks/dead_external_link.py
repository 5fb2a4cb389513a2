"""An external link that does not work (checked only on request).

## What it does
With `faqlint check --external` (or `[links] external = true`) fetches every
`http(s)` link once: HEAD, then GET when HEAD is refused or the link has a
`#fragment` (the page must define that anchor). Reports links that answer
with an error status, time out, cannot connect, redirect in a loop, or point
into a private network (refused by default: see `[links] allow-private`). A
link that was moved permanently (301/308) is reported as a warning with the
new address as a fix. Verdicts that were fine are cached for
`[links] cache-ttl` seconds; failures are always checked again.

## Why is this bad?
Readers follow the link and find nothing; and a link into `127.0.0.1` or an
intranet address points at a machine no reader can reach.

## Example
```markdown
{cut(Where is the status page?)}

See [the status page](http://127.0.0.1:9/status).

{/cut}
```

## Use instead
```markdown
{cut(Where is the status page?)}

See the status page in the management console.

{/cut}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from faqlint.findings import Unchecked
from faqlint.rules.problem import Problem, replace

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ105"
NAME = "dead-external-link"
SEVERITY = "error"
FIXABLE = True

_CHECKED_SCHEMES = ("http://", "https://")


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    links = [
        (record, link)
        for record in corpus.records
        for link in record.links
        if link.kind == "external"
        and link.target.lower().startswith(_CHECKED_SCHEMES)
        and not record.is_excluded(link.span.start)
    ]
    if not corpus.external_links_enabled:
        if links:
            reason = "external checks are off (turn them on with --external)"
            corpus.not_checked(
                Unchecked("external-off", "external links", reason, count=len(links))
            )
        return
    results = corpus.check_external({link.target for _, link in links})
    for record, link in links:
        result = results.get(link.target)
        if result is None or result.skipped:
            continue
        if not result.ok:
            yield record.path, Problem(link.span, f"`{link.target}`: {result.message}")
        elif result.redirect_to and result.redirect_to != link.target:
            fix = None
            if link.target_span is not None:
                fix = replace(link.target_span, result.redirect_to, "use the new address")
            yield (
                record.path,
                Problem(
                    link.span,
                    f"`{link.target}` has moved permanently to `{result.redirect_to}`",
                    fix=fix,
                    severity="warning",
                ),
            )
