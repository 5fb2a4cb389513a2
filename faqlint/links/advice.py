"""Suggestions for broken links: the closest existing page or anchor."""

from __future__ import annotations

from collections.abc import Iterable

MIN_SCORE = 60.0


def closest(query: str, choices: Iterable[str], min_score: float = MIN_SCORE) -> str | None:
    """The most similar choice, or None when nothing is similar enough. Ties
    go to the first in sorted order, so the advice is the same on every run
    (choices may come from a set, whose order changes with the hash seed)."""
    from rapidfuzz import fuzz, process

    ordered = sorted(set(choices))
    found = process.extractOne(query, ordered, scorer=fuzz.ratio, score_cutoff=min_score)
    return found[0] if found else None


class PageFinder:
    """Suggests existing pages for a missing one; indexes the URLs once."""

    def __init__(self, page_urls: Iterable[str]) -> None:
        self._by_name: dict[str, list[str]] = {}
        for url in page_urls:
            self._by_name.setdefault(_last_segment(url), []).append(url)

    def closest(self, url: str, language: str | None) -> str | None:
        """A page URL like `url`: same or similar last path segment (the usual
        mistakes are a wrong folder or a typo in the name), in the same
        language, the closest full path among those."""
        prefix = f"/{language}/" if language else "/"
        name = _last_segment(url)
        similar = closest(name, self._by_name, min_score=75.0)
        if similar is None:
            return None
        candidates = [u for u in self._by_name[similar] if u.startswith(prefix)]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        return closest(url, candidates, min_score=0.0)


def _last_segment(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]
