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
from functools import lru_cache
from typing import Any

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
    don't doesn't didn't can't cannot won't isn't aren't wasn't weren't
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
    ("құр", "жой", "жою", "жаса", "қос", "өшір", "ажырат"),
    ("жүкте", "жүктеп ал"),
]

_NUMBER = re.compile(r"\d")
_PURE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class QuestionKey:
    """What the similarity rules compare: derived once per question."""

    text: str  # the question as written (for messages)
    normalized: str  # exact-duplicate key
    tokens: frozenset[str]  # canonical content words, stemmed: what similarity compares
    words: frozenset[str]  # the same words unstemmed: what the guards read
    products: frozenset[str]  # words that look like names (VPS, PostgreSQL)


def canonical(normalized: str) -> str:
    text = normalized
    for pattern, replacement in _CANONICAL_RE:
        text = pattern.sub(replacement, text)
    return text


def key(question: str, language: str | None = None) -> QuestionKey:
    normalized = normalize(question)
    words = frozenset(
        w for w in canonical(normalized).split() if w not in STOP_WORDS or w in POLARITY
    )
    tokens = frozenset(_stem(word, language) for word in words)
    return QuestionKey(question, normalized, tokens, words, _products(question))


_CYRILLIC = re.compile("[а-яё]")
_KAZAKH = re.compile("[әғқңөұүһі]")


@lru_cache(maxsize=65536)
def _stem(word: str, language: str | None) -> str:
    """Snowball stems (PyStemmer, a C extension): "accounts"/"account",
    «учетной»/«учетную» compare equal. Kazakh has no Snowball stemmer and is
    compared as written."""
    if word in POLARITY or _NUMBER.search(word):
        return word
    if _CYRILLIC.search(word):
        if language in ("kz", "kk") or _KAZAKH.search(word):
            return word
        return _stemmer("russian").stemWord(word)  # type: ignore[no-any-return]
    if word.isascii():
        return _stemmer("english").stemWord(word)  # type: ignore[no-any-return]
    return word


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

    return Stemmer.Stemmer(language)


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
    only_a, only_b = a.words - b.words, b.words - a.words
    differing = only_a | only_b
    if differing & POLARITY:
        return "one is the negation of the other"
    if any(_PURE_NUMBER.fullmatch(word) for word in differing):
        return "they differ in a number"
    if (a.products - b.products) & only_a and (b.products - a.products) & only_b:
        return "they name different products"
    if _opposite_actions(only_a, b.words) or _opposite_actions(only_b, a.words):
        return "they ask about opposite actions"
    return None


def _opposite_actions(only_here: frozenset[str], there: frozenset[str]) -> bool:
    """An action word only on this side whose opposite is on the other side."""
    mine = {action for word in only_here for action in _actions(word)}
    if not mine:
        return False
    theirs = {action for word in there for action in _actions(word)}
    return any(g == group and s != stem for group, stem in mine for g, s in theirs)


@lru_cache(maxsize=65536)
def _actions(word: str) -> frozenset[tuple[int, str]]:
    """The (group, stem) pairs of `_OPPOSITES` a word is a form of."""
    return frozenset(
        (index, stem)
        for index, group in enumerate(_OPPOSITES)
        for stem in group
        if word.startswith(stem)
    )


class Weights:
    """Token weights (inverse document frequency) over a set of questions:
    a word every question uses says little, a rare one says a lot."""

    def __init__(self, keys: Iterable[QuestionKey]) -> None:
        frequency: dict[str, int] = {}
        count = 0
        for item in keys:
            count += 1
            for token in item.tokens:
                frequency[token] = frequency.get(token, 0) + 1
        self._weights = {token: math.log((count + 1) / df) for token, df in frequency.items()}
        self._unknown = math.log(count + 1) if count else 1.0

    def __call__(self, token: str) -> float:
        return self._weights.get(token, self._unknown)


def similarity(a: QuestionKey, b: QuestionKey, weight: Weights) -> float:
    """0–100: weighted Jaccard similarity of the content tokens. Extra words on
    one side count against it in proportion to how telling they are, so "How
    do I create a database?" is not close to "…a database replica?"."""
    if not a.tokens or not b.tokens:
        return 0.0
    union = a.tokens | b.tokens
    total = sum(weight(token) for token in union)
    if total <= 0:
        return 100.0 if a.tokens == b.tokens else 0.0
    return 100.0 * sum(weight(token) for token in a.tokens & b.tokens) / total


def candidate_pairs(
    keys: list[QuestionKey], weight: Weights, threshold: float
) -> Iterable[tuple[int, int]]:
    """Pairs that may reach `threshold` (0–100) weighted Jaccard similarity,
    without comparing all pairs: prefix filtering over an inverted index.

    Each question's tokens are taken rarest first; its *prefix* is the shortest
    run of them after which the remaining weight is below `threshold` of its
    total. Two questions that similar must share a token in both prefixes
    (otherwise their common weight would lie outside one prefix and be too
    small), so only questions that meet through a prefix token are paired, and
    prefixes hold the rare tokens, whose posting lists are short.
    """
    share = threshold / 100.0
    index: dict[str, list[int]] = {}
    seen: set[tuple[int, int]] = set()
    for position, item in enumerate(keys):
        tokens = sorted(item.tokens, key=lambda token: (-weight(token), token))
        total = sum(weight(token) for token in tokens)
        remaining = total
        for token in tokens:
            if remaining < share * total - 1e-9:
                break
            remaining -= weight(token)
            for other in index.get(token, ()):
                if (other, position) not in seen:
                    seen.add((other, position))
                    yield other, position
            index.setdefault(token, []).append(position)


# English questions invert: an auxiliary first ("Can I…", "Is there…") or
# right after the question word ("How do I…", "What ports are…"). "How the
# service works", "How to…" and "When I change my password, I get an error"
# are titles, not questions. A negated auxiliary ("Can't register…") or
# "Do not…" starts a statement.
_EN_AUX = (
    r"(?:do|does|did|can|could|should|would|will|is|are|was|were|may|might|must|"
    r"shall|have|has|am)"
)
_HOW_MUCH = "much|many|long|often|quickly|soon|fast|far|big|large|old|well|exactly"
_EN_QUESTION = re.compile(
    rf"^(?:{_EN_AUX}\s+(?!not\b)"
    rf"|how(?:\s+(?:{_HOW_MUCH}))?\s+{_EN_AUX}(?:n't)?\b"
    rf"|(?:what|which|whose)(?:\s+[\w'-]+)?\s+{_EN_AUX}(?:n't)?\b"
    rf"|(?:why|when|where|who|whom)\s+{_EN_AUX}(?:n't)?\b"
    r"|what's\s|what\s+(?:happens|if)\b|why\s+not\b)",
    re.I,
)
# Russian and Kazakh mark questions with particles, which are unambiguous;
# a question word alone ("Как задать время…") is also how instruction titles
# start, so it only counts on pages where most entries are questions.
_RU_PARTICLE = re.compile(r"\S\s+ли(?:\s|$)", re.I)
_RU_WHY = re.compile(r"^(?:почему|зачем|отчего)(?:\s|[?!.]*$)", re.I)
_KZ_PARTICLE = re.compile(r"\s(?:ма|ме|ба|бе|па|пе)(?:\s|$)", re.I)
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_WEAK_WORDS = (
    # Russian
    "как", "какой", "какая", "какое", "какие", "каких", "каким", "какую", "что",
    "чем", "чего", "когда", "где", "куда", "откуда", "кто", "кому", "кого",
    "сколько", "чей", "чья", "чьи", "каков", "какова", "каковы",
    # Kazakh ("не", "what", is Russian "not": only in Kazakh text)
    "қалай", "неге", "қашан", "қайда", "қандай", "кім", "қанша", "қай",
    "неліктен", "нені", "неше",
)  # fmt: skip
_WEAK_START = re.compile(r"^(?:" + "|".join(_WEAK_WORDS) + r")\s", re.I)
_KZ_WHAT = re.compile(r"^не\s", re.I)


def reads_as_question(question: str, language: str | None = None, faq_page: bool = False) -> bool:
    """Whether a title is phrased as a question.

    `faq_page`: most entries on the page end with `?`, so a title that starts
    with a question word is a question even without a particle.
    """
    text = question.strip()
    kazakh = language == "kz" or bool(_KAZAKH_LETTERS.search(text))
    if _EN_QUESTION.match(text) or _RU_PARTICLE.search(text) or _RU_WHY.match(text):
        return True
    if kazakh and _KZ_PARTICLE.search(text):
        return True
    return faq_page and bool(_WEAK_START.match(text) or (kazakh and _KZ_WHAT.match(text)))
