"""A link from a page in one language to a page in another.

## What it does
Reports a link on an English page to a Russian page (or any pair of the
`[site] languages`): the first path segment of the target is another
language than the page's. The fix points the link at the same path in the
page's own language when that page exists (keeping a `#fragment` only when
that page has the anchor; otherwise the fix is unsafe and drops it). Links whose title is one of
`switch-titles` are deliberate language switches and are reported only when
the page exists in the page's own language after all.

## Why is this bad?
A reader of the English documentation suddenly lands on a page in a language
they may not read, usually because a translated page kept its original links.

## Example
```markdown
{cut(How do I create a bucket?)}

See [Creating buckets](/ru/storage/s3/buckets).

{/cut}
```

## Use instead
```markdown
{cut(How do I create a bucket?)}

See [Creating buckets](/en/storage/s3/buckets).

{/cut}
```

## Options
- `switch-titles`: link titles that mark a deliberate switch of language, e.g.
  `["change-lang"]` for `[API](/ru/api "change-lang")` (default: none).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from faqlint.language.scripts import language_name
from faqlint.parse.model import Fix, Span
from faqlint.rules.problem import Problem, replace

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    switch_titles: tuple[str, ...] = Field((), alias="switch-titles")


CODE = "FAQ104"
NAME = "cross-language-link"
SEVERITY = "warning"
FIXABLE = True
PAGE_LOCAL = True  # its findings on a page depend on that page and the site only


def check_corpus(corpus: Corpus, options: Options) -> Iterator[tuple[str, Problem]]:
    site = corpus.site
    seen: set[tuple[str, int]] = set()
    for verdict in corpus.links.verdicts:
        record, link, target = verdict.record, verdict.link, verdict.target
        key = (record.path, link.span.start)
        page_language = site.language_of(site.url_of(verdict.base))
        if key in seen or page_language is None or link.kind != "page" or not target.path:
            continue
        target_language = site.language_of(target.path)
        if target_language is None or target_language == page_language:
            continue
        seen.add(key)
        own = f"/{page_language}{target.path[len(target_language) + 1 :]}"
        own_target = site.resolve(verdict.base, own)
        switch = link.title in options.switch_titles
        if switch and not own_target.exists:
            continue  # a deliberate language switch, and there is no page to switch to
        here, there = language_name(page_language), language_name(target_language)
        message = f"{here} page links to the {there} page `{target.path}`"
        if switch:
            message += f" (marked `{link.title}`, but the {here} page exists)"
        fix = None
        if own_target.exists:
            message += f"; `{own}` exists"
            if link.target_span is not None:
                fix = _fix(corpus, link.target_span, own, own_target.file, target.fragment, here)
        yield record.path, Problem(link.span, message, fix=fix)


def _fix(
    corpus: Corpus, span: Span, own: str, file: str | None, fragment: str, language: str
) -> Fix:
    """Link the page in the page's own language; keep the anchor only where
    that page has it (a translated page may name its anchors differently)."""
    if not fragment:
        return replace(span, own, f"link the {language} page")
    anchors = corpus.links.anchors(file) if file is not None else None
    if anchors is not None and fragment in anchors:
        return replace(span, f"{own}#{fragment}", f"link the {language} page")
    return replace(
        span,
        own,
        f"link the {language} page (it has no `#{fragment}`: find the section there)",
        safe=False,
    )
