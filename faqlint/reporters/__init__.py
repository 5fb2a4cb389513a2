"""Report formats: one module per format, each `render(report, context) -> str`."""

from __future__ import annotations

from dataclasses import dataclass, field

from faqlint.ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class ReportContext:
    version: str
    rules: RuleSet
    color: bool = False
    quiet: bool = False
    fix_hint: bool = True
    extra: dict[str, object] = field(default_factory=dict)
