"""Semantic similarity of questions (`similarity = "semantic"`): not built yet."""

from __future__ import annotations

from collections.abc import Iterator

from faqlint.errors import FaqlintError
from faqlint.questions import QuestionKey


def semantic_pairs(keys: list[QuestionKey], threshold: float) -> Iterator[tuple[int, int, float]]:
    raise FaqlintError("semantic similarity is not available in this version")
