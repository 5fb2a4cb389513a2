"""Suggestions for broken links: the closest existing page or anchor."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

MIN_SCORE = 60.0


def closest(query: str, choices: Iterable[str], min_score: float = MIN_SCORE) -> str | None:
    """The most similar choice, or None when nothing is similar enough."""
    found = process.extractOne(query, list(choices), scorer=fuzz.ratio, score_cutoff=min_score)
    return found[0] if found else None


class PageFinder:
    """Suggests existing pages for a missing one; indexes the URLs once."""

    def __init__(self, page_urls: Iterable[str]) -> None:
        self._by_language: dict[str, list[str]] = {}
        self._by_name: dict[str, list[str]] = {}
        for url in page_urls:
            language = url.lstrip("/").split("/", 1)[0]
            self._by_language.setdefault(language, []).append(url)
            self._by_name.setdefault(_last_segment(url), []).append(url)

    def closest(self, url: str, language: str | None) -> str | None:
        """A page URL like `url`, preferring pages in the same language and with
        the same last path segment (the usual error is a wrong folder)."""
        prefix = f"/{language}/" if language else "/"
        same_name = [u for u in self._by_name.get(_last_segment(url), []) if u.startswith(prefix)]
        if len(same_name) == 1:
            return same_name[0]
        if same_name:
            return closest(url, same_name)
        if language:
            pool = self._by_language.get(language, [])
        else:
            pool = [url for urls in self._by_language.values() for url in urls]
        return closest(url, pool)


def _last_segment(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]
