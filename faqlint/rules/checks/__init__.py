"""The built-in rules: an explicit tuple of modules, one rule per module.

Each module starts with its documentation (What it does / Why is this bad? /
Example / Use instead), then `CODE`, `NAME`, `SEVERITY`, `FIXABLE`, an
`Options` model and `check(doc, options)`. Rules that look at the whole
corpus define `check_corpus(corpus, options)` instead. A test checks that
every module in this package is listed here.
"""

from __future__ import annotations

from types import ModuleType

from faqlint.rules.checks import (
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
    redirected_link,
    relative_link,
    similar_question,
    translation_gap,
    unused_suppression,
    wrong_language,
)
from faqlint.rules.rule import Rule, rule_from_module

RULE_MODULES: tuple[ModuleType, ...] = (
    file_error,
    unused_suppression,
    broken_link,
    broken_anchor,
    relative_link,
    cross_language_link,
    dead_external_link,
    redirected_link,
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


def builtin_rules() -> tuple[Rule, ...]:
    return tuple(rule_from_module(module) for module in RULE_MODULES)
