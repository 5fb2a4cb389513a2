"""A suppression comment that suppresses nothing.

## What it does
Reports a `<!-- faqlint-disable… -->` comment when no finding was suppressed
by it: the rule it names found nothing there, or the rule name is unknown.

## Why is this bad?
Stale suppressions pile up and later hide new, real problems on the lines
they cover. Deleting them keeps the suppressions honest.

## Example
```markdown
<!-- faqlint-disable-next-line empty-answer -->
{cut(How do I reset my password?)}
Click **Forgot password** on the sign-in page.
{/cut}
```

## Use instead
```markdown
{cut(How do I reset my password?)}
Click **Forgot password** on the sign-in page.
{/cut}
```
"""

from __future__ import annotations

CODE = "FAQ002"
NAME = "unused-suppression"
SEVERITY = "info"
