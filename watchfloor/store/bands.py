"""The LSH band keys of a MinHash signature, as the store keeps them (migration 0017).

A signature of ``n`` hash values cut into bands of ``rows`` values has ``n // rows``
bands; two signatures are LSH candidates when one band agrees in full. Each band
becomes one signed 64-bit key (BLAKE2b of the band's number and its values), so a
candidate look-up is an indexed ``band_hash IN (...)`` in SQL and the process keeps
nothing per article (:mod:`watchfloor.dedup`). A key collision of two different
bands (about 2**-64) only adds a candidate, which is then compared on its signature.
"""

from __future__ import annotations

import hashlib

VALUE_BYTES = 8  # a signature is stored as little-endian uint64 values (dedup.fingerprint)
DEFAULT_ROWS = 6  # the layout of the default threshold, 0.8: 21 bands of 6 rows (dedup.lsh_bands)


def band_keys(signature: bytes, rows: int) -> list[int]:
    """One key per full band of ``rows`` values of a stored signature."""
    if rows < 1:
        raise ValueError("a band has at least one row")
    width = rows * VALUE_BYTES
    bands = len(signature) // width
    return [_key(n, signature[n * width : (n + 1) * width]) for n in range(bands)]


def _key(number: int, band: bytes) -> int:
    digest = hashlib.blake2b(band, digest_size=8, salt=number.to_bytes(16, "little")).digest()
    return int.from_bytes(digest, "little", signed=True)
