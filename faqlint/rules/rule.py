"""What a rule is, whether built in (a module of `checks/`) or from a YAML
pack (`style/`): its code, name, severity, documentation, options and the
checks it runs. `checks/__init__.py` lists the built-in ones."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from faqlint.config import Severity
from faqlint.rules.problem import Problem

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
    # a corpus rule whose findings on a page depend only on that page and the
    # site (the link rules): it can be run again on one changed page
    page_local: bool = False

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
        page_local=getattr(module, "PAGE_LOCAL", False),
    )
