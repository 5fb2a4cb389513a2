"""Dialect selection: which entry syntaxes a document is parsed with.

Each dialect module exposes `parse(ctx, …) -> DialectResult`. With
`dialects = ["auto"]` (the default) a document is parsed with every marker
dialect whose markers it contains; the `heading` dialect is tried only when
no marker dialect found anything, so ordinary pages with headings are not
mistaken for FAQs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from faqlint.parse.dialects import custom, cut, details, heading
from faqlint.parse.dialects.base import DialectResult, ParseContext
from faqlint.parse.dialects.custom import PRESETS, CustomSyntax

BUILTIN_NAMES: tuple[str, ...] = (details.NAME, cut.NAME, heading.NAME, *PRESETS)


@dataclass(frozen=True, slots=True)
class DialectPlan:
    """The resolved `dialects` setting: what to try on each document."""

    auto: bool
    names: tuple[str, ...]
    customs: tuple[CustomSyntax, ...]
    heading_level: int = 2

    @classmethod
    def build(
        cls,
        names: Sequence[str],
        custom_defs: dict[str, CustomSyntax],
        heading_level: int,
        admonition_types: tuple[str, ...] = ("question", "faq", "help"),
    ) -> DialectPlan:
        auto = "auto" in names
        chosen = [name for name in names if name != "auto"]
        customs = [custom_defs[name] for name in chosen if name in custom_defs]
        customs += [custom.preset(name, admonition_types) for name in chosen if name in PRESETS]
        if auto:
            extra = [s for s in custom_defs.values() if s.name not in chosen]
            customs += extra + [
                custom.preset(n, admonition_types) for n in PRESETS if n not in chosen
            ]
        return cls(auto, tuple(chosen), tuple(customs), heading_level)


def run(ctx: ParseContext, plan: DialectPlan) -> list[tuple[str, DialectResult]]:
    """Parse with every applicable dialect; returns (name, result) pairs."""
    text = ctx.text
    results: list[tuple[str, DialectResult]] = []
    wants = set(plan.names)
    if cut.NAME in wants or (plan.auto and cut.detect(text)):
        results.append((cut.NAME, cut.parse(ctx)))
    if details.NAME in wants or (plan.auto and details.detect(text)):
        results.append((details.NAME, details.parse(ctx)))
    for syntax in plan.customs:
        if syntax.name in wants or (plan.auto and custom.detect(syntax, text)):
            results.append((syntax.name, custom.parse(ctx, syntax)))
    found_entries = any(result.entries for _, result in results)
    if heading.NAME in wants or (
        plan.auto and not found_entries and heading.detect(ctx, plan.heading_level)
    ):
        results.append((heading.NAME, heading.parse(ctx, plan.heading_level)))
    return results


__all__ = ["BUILTIN_NAMES", "DialectPlan", "DialectResult", "ParseContext", "run"]
