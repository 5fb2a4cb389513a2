"""`faqlint rules` and `faqlint rule NAME`: the rule catalogue as text or JSON."""

from __future__ import annotations

import json

from faqlint.checks import Rule
from faqlint.ruleset import RuleSet


def rules_table(rules: RuleSet) -> str:
    rows = [("CODE", "NAME", "SEVERITY", "FIX", "ON", "SUMMARY")]
    for rule in rules.catalogue:
        active = rules.get(rule.name)
        rows.append(
            (
                rule.code,
                rule.name,
                active.severity if active else rule.severity,
                "yes" if rule.fixable else "",
                "yes" if active else "no",
                rule.summary,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def rules_json(rules: RuleSet) -> str:
    data = [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity,
            "fixable": rule.fixable,
            "enabled": rules.is_active(rule.name),
            "summary": rule.summary,
            "origin": rule.origin,
        }
        for rule in rules.catalogue
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def readme_table() -> str:
    """The README's rule list, generated from the registry (a test keeps it fresh)."""
    from faqlint.checks import builtin_rules

    lines = ["| Code | Name | Default severity | Fix | What it reports |", "|---|---|---|---|---|"]
    for rule in builtin_rules():
        fix = "yes" if rule.fixable else ""
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {fix} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def explain(rule: Rule, rules: RuleSet) -> str:
    active = rules.get(rule.name)
    state = f"enabled, severity {active.severity}" if active else "disabled by config"
    header = f"{rule.name} ({rule.code})\nDefault severity: {rule.severity}; here: {state}."
    if rule.fixable:
        header += " Fixable."
    return f"{header}\n\n{rule.doc}\n"


if __name__ == "__main__":
    print(readme_table(), end="")
