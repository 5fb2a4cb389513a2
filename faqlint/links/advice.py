"""Suggestions for broken links: the closest existing page or anchor."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

MIN_SCORE = 60.0


def closest(query: str, choices: Iterable[str], min_score: float = MIN_SCORE) -> str | None:
    """The most similar choice, or None when nothing is similar enough."""
    found = process.extractOne(query, list(choices), scorer=fuzz.ratio, score_cutoff=min_score)
    return found[0] if found else None


def closest_page(url: str, page_urls: Iterable[str], language: str | None) -> str | None:
    """A page URL like `url`, preferring pages in the same language and with
    the same last path segment (the usual error is a wrong folder)."""
    urls = [u for u in page_urls if language is None or u.startswith(f"/{language}/")]
    name = url.rstrip("/").rsplit("/", 1)[-1]
    same_name = [u for u in urls if u.rstrip("/").rsplit("/", 1)[-1] == name]
    if len(same_name) == 1:
        return same_name[0]
    return closest(url, same_name or urls)
