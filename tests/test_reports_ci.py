"""The CI report formats (JUnit, SARIF, GitLab Code Quality, GitHub
annotations) and the JSON and text reports, on tests/fixtures/report-site.

Golden files live in tests/fixtures/report-goldens/, one per format, named
as `--report FORMAT` names its file. Only the faqlint version, JUnit's
`timestamp` and `hostname` and SARIF's absolute `%SRCROOT%` URI are
normalised before comparing. After an intended change of a format,
regenerate them and review the diff:

    FAQLINT_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_reports_ci.py

Schema checks use the references in ../shared/schemas (skipped, saying
why, when they are missing): the Ant JUnit XSD with lxml and the OASIS
SARIF 2.1.0 schema with jsonschema.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from faqlint.findings import Finding
from faqlint.parse.model import Fix
from faqlint.reporters import REPORT_FILES
from faqlint.reporters.github import command, escape_data, escape_property
from faqlint.reporters.junit import clean
from tests.conftest import FIXTURES, SHARED, run_cli

SITE = FIXTURES / "report-site"
GOLDENS = FIXTURES / "report-goldens"
SCHEMAS = SHARED / "schemas"
JUNIT_XSD = SCHEMAS / "junit-ant.xsd"
SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"
UPDATE = os.environ.get("FAQLINT_UPDATE_GOLDENS") == "1"
GOLDEN_FORMATS = ["junit", "sarif", "gitlab", "github", "json", "text"]
STORAGE = "docs/en/storage/faq/faq.md"

# Placeholders keep the goldens valid documents of their format.
_NORMALISE = [
    (re.compile(r'("faqlint": )"[^"]*"'), r'\1"VERSION"'),  # json
    (re.compile(r'("name": "faqlint",\s*"version": )"[^"]*"'), r'\1"VERSION"'),  # sarif
    (re.compile(r'("%SRCROOT%": \{.*?"uri": )"file:[^"]*"', re.DOTALL), r'\1"file:///SRCROOT/"'),
    (re.compile(r'(<property name="faqlint.version" value=)"[^"]*"'), r'\1"VERSION"'),
    (re.compile(r'timestamp="[^"]*"'), 'timestamp="2000-01-01T00:00:00"'),
    (re.compile(r'hostname="[^"]*"'), 'hostname="localhost"'),
]


def normalise(text: str) -> str:
    for pattern, replacement in _NORMALISE:
        text = pattern.sub(replacement, text)
    return text


def check(fmt: str, cwd: Path = SITE, *extra: str) -> str:
    """`faqlint check --format FMT` from `cwd`: its stdout."""
    result = run_cli("check", "--format", fmt, "--color", "never", *extra, cwd=cwd)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    return result.out


def copy_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns(".faqlint_cache"))
    return site


def junit_schema() -> Any:
    if not JUNIT_XSD.is_file():
        pytest.skip(f"JUnit XSD not found at {JUNIT_XSD}")
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(JUNIT_XSD)))


def assert_valid_junit(text: str) -> None:
    from lxml import etree

    schema = junit_schema()
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log


def assert_valid_sarif(data: dict[str, Any]) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def parse_junit(text: str, tmp_path: Path) -> Any:
    from junitparser import JUnitXml

    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def system_out(suite: Any) -> str:
    from junitparser import SystemOut

    text: str | None = suite.child(SystemOut).text
    return text or ""


def fingerprints(site: Path) -> dict[str, tuple[str, str]]:
    """SARIF and GitLab fingerprints per finding, keyed by rule and message."""
    sarif = json.loads(check("sarif", site))["runs"][0]["results"]
    gitlab = json.loads(check("gitlab", site))
    assert len(sarif) == len(gitlab)
    keyed = {}
    for result, issue in zip(sarif, gitlab, strict=True):
        key = f"{result['ruleId']} {result['message']['text']}"
        keyed[key] = (result["partialFingerprints"]["faqlint/v1"], issue["fingerprint"])
    assert len(keyed) == len(sarif)
    return keyed


# Golden files


@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
def test_golden(fmt: str) -> None:
    golden = GOLDENS / REPORT_FILES[fmt]
    actual = normalise(check(fmt))
    if UPDATE:
        GOLDENS.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"{golden.name} regenerated (FAQLINT_UPDATE_GOLDENS): review the diff")
    assert golden.is_file(), f"no golden {golden}; run with FAQLINT_UPDATE_GOLDENS=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_report_files_match_stdout(tmp_path: Path) -> None:
    formats = ["junit", "sarif", "gitlab", "github"]
    reports = [f"--report={fmt}:{tmp_path / REPORT_FILES[fmt]}" for fmt in formats]
    run_cli("check", "--format", "json", *reports, cwd=SITE)
    for fmt in formats:
        written = (tmp_path / REPORT_FILES[fmt]).read_text(encoding="utf-8")
        assert normalise(written) == normalise(check(fmt)), fmt


# JUnit


def test_junit_validates_against_the_ant_schema() -> None:
    assert_valid_junit(check("junit"))


def test_junit_suites_cases_and_failures(tmp_path: Path) -> None:
    xml = parse_junit(check("junit"), tmp_path)
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["docs/en/billing/billing.md", "docs/en/network/faq/faq.md", STORAGE]
    billing = suites["docs/en/billing/billing.md"]
    assert (billing.tests, billing.failures, billing.errors) == (2, 0, 0)
    assert [case.name for case in billing] == [
        "(page) docs/en/billing/billing.md",
        "How do I pay by card?",
    ]
    assert all(case.is_passed for case in billing)
    storage = suites[STORAGE]
    assert (storage.tests, storage.failures, storage.errors, storage.skipped) == (5, 3, 0, 0)
    cases = {case.name: case for case in storage}
    assert all(case.classname == STORAGE for case in storage)
    page = cases[f"(page) {STORAGE}"].result[0]
    assert page.type == "broken-link"
    assert page.message.startswith("FAQ101 broken-link: page `/en/storage/nowhere` not found")
    bucket = cases["How do I create a bucket?"].result[0]
    assert bucket.type == "duplicate-question, broken-link"
    assert bucket.message.endswith("(and 1 more)")
    assert f"{STORAGE}:5:19 FAQ301 duplicate-question" in bucket.text
    assert "= see docs/en/network/faq/faq.md:3 (first asked here)" in bucket.text
    assert f"{STORAGE}:7:39 FAQ101 broken-link" in bucket.text
    script = cases['Why does <script>alert("x")</script> show as text?'].result[0]
    assert script.type == "empty-answer"
    # warnings pass by default and are listed in the suite's system-out
    assert cases["Can I delete a bucket with objects in it"].is_passed
    assert "FAQ203 question-format" in system_out(storage)
    assert "= fix: add a question mark (--fix)" in system_out(storage)


def test_junit_warnings_as_failures(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    with (site / "faqlint.toml").open("a", encoding="utf-8") as config:
        config.write('\n[reports]\njunit-warnings = "failure"\n')
    text = check("junit", site)
    assert_valid_junit(text)
    storage = {suite.name: suite for suite in parse_junit(text, tmp_path)}[STORAGE]
    assert (storage.tests, storage.failures) == (5, 5)
    cases = {case.name: case for case in storage}
    failure = cases["Can I delete a bucket with objects in it"].result[0]
    assert failure.type == "question-format"
    assert failure.message.startswith("FAQ203 question-format: “Can I delete a bucket")
    assert "= fix: add a question mark (--fix)" in failure.text
    assert system_out(storage) == ""


def test_junit_unreadable_file_is_an_error_and_names_stay_unique(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    (site / "docs" / "en" / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    repeat = "<details><summary>Same?</summary>\n\nYes.\n\n</details>\n\n"
    (site / "docs" / "en" / "same.md").write_text("# Same\n\n" + repeat * 2, encoding="utf-8")
    text = check("junit", site, "--ignore", "duplicate-question")
    assert_valid_junit(text)
    suites = {suite.name: suite for suite in parse_junit(text, tmp_path)}
    latin1 = suites["docs/en/latin1.md"]
    assert (latin1.tests, latin1.failures, latin1.errors) == (1, 0, 1)
    assert next(iter(latin1)).result[0].type == "file-error"
    assert [case.name for case in suites["docs/en/same.md"]][1:] == ["Same?", "Same? (2)"]


def test_junit_drops_characters_xml_cannot_hold(tmp_path: Path) -> None:
    assert clean("a\x00b\x1bc\x0bd\ufffe\tok\n") == "abcd\tok\n"
    site = copy_site(tmp_path)
    page = (
        "# Odd\n\n<details><summary>Why \x1b\x07is this odd</summary>\n\nTODO\x01\n\n</details>\n"
    )
    (site / "docs" / "en" / "odd.md").write_text(page, encoding="utf-8")
    text = check("junit", site)
    assert_valid_junit(text)
    odd = {suite.name: suite for suite in parse_junit(text, tmp_path)}["docs/en/odd.md"]
    assert [case.name for case in odd][1] == "Why is this odd"


# SARIF


def test_sarif_validates_against_the_schema() -> None:
    assert_valid_sarif(json.loads(check("sarif")))


def test_sarif_rules_results_related_locations_and_fixes() -> None:
    run = json.loads(check("sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [
        "FAQ101",
        "FAQ102",
        "FAQ301",
        "FAQ201",
        "FAQ203",
        "FAQ401",
    ]
    assert rules[0]["name"] == "broken-link"
    assert rules[0]["help"]["markdown"].startswith("A link to a page or file that does not exist.")
    assert rules[0]["fullDescription"]["text"].startswith("Resolves every internal link")
    results = run["results"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert {r["level"] for r in results} == {"error", "warning"}
    duplicate = next(r for r in results if r["ruleId"] == "FAQ301")
    [related] = duplicate["relatedLocations"]
    assert related["id"] == 0 and related["message"]["text"] == "first asked here"
    where = related["physicalLocation"]
    assert where["artifactLocation"] == {
        "uri": "docs/en/network/faq/faq.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert where["region"] == {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 44}
    question = next(r for r in results if r["ruleId"] == "FAQ203")
    [fix] = question["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == STORAGE
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 11, "startColumn": 59, "endLine": 11, "endColumn": 59},
            "insertedContent": {"text": "?"},
        }
    ]
    assert question["properties"]["question"] == "Can I delete a bucket with objects in it"


def test_sarif_levels_and_an_empty_run(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    with (site / "faqlint.toml").open("a", encoding="utf-8") as config:
        config.write('\n[rules.empty-answer]\nseverity = "info"\n')
    data = json.loads(check("sarif", site))
    assert_valid_sarif(data)
    results = data["runs"][0]["results"]
    assert next(r for r in results if r["ruleId"] == "FAQ201")["level"] == "note"
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert next(r for r in rules if r["id"] == "FAQ201")["defaultConfiguration"]["level"] == "note"
    empty = tmp_path / "empty"  # a page with nothing to report
    (empty / "docs").mkdir(parents=True)
    (empty / "docs" / "page.md").write_text("# A page\n\nText.\n", encoding="utf-8")
    (empty / "faqlint.toml").write_text('include = ["docs/**/*.md"]\n', encoding="utf-8")
    data = json.loads(check("sarif", empty))
    assert_valid_sarif(data)
    assert data["runs"][0]["results"] == [] and data["runs"][0]["tool"]["driver"]["rules"] == []
    assert check("gitlab", empty) == "[]\n"
    assert check("github", empty) == ""
    assert_valid_junit(check("junit", empty))


def test_sarif_uris_are_percent_encoded(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    folder = site / "docs" / "en" / "a b#c"
    folder.mkdir()
    (folder / "a b#c.md").write_text("# Odd\n\n[x](/en/nowhere)\n", encoding="utf-8")
    data = json.loads(check("sarif", site))
    assert_valid_sarif(data)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in data["runs"][0]["results"]
    }
    assert "docs/en/a%20b%23c/a%20b%23c.md" in uris


# Fingerprints (SARIF partialFingerprints and GitLab)


def test_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    before = fingerprints(site)
    page = site / STORAGE
    prose = "Some words before the title.\n\nMore words here.\n\n\n"
    page.write_text(prose + page.read_text(encoding="utf-8"), encoding="utf-8")
    after = fingerprints(site)
    assert after == before
    storage_lines = [
        r["line"] for r in json.loads(check("json", site))["findings"] if r["path"] == STORAGE
    ]
    assert storage_lines[0] == 3 + 5


def test_fingerprint_changes_with_the_question(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    before = fingerprints(site)
    page = site / STORAGE
    old = 'Why does `<script>alert("x")</script>` show as text?'
    page.write_text(
        page.read_text(encoding="utf-8").replace(old, "Why is my script shown?"), encoding="utf-8"
    )
    after = fingerprints(site)
    key = "FAQ201 the answer is a placeholder: “TODO”"
    assert after[key][0] != before[key][0] and after[key][1] != before[key][1]
    assert {k: v for k, v in after.items() if k != key} == {
        k: v for k, v in before.items() if k != key
    }


def test_fingerprints_are_unique_for_identical_findings(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    twice = site / "docs" / "en" / "twice"
    twice.mkdir()
    body = "See [Gone](/en/gone) first, then [Gone](/en/gone) again."
    page = f"# Twice\n\n<details><summary>Where is it?</summary>\n\n{body}\n\n</details>\n"
    (twice / "twice.md").write_text(page, encoding="utf-8")
    raw = [
        f
        for f in json.loads(check("json", site))["findings"]
        if f["path"] == "docs/en/twice/twice.md"
    ]
    assert len(raw) == 2 and raw[0]["fingerprint"] == raw[1]["fingerprint"]
    gitlab = [i["fingerprint"] for i in json.loads(check("gitlab", site))]
    sarif = [
        r["partialFingerprints"]["faqlint/v1"]
        for r in json.loads(check("sarif", site))["runs"][0]["results"]
    ]
    assert len(set(gitlab)) == len(gitlab) and sarif == gitlab
    assert raw[0]["fingerprint"] in gitlab  # the first keeps the JSON report's fingerprint
    again = [i["fingerprint"] for i in json.loads(check("gitlab", site))]
    assert again == gitlab  # and the repeat's is deterministic


# GitLab


def test_gitlab_severities_and_location() -> None:
    issues = json.loads(check("gitlab"))
    assert {(i["check_name"], i["severity"]) for i in issues} >= {
        ("broken-link", "major"),
        ("question-format", "minor"),
    }
    issue = next(i for i in issues if i["check_name"] == "broken-anchor")
    assert (
        issue["description"] == "FAQ102 broken-anchor: this page has no anchor `#security_groups`"
    )
    assert issue["location"] == {
        "path": "docs/en/network/faq/faq.md",
        "lines": {"begin": 11, "end": 11},
    }


# GitHub


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert escape_property("docs/a,b:c%.md\n") == "docs/a%2Cb%3Ac%25.md%0A"


def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "rule": "broken-link",
        "code": "FAQ101",
        "severity": "error",
        "path": "docs/a,b:c.md",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 9,
        "message": "50% broken\nsecond line",
    }
    return Finding(**{**values, **changes})


def test_github_command() -> None:
    assert command(_finding()) == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,col=5,endLine=3,endColumn=9,"
        "title=FAQ101 broken-link::50%25 broken%0Asecond line"
    )
    multi_line = command(_finding(severity="info", end_line=4, end_column=2))
    assert multi_line.startswith("::notice file=docs/a%2Cb%3Ac.md,line=3,endLine=4,title=")
    fix = Fix(message="add a question mark", edits=(), applicability="unsafe")
    with_fix = command(_finding(severity="warning", message="no mark", fix=fix))
    assert with_fix.startswith("::warning ")
    assert with_fix.endswith("::no mark (fix: add a question mark; --fix --unsafe-fixes)")
    assert command(_finding(message="no mark", fix=fix), fix_hint=False).endswith("::no mark")


def test_github_one_line_per_finding() -> None:
    lines = check("github").splitlines()
    assert len(lines) == 7
    assert sum(line.startswith("::error ") for line in lines) == 5
    assert sum(line.startswith("::warning ") for line in lines) == 2


# Odd input


def test_odd_findings_render_valid_reports(tmp_path: Path) -> None:
    """Positions out of range, a rule outside the catalogue, control
    characters, absolute paths: every format renders, and validly."""
    from faqlint import __version__
    from faqlint.config import Config
    from faqlint.findings import Report
    from faqlint.reporters import ReportContext, render
    from faqlint.rules.ruleset import resolve

    odd = [
        _finding(line=0, column=0, end_line=0, end_column=0, message="zero\x00\x1b"),
        _finding(line=5, column=9, end_line=4, end_column=1, path="/abs/a b.md"),
        _finding(rule="made-up", code="X999", severity="info", question="Q\x0c?", fingerprint="f"),
        _finding(rule="made-up", code="X999", severity="info", question="Q\x0c?", fingerprint="f"),
    ]
    report = Report(files=[], findings=odd)
    rules = resolve(Config())
    for warnings in ("system-out", "failure"):
        context = ReportContext(__version__, rules, junit_warnings=warnings)  # type: ignore[arg-type]
        assert_valid_junit(render("junit", report, context))
    context = ReportContext(__version__, rules)
    sarif = json.loads(render("sarif", report, context))
    assert_valid_sarif(sarif)
    assert sarif["runs"][0]["tool"]["driver"]["rules"][-1] == {
        "id": "X999",
        "name": "made-up",
        "defaultConfiguration": {"level": "note"},
        "properties": {"fixable": False},
    }
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert regions[0] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    assert regions[1] == {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 9}
    gitlab = json.loads(render("gitlab", report, context))
    assert len({issue["fingerprint"] for issue in gitlab}) == 4
    assert render("github", report, context).count("\n") == 4
