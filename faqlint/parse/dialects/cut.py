"""The `cut` dialect: the extended Markdown of the VK Cloud docs portal.

Entries are `{cut(Question)}` … `{/cut}` blocks; they may nest and may sit
inside `{tabs}{tab(Title)}…{/tab}{/tabs}` or list items. `{note:info}` …
`{/note}` is an admonition. The dialect also knows the portal's link
shortcodes: `{linkto(target)[text=…]}` and `{include(path)}` fragments, and
explicit anchors written as `[id=…]` on `{counter(…)}`-like shortcodes.

Conditional text is understood. The portal builds each page once per target
(`public`, `private`, `s3-pdf`, …) and keeps `{ifdef(a,b)}…{/ifdef}` only in
builds named there, `{ifndef(…)}` only in the others. So a cut may open in
one conditional block and close in another; the structure is checked once
per build and a defect is reported if any build has it.

Markers inside code blocks, code spans and HTML comments are not markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from faqlint.parse.dialects.base import (
    DialectResult,
    ParseContext,
    RawAnchor,
    RawEntry,
    RawError,
    balanced_argument,
    line_end,
)
from faqlint.parse.markdown import RawLink

NAME = "cut"

_MARKER = re.compile(r"\{(/?)(cut|tabs|tab|note|ifdef|ifndef)(?=[(:}])")
_LINKTO = re.compile(r"\{linkto\(([^()\s]*)\)(?:\[text=((?:[^\[\]]|\[[^\]]*\])*)\])?\}")
_INCLUDE = re.compile(r"\{include\(([^()\s]+)\)(?:\[([^\]]*)\])?\}")
_REGION = re.compile(r"\{(/?)(ifdef|ifndef|includetag)(?:\(([^()]*)\))?\}")
_NESTING = re.compile(r"[({]")
_LONE_MARKER = re.compile(r"\{/?[a-z]+(?::[a-z]+)?(?:\(.*\))?\}")
# A shortcode's attribute list with an `id=`: `{counter(pic)[id=x]}`,
# `{caption(…)[align=right;id=x;…]}` (heading ids are read with the heading).
_ID_ATTR = re.compile(r"(?<=\))\[([^\[\]]*?(?<![\w-])id=[^\[\]]*)\]")
_ID_VALUE = re.compile(r"(?<![\w-])id=([A-Za-z0-9_\-.:]+)(?=;|,|\s|$)")


_Conditions = tuple[tuple[bool, frozenset[str]], ...]  # (is ifdef, build names)


class _Marker(NamedTuple):
    kind: str
    closing: bool
    start: int
    end: int  # end of the whole marker, `)}` or `}` included
    arg_start: int = 0
    arg_end: int = 0
    conditions: _Conditions = ()

    def active_in(self, build: str | None) -> bool:
        return all((build in names) == is_ifdef for is_ifdef, names in self.conditions)


@dataclass(slots=True)
class _Build:
    """The structure check for one build target."""

    ctx: ParseContext
    entries: dict[int, RawEntry] = field(default_factory=dict)
    errors: list[RawError] = field(default_factory=list)
    stack: list[_Marker] = field(default_factory=list)


_PORTAL_SYNTAX = (
    "{cut(", "{linkto(", "{include(", "{ifdef(", "{ifndef(", "{includetag(",
    "{caption(", "{counter(",
)  # fmt: skip


def detect(text: str) -> bool:
    """The page uses the portal's shortcodes (entries, links, includes or conditions)."""
    return any(marker in text for marker in _PORTAL_SYNTAX)


def parse(ctx: ParseContext) -> DialectResult:
    result = DialectResult()
    markers = _markers(ctx, result)
    names = sorted({name for m in markers for _, group in m.conditions for name in group})
    entries: dict[int, RawEntry] = {}
    seen_errors: set[tuple[int, str]] = set()
    for active in _distinct_builds(markers, names):
        state = _Build(ctx)
        for marker in active:
            (_close if marker.closing else _open)(state, marker)
        for item in reversed(state.stack):
            _report_unclosed(state, item, len(ctx.text), before=None)
        for start, entry in state.entries.items():
            if start not in entries or (entry.closed and not entries[start].closed):
                entries[start] = entry
        for error in state.errors:
            if (error.start, error.message) not in seen_errors:
                seen_errors.add((error.start, error.message))
                result.errors.append(error)
    result.entries = [entries[start] for start in sorted(entries)]
    result.links.extend(_shortcode_links(ctx))
    result.regions.extend(regions(ctx))
    hidden = ctx.scan.is_hidden
    for match in _ID_ATTR.finditer(ctx.text):
        ids = _ID_VALUE.findall(match.group(1))
        if ids and not hidden(match.start()):
            # With two `id=` keys (a writer's slip), the last one wins.
            result.anchors.append(RawAnchor(ids[-1], match.start(), match.end()))
    return result


def _distinct_builds(markers: list[_Marker], names: list[str]) -> list[list[_Marker]]:
    """The marker sequences the build targets see, each distinct one once."""
    if not names:
        return [markers]
    seen: set[tuple[int, ...]] = set()
    builds = []
    for build in [None, *names]:
        active = [m for m in markers if m.active_in(build)]
        key = tuple(m.start for m in active)
        if key not in seen:
            seen.add(key)
            builds.append(active)
    return builds


def _markers(ctx: ParseContext, result: DialectResult) -> list[_Marker]:
    """Every visible marker once, with the conditional blocks around it."""
    text, hidden = ctx.text, ctx.scan.is_hidden
    markers: list[_Marker] = []
    conditions: list[tuple[str, bool, frozenset[str]]] = []
    active: _Conditions = ()
    for match in _MARKER.finditer(text):
        if hidden(match.start()) and not _misindented(ctx, match, result):
            continue
        closing, kind = match.group(1) == "/", match.group(2)
        if kind in ("ifdef", "ifndef"):
            _track_condition(text, match, closing, kind, conditions)
            active = tuple((is_ifdef, names) for _, is_ifdef, names in conditions)
            continue
        marker = _marker(ctx, result, match, closing, kind, active)
        if marker is not None:
            markers.append(marker)
    return markers


def _misindented(ctx: ParseContext, match: re.Match[str], result: DialectResult) -> bool:
    """A marker alone on a line that is code only because it is indented too far.

    Writers indent shortcodes to sit inside list items; one space too many
    and Markdown makes the line an indented code block. Such a marker still
    counts (the portal honours it) but is reported.
    """
    if not ctx.scan.in_indented_code(match.start()):
        return False
    text = ctx.text
    begin = text.rfind("\n", 0, match.start()) + 1
    raw_line = text[begin : line_end(text, match.start())]
    line = raw_line.strip()
    if not _LONE_MARKER.fullmatch(line):
        return False
    start = begin + len(raw_line) - len(raw_line.lstrip())
    if not any(e.start == start and e.kind == "indented-marker" for e in result.errors):
        result.errors.append(
            RawError(
                "indented-marker",
                f"`{line}` is indented so far that Markdown renders it as a code block; "
                "align it with the text of its list item",
                start,
                start + len(line),
                NAME,
            )
        )
    return True


def _track_condition(
    text: str,
    match: re.Match[str],
    closing: bool,
    kind: str,
    conditions: list[tuple[str, bool, frozenset[str]]],
) -> None:
    if closing:
        if conditions and conditions[-1][0] == kind:
            conditions.pop()
        return
    close_paren = text.find(")}", match.end(), line_end(text, match.start()))
    if close_paren < 0:
        return
    names = frozenset(n.strip() for n in text[match.end() + 1 : close_paren].split(","))
    conditions.append((kind, kind == "ifdef", names))


def _marker(
    ctx: ParseContext,
    result: DialectResult,
    match: re.Match[str],
    closing: bool,
    kind: str,
    conditions: tuple[tuple[bool, frozenset[str]], ...],
) -> _Marker | None:
    text = ctx.text
    start = match.start()
    if closing:
        if not text.startswith("}", match.end()):
            return None
        return _Marker(kind, True, start, match.end() + 1, conditions=conditions)
    stop = line_end(text, start)
    if kind in ("cut", "tab"):
        if match.end() >= len(text) or text[match.end()] != "(":
            return None
        arg_start = match.end() + 1
        arg_end = text.find(")}", arg_start, stop)
        if arg_end < 0 or _NESTING.search(text, arg_start, arg_end):
            arg_end = balanced_argument(text, arg_start, stop)
            if arg_end < 0 or text[arg_end : arg_end + 2] != ")}":
                arg_end = text.rfind(")}", arg_start, stop)
        if arg_end < 0:
            result.errors.append(
                RawError(
                    "unterminated-marker",
                    f"`{{{kind}(` is not closed with `)}}` on its line",
                    start,
                    stop,
                    NAME,
                )
            )
            return None
        return _Marker(kind, False, start, arg_end + 2, arg_start, arg_end, conditions)
    close_brace = text.find("}", match.end(), stop)
    if close_brace < 0 or (kind == "note" and not text.startswith(":", match.end())):
        return None
    return _Marker(kind, False, start, close_brace + 1, conditions=conditions)


def _open(state: _Build, marker: _Marker) -> None:
    stack = state.stack
    if marker.kind == "tab" and not state.ctx.fragment and (not stack or stack[-1].kind != "tabs"):
        state.errors.append(
            RawError(
                "bad-nesting", "`{tab(…)}` outside a `{tabs}` block", marker.start, marker.end, NAME
            )
        )
    if marker.kind == "cut":
        state.entries[marker.start] = RawEntry(
            dialect=NAME,
            start=marker.start,
            end=len(state.ctx.text),
            question_start=marker.arg_start,
            question_end=marker.arg_end,
            body_start=marker.end,
            body_end=len(state.ctx.text),
            closed=False,
        )
    stack.append(marker)


def _close(state: _Build, marker: _Marker) -> None:
    stack, kind = state.stack, marker.kind
    while stack and stack[-1].kind != kind:
        inner = stack[-1].kind
        if inner == "cut" or (kind == "cut" and any(o.kind == "cut" for o in stack)):
            # A cut left open inside a container (or a container left open
            # inside a cut): the inner one is the unclosed one.
            _report_unclosed(state, stack.pop(), marker.start, before=marker)
        else:
            break
    if not stack or stack[-1].kind != kind:
        state.errors.append(
            RawError(
                "stray-close",
                f"`{{/{kind}}}` closes nothing: no `{{{kind}…}}` is open here",
                marker.start,
                marker.end,
                NAME,
            )
        )
        return
    opened = stack.pop()
    entry = state.entries.get(opened.start) if opened.kind == "cut" else None
    if entry is not None:
        entry.end, entry.body_end, entry.closed = marker.end, marker.start, True


def _report_unclosed(state: _Build, item: _Marker, stop: int, before: _Marker | None) -> None:
    if before is None:
        where, kind = "before the end of the file", "unclosed"
        where += _hidden_closer_hint(state.ctx, item)
    else:
        where = f"before `{{/{before.kind}}}` on line {state.ctx.line_no(before.start)}"
        kind = "bad-nesting"
    shown = "{cut(…)}" if item.kind == "cut" else f"{{{item.kind}…}}"
    state.errors.append(
        RawError(
            kind,
            f"`{shown}` is never closed with `{{/{item.kind}}}` {where}",
            item.start,
            item.end,
            NAME,
        )
    )
    entry = state.entries.get(item.start) if item.kind == "cut" else None
    if entry is not None:
        entry.end = entry.body_end = max(stop, entry.body_start)


def _hidden_closer_hint(ctx: ParseContext, item: _Marker) -> str:
    """Explain an unclosed marker whose closer exists but sits in a code block."""
    text = ctx.text
    closer = text.find(f"{{/{item.kind}}}", item.end)
    if closer < 0 or not ctx.scan.is_hidden(closer):
        return ""
    for fence in ctx.scan.fences:
        if fence.start <= closer < fence.end:
            return (
                f": the `{{/{item.kind}}}` on line {ctx.line_no(closer)} is inside the code "
                f"block opened on line {ctx.line_no(fence.start)}, whose closing fence is "
                "missing or indented differently"
            )
    return f": the `{{/{item.kind}}}` on line {ctx.line_no(closer)} is inside code or a comment"


def _shortcode_links(ctx: ParseContext) -> list[RawLink]:
    text = ctx.text
    if "{linkto(" not in text and "{include(" not in text:
        return []
    hidden = ctx.scan.is_hidden
    links = [
        RawLink(m.start(), m.end(), m.group(1), m.group(2) or "", False, "linkto")
        for m in _LINKTO.finditer(text)
        if not hidden(m.start())
    ]
    links.extend(
        RawLink(m.start(), m.end(), m.group(1), _tags(m.group(2)), False, "include")
        for m in _INCLUDE.finditer(text)
        if not hidden(m.start())
    )
    return links


def _tags(attributes: str | None) -> str:
    """The tag list of `{include(…)[tags=a, b; level=+1]}` as `a,b`."""
    for item in (attributes or "").split(";"):
        key, _, value = item.partition("=")
        if key.strip() == "tags":
            return value.replace(" ", "")
    return ""


def regions(ctx: ParseContext) -> list[tuple[str, str, int, int]]:
    """`{includetag}` sections, and text the configured build does not publish."""
    text = ctx.text
    if "{ifdef(" not in text and "{ifndef(" not in text and "{includetag(" not in text:
        return []
    found: list[tuple[str, str, int, int]] = []
    stack: list[tuple[str, str, int]] = []
    for match in _REGION.finditer(text):
        if ctx.scan.is_hidden(match.start()):
            continue
        closing, kind, argument = match.group(1) == "/", match.group(2), match.group(3) or ""
        if not closing:
            stack.append((kind, argument, match.start()))
            continue
        depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == kind), None)
        if depth is None:
            continue
        opened_kind, name, start = stack.pop(depth)
        if opened_kind == "includetag":
            found.append(("tag", name.strip(), start, match.end()))
        elif ctx.build is not None:
            names = {n.strip() for n in name.split(",")}
            if (ctx.build in names) != (opened_kind == "ifdef"):
                found.append(("excluded", f"{{{opened_kind}({name})}}", start, match.end()))
    return found
