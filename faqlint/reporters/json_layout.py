"""JSON for people and for speed: the envelope indented, long lists one
compact item per line.

`json.dumps(..., indent=2)` runs in pure Python (the C encoder cannot
indent) and took most of the SARIF and GitLab reports' time on the
reference corpus; items on one line each are encoded by the C encoder, stay
easy to read and diff (one finding per line), and parse the same.
"""

from __future__ import annotations

import json
from typing import Any

_ROWS = "\x00faqlint-rows\x00"


def dumps(data: Any, rows: list[Any] | None = None) -> str:
    """`data` as indented JSON, where the one value equal to `rows` (found by
    identity: pass the list object that sits inside `data`) is written one
    compact item per line."""
    if rows is None or not rows:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    text = json.dumps(_swap(data, rows), ensure_ascii=False, indent=2)
    marker = json.dumps(_ROWS)
    at = text.index(marker)
    line = text[text.rfind("\n", 0, at) + 1 : at]
    indent = line[: len(line) - len(line.lstrip())]
    items = ",\n".join(
        f"{indent}  {json.dumps(item, ensure_ascii=False, separators=(', ', ': '))}"
        for item in rows
    )
    return f"{text[:at]}[\n{items}\n{indent}]{text[at + len(marker) :]}\n"


def _swap(data: Any, rows: list[Any]) -> Any:
    if data is rows:
        return _ROWS
    if isinstance(data, dict):
        return {key: _swap(value, rows) for key, value in data.items()}
    if isinstance(data, list):
        return [_swap(value, rows) for value in data]
    return data
