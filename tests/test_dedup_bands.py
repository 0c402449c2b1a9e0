"""The LSH bands and rows: a copy at Jaccard >= 0.85 is a candidate with >= 99% probability.

A pair at Jaccard ``s`` agrees on one MinHash value with probability ``s``; on a
whole band of ``r`` values with ``s**r``; LSH returns it when any of ``b`` bands
agrees: ``1 - (1 - s**r)**b``. datasketch's own choice at threshold 0.8, 9 bands
of 13 rows, gives 0.69 at 0.85 and 0.63 at 0.84; ours, 21 bands of 6 rows, gives
0.9999 at 0.85 (and 0.998 at the threshold itself). The simulation below checks
the formula on real MinHash signatures.
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from watchfloor.dedup import (
    CANDIDATE_RECALL,
    DEFAULT_THRESHOLD,
    NUM_PERM,
    SCHEME,
    candidate_probability,
    lsh_bands,
)

TRIALS = 200


def test_bands_catch_pairs_at_085_with_99_percent() -> None:
    bands, rows = lsh_bands(DEFAULT_THRESHOLD)
    assert (bands, rows) == (21, 6) and bands * rows <= NUM_PERM
    assert candidate_probability(0.85, bands, rows) >= 0.999
    assert candidate_probability(DEFAULT_THRESHOLD, bands, rows) >= CANDIDATE_RECALL
    assert candidate_probability(0.85, 9, 13) < 0.7  # the bands this replaced
    for threshold in (0.5, 0.7, 0.9):
        assert candidate_probability(threshold, *lsh_bands(threshold)) >= CANDIDATE_RECALL


def signature(items: range, tag: int) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([f"{tag}:{i}".encode() for i in items])
    return minhash


def misses(params: tuple[int, int]) -> int:
    """Of TRIALS pairs at Jaccard 185/215 = 0.86, how many LSH does not return."""
    missed = 0
    for trial in range(TRIALS):
        index = MinHashLSH(num_perm=NUM_PERM, params=params)
        index.insert("stored", signature(range(200), trial))
        copy = signature(range(185), trial)
        copy.update_batch([f"{trial}:new{i}".encode() for i in range(15)])
        missed += "stored" not in index.query(copy)
    return missed


def test_simulated_copies_at_086_are_candidates() -> None:
    expected_old = TRIALS * (1 - candidate_probability(185 / 215, 9, 13))
    assert misses(lsh_bands(DEFAULT_THRESHOLD)) <= 2  # expected 0.01
    assert misses((9, 13)) >= expected_old / 2  # expected about 110: the old bands miss
