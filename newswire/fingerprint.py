"""Content fingerprints: an exact content hash and a 64-bit SimHash over word shingles.

- :func:`content_hash` identifies the same normalised words (case, punctuation and spacing
  ignored), so the same story re-sent by another feed hashes alike.
- :func:`simhash` (Charikar) maps similar texts to 64-bit values that differ in few bits; two
  stories whose SimHash differ in at most ``NEAR_DUPLICATE_MAX_DISTANCE`` bits are treated as copies
  (the threshold and how it was measured are in docs/pipeline-stages.md).
- :func:`bands` splits a SimHash into 4 bands of 16 bits: two values within Hamming distance 3
  share at least one band exactly (pigeonhole), which makes candidate lookup a dict access.

Hashes are stable across processes and machines (BLAKE2b, little-endian), never Python's
randomised ``hash``.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

NEAR_DUPLICATE_MAX_DISTANCE = 3
SHINGLE = 3
BANDS = 4
BAND_BITS = 64 // BANDS
_WORD = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1
_TOKEN_CACHE: dict[str, int] = {}
_TOKEN_CACHE_MAX = 500_000
_MUL1 = np.uint64(0x9E3779B97F4A7C15)
_MUL2 = np.uint64(0xC2B2AE3D27D4EB4F)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def words(text: str) -> list[str]:
    """Case-folded word tokens (letters, digits, underscore) of a text."""
    return _WORD.findall(text.casefold())


def content_hash(title: str, text: str) -> str:
    """Hex BLAKE2b-128 of the title's and body's words: equal for the same normalised content."""
    data = " ".join(words(title)) + "\x1f" + " ".join(words(text))
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()


def short_hash(text: str) -> str:
    """Hex BLAKE2b-64 of a string (compact keys for titles in the dedup state)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def title_key(title: str) -> str:
    """A compact key of a headline's words; equal for headlines that differ only in case,
    punctuation or spacing."""
    return short_hash(" ".join(words(title)))


def _token_hash(token: str) -> int:
    value = _TOKEN_CACHE.get(token)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[token] = value
    return value


def _shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    cached = _TOKEN_CACHE.get
    values = [cached(t) or _token_hash(t) for t in tokens]
    hashes = np.array(values, dtype=np.uint64)
    if len(tokens) < size:
        return np.unique(hashes)
    span = len(tokens) - size + 1
    combined = hashes[:span].copy()
    for offset in range(1, size):  # order-sensitive combination, wrapping modulo 2**64
        combined = combined * _MUL1 + hashes[offset : offset + span] * _MUL2
    # splitmix64 finaliser so that every bit of a shingle hash is well mixed
    combined ^= combined >> np.uint64(30)
    combined *= _MIX1
    combined ^= combined >> np.uint64(27)
    combined *= _MIX2
    combined ^= combined >> np.uint64(31)
    return np.unique(combined)


def simhash(tokens: list[str], shingle: int = SHINGLE) -> int:
    """64-bit SimHash of the set of ``shingle``-word shingles of ``tokens`` (0 for no tokens)."""
    if not tokens:
        return 0
    with np.errstate(over="ignore"):
        shingles = _shingle_hashes(tokens, shingle)
    bits = np.unpackbits(shingles.astype("<u8").view(np.uint8), bitorder="little").reshape(-1, 64)
    ones = bits.sum(axis=0, dtype=np.int64)
    weights = (ones * 2 > len(shingles)).astype(np.uint8)
    return int.from_bytes(np.packbits(weights, bitorder="little").tobytes(), "little")


def text_simhash(title: str, text: str) -> int:
    """SimHash of a story's headline and body words."""
    return simhash(words(title) + words(text))


def fingerprints(title: str, text: str) -> tuple[str, int]:
    """``(content_hash(title, text), text_simhash(title, text))``, tokenising once."""
    head, body = words(title), words(text)
    data = " ".join(head) + "\x1f" + " ".join(body)
    digest = hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()
    return digest, simhash(head + body)


def hamming(a: int, b: int) -> int:
    """Number of differing bits of two 64-bit values."""
    return ((a ^ b) & _MASK64).bit_count()


def bands(value: int) -> tuple[int, ...]:
    """The ``BANDS`` 16-bit slices of a SimHash, low bits first."""
    mask = (1 << BAND_BITS) - 1
    return tuple((value >> (BAND_BITS * i)) & mask for i in range(BANDS))
