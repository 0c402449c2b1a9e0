"""De-duplication: exact (normalised text hash) and near (MinHash LSH).

A near-duplicate is another copy of an article already stored (syndication,
a re-published wire story, the same page under another URL), never a new
article. The LSH index is rebuilt from the signatures kept in the store, so it
works across runs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from watchfloor.store.base import Fingerprint, Store

NUM_PERM = 128
SCHEME = "affine32"  # datasketch >= 2.0; kept explicit so stored signatures stay comparable
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """Lower-cased words only: what two copies of one text have in common."""
    return " ".join(_WORD.findall(text.lower()))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def minhash_of(text: str) -> MinHash:
    """MinHash over the word shingles of a text."""
    words = _WORD.findall(text.lower())
    span = min(SHINGLE_WORDS, max(1, len(words)))
    shingles = {" ".join(words[i : i + span]).encode("utf-8") for i in range(len(words) - span + 1)}
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    if shingles:
        signature.update_batch(list(shingles))
    return signature


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
    """Finds the stored article a new text duplicates, if any."""

    def __init__(self, store: Store, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("near-duplicate threshold must be in (0, 1]")
        self.store = store
        self.threshold = threshold
        self.index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[int, MinHash] = {}
        for article_id, blob in store.iter_minhashes():
            self.add(article_id, _from_blob(blob))

    def add(self, article_id: int, signature: MinHash) -> None:
        if article_id not in self.signatures:
            self.index.insert(article_id, signature)
            self.signatures[article_id] = signature

    def match(self, fp: Fingerprint, signature: MinHash) -> Match | None:
        exact = self.store.find_by_hash(fp.text_hash)
        if exact is not None:
            return Match(exact, 1.0, exact=True)
        best: Match | None = None
        for candidate in self.index.query(signature):
            similarity = float(signature.jaccard(self.signatures[candidate]))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(int(candidate), similarity, exact=False)
        return best


def _from_blob(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype=np.uint64).copy()
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)
