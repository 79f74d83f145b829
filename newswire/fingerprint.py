"""Content fingerprints: an exact content hash, MinHash and SimHash over word 3-shingles.

- :func:`content_hash` identifies the same normalised words (case, punctuation and spacing
  ignored), so the same story re-sent by another feed hashes alike.
- :func:`minhash` (one-permutation hashing, 64 slots) estimates the Jaccard similarity of two
  texts' shingle sets; the deduplicator treats two stories whose signatures differ in at most
  ``NEAR_DUPLICATE_MAX_DISTANCE`` of 64 slots as copies, and finds candidates with 16 LSH bands
  of 4 slots (:func:`lsh_keys`). Threshold and measurements: docs/pipeline-stages.md.
- :func:`simhash` (Charikar, 64 bits) with :func:`hamming` and :func:`bands` (4 x 16 bits: within
  distance 3 two values share a band) is kept for comparison: measured on our fixtures it only
  catches copies with under ~5% of the text changed at distance <= 3, so it is not used.

Hashes are stable across processes and machines (BLAKE2b, little-endian), never Python's
randomised ``hash``.
"""

from __future__ import annotations

import base64
import hashlib
import re

import numpy as np

SIMHASH_MAX_DISTANCE = 3
SHINGLE = 3
BANDS = 4
BAND_BITS = 64 // BANDS
_WORD = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1
_TOKEN_CACHE: dict[bytes, bytes] = {}  # UTF-8 token -> its 8-byte BLAKE2b digest
_TOKEN_CACHE_MAX = 500_000
_LE_U64 = np.dtype("<u8")
# bytes.translate table: every byte but an ASCII word character (letter, digit, "_") -> space
_ASCII_WORDS = bytes(b if b < 0x80 and _WORD.fullmatch(chr(b)) else 0x20 for b in range(256))
# frequent non-ASCII punctuation and spaces of news text (none of them a word character)
_PUNCTUATION = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00a0\u00ab\u00bb"
_MUL1 = np.uint64(0x9E3779B97F4A7C15)
_MUL2 = np.uint64(0xC2B2AE3D27D4EB4F)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SHIFT30, _SHIFT27, _SHIFT31 = np.uint64(30), np.uint64(27), np.uint64(31)


def words(text: str) -> list[str]:
    """Case-folded word tokens (letters, digits, underscore) of a text."""
    return _WORD.findall(text.lower() if text.isascii() else text.casefold())


def word_bytes(text: str) -> list[bytes]:
    """:func:`words` encoded as UTF-8, found faster: common non-ASCII punctuation becomes a
    space, and a text that is then ASCII splits at its non-word bytes without a regex scan."""
    if not text.isascii():
        for char in _PUNCTUATION:  # str.replace of an absent character costs next to nothing
            text = text.replace(char, " ")
        if not text.isascii():  # non-ASCII letters or digits
            return [word.encode("utf-8") for word in words(text)]
    return text.lower().encode("ascii").translate(_ASCII_WORDS).split()


def content_hash(title: str, text: str) -> str:
    """Hex BLAKE2b-128 of the title's and body's words: equal for the same normalised content."""
    return _content_digest(word_bytes(title), word_bytes(text))


def _content_digest(head: list[bytes], body: list[bytes]) -> str:
    data = b" ".join(head) + b"\x1f" + b" ".join(body)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def title_key(title: str) -> str:
    """A compact key of a headline's words; equal for headlines that differ only in case,
    punctuation or spacing."""
    return hashlib.blake2b(b" ".join(word_bytes(title)), digest_size=8).hexdigest()


def _token_digest(token: bytes) -> bytes:
    digest = _TOKEN_CACHE.get(token)
    if digest is None:
        digest = hashlib.blake2b(token, digest_size=8).digest()
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[token] = digest
    return digest


def _token_hashes(tokens: list[bytes]) -> np.ndarray:
    """The little-endian BLAKE2b-64 of each UTF-8 token, from one buffer of cached digests."""
    try:
        data = b"".join(map(_TOKEN_CACHE.__getitem__, tokens))
    except KeyError:
        data = b"".join(map(_token_digest, tokens))
    return np.frombuffer(data, dtype=_LE_U64)


def _encoded(tokens: list[str]) -> list[bytes]:
    return [token.encode("utf-8") for token in tokens]


def _mixed_shingles(hashes: np.ndarray, size: int) -> np.ndarray:
    """One well-mixed 64-bit hash per ``size``-token shingle (with repeats, in text order) of
    at least ``size`` token hashes; call under ``np.errstate(over="ignore")``."""
    span = len(hashes) - size + 1
    combined = hashes[:span].copy()
    for offset in range(1, size):  # order-sensitive combination, wrapping modulo 2**64
        combined *= _MUL1
        combined += hashes[offset : offset + span] * _MUL2
    # splitmix64 finaliser so that every bit of a shingle hash is well mixed
    combined ^= combined >> _SHIFT30
    combined *= _MIX1
    combined ^= combined >> _SHIFT27
    combined *= _MIX2
    combined ^= combined >> _SHIFT31
    return combined


def _shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    """The sorted distinct shingle hashes (the token hashes themselves for fewer tokens)."""
    hashes = _token_hashes(_encoded(tokens))
    if len(tokens) < size:
        return np.unique(hashes)
    return np.unique(_mixed_shingles(hashes, size))


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


def hamming(a: int, b: int) -> int:
    """Number of differing bits of two 64-bit values."""
    return ((a ^ b) & _MASK64).bit_count()


def bands(value: int) -> tuple[int, ...]:
    """The ``BANDS`` 16-bit slices of a SimHash, low bits first."""
    mask = (1 << BAND_BITS) - 1
    return tuple((value >> (BAND_BITS * i)) & mask for i in range(BANDS))


# -- MinHash (one-permutation hashing) ------------------------------------------------------------

MINHASH_SLOTS = 64
LSH_BANDS = 16
LSH_ROWS = MINHASH_SLOTS // LSH_BANDS
MIN_SHINGLES = 8  # fewer shingles than this: too little text for a reliable similarity
NEAR_DUPLICATE_MAX_DISTANCE = 19  # of 64 slots may differ: estimated Jaccard >= 0.70 (measured)
SHORT_TEXT_WORDS = 40
SHORT_TEXT_MAX_DISTANCE = 8
_SLOT_SHIFT = np.uint64(64 - 6)  # the top 6 bits of a shingle hash choose one of 64 slots
_VALUE_MASK = np.uint64((1 << 58) - 1)
_EMPTY = np.iinfo(np.uint64).max
_ALL_EMPTY = np.full(MINHASH_SLOTS, _EMPTY, dtype=np.uint64)
# fixed pseudo-random probe order per slot, for filling empty slots ("densification")
_PROBES = np.random.default_rng(20260526).permuted(
    np.tile(np.arange(MINHASH_SLOTS), (MINHASH_SLOTS, 1)), axis=1
)
_PROBE_ROWS = np.arange(MINHASH_SLOTS)
_SLOT_MARKS = np.arange(1, MINHASH_SLOTS + 1, dtype=np.uint64)  # slot + 1, xor-ed into borrowed values
_SIGNATURE_SHIFT = np.uint64(26)  # a signature slot keeps the top 32 of the 58 value bits


def minhash(tokens: list[str], shingle: int = SHINGLE) -> np.ndarray | None:
    """A 64-slot MinHash signature (uint32) of the set of word shingles, or ``None`` when the
    text has fewer than ``MIN_SHINGLES`` shingles.

    One-permutation hashing: each shingle hash falls into one of 64 slots by its top bits and
    each slot keeps its smallest value; empty slots borrow from the first non-empty slot in a
    fixed probe order. The share of equal slots of two signatures estimates the Jaccard
    similarity of the two shingle sets.
    """
    return _minhash(_encoded(tokens), shingle)


def _minhash(tokens: list[bytes], shingle: int = SHINGLE) -> np.ndarray | None:
    """:func:`minhash` of UTF-8 tokens."""
    if len(tokens) < shingle + MIN_SHINGLES - 1:
        return None
    with np.errstate(over="ignore"):
        shingles = _mixed_shingles(_token_hashes(tokens), shingle)
    slots = _ALL_EMPTY.copy()
    # every hash of a slot shares its top bits, so the slot's smallest value is its minimum hash
    np.minimum.at(slots, (shingles >> _SLOT_SHIFT).astype(np.intp), shingles & _VALUE_MASK)
    empty = slots == _EMPTY
    holes = np.flatnonzero(empty)
    if MINHASH_SLOTS - len(holes) < MIN_SHINGLES and len(np.unique(shingles)) < MIN_SHINGLES:
        return None
    if len(holes):
        # each empty slot's first non-empty slot in its probe order (argmax finds the first True)
        probes = _PROBES[holes]
        donors = probes[_PROBE_ROWS[: len(holes)], np.argmax(~empty[probes], axis=1)]
        slots[holes] = slots[donors] ^ _SLOT_MARKS[holes]  # a borrowed value, marked by slot
    return (slots >> _SIGNATURE_SHIFT).astype(np.uint32)


def slot_distance(a: np.ndarray, b: np.ndarray) -> int:
    """How many of the 64 slots differ (0 = same shingle set, as far as MinHash can tell)."""
    return int(np.count_nonzero(a != b))


def lsh_keys(signature: np.ndarray) -> list[bytes]:
    """One key per LSH band of 4 slots (band number + the band's bytes): signatures that agree
    on all slots of any band share a key (probability 1 - (1 - J**4)**16: 0.99 at J = 0.7)."""
    return lsh_keys_of_bytes(signature.astype("<u4").tobytes())


def lsh_keys_of_bytes(data: bytes) -> list[bytes]:
    """:func:`lsh_keys` of a signature given as its little-endian bytes."""
    return [prefix + data[start:end] for prefix, start, end in _BAND_SPANS]


_BAND_SPANS = [(bytes((band,)), band * LSH_ROWS * 4, (band + 1) * LSH_ROWS * 4) for band in range(LSH_BANDS)]


def encode_signature(signature: np.ndarray | None) -> str:
    """Signature as text for JSON records (base64 of little-endian uint32; "" for none)."""
    if signature is None:
        return ""
    return base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> np.ndarray | None:
    """Inverse of :func:`encode_signature`."""
    if not text:
        return None
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


def fingerprints(title: str, text: str) -> tuple[str, str, int]:
    """``(content_hash, encoded MinHash signature, word count)`` of a story's headline and body,
    tokenising once."""
    head, body = word_bytes(title), word_bytes(text)
    tokens = head + body
    return _content_digest(head, body), encode_signature(_minhash(tokens)), len(tokens)


def near_duplicate_limit(word_count: int, max_distance: int = NEAR_DUPLICATE_MAX_DISTANCE) -> int:
    """The largest slot distance at which a text of ``word_count`` words counts as a copy:
    ``max_distance``, but at most ``SHORT_TEXT_MAX_DISTANCE`` for texts under ``SHORT_TEXT_WORDS``
    words (templated one-liners such as rate or dividend notices differ in a few words only)."""
    if word_count < SHORT_TEXT_WORDS:
        return min(max_distance, SHORT_TEXT_MAX_DISTANCE)
    return max_distance
