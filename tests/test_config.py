"""Configuration files: discovery, the contract keys, and errors that say where."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqlint.config import ConfigError, find_config, load_config
from tests.conftest import run_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_contract_keys_are_read(tmp_path: Path) -> None:
    write(
        tmp_path / "faqlint.toml",
        'include = ["docs/**/faq/*.md"]\nexclude = []\ndialects = ["cut"]\n'
        '[site]\nroot = "docs"\nlayout = "folder-index"\n'
        '[rules]\nselect = ["ALL"]\nignore = []\n'
        '[rules.question-format]\nseverity = "error"\nallow-statements = false\n',
    )
    config = load_config(None, tmp_path)
    assert config.include == ("docs/**/faq/*.md",)
    assert config.dialects == ("cut",)
    assert config.site.layout == "folder-index"
    assert config.site_root == (tmp_path / "docs").resolve()
    assert config.rules.rule_tables()["question-format"]["allow-statements"] is False


def test_found_by_walking_up_and_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n[tool.faqlint]\ndialects = ["details"]\n',
    )
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_config(None, deep).dialects == ("details",)
    assert load_config(None, deep).base_dir == tmp_path
    write(tmp_path / "a" / "faqlint.toml", 'dialects = ["cut"]\n')
    assert load_config(None, deep).dialects == ("cut",)


def test_pyproject_without_tool_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None


def test_explicit_config_resolves_paths_from_the_working_directory(tmp_path: Path) -> None:
    config_file = write(tmp_path / "elsewhere" / "my.toml", '[site]\nroot = "docs"\n')
    config = load_config(config_file, tmp_path)
    assert config.site_root == (tmp_path / "docs").resolve()


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("includ = []\n", ["faqlint.toml:1", "unknown key `includ`", "include"]),
        (
            '[site]\nlayout = "pages"\n',
            ["faqlint.toml:2", "site.layout", 'the string "pages"', "folder-index"],
        ),
        ('[rules]\nselect = ["nope"]\n', ["faqlint.toml:2", "`select`", "'nope'", "faqlint rules"]),
        ('[rules.empty-answer]\nseverity = "fatal"\n', ["empty-answer", "'fatal'", "warning"]),
        (
            '[rules.empty-answer]\nplaceholder = ["x"]\n',
            ["empty-answer", "placeholder", "placeholders"],
        ),
        ('[rules.no-such-rule]\nseverity = "info"\n', ["no-such-rule", "faqlint rules"]),
        ('dialects = ["markdown"]\n', ["dialects", "'markdown'", "cut", "details"]),
        (
            '[custom-dialects.x]\nopen = "("\nclose = "y"\n',
            ["custom-dialects.x", "regular expression"],
        ),
        ('[custom-dialects.x]\nopen = "x"\nclose = "y"\n', ["custom-dialects.x", "question"]),
        ("include = [\n", ["faqlint.toml", "not valid TOML"]),
    ],
)
def test_bad_config_exits_2_with_key_value_and_allowed(
    tmp_path: Path, text: str, needles: list[str]
) -> None:
    write(tmp_path / "faqlint.toml", text)
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    for needle in needles:
        assert needle in result.err, (needle, result.err)
    assert "Traceback" not in result.err


def test_missing_explicit_config_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", tmp_path)
