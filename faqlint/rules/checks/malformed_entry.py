"""An FAQ entry whose markup is broken.

## What it does
Reports structural defects in entry markup, at the opening marker: an entry
that is never closed, a closing marker with nothing to close, an empty
question, markers that cross (`{cut}` … `{/tab}` before `{/cut}`), and a
code fence or HTML comment left open so that it swallows entries.

## Why is this bad?
The portal renders such a page differently from what the writer sees in the
editor: answers run into the next entry, entries vanish into a code block,
or a stray marker shows up as literal text.

## Example
```markdown
{cut(How do I reset my password?)}

Click **Forgot password** on the sign-in page.

{cut(How do I change my email?)}

Open **Account settings**.

{/cut}
```

## Use instead
```markdown
{cut(How do I reset my password?)}

Click **Forgot password** on the sign-in page.

{/cut}

{cut(How do I change my email?)}

Open **Account settings**.

{/cut}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from faqlint.parse.model import FaqDocument
from faqlint.rules.problem import Problem

CODE = "FAQ202"
NAME = "malformed-entry"
SEVERITY = "error"
FIXABLE = False


def check(doc: FaqDocument, options: object) -> Iterator[Problem]:
    for error in doc.errors:
        yield Problem(error.span, error.message)
