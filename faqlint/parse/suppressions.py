"""Inline suppressions, written as HTML comments so they never render.

    <!-- faqlint-disable-file question-format -->
    <!-- faqlint-disable empty-answer FAQ101 -->  … <!-- faqlint-enable -->
    <!-- faqlint-disable-next-line broken-link -->
    text with a finding <!-- faqlint-disable-line -->

Rules are named by name or code, separated by spaces or commas; none means
all rules. `disable-next-line` applies to the next non-blank line, since
Markdown writers put blank lines around comments. A directive that
suppresses nothing is reported as `unused-suppression`.

`find_directives` runs at parse time (directives are syntax);
`Suppressions` applies them to findings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from faqlint.parse.model import Directive
from faqlint.parse.source import Source

_DIRECTIVE = re.compile(
    r"<!--\s*faqlint-(disable-file|disable-next-line|disable-line|disable|enable)"
    r"((?:[ \t,]+[\w\-]+)*)[ \t,]*-->"
)


def find_directives(source: Source, comments: list[tuple[int, int]]) -> list[Directive]:
    """Directives in real HTML comments (not in code) of one file."""
    text = source.text
    if "faqlint-" not in text:
        return []
    starts = [start for start, _ in comments]
    found: list[tuple[str, tuple[str, ...], int, int, int]] = []
    for match in _DIRECTIVE.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index < 0 or match.start() >= comments[index][1]:
            continue
        rules = tuple(r for r in re.split(r"[\s,]+", match.group(2)) if r)
        line = source.position(match.start())[0]
        found.append((match.group(1), rules, line, match.start(), match.end()))
    directives = []
    for index, (kind, rules, line, start, end) in enumerate(found):
        first, last = _lines(source, kind, rules, line, end, found[index + 1 :])
        directives.append(
            Directive(
                kind=kind,
                rules=rules,
                span=source.span(start, end),
                first_line=first,
                last_line=last,
            )
        )
    return directives


def _lines(
    source: Source,
    kind: str,
    rules: tuple[str, ...],
    line: int,
    end: int,
    following: list[tuple[str, tuple[str, ...], int, int, int]],
) -> tuple[int, int]:
    if kind == "disable-file":
        return 1, source.line_count
    if kind == "disable-line":
        return line, line
    if kind == "disable-next-line":
        target = source.position(end)[0] + 1
        while target <= source.line_count and not source.line_text(target).strip():
            target += 1
        return target, target
    if kind == "disable":
        for other_kind, other_rules, other_line, _, _ in following:
            if other_kind == "enable" and (
                not other_rules or not rules or set(rules) & set(other_rules)
            ):
                return line, other_line
        return line, source.line_count
    return line, line


@dataclass(slots=True)
class Suppressions:
    directives: tuple[Directive, ...]
    used: list[set[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.used = [set() for _ in self.directives]

    def suppresses(self, name: str, code: str, line: int) -> bool:
        hit = False
        for directive, used in zip(self.directives, self.used, strict=True):
            if directive.kind == "enable":
                continue
            if not directive.first_line <= line <= directive.last_line:
                continue
            keys = set(directive.rules) & {name, code}
            if directive.rules and not keys:
                continue
            used.update(keys or {name})
            hit = True
        return hit

    def unused(self) -> list[tuple[Directive, str]]:
        """Directives, with the rule key, that suppressed nothing."""
        result: list[tuple[Directive, str]] = []
        for directive, used in zip(self.directives, self.used, strict=True):
            if directive.kind == "enable":
                continue
            if not directive.rules:
                if not used:
                    result.append((directive, ""))
                continue
            result.extend((directive, key) for key in directive.rules if key not in used)
        return result
