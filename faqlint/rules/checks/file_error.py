r"""A file that could not be linted.

## What it does
Reports a path that faqlint was asked to lint but could not read as Markdown
text: a missing file, a binary file, bytes that are not valid UTF-8, a file
larger than `max-file-size`, or one it may not read. The position points at
the first bad byte where there is one. The other files are still linted.

## Why is this bad?
A page that cannot be read cannot be checked, and most likely cannot be
rendered either; silently skipping it would hide every defect inside it.

## Example
```markdown
Caf\xe9 menu (saved as Latin-1, not UTF-8)
```

## Use instead
```markdown
Café menu (saved as UTF-8)
```
"""

from __future__ import annotations

CODE = "FAQ001"
NAME = "file-error"
SEVERITY = "error"
