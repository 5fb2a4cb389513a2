"""A link to an address the site redirects elsewhere.

## What it does
Reports internal links whose page no longer exists but which the site
redirects (the redirects in `docs.json`, `mkdocs.yml`'s `redirect_maps`,
Diplodoc's `redirects.yaml`, `netlify.toml`, `vercel.json`, `_redirects`;
`[site] redirects` names other files). Such a link works, so it is not a
`broken-link`; the fix (unsafe: it changes the written address) links the new
address directly. A redirect to another site (`/discord` to an invitation) is
the site's own short address, kept on purpose: not reported.

## Why is this bad?
Every redirect is a hop the reader waits for, and redirect maps get pruned:
a link that lives on a redirect breaks the day the old address is dropped.

## Example
With `/en/billing/invoices /en/billing` in the site's `_redirects`:
```markdown
{cut(Where do I see my invoices?)}

Open [Invoices](/en/billing/invoices) in the console.

{/cut}
```

## Use instead
```markdown
{cut(Where do I see my invoices?)}

Open [Invoices](/en/billing) in the console.

{/cut}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from faqlint.rules.problem import Problem, replace

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ106"
NAME = "redirected-link"
SEVERITY = "info"
FIXABLE = True
PAGE_LOCAL = True  # its findings on a page depend on that page and the site only


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    reported: set[tuple[str, int]] = set()
    for verdict in corpus.links.verdicts:
        moved = verdict.target.redirect
        key = (verdict.record.path, verdict.link.span.start)
        if moved is None or key in reported or verdict.link.syntax == "include":
            continue
        if "://" in moved:
            continue  # the site's own short address for an outside page (`/discord`): on purpose
        reported.add(key)
        link = verdict.link
        if verdict.target.fragment and "#" not in moved:
            moved += "#" + verdict.target.fragment
        fix = None
        if link.target_span is not None:
            fix = replace(link.target_span, moved, f"link the new address `{moved}`", safe=False)
        message = f"`{verdict.target.path}` is redirected to `{moved}`; link the new address"
        yield verdict.record.path, Problem(link.span, message, fix=fix)
