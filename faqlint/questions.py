"""Questions as comparable keys: exact-duplicate normalisation, canonical FAQ
phrasing, content tokens, and the guards that keep near-duplicate detection
precise.

Two questions are *duplicates* when their normalised text is equal: case,
whitespace, punctuation, quotes, a trailing `?`, Markdown emphasis and code
marks, and `{var(…)}`-style substitutions do not count.

They are *near duplicates* when their content tokens — after the usual FAQ
phrasings are made canonical ("how can I"/"how do I"/"how to" → "how do i",
"is it possible to"/"can I" → "can i", "what's" → "what is") and stop words
are dropped — are nearly the same set. A pair is never a near duplicate when
what differs is an action and its opposite (create/delete, enable/disable,
push/pull, "from Russia"/"not from Russia"), a number, or a product name:
those are different questions written alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_MARKUP = re.compile(r"[*_`~]+|</?[a-zA-Z][^>]*>")
_SUBSTITUTION = re.compile(r"\{(?:var|const)\(([^(){}]*)\)\}")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "ё": "е"})


def normalize(question: str) -> str:
    """The exact-duplicate key of a question."""
    text = _SUBSTITUTION.sub(lambda m: m.group(1), question)
    text = _MARKUP.sub("", text).translate(_QUOTES).lower()
    text = unicodedata.normalize("NFC", text)
    return " ".join(_WORD.findall(text))


# Canonical phrasings, applied to the normalised text (word boundaries are spaces).
_CANONICAL = [
    (r"^how (?:can|could|should|would) (i|we|you|one)\b", r"how do \1"),
    (r"^how to\b", "how do i"),
    (r"^how do we\b", "how do i"),
    (r"^(?:is it possible to|is there a way to|am i able to)\b", "can i"),
    (r"^(?:could|may) (i|we)\b", r"can \1"),
    (r"^can we\b", "can i"),
    (r"^what s\b", "what is"),
    (r"^what's\b", "what is"),
    (r"^where can i find\b", "where is"),
    (r"^как можно\b", "как"),
    (r"^каким образом\b", "как"),
    (r"^(?:есть ли возможность|существует ли возможность|возможно ли)\b", "можно ли"),
    (r"^где можно найти\b", "где найти"),
]
_CANONICAL_RE = [(re.compile(pattern), replacement) for pattern, replacement in _CANONICAL]

STOP_WORDS = frozenset(
    """
    a an the to of for in on at by with from into about and or i we you me my our your
    it its is are was were be been do does did can could should would will how what
    which who where when why this that these those there here there's any some
    и в во на с со к ко по о об от до из за для у же ли ни а но или как что где когда
    почему зачем какой какая какое какие каких ваш ваша ваше ваши мой моя мое мои мне
    меня я мы вы это этот эта эти можно нужно ли есть
    мен біз сіз және мен үшін қалай не қандай ма ме ба бе па пе болады бола ма
    """.split()
)

# Words whose presence on only one side turns a question into its opposite.
POLARITY = frozenset(
    """
    not no without outside except non un
    не нет без вне кроме
    емес жоқ тыс сыртында
    """.split()
)

# Actions and their opposites: two questions that differ by one side of a
# pair are different questions. Stems (prefixes) cover inflected forms.
_OPPOSITES = [
    ("create", "delete", "remove", "make", "add", "drop", "destroy"),
    ("enable", "disable", "turn on", "turn off", "activate", "deactivate"),
    ("push", "pull"),
    ("connect", "disconnect", "attach", "detach", "mount", "unmount"),
    ("start", "stop", "restart", "pause", "resume", "launch", "shut"),
    ("increase", "decrease", "reduce", "extend", "expand", "shrink", "scale"),
    ("upload", "download", "import", "export"),
    ("install", "uninstall"),
    ("open", "close", "lock", "unlock", "block", "unblock"),
    ("allow", "deny", "forbid", "permit", "restrict"),
    ("encrypt", "decrypt"),
    ("subscribe", "unsubscribe"),
    ("backup", "restore"),
    ("созда", "удал", "сдела", "добав", "убра"),
    ("включ", "выключ", "отключ", "подключ", "активир", "деактивир"),
    ("загруз", "скача", "выгруз", "импорт", "экспорт"),
    ("запуст", "останов", "перезапуст"),
    ("увелич", "уменьш", "расшир", "сократ"),
    ("разреш", "запрет", "заблокир", "разблокир"),
    ("восстанов", "резервн"),
    ("құр", "жой", "жаса", "қос", "өшір", "ажырат"),
    ("жүкте", "жүктеп ал"),
]

_NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class QuestionKey:
    """What the similarity rules compare: derived once per question."""

    text: str  # the question as written (for messages)
    normalized: str  # exact-duplicate key
    tokens: frozenset[str]  # canonical content tokens
    products: frozenset[str]  # tokens that look like names (VPS, PostgreSQL)


def canonical(normalized: str) -> str:
    text = normalized
    for pattern, replacement in _CANONICAL_RE:
        text = pattern.sub(replacement, text)
    return text


def key(question: str) -> QuestionKey:
    normalized = normalize(question)
    words = canonical(normalized).split()
    tokens = frozenset(w for w in words if w not in STOP_WORDS or w in POLARITY)
    return QuestionKey(question, normalized, tokens, _products(question))


def _products(question: str) -> frozenset[str]:
    """Latin words written with capitals inside the sentence: product names,
    abbreviations (VM, CDN, PostgreSQL), compared case-insensitively."""
    words = _WORD.findall(_SUBSTITUTION.sub(lambda m: m.group(1), question))
    return frozenset(
        word.lower()
        for index, word in enumerate(words)
        if word.isascii() and any(c.isupper() for c in word[1 if index == 0 else 0 :])
    )


def why_different(a: QuestionKey, b: QuestionKey) -> str | None:
    """A precision guard: the reason two similar-looking questions differ."""
    only_a, only_b = a.tokens - b.tokens, b.tokens - a.tokens
    differing = only_a | only_b
    if differing & POLARITY:
        return "one is the negation of the other"
    if any(_NUMBER.search(token) for token in differing):
        return "they differ in a number"
    if (a.products ^ b.products) & differing:
        return "they name different products"
    for group in _OPPOSITES:
        side_a = {stem for stem in group if any(t.startswith(stem) for t in only_a)}
        side_b = {stem for stem in group if any(t.startswith(stem) for t in only_b)}
        if side_a and side_b and side_a != side_b:
            return "they ask about opposite actions"
        if (side_a or side_b) and not (side_a and side_b):
            stem = next(iter(side_a or side_b))
            other = b.tokens if side_a else a.tokens
            if any(t.startswith(s) for s in group if s != stem for t in other):
                return "they ask about opposite actions"
    return None


class Weights:
    """Token weights (inverse document frequency) over a set of questions:
    a word every question uses says little, a rare one says a lot."""

    def __init__(self, keys: Iterable[QuestionKey]) -> None:
        self._frequency: dict[str, int] = {}
        self._count = 0
        for item in keys:
            self._count += 1
            for token in item.tokens:
                self._frequency[token] = self._frequency.get(token, 0) + 1

    def __call__(self, token: str) -> float:
        return math.log((self._count + 1) / self._frequency.get(token, 1))


def similarity(a: QuestionKey, b: QuestionKey, weight: Weights) -> float:
    """0–100: weighted Jaccard similarity of the content tokens. Extra words on
    one side count against it in proportion to how telling they are, so "How
    do I create a database?" is not close to "…a database replica?"."""
    union = a.tokens | b.tokens
    if not union or not a.tokens or not b.tokens:
        return 0.0
    total = sum(weight(token) for token in union)
    if total <= 0:
        return 100.0 if a.tokens == b.tokens else 0.0
    return 100.0 * sum(weight(token) for token in a.tokens & b.tokens) / total


def candidate_pairs(keys: list[QuestionKey], overlap: float = 0.6) -> Iterable[tuple[int, int]]:
    """Pairs that may be similar, found through an inverted index over
    content tokens instead of comparing all pairs: a pair is a candidate when
    it shares at least `overlap` of the smaller question's tokens."""
    postings: dict[str, list[int]] = {}
    for position, item in enumerate(keys):
        for token in item.tokens:
            postings.setdefault(token, []).append(position)
    shared: dict[tuple[int, int], int] = {}
    for positions in postings.values():
        for i, first in enumerate(positions):
            for second in positions[i + 1 :]:
                pair = (first, second)
                shared[pair] = shared.get(pair, 0) + 1
    for (first, second), count in shared.items():
        smaller = min(len(keys[first].tokens), len(keys[second].tokens))
        if count >= overlap * smaller:
            yield first, second
