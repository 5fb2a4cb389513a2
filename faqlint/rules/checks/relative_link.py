"""A link whose path is written in a way that breaks or misleads.

## What it does
Always reports a relative path that starts with a language or a top-level
section of the site (`en/tools-for-using-services/…`: it was meant to start
with `/`, but resolves against the current page) and a bare link to the
parent folder (`(..)`), which names no page. With `policy = "root-absolute"`
it also reports every relative link; with `policy = "relative"`, every
root-absolute one (default `policy = "any"`). The fix rewrites the target to
the root-absolute form (or the relative form) when that target exists.

## Why is this bad?
`en/tools/x` on the page `/en/intro/faq` goes to `/en/intro/faq/en/tools/x`,
which does not exist; a link to `..` lands on a folder, or nowhere. Mixing
both styles on one site makes moving pages error-prone.

## Example
```markdown
{cut(How do I enable two-factor authentication?)}

Use the instruction [Enabling 2FA](en/security/2fa).

{/cut}
```

## Use instead
```markdown
{cut(How do I enable two-factor authentication?)}

Use the instruction [Enabling 2FA](/en/security/2fa).

{/cut}
```

## Options
- `policy`: `any` (default), `root-absolute` or `relative`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from faqlint.links.internal import Verdict
from faqlint.links.paths import is_relative, missing_leading_slash
from faqlint.parse.model import Fix
from faqlint.rules.problem import Problem, replace
from faqlint.site.model import Target

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ103"
NAME = "relative-link"
SEVERITY = "warning"
FIXABLE = True
PAGE_LOCAL = True  # its findings on a page depend on that page and the site only


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    policy: Literal["any", "root-absolute", "relative"] = "any"


def check_corpus(corpus: Corpus, options: Options) -> Iterator[tuple[str, Problem]]:
    seen: set[tuple[str, int]] = set()
    for verdict in corpus.links.verdicts:
        key = (verdict.record.path, verdict.link.span.start)
        if key in seen or verdict.link.syntax == "include":
            continue
        problem = _problem(corpus, verdict, options)
        if problem is not None:
            seen.add(key)
            yield verdict.record.path, problem


def _problem(corpus: Corpus, verdict: Verdict, options: Options) -> Problem | None:
    raw, target = verdict.link.target, verdict.target
    intended = missing_leading_slash(corpus.site, verdict)
    if intended is not None:
        return Problem(
            verdict.link.span,
            f"`{raw}` has no leading slash, so it resolves against this page "
            f"(to `{target.path}`, which does not exist); write `/{raw}`",
            fix=_rewrite(verdict, "/" + raw, "add the leading slash"),
        )
    path = raw.split("#", 1)[0].split("?", 1)[0]
    if path.rstrip("/") == "." and target.exists:
        return None  # `./` on an index page: this folder's page, which exists
    if path.rstrip("/") in ("..", "."):
        if target.exists:
            message = (
                f"`{raw}` names no page: it leads to the parent `{target.path}`; "
                "write that page's path"
            )
        else:
            message = f"`{raw}` names no page, and `{target.path}` does not exist; link the page"
        return Problem(verdict.link.span, message, fix=_absolute_fix(verdict, target))
    if options.policy == "root-absolute" and is_relative(raw) and path:
        return Problem(
            verdict.link.span,
            f"relative link `{raw}`; this site writes links from the root: `{_absolute(target)}`",
            fix=_absolute_fix(verdict, target),
        )
    if options.policy == "relative" and raw.startswith("/") and not raw.startswith("//"):
        relative = _relative(corpus, verdict, target)
        return Problem(
            verdict.link.span,
            f"root-absolute link `{raw}`; this site writes relative links: `{relative}`",
            fix=_rewrite(verdict, relative, "make the link relative") if target.exists else None,
        )
    return None


def _absolute(target: Target) -> str:
    return target.path + (f"#{target.fragment}" if target.fragment else "")


def _absolute_fix(verdict: Verdict, target: Target) -> Fix | None:
    if not target.exists:
        return None
    return _rewrite(verdict, _absolute(target), "write the link from the site root")


def _relative(corpus: Corpus, verdict: Verdict, target: Target) -> str:
    site = corpus.site
    page_url = site.url_of(verdict.base)
    if site.config.relative_base == "file":
        base = "/" + verdict.base.rpartition("/")[0]
    elif site.config.relative_base == "directory":
        base = page_url
    else:
        base = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] or "/"
    relative = posixpath.relpath(target.path, base)
    if target.path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + (f"#{target.fragment}" if target.fragment else "")


def _rewrite(verdict: Verdict, new_target: str, message: str) -> Fix | None:
    if verdict.link.target_span is None:
        return None
    return replace(verdict.link.target_span, new_target, f"{message}: `{new_target}`")
