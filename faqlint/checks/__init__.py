"""The built-in rules: an explicit tuple of modules, one rule per module.

Each module starts with its documentation (What it does / Why is this bad? /
Example / Use instead), then `CODE`, `NAME`, `SEVERITY`, `FIXABLE`, an
`Options` model and `check(doc, options)`. Rules that look at the whole
corpus define `check_corpus(corpus, options)` instead. A test checks that
every module in this package is listed here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from faqlint.checks import (
    broken_anchor,
    broken_link,
    cross_language_link,
    dead_external_link,
    duplicate_question,
    empty_answer,
    file_error,
    inanimate_pronoun,
    malformed_entry,
    mixed_script_word,
    question_format,
    relative_link,
    similar_question,
    translation_gap,
    unused_suppression,
    wrong_language,
)
from faqlint.config import Severity
from faqlint.problem import Problem

RULE_MODULES: tuple[ModuleType, ...] = (
    file_error,
    unused_suppression,
    broken_link,
    broken_anchor,
    relative_link,
    cross_language_link,
    dead_external_link,
    duplicate_question,
    similar_question,
    translation_gap,
    empty_answer,
    malformed_entry,
    question_format,
    inanimate_pronoun,
    mixed_script_word,
    wrong_language,
)

# check(doc, options), or check(doc, options, prose) for rules that need prose
DocumentCheck = Callable[..., Iterable[Problem]]
CorpusCheck = Callable[[Any, Any], Iterable[tuple[str, Problem]]]


class NoOptions(BaseModel):
    model_config = {"extra": "forbid", "frozen": True}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    options: type[BaseModel]
    check: DocumentCheck | None = None
    check_corpus: CorpusCheck | None = None
    fixable: bool = False
    origin: str = "faqlint"
    needs_prose: bool = False  # check(doc, options, prose) instead of check(doc, options)
    default_enabled: bool = True  # off-by-default rules run once a config enables them
    finalize: Callable[[Sequence[Any]], list[Any]] | None = None  # see Engine.run_finalizers

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


def rule_from_module(module: ModuleType) -> Rule:
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=module.SEVERITY,
        doc=inspect.cleandoc(module.__doc__ or ""),
        options=getattr(module, "Options", NoOptions),
        check=getattr(module, "check", None),
        check_corpus=getattr(module, "check_corpus", None),
        fixable=getattr(module, "FIXABLE", False),
        needs_prose=getattr(module, "NEEDS_PROSE", False),
    )


def builtin_rules() -> tuple[Rule, ...]:
    return tuple(rule_from_module(module) for module in RULE_MODULES)
