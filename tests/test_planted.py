"""A broken page link and a broken anchor planted inside an FAQ entry of
each shared corpus are reported, with the corpus's recorded config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.helpers import corpus_copy

EXAMPLES = Path(__file__).parent.parent / "examples"
CORPORA = sorted(p.name for p in EXAMPLES.iterdir() if (p / "faqlint.toml").is_file())
PLANTED = "See [gone](/faqlint-planted-missing-page) and [gone too](#faqlint-planted-anchor)."


def first_entry(corpus: Path, config: Path) -> tuple[str, int]:
    """The page and the first answer line of the first entry with an answer,
    on a page of its own (a fragment's links resolve where it is included)."""
    out = run_cli("entries", "--config", str(config), "--format", "json", cwd=corpus).out
    for document in json.loads(out)["documents"]:
        if any(part.startswith("_") for part in document["path"].split("/")):
            continue
        for entry in document["entries"]:
            span = entry["answer_span"]
            if span and span["end_line"] > span["line"]:
                return document["path"], span["line"] + 1
    raise AssertionError("no entry with an answer")


@pytest.mark.parametrize("name", CORPORA)
def test_a_planted_broken_link_and_anchor_are_reported(name: str, tmp_path: Path) -> None:
    corpus, config = corpus_copy(name, tmp_path)
    page, line = first_entry(corpus, config)
    lines = (corpus / page).read_text(encoding="utf-8").splitlines(keepends=True)
    body = next((text for text in lines[line - 1 :] if text.strip()), "")
    indent = body[: len(body) - len(body.lstrip(" \t"))]
    lines.insert(line - 1, f"{indent}{PLANTED}\n{indent}\n")
    (corpus / page).write_text("".join(lines), encoding="utf-8")
    result = run_cli("check", "--config", str(config), "--format", "json", page, cwd=corpus)
    found = {
        (f["rule"], f["line"])
        for f in json.loads(result.out)["findings"]
        if "faqlint-planted" in f["message"]
    }
    assert found == {("broken-link", line), ("broken-anchor", line)}, result.out[-3000:]
