"""Style rule packs: YAML files in `rules/<pack>/`, validated by pydantic.

A pack is a folder of rule files, one rule per file (its name is the file
name), and an optional `pack.yml` with a description and the rules of other
packs it `disables`. faqlint ships its default packs inside the wheel
(`faqlint/rules`, from the repository's top-level `rules/`); users add theirs
with `[style] packs = ["path/to/pack"]`.

Every problem in a pack file is a `PackError` naming the file, the line and
the key; a regular expression that backtracks catastrophically is one too.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from faqlint.errors import FaqlintError
from faqlint.parse.prose import Scope
from faqlint.parse.user_regex import UserRegexError, compile_checked

Kind = Literal[
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "capitalization",
    "consistency",
    "pattern",
]
Level = Literal["error", "warning", "info", "suggestion"]


class PackError(FaqlintError):
    """A pack file that cannot be used; the message names file, line and key."""


class PackRule(BaseModel):
    """One rule file of a pack."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    kind: Kind
    message: str
    code: str | None = None
    level: Level = "warning"
    scope: tuple[Scope, ...] = ("any",)
    languages: tuple[str, ...] = ()
    ignorecase: bool = False
    enabled: bool = True
    docs: str = ""
    # what to look for
    tokens: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    whole: bool = False  # existence: the whole piece of text must be a token
    swap: dict[str, str] = {}  # substitution: found -> replacement
    regex: bool = False  # substitution: `swap` keys are regular expressions
    min: int | None = None  # occurrence
    max: int | None = None
    style: Literal["sentence", "title", "lower", "upper"] = "sentence"  # capitalization
    either: tuple[tuple[str, ...], ...] = ()  # consistency: alternatives
    within: Literal["file", "corpus"] = "file"
    together: bool = False  # consistency: all groups follow one choice (ё in every word)
    pattern: str | None = None  # pattern: one regex with named groups
    fix: str | None = Field(None, description="pattern: replacement template, e.g. \\g<word>")
    safe: bool = True  # whether the fix is applied by --fix (else needs --unsafe-fixes)

    @field_validator("scope", mode="before")
    @classmethod
    def _scope_list(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("either", mode="before")
    @classmethod
    def _either(cls, value: Any) -> Any:
        if isinstance(value, dict):  # either: {e-mail: email}
            return [[key, alternative] for key, alternative in value.items()]
        return value

    @model_validator(mode="after")
    def _has_what_it_needs(self) -> PackRule:
        needs = {
            "existence": bool(self.tokens or self.patterns),
            "substitution": bool(self.swap),
            "occurrence": bool(self.tokens or self.patterns)
            and (self.min is not None or self.max is not None),
            "repetition": True,
            "capitalization": True,
            "consistency": bool(self.either) and all(len(group) >= 2 for group in self.either),
            "pattern": bool(self.pattern),
        }
        if not needs[self.kind]:
            wanted = {
                "existence": "`tokens` or `patterns`",
                "substitution": "`swap`",
                "occurrence": "`tokens` or `patterns`, and `min` or `max`",
                "consistency": "`either` (groups of two or more spellings)",
                "pattern": "`pattern`",
            }[self.kind]
            raise ValueError(f"a `{self.kind}` rule needs {wanted}")
        return self

    @property
    def severity(self) -> Literal["error", "warning", "info"]:
        return "info" if self.level == "suggestion" else self.level


class PackMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str = ""
    disables: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadedRule:
    pack: str
    name: str
    path: Path
    rule: PackRule


@dataclass(frozen=True)
class Pack:
    name: str
    path: Path
    meta: PackMeta
    rules: tuple[LoadedRule, ...]


def builtin_packs_dir() -> Path:
    """The default packs: `faqlint/packs/` in an installed wheel (the
    checkout's top-level `rules/`, see pyproject.toml), or that `rules/`
    itself when running from a checkout."""
    installed = Path(str(importlib.resources.files("faqlint"))) / "packs"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rules"


def load_packs(folders: Iterable[Path]) -> list[Pack]:
    packs = [load_pack(folder) for folder in folders]
    names: dict[str, Path] = {}
    for pack in packs:
        for loaded in pack.rules:
            if loaded.name in names:
                raise PackError(
                    f"{loaded.path}: a rule named `{loaded.name}` already exists "
                    f"({names[loaded.name]}); rename the file"
                )
            names[loaded.name] = loaded.path
    return packs


def load_pack(folder: Path) -> Pack:
    """A pack, validated. The packs shipped with faqlint skip the
    backtracking test (their tests compile every pattern on `re`), which
    spares a hook run the import of `regex`."""
    if not folder.is_dir():
        raise PackError(f"{folder}: style pack not found (a folder of .yml rule files)")
    meta = PackMeta()
    rules = []
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        data, lines = _read_yaml(path)
        if path.stem == "pack":
            meta = _validate(PackMeta, data, path, lines)
            continue
        rule = _validate(PackRule, data, path, lines)
        if folder.resolve().parent != builtin_packs_dir().resolve():
            _check_patterns(rule, path, lines)
        rules.append(LoadedRule(folder.name, path.stem, path, rule))
    return Pack(folder.name, folder, meta, tuple(rules))


def _read_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    """The document, and the line of every key path ("swap", "scope.0")."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        # One pass: the node tree (for line numbers), then the data from it;
        # libyaml's loader when PyYAML has it (it is 10x faster: a hook run
        # reads the default packs every time).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except OSError as exc:
        raise PackError(f"{path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise PackError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    lines: dict[str, int] = {}
    if node is not None:
        _index_lines(node, "", lines)
    return data if data is not None else {}, lines


def _index_lines(node: Any, prefix: str, lines: dict[str, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines[path] = key.start_mark.line + 1
            _index_lines(value, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}"
            lines[path] = item.start_mark.line + 1
            _index_lines(item, path, lines)


M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: Any, path: Path, lines: dict[str, int]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"])
            line = lines.get(key) or lines.get(key.split(".")[0]) or 1
            what = f"`{key}`" if key else "the rule"
            if error["type"] == "extra_forbidden":
                messages.append(f"{path}:{line}: unknown key `{key}`")
            else:
                messages.append(f"{path}:{line}: {what}: {error['msg']}")
        raise PackError("\n".join(messages)) from None


def _check_patterns(rule: PackRule, path: Path, lines: dict[str, int]) -> None:
    """Compile every regex of a rule and refuse those that backtrack catastrophically."""
    import regex

    sources: list[tuple[str, str]] = [(f"patterns.{i}", p) for i, p in enumerate(rule.patterns)]
    if rule.pattern:
        sources.append(("pattern", rule.pattern))
    if rule.regex:
        sources += [(f"swap.{key}", key) for key in rule.swap]
    flags = regex.IGNORECASE if rule.ignorecase else 0
    for key, source in sources:
        line = lines.get(key, lines.get(key.split(".")[0], 1))
        try:
            compile_checked(source, flags)
        except UserRegexError as exc:
            if str(exc).startswith("is not a valid"):
                raise PackError(f"{path}:{line}: `{key}` {exc}") from None
            raise PackError(
                f"{path}:{line}: rule `{path.stem}`: `{key}` = {source!r} {exc}"
            ) from None
