"""Pack rules as engine rules: each YAML rule becomes a `Rule` whose check
runs its matcher over the scopes it names and turns hits into problems.

A `consistency` rule with `within: corpus` cannot decide on one page which
spelling is the odd one: its check reports every use, tagged, and its
`finalize` step (run once over the whole run's findings) keeps the uses of
the less common spellings and gives them their message and fix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faqlint.parse.model import FaqDocument, Span
from faqlint.parse.prose import Prose, Segment
from faqlint.rules.problem import Problem, replace
from faqlint.rules.rule import NoOptions, Rule
from faqlint.rules.style.kinds import Compiled, Hit, PatternTimeout, keep_case, render
from faqlint.rules.style.packs import LoadedRule, Pack, builtin_packs_dir, load_packs

if TYPE_CHECKING:
    from faqlint.config import Config
    from faqlint.findings import Finding

FIXING_KINDS = frozenset({"substitution", "repetition", "capitalization", "consistency"})


class PackCheck:
    """The check of one pack rule (a class, not a closure: workers pickle it)."""

    def __init__(self, loaded: LoadedRule, default_language: str, trusted: bool = False) -> None:
        self.loaded = loaded
        self.rule = loaded.rule
        self.default_language = default_language
        self.trusted = trusted  # a pack shipped with faqlint: patterns run on `re`
        self._compiled: Compiled | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_compiled": None}

    @property
    def compiled(self) -> Compiled:
        if self._compiled is None:
            self._compiled = Compiled(self.rule, self.trusted)
        return self._compiled

    def __call__(self, doc: FaqDocument, options: object, prose: Prose) -> Iterator[Problem]:
        rule = self.rule
        if rule.languages and (doc.language or self.default_language) not in rule.languages:
            return
        compiled = self.compiled
        if not compiled.applies_to(prose):
            return
        try:
            if rule.kind == "consistency":
                yield from self._consistency(list(self._hits(compiled, prose)), prose)
                return
            for segment, hit in self._hits(compiled, prose):  # lazily: the engine may stop early
                yield self._problem(segment, hit, prose)
        except PatternTimeout:
            yield Problem(
                prose.span(0, 0),
                f"rule `{self.loaded.name}` ({self.loaded.path}) stopped on this page: its "
                "pattern takes too long here (it backtracks); simplify the pattern",
                severity="error",
            )

    def _hits(self, compiled: Compiled, prose: Prose) -> Iterator[tuple[Segment, Hit]]:
        scopes = ("any",) if "any" in self.rule.scope else self.rule.scope
        # a rule of questions alone (question-case, question-length) reads FAQ
        # entries only, not the titles of examples or steps (language/faq_context)
        faq_only = tuple(scopes) == ("question",)
        entries = prose.doc.entries
        seen: set[tuple[int, int]] = set()
        for scope in scopes:
            for segment in prose.segments(scope):
                if (
                    faq_only
                    and segment.entry is not None
                    and entries[segment.entry].kind == "other"
                ):
                    continue
                for hit in compiled.match(segment, prose):
                    key = (segment.start + hit.start, segment.start + hit.end)
                    if key not in seen:
                        seen.add(key)
                        yield segment, hit

    def _problem(self, segment: Segment, hit: Hit, prose: Prose) -> Problem:
        span = segment.span(prose, hit.start, hit.end)
        message = render(self.rule.message, hit.values)
        edited = segment.span(prose, *hit.edit) if hit.edit else span
        return Problem(span, message, fix=self._fix(edited, hit))

    def _fix(self, span: Span, hit: Hit) -> Any:
        if hit.replacement is None:
            return None
        found = hit.values.get("match", "")
        if hit.replacement == found:
            return None
        if hit.replacement:
            what = f"replace with `{hit.replacement}`"
        else:
            what = f"remove the repeated `{found}`" if self.rule.kind == "repetition" else "remove"
        return replace(span, hit.replacement, what, safe=self.rule.safe)

    # -- consistency ------------------------------------------------------
    def _consistency(self, found: list[tuple[Segment, Hit]], prose: Prose) -> Iterator[Problem]:
        if self.rule.within == "corpus":
            for segment, hit in found:
                span = segment.span(prose, hit.start, hit.end)
                tag = f"{hit.group}:{span.start}:{span.end}:{hit.values['match']}"
                yield Problem(span, render(self.rule.message, hit.values), tag=tag)
            return
        uses = [(segment.span(prose, hit.start, hit.end), hit.group or "", hit.values["match"])
                for segment, hit in found]  # fmt: skip
        for _, problem in self._odd_uses(uses, where="this file"):
            yield problem

    def _family(self, group: int) -> int:
        """Groups counted together (`together: true`) share one family."""
        return 0 if self.rule.together else group

    def _odd_uses(
        self, uses: list[tuple[Span, str, str]], where: str
    ) -> Iterator[tuple[int, Problem]]:
        """The uses (by index) of a spelling that is not the most common one
        of its family, as problems with a fix to the common spelling."""
        counts: dict[int, Counter[int]] = defaultdict(Counter)
        parsed = []
        for span, tag, text in uses:
            group, position = (int(part) for part in tag.split(":")[:2])
            counts[self._family(group)][position] += 1
            parsed.append((span, group, position, text))
        for index, (span, group, position, text) in enumerate(parsed):
            family = counts[self._family(group)]
            if len(family) < 2:
                continue
            best = max(sorted(family), key=lambda p: family[p])  # ties: the first listed
            if position == best:
                continue
            expected = self._spelling(group, best, text)
            tally = ", ".join(
                f"{self._label(group, p, text)} {n}×" for p, n in sorted(family.items())
            )
            values = {"match": text, "expected": expected, "counts": tally, "where": where}
            message = render(self.rule.message, values)
            fix = replace(span, expected, f"write `{expected}`", safe=self.rule.safe)
            yield index, Problem(span, message, fix=fix)

    def _label(self, group: int, position: int, found: str) -> str:
        """How the tally names a spelling: itself, or for groups counted
        together, the first group's spelling as an example."""
        if self.rule.together:
            return f"like `{self.rule.either[0][position].rstrip('*')}`"
        return f"`{self._spelling(group, position, found)}`"

    def _spelling(self, group: int, position: int, found: str) -> str:
        """Spelling `position` of `group` in the case of `found` (prefixes keep
        the rest of the word: `учёт*` for `учетная` gives `учётная`)."""
        spellings = self.rule.either[group]
        target = spellings[position]
        if target.endswith("*"):
            stems = [s.rstrip("*") for s in spellings]
            used = next((s for s in stems if found.lower().startswith(s.lower())), "")
            target = target[:-1] + found[len(used) :]
        return keep_case(found, target)

    def finalize(self, findings: Sequence[Finding]) -> list[Finding]:
        """`within: corpus`: of every use reported, keep those of the less
        common spellings, with their message and fix."""
        tagged = [f for f in findings if f.tag]
        uses = []
        for finding in tagged:
            assert finding.tag is not None
            group, position, start, end, text = finding.tag.split(":", 4)
            span = Span(finding.line, finding.column, finding.end_line, finding.end_column,
                        int(start), int(end))  # fmt: skip
            uses.append((span, f"{group}:{position}", text))
        return [
            tagged[index].model_copy(
                update={"message": problem.message, "fix": problem.fix, "tag": None}
            )
            for index, problem in self._odd_uses(uses, where="the corpus")
        ]


def pack_folders(config: Config) -> list[Path]:
    folders: list[Path] = []
    if config.style.default_packs:
        builtin = builtin_packs_dir()
        folders += sorted(p for p in builtin.iterdir() if p.is_dir() and not p.name.startswith("."))
    folders += [(config.base_dir / folder).resolve() for folder in config.style.packs]
    return folders


def pack_rules(config: Config, taken: Sequence[Rule]) -> tuple[Rule, ...]:
    """The rules of the default packs and of `[style] packs`, in pack order."""
    packs = load_packs(pack_folders(config))
    disabled = {name for pack in packs for name in pack.meta.disables}
    builtin = builtin_packs_dir().resolve()
    rules: list[Rule] = []
    names = {rule.name for rule in taken}
    for pack in packs:
        trusted = pack.path.resolve().parent == builtin  # shipped: patterns run on `re`
        in_pack = [
            _rule(pack, loaded, config.style.language, disabled, names, trusted)
            for loaded in pack.rules
        ]
        rules += sorted(in_pack, key=lambda rule: rule.code)
    return tuple(rules)


def _rule(
    pack: Pack,
    loaded: LoadedRule,
    language: str,
    disabled: set[str],
    names: set[str],
    trusted: bool,
) -> Rule:
    from faqlint.rules.style.packs import PackError

    rule = loaded.rule
    if loaded.name in names:
        raise PackError(f"{loaded.path}: a built-in rule is named `{loaded.name}`; rename the file")
    check = PackCheck(loaded, language, trusted)
    return Rule(
        code=rule.code or f"{pack.name}.{loaded.name}",
        name=loaded.name,
        severity=rule.severity,
        doc=_doc(pack, loaded),
        options=NoOptions,
        check=check,
        fixable=rule.kind in FIXING_KINDS or (rule.kind == "pattern" and rule.fix is not None),
        origin=f"pack:{pack.name}",
        needs_prose=True,
        default_enabled=rule.enabled and loaded.name not in disabled,
        finalize=check.finalize if rule.kind == "consistency" and rule.within == "corpus" else None,
    )


def _doc(pack: Pack, loaded: LoadedRule) -> str:
    rule = loaded.rule
    summary = rule.docs.strip() or rule.message
    facts = [
        f"Kind: `{rule.kind}`; scope: {', '.join(rule.scope)}",
        f"languages: {', '.join(rule.languages) or 'all'}",
        f"pack `{pack.name}` ({loaded.path.name})",
    ]
    if not rule.enabled:
        facts.append("off by default (enable with `[rules." + loaded.name + "] enabled = true`)")
    return f"{summary}\n\n{'; '.join(facts)}."
