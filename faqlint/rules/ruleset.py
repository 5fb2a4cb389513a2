"""Which rules run, at which severity, with which options.

`select` and `ignore` take `ALL`, rule names (`empty-answer`), codes
(`FAQ201`) and code prefixes (`FAQ2`). Each rule may have a table in
`[rules]`: `[rules.empty-answer]` with `severity` and the rule's options.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from faqlint.config import SEVERITIES, Config, ConfigError, Severity
from faqlint.rules.checks import builtin_rules
from faqlint.rules.rule import Rule


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: BaseModel


@dataclass(frozen=True)
class RuleSet:
    catalogue: tuple[Rule, ...]
    active: tuple[ActiveRule, ...]

    def get(self, name: str) -> ActiveRule | None:
        return next((a for a in self.active if a.rule.name == name), None)

    def find(self, key: str) -> Rule | None:
        return next((r for r in self.catalogue if key in (r.name, r.code)), None)

    def is_active(self, name: str) -> bool:
        return self.get(name) is not None


def all_rules(config: Config) -> tuple[Rule, ...]:
    """The built-in rules and those of the style packs the config loads."""
    from faqlint.rules.style.pack_rules import pack_rules

    builtin = builtin_rules()
    return builtin + pack_rules(config, builtin)


def _matches(rule: Rule, selector: str) -> bool:
    return selector in ("ALL", rule.name) or rule.code.startswith(selector)


def _validate_selectors(selectors: Iterable[str], catalogue: Sequence[Rule], where: str) -> None:
    for selector in selectors:
        if not any(_matches(rule, selector) for rule in catalogue):
            hint = did_you_mean(selector, catalogue)
            raise ConfigError(
                f"{where}: {selector!r} matches no rule{hint}; `faqlint rules` lists them"
            )


def did_you_mean(name: str, catalogue: Sequence[Rule]) -> str:
    """` (did you mean `broken-link`?)` for a near miss of a rule name or code."""
    import difflib

    names = [rule.name for rule in catalogue] + [rule.code for rule in catalogue]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def resolve(
    config: Config,
    catalogue: Sequence[Rule] | None = None,
    select: Sequence[str] | None = None,
    extend_ignore: Sequence[str] = (),
) -> RuleSet:
    """Apply `[rules]` from config (and CLI overrides) to the rule catalogue."""
    rules = tuple(catalogue) if catalogue is not None else all_rules(config)
    chosen_select = tuple(select) if select else config.rules.select
    ignore = (*config.rules.ignore, *extend_ignore)
    if select:
        _validate_selectors(select, rules, "--select")
    else:
        _validate_selectors(config.rules.select, rules, f"{config.where('select')}: `select`")
    _validate_selectors(config.rules.ignore, rules, f"{config.where('ignore')}: `ignore`")
    _validate_selectors(extend_ignore, rules, "--ignore")
    tables = config.rules.rule_tables()
    for name in tables:
        if not any(name in (rule.name, rule.code) for rule in rules):
            raise ConfigError(
                f"{config.where(name)}: [rules.{name}]: no rule named {name!r}"
                f"{did_you_mean(name, rules)}; `faqlint rules` lists them"
            )
    active = []
    for rule in rules:
        # a file that could not be checked is always said, whatever is selected
        # (as linters report syntax errors); only naming it in `ignore` hides it
        always = rule.name == "file-error"
        selected = always or any(_matches(rule, s) for s in chosen_select)
        ignored = any(_matches(rule, s) for s in ignore)
        table = tables.get(rule.name, tables.get(rule.code, {}))
        severity, options = _rule_settings(config, rule, table)
        named = rule.name in chosen_select or rule.code in chosen_select
        enabled = table.get("enabled", rule.default_enabled or named)
        if selected and not ignored and enabled:
            active.append(ActiveRule(rule, severity, options))
    return RuleSet(rules, tuple(active))


def _rule_settings(config: Config, rule: Rule, table: Any) -> tuple[Severity, BaseModel]:
    where = f"{config.path or 'config'}: [rules.{rule.name}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table, got {table!r}")
    values = dict(table)
    severity = values.pop("severity", rule.severity)
    values.pop("enabled", None)
    if severity not in SEVERITIES:
        raise ConfigError(f"{where}: `severity` = {severity!r}; allowed: {', '.join(SEVERITIES)}")
    try:
        options = rule.options.model_validate(values)
    except ValidationError as exc:
        details = "; ".join(
            f"`{'.'.join(map(str, e['loc']))}` = {e.get('input')!r}: {e['msg']}"
            for e in exc.errors()
        )
        fields = ", ".join(
            ["severity", "enabled", *(f.alias or n for n, f in rule.options.model_fields.items())]
        )
        raise ConfigError(f"{where}: {details} (keys allowed: {fields})") from None
    return severity, options
