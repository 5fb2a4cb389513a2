"""Duplicate and near-duplicate questions: normalisation, canonical phrasing,
precision guards, and the whole-site view from a partial run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faqlint.language.questions import (
    Weights,
    candidate_pairs,
    key,
    normalize,
    similarity,
    why_different,
)
from tests.conftest import run_cli
from tests.helpers import lint


def cut(question: str, answer: str = "See the console.") -> str:
    return f"{{cut({question})}}\n\n{answer}\n\n{{/cut}}\n\n"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("How do I delete my account?", "how do i delete my account"),
        ("How do I *delete* my `account`?", "How do I delete my account?"),
        ("What’s «VK Cloud»?", 'What\'s "VK Cloud"?'),
        ("Как  удалить  учётную запись?", "Как удалить учетную запись"),
        ("Where is {var(cloud)} hosted?", "Where is cloud hosted?"),
        ("<b>Can I</b> pay by card?", "Can I pay by card?"),
    ],
)
def test_normalisation_makes_these_equal(first: str, second: str) -> None:
    assert normalize(first) == normalize(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("How can I delete my account?", "How do I delete my account?"),
        ("How to delete an account?", "How do I delete my account?"),
        ("Is it possible to pay by card?", "Can I pay by card?"),
        ("What's a project?", "What is a project?"),
        ("Как можно удалить бакет?", "Как удалить бакет?"),
        ("Есть ли возможность удалить бакет?", "Можно ли удалить бакет?"),
    ],
)
def test_canonical_phrasings_give_the_same_content_words(first: str, second: str) -> None:
    assert key(first).tokens == key(second).tokens


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("How do I create a backup?", "How do I delete a backup?", "opposite actions"),
        ("How do I enable 2FA?", "How do I disable 2FA?", "opposite actions"),
        ("What are the pros of the PULL model?", "What are the pros of the PUSH model?", "products"),
        ("How do companies from Russia pay?", "How do companies not from Russia pay?", "negation"),
        ("The CDN points of presence in Russia", "The CDN points of presence outside Russia", "negation"),
        ("Can I attach 16 disks?", "Can I attach 24 disks?", "number"),
        ("How does VM scaling work?", "How does DB scaling work?", "products"),
        ("Как создать резервную копию?", "Как удалить резервную копию?", "opposite actions"),
        ("Как включить мониторинг?", "Как отключить мониторинг?", "opposite actions"),
        ("Как загрузить объект в бакет?", "Как скачать объект из бакета?", "opposite actions"),
        ("Точки присутствия CDN в РФ", "Точки присутствия CDN вне РФ", "negation"),
        ("Біз РФ компаниясымыз, қалай төлеуге болады?", "Біз РФ-дан тыс компаниямыз, қалай төлеуге болады?", "negation"),
        ("Бакетті қалай құруға болады?", "Бакетті қалай жоюға болады?", "opposite actions"),
    ],
)  # fmt: skip
def test_precision_guards(first: str, second: str, reason: str) -> None:
    why = why_different(key(first), key(second))
    assert why is not None and reason.split(maxsplit=1)[0] in why.replace("a number", "number")


def test_similarity_weighs_telling_words() -> None:
    keys = [key(q) for q in (
        "How do I delete my account?", "How can I delete an account?",
        "How do I create a database?", "How do I create a database replica?",
        "How do I create a bucket?", "How do I create a network?",
    )]  # fmt: skip
    weight = Weights(keys)
    assert similarity(keys[0], keys[1], weight) == 100.0
    assert similarity(keys[2], keys[3], weight) < 85.0
    assert (0, 1) in set(candidate_pairs(keys, weight, 85.0))


def test_candidates_are_never_all_pairs_and_miss_nothing() -> None:
    """Prefix filtering returns every pair at or above the threshold and
    compares far fewer pairs than all of them."""
    import itertools
    import random

    rng = random.Random(3)
    words = [f"w{i}" for i in range(300)]
    questions = [" ".join(rng.sample(words, rng.randint(2, 6))) + "?" for _ in range(700)]
    questions += [q.replace("?", " w1?") for q in questions[:100]]  # near duplicates
    keys = [key(q) for q in questions]
    weight = Weights(keys)
    candidates = set(candidate_pairs(keys, weight, 80.0))
    expected = {
        (i, j)
        for i, j in itertools.combinations(range(len(keys)), 2)
        if similarity(keys[i], keys[j], weight) >= 80.0
    }
    assert expected, "the sample should have similar pairs"
    assert expected <= candidates
    assert len(candidates) < len(keys) * (len(keys) - 1) // 2 / 20


def test_rules_on_one_page() -> None:
    text = (
        cut("How do I delete my account?", "Ask support.")
        + cut("How do I delete my account?", "Ask support.")
        + cut("How can I delete an account?", "Use the settings page.")
        + cut("How do I create a backup?")
        + cut("How do I delete a backup?")
        + cut("Where are the invoices?", "In **Billing**.")
        + cut("Where are the invoices", "Under Documents.")
    )
    rules = {"duplicate-question", "similar-question"}
    found = [(rule, line, message) for rule, line, message in lint(text) if rule in rules]
    assert found == [
        ("duplicate-question", 7, "“How do I delete my account?” is already asked (earlier on this page), with the same answer"),
        ("similar-question", 13, "“How can I delete an account?” is nearly the same question as “How do I delete my account?” (on this page; 100% alike)"),
        ("duplicate-question", 37, "“Where are the invoices” is already asked (earlier on this page), and the two answers disagree"),
    ]  # fmt: skip


def test_statement_titles_on_instruction_pages_are_not_questions() -> None:
    text = cut("Example", "```\nls\n```") + cut("Example", "```\npwd\n```")
    assert [rule for rule, _, _ in lint(text) if rule == "duplicate-question"] == []


def test_two_file_run_sees_the_whole_site(tmp_path: Path) -> None:
    """Pre-commit passes two files; their questions are still compared with
    every question under `include`, from the parse cache on later runs."""
    (tmp_path / "faqlint.toml").write_text('include = ["docs/**/*.md"]\n', encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "billing.md").write_text(
        cut("How do I pay by card?") + cut("Where are invoices?"), encoding="utf-8"
    )
    (docs / "account.md").write_text(cut("How do I delete my account?"), encoding="utf-8")
    (docs / "new.md").write_text(
        cut("How do I pay by card?", "Other answer.") + cut("Can I delete an account?"),
        encoding="utf-8",
    )
    (docs / "other.md").write_text(cut("Is there a mobile app?"), encoding="utf-8")
    for _ in range(2):  # the second run reads the rest of the site from the cache
        result = run_cli("check", "--format", "json", "docs/new.md", "docs/other.md", cwd=tmp_path)
        found = [
            (f["rule"], f["path"], f["line"], f["related"][0]["path"])
            for f in json.loads(result.out)["findings"]
        ]
        assert found == [
            ("duplicate-question", "docs/new.md", 1, "docs/billing.md"),
            ("similar-question", "docs/new.md", 7, "docs/account.md"),
        ]
    assert (tmp_path / ".faqlint_cache").is_dir()
