"""Style rule packs: loading and validation, every kind in a user pack,
`disables`, corpus-wide consistency, and patterns that cannot hang a run."""

from __future__ import annotations

import importlib.metadata
import json
import time
from pathlib import Path

import pytest

from faqlint.rules.style.kinds import Compiled
from faqlint.rules.style.packs import PackError, builtin_packs_dir, load_pack
from tests.conftest import FIXTURES, run_cli
from tests.helpers import lint

HOUSE = FIXTURES / "packs" / "house"


def house_lint(text: str, **extra: object) -> list[tuple[str, int, str]]:
    data: dict[str, object] = {"style": {"packs": [str(HOUSE)]}, **extra}
    return lint(text, **data)


def only(findings: list[tuple[str, int, str]], rule: str) -> list[tuple[int, str]]:
    return [(line, message) for name, line, message in findings if name == rule]


# -- the default packs -----------------------------------------------------


def test_default_packs_are_found_and_valid() -> None:
    folder = builtin_packs_dir()
    packs = {p.name: load_pack(p) for p in folder.iterdir() if p.is_dir()}
    assert set(packs) == {"common", "en", "ru"}
    codes = [loaded.rule.code for pack in packs.values() for loaded in pack.rules]
    assert all(code and code.startswith("FAQ4") for code in codes)
    assert len(codes) == len(set(codes))
    # faqlint's own patterns run on the standard `re` engine: they must compile there
    for pack in packs.values():
        for loaded in pack.rules:
            Compiled(loaded.rule, trusted=True)


def test_the_installed_wheel_ships_the_default_packs() -> None:
    """A non-editable install (what CI does) must carry the packs (`faqlint/packs`)."""
    files = importlib.metadata.files("faqlint") or []
    names = {str(f) for f in files}
    if not any(name.startswith("faqlint/") and name.endswith(".py") for name in names):
        pytest.skip("faqlint is installed in editable mode here; CI checks the wheel")
    assert "faqlint/packs/en/vague-link-text.yml" in names
    assert "faqlint/packs/common/repeated-word.yml" in names


# -- a user pack: one rule of each kind ------------------------------------

PAGE = """# Account settings

{cut(How do I log in?)}

Use foo bar and baaz; baaaz is allowed. Log in with SSO.

{/cut}

{cut(Where is the key?)}

Here.

{/cut}

## setting up the Email

Write to the e-mail from v2.1 or later, as the email says. The the key.
"""


def test_every_kind_of_a_user_pack_reports_what_it_should() -> None:
    findings = house_lint(PAGE)
    assert only(findings, "no-foo") == [
        (5, 'do not write "foo bar"'),
        (5, 'do not write "baaz"'),
    ]
    assert only(findings, "say-sign-in") == [
        (3, 'write `sign in`, not "log in"'),
        (5, 'write `Sign in`, not "Log in"'),
    ]
    assert only(findings, "answer-length") == [(11, "the answer has 1 words; write at least 3")]
    assert only(findings, "twice") == [(17, '"the" twice')]
    assert only(findings, "heading-case") == [
        (1, "heading has a lowercase word: write Settings"),
        (15, "heading starts with a lowercase letter: write Setting"),
    ]
    assert only(findings, "version-format") == [(17, 'write "version 2.1" instead of "v2.1"')]
    # within: corpus — with one file, the corpus is that file: 1 "e-mail", 1 "email", 1 "Email"
    assert only(findings, "email-spelling") == [
        (17, '"e-mail": the corpus writes `email` 2×, `e-mail` 1×; write "email"')
    ]


def test_pack_disables_rules_of_other_packs_and_config_can_enable_them() -> None:
    text = "# Disks\n\n{cut(How?)}\n\nSimply open the disk settings.\n\n{/cut}\n"
    assert only(house_lint(text), "weasel-word") == []
    assert only(lint(text), "weasel-word") != []
    enabled = house_lint(text, rules={"weasel-word": {"enabled": True}})
    assert only(enabled, "weasel-word") != []


def test_scope_language_and_masking() -> None:
    text = (
        "# Foo\n\nfoo outside entries.\n\n{cut(Is foo here?)}\n\n"
        'Answer with `foo` in code, [a link](/foo), http://x.org/foo, <b title="foo">b</b>.\n\n{/cut}\n'
    )
    assert only(house_lint(text), "no-foo") == []  # scope answer; code, targets, URLs, tags masked
    ru_page = "{cut(Вопрос?)}\n\nSimply open it.\n\n{/cut}\n"
    assert only(lint(ru_page, style={"language": "ru"}), "weasel-word") == []
    assert only(lint(ru_page, style={"language": "en"}), "weasel-word") != []


def test_consistency_within_corpus_counts_every_file(tmp_path: Path) -> None:
    (tmp_path / "faqlint.toml").write_text(
        f'include = ["**/*.md"]\n[style]\npacks = ["{HOUSE.as_posix()}"]\n'
        '[rules]\nselect = ["email-spelling"]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("Send an email. Another email.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Send an e-mail. And an email.\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("E-mail us.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    findings = json.loads(result.out)["findings"]
    assert [(f["path"], f["line"], f["column"]) for f in findings] == [
        ("b.md", 1, 9),
        ("c.md", 1, 1),
    ]
    assert (
        findings[0]["message"]
        == '"e-mail": the corpus writes `email` 3×, `e-mail` 2×; write "email"'
    )
    assert "tag" not in findings[0]
    fixed = run_cli("check", "--fix", cwd=tmp_path)
    assert fixed.code == 0, fixed.err
    assert (tmp_path / "c.md").read_text(encoding="utf-8") == "Email us.\n"


# -- bad packs -----------------------------------------------------------------


def write_pack(tmp_path: Path, name: str, text: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / name).write_text(text, encoding="utf-8")
    return pack


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "kind: existence\nmessage: x\ntokens: [a]\nscopes: [answer]\n",
            "rule.yml:4: unknown key `scopes`",
        ),
        (
            "kind: existence\nmessage: x\n",
            "rule.yml:1: the rule: Value error, a `existence` rule needs",
        ),
        ("kind: spelling\nmessage: x\n", "rule.yml:1: `kind`: Input should be"),
        ("kind: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n", "rule.yml:3: `level`"),
        ("kind: existence\nmessage: [x\n", "rule.yml:3: not valid YAML"),
        (
            "kind: pattern\nmessage: x\npattern: '(unclosed'\n",
            "rule.yml:3: `pattern` is not a valid regular expression",
        ),
    ],
)
def test_pack_errors_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    pack = write_pack(tmp_path, "rule.yml", text)
    with pytest.raises(PackError) as error:
        load_pack(pack)
    assert message in str(error.value)


def test_catastrophic_pattern_is_refused_with_the_rule_named(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path, "slow-rule.yml", "kind: existence\nmessage: x\npatterns: ['(a+)+$']\n"
    )
    started = time.monotonic()
    with pytest.raises(PackError) as error:
        load_pack(pack)
    assert time.monotonic() - started < 5
    text = str(error.value)
    assert (
        "slow-rule.yml:3: rule `slow-rule`: `patterns.0` = '(a+)+$' backtracks catastrophically"
        in text
    )


def test_a_pattern_that_explodes_only_on_the_page_stops_in_time(tmp_path: Path) -> None:
    # `(x|xx)+[yz]` passes the load-time test (its inputs hold no x) but is
    # exponential on a run of x's without a y: the time limit stops it.
    pack = write_pack(tmp_path, "xy.yml", "kind: pattern\nmessage: x\npattern: '(x|xx)+[yz]'\n")
    started = time.monotonic()
    findings = lint(
        "x" * 40 + "\n\nText.\n", style={"packs": [str(pack)]}, rules={"select": ["xy"]}
    )
    assert time.monotonic() - started < 5
    message = (
        f"rule `xy` ({pack / 'xy.yml'}) stopped on this page: its pattern takes too "
        "long here (it backtracks); simplify the pattern"
    )
    assert findings == [("xy", 1, message)]


def test_cli_reports_a_bad_pack_without_traceback(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path, "rule.yml", "kind: existence\nmessage: x\ntokens: [a]\nscopes: [x]\n"
    )
    (tmp_path / "faqlint.toml").write_text(
        f'[style]\npacks = ["{pack.as_posix()}"]\n', encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2
    assert "rule.yml:4: unknown key `scopes`" in result.err and "Traceback" not in result.err
    missing = run_cli("check", "a.md", "--config", "other.toml", cwd=tmp_path)
    assert missing.code == 2
    assert "other.toml: config file not found" in missing.err


def test_missing_pack_and_duplicate_names(tmp_path: Path) -> None:
    (tmp_path / "faqlint.toml").write_text('[style]\npacks = ["nowhere"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "nowhere: style pack not found" in result.err
    pack = write_pack(tmp_path, "empty-answer.yml", "kind: existence\nmessage: x\ntokens: [a]\n")
    (tmp_path / "faqlint.toml").write_text(
        f'[style]\npacks = ["{pack.as_posix()}"]\n', encoding="utf-8"
    )
    clash = run_cli("check", "a.md", cwd=tmp_path)
    assert clash.code == 2 and "a built-in rule is named `empty-answer`" in clash.err


def test_rule_command_documents_a_pack_rule(tmp_path: Path) -> None:
    result = run_cli("rule", "vague-link-text", cwd=tmp_path)
    assert result.code == 0
    assert "vague-link-text (FAQ420)" in result.out
    assert "Kind: `existence`; scope: link-text; languages: en; pack `en`" in result.out
