"""De-duplication: exact (normalised text hash) and near (MinHash LSH).

A near-duplicate is another copy of an article already stored (syndication,
a re-published wire story, the same page under another URL), never a new
article. The LSH index lives in the store: each article's band keys are filed
with it (``article_bands``, :mod:`watchfloor.store.sql_bands`), and candidates
are looked up in SQL, so a process keeps nothing per article however long it
runs (the follower, a large ingest) and a new process starts at once. Before,
each process held a ``datasketch`` index of every stored signature, about 9 KB
per article, rebuilt at every start (bench/dedup.py measures both).

Two stages, so that a copy above the threshold is not missed by chance:

1. the band keys give candidates. The bands and rows (:func:`lsh_bands`) are
   chosen so that a pair exactly at the threshold is a candidate with
   probability ``1 - (1 - t**r)**b >= 0.99``: at 0.8, 21 bands of 6 rows give
   0.998, and a pair at 0.85 0.99995 (datasketch's own choice, 9 bands of 13
   rows, gave 0.69 at 0.85);
2. a candidate whose MinHash estimate is within ``ESTIMATE_MARGIN`` of the
   threshold is compared exactly, on the shingles of the stored text: with 128
   hashes the estimate's standard deviation at 0.85 is 0.03, so deciding on the
   estimate alone would drop one such copy in 17 (an estimate under 0.8).

Two ingests running at once: a look-up sees only what was committed when it ran,
so when :meth:`Deduplicator.file_new` files a new article it first checks, under
the store's write lock, the articles stored since that look-up: of two copies of
one article filed at the same moment by two processes, the second is found a
copy of the first.

Words are ``\\w+`` runs; in scripts written without spaces (Chinese, Japanese,
Thai) each character is a word, so their shingles are character 5-grams.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from watchfloor.models import Article
from watchfloor.store.bands import band_keys
from watchfloor.store.base import Fingerprint, Store
from watchfloor.store.search import UNSPACED_CHARS

NUM_PERM = 128
SCHEME = "affine32"  # datasketch >= 2.0; kept explicit so stored signatures stay comparable
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.8
CANDIDATE_RECALL = 0.99  # least probability that a pair at the threshold is an LSH candidate
ESTIMATE_MARGIN = 0.2  # candidates estimated this far below the threshold are checked exactly
_WORD = re.compile(f"[{UNSPACED_CHARS}]|[^\\W{UNSPACED_CHARS}]+")


def normalise_text(text: str) -> str:
    """Lower-cased words only: what two copies of one text have in common."""
    return " ".join(_WORD.findall(text.lower()))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles_of(text: str) -> set[bytes]:
    """The word 5-shingles of a text (all its words, for a text of fewer)."""
    words = _WORD.findall(text.lower())
    span = min(SHINGLE_WORDS, max(1, len(words)))
    return {" ".join(words[i : i + span]).encode("utf-8") for i in range(len(words) - span + 1)}


def minhash_of(text: str) -> MinHash:
    """MinHash over the word shingles of a text."""
    shingles = shingles_of(text)
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    if shingles:
        signature.update_batch(list(shingles))
    return signature


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The probability that LSH with ``bands`` x ``rows`` returns a pair at this Jaccard
    similarity: at least one band of ``rows`` hashes agrees in full."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


@lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` with the most rows (the fewest chance candidates) for which a
    pair at ``threshold`` is a candidate with probability ``CANDIDATE_RECALL``."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if candidate_probability(threshold, bands, rows) >= CANDIDATE_RECALL:
            return bands, rows
    return num_perm, 1


def fingerprint(text: str) -> tuple[Fingerprint, MinHash]:
    signature = minhash_of(text)
    blob = signature.hashvalues.astype(np.uint64).tobytes()
    return Fingerprint(text_hash=text_hash(text), minhash=blob), signature


@dataclass(frozen=True)
class Match:
    article_id: int
    similarity: float
    exact: bool


class Deduplicator:
    """Finds the stored article a new text duplicates, if any. It holds no index: the
    store keeps the band keys of every article (see the module's notes)."""

    def __init__(self, store: Store, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("near-duplicate threshold must be in (0, 1]")
        self.store = store
        self.threshold = threshold
        self.rows = lsh_bands(threshold)[1]
        store.keep_bands(self.rows)  # a new threshold's layout is filled here, once
        self.known = store.newest_article_id()  # the last look-up saw every article to here

    def file_new(self, article: Article, fp: Fingerprint, signature: MinHash) -> int | Match:
        """Store ``article`` as new, unless it copies an article that another ingest
        stored since the last look-up (:meth:`match`): then that match. The check and
        the insert hold the store's write lock together."""

        def copy_of(newer: list[tuple[int, bytes]]) -> Match | None:
            exact = self.store.find_by_hash(fp.text_hash)
            if exact is not None:
                return Match(exact, 1.0, exact=True)
            keys = set(band_keys(fp.minhash, self.rows))
            banded = [r for r in newer if keys.intersection(band_keys(r[1], self.rows))]
            return self._best(signature, article.text, banded)

        filed = self.store.add_article_if_new(article, fp, self.known, copy_of)
        if isinstance(filed, int):
            self.known = filed  # the newer ones were read under the lock: none is missing
        return filed

    def match(self, fp: Fingerprint, signature: MinHash, text: str | None = None) -> Match | None:
        """The stored article this text copies: the same normalised text, else the most
        similar one at or above the threshold. With ``text``, candidates near the
        threshold are compared on their exact shingles, not on the estimate."""
        keys = band_keys(fp.minhash, self.rows)
        # Every article up to ``known`` was looked at; file_new checks the later ones.
        self.known, candidates = self.store.near_candidates(self.rows, keys)
        exact = self.store.find_by_hash(fp.text_hash)
        if exact is not None:
            return Match(exact, 1.0, exact=True)
        return self._best(signature, text, candidates)

    def _best(
        self, signature: MinHash, text: str | None, candidates: list[tuple[int, bytes]]
    ) -> Match | None:
        best: Match | None = None
        shingles = shingles_of(text) if text is not None else None
        mine = signature.hashvalues
        for candidate, blob in candidates:
            theirs = np.frombuffer(blob, dtype=np.uint64)
            if len(theirs) != len(mine):
                continue  # a signature of another size (none is stored today)
            similarity = float(np.count_nonzero(mine == theirs)) / len(mine)  # as datasketch
            if similarity < self.threshold - ESTIMATE_MARGIN:
                continue
            if shingles is not None:
                similarity = self._exact_similarity(candidate, shingles, similarity)
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(candidate, similarity, exact=False)
        return best

    def _exact_similarity(self, article_id: int, shingles: set[bytes], estimate: float) -> float:
        stored = self.store.get_article(article_id)
        return jaccard(shingles, shingles_of(stored.article.text)) if stored else estimate
