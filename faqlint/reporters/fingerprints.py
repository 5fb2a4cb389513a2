"""Fingerprints that are unique within one report, for SARIF and GitLab.

`Finding.fingerprint` hashes the rule, the path, the entry's question and the
normalised text at the finding, so it survives lines moving. Two findings
can therefore share one: the same broken link written twice in an answer.
SARIF (`partialFingerprints`) and GitLab Code Quality both need one
fingerprint per result (GitLab shows only the first of a repeated one), so
the first finding with a fingerprint keeps it and the n-th repeat (n >= 1,
in report order, which is path/line/column order) gets
`sha256(fingerprint + "\\0" + n)[:32]`. That stays stable as long as the
repeats keep their order, and the first one matches the JSON report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from faqlint.findings import Finding


def unique_fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding, in order, none repeated."""
    seen: dict[str, int] = {}
    used: set[str] = set()
    result = []
    for finding in findings:
        base = finding.fingerprint
        count = seen.get(base, 0)
        seen[base] = count + 1
        candidate = base if count == 0 else _repeat(base, count)
        while candidate in used:  # a derived hash met a real one: practically never
            count += 1
            candidate = _repeat(base, count)
        used.add(candidate)
        result.append(candidate)
    return result


def _repeat(base: str, index: int) -> str:
    return hashlib.sha256(f"{base}\0{index}".encode()).hexdigest()[:32]
