"""Content hash, MinHash signatures and LSH keys, SimHash and Hamming distance."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys

import numpy as np
import pytest

from newswire import fingerprint as fp
from tests.pipeline.stories import COPY_PARAGRAPHS, EXPORT_PARAGRAPHS, TARIFF_PARAGRAPHS

TARIFF = " ".join(TARIFF_PARAGRAPHS)


def signature(text: str) -> np.ndarray:
    value = fp.minhash(fp.words(text))
    assert value is not None
    return value


def test_content_hash_ignores_case_punctuation_and_spacing() -> None:
    base = fp.content_hash("Tariffs Rise", "Duties on steel, up.")
    assert base == fp.content_hash("tariffs rise", "duties  on steel up")
    assert base != fp.content_hash("Tariffs rise", "Duties on iron up")
    # the headline counts: a headline-only item is not the same as another one
    assert fp.content_hash("Port reopens", "") != fp.content_hash("Port closes", "")


@pytest.mark.parametrize(
    "text",
    [
        "Tariffs rise 25% on U.S. steel_imports\tand\nmore",
        "\u201cJapan\u2019s exports\u201d \u2014 up 3.5%\u2026 \u00abquoted\u00bb\u00a0here",
        "Z\u00fcrich Stra\u00dfe \u0130stanbul \u039f\u0394\u039f\u03a3 cafe\u0301 \u2116 \u0663",
        "",
    ],
)
def test_word_bytes_are_the_words_encoded(text: str) -> None:
    assert fp.word_bytes(text) == [word.encode() for word in fp.words(text)]


def test_punctuation_shortcut_only_blanks_non_word_characters() -> None:
    # word_bytes turns these into spaces before case folding: they must be no word characters
    # and fold to themselves
    for char in fp._PUNCTUATION:
        assert fp.words(char) == [] and char.casefold() == char


def test_title_key_equal_for_same_words() -> None:
    assert fp.title_key("Japan, U.S. set talks") == fp.title_key("japan u s set talks")
    assert fp.title_key("Japan, U.S. set talks") != fp.title_key("Japan, U.S. end talks")


def test_minhash_distance_small_for_copies_large_for_other_stories() -> None:
    original = signature(TARIFF)
    assert fp.slot_distance(original, signature(TARIFF)) == 0
    copy = fp.slot_distance(original, signature(" ".join(COPY_PARAGRAPHS)))
    other = fp.slot_distance(original, signature(" ".join(EXPORT_PARAGRAPHS)))
    assert copy <= fp.NEAR_DUPLICATE_MAX_DISTANCE < other


def test_minhash_estimates_jaccard_similarity() -> None:
    rnd = random.Random(5)
    vocabulary = [f"w{i}" for i in range(20_000)]
    base = [rnd.choice(vocabulary) for _ in range(600)]
    changed = base[:450] + [rnd.choice(vocabulary) for _ in range(150)]  # a quarter replaced
    a, b = fp.minhash(base), fp.minhash(changed)
    assert a is not None and b is not None
    sa = {tuple(base[i : i + 3]) for i in range(598)}
    sb = {tuple(changed[i : i + 3]) for i in range(598)}
    exact = len(sa & sb) / len(sa | sb)
    estimate = 1 - fp.slot_distance(a, b) / fp.MINHASH_SLOTS
    assert abs(estimate - exact) < 0.15  # 64 slots: standard error about 0.06


def test_minhash_of_too_little_text_is_none() -> None:
    assert fp.minhash([]) is None
    assert fp.minhash(["port", "reopens", "after", "strike"]) is None
    assert fp.encode_signature(None) == ""
    assert fp.decode_signature("") is None


def test_minhash_needs_eight_distinct_shingles_not_just_enough_words() -> None:
    assert fp.minhash(fp.words("the port " * 7)) is None  # 14 words, 2 distinct shingles
    assert fp.minhash(fp.words("a b c d e f g h a b c d e f g")) is not None  # 8 distinct
    assert fp.minhash(fp.words("a b c d e f g a b c d e f g")) is None  # 7 distinct


def test_minhash_slot_values_never_change() -> None:
    # persisted dedup state (dedup/story/* records) holds signatures: a new implementation must
    # give the very same slot values, densified short texts included, or STATE_FORMAT must change
    short = "Port of Rotterdam reopens after a two day strike by crane operators and pilots"
    encoded = fp.encode_signature(signature(TARIFF)) + fp.encode_signature(signature(short))
    assert hashlib.blake2b(encoded.encode(), digest_size=8).hexdigest() == "2fd60976ae31a145"


def test_signature_encoding_round_trips() -> None:
    value = signature(TARIFF)
    decoded = fp.decode_signature(fp.encode_signature(value))
    assert decoded is not None and np.array_equal(decoded, value)


def test_signatures_are_stable_across_processes() -> None:
    # Python's str hash is randomised per process; fingerprints must not depend on it
    code = (
        "from newswire import fingerprint as fp; import sys; "
        "print(fp.fingerprints('Title', sys.argv[1]))"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code, TARIFF], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": str(seed)}).stdout
        for seed in (1, 2)
    }
    assert len(outputs) == 1
    assert outputs.pop().strip() == repr(fp.fingerprints("Title", TARIFF))


def test_lsh_keys_shared_by_similar_signatures() -> None:
    a = signature(TARIFF)
    b = signature(" ".join(COPY_PARAGRAPHS))
    c = signature(" ".join(EXPORT_PARAGRAPHS))
    assert len(fp.lsh_keys(a)) == fp.LSH_BANDS
    assert set(fp.lsh_keys(a)) & set(fp.lsh_keys(b))
    assert not set(fp.lsh_keys(a)) & set(fp.lsh_keys(c))


def test_near_duplicate_limit_is_stricter_for_short_texts() -> None:
    assert fp.near_duplicate_limit(500) == fp.NEAR_DUPLICATE_MAX_DISTANCE
    assert fp.near_duplicate_limit(fp.SHORT_TEXT_WORDS - 1) == fp.SHORT_TEXT_MAX_DISTANCE
    assert fp.near_duplicate_limit(10, max_distance=3) == 3


def test_simhash_hamming_and_bands() -> None:
    words = fp.words(TARIFF)
    assert fp.hamming(fp.simhash(words), fp.simhash(words)) == 0
    assert fp.hamming(fp.simhash(words), fp.simhash(fp.words(" ".join(EXPORT_PARAGRAPHS)))) > 3
    assert fp.simhash([]) == 0
    rnd = random.Random(9)
    for _ in range(200):  # pigeonhole: within distance 3, two values share a 16-bit band
        value = rnd.getrandbits(64)
        flipped = value
        for bit in rnd.sample(range(64), 3):
            flipped ^= 1 << bit
        assert fp.hamming(value, flipped) == 3
        assert any(x == y for x, y in zip(fp.bands(value), fp.bands(flipped), strict=True))
