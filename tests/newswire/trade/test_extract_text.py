"""The extractor's shared text helpers: tokens cut at spaces agree with the token regex, sentence
numbers, case folding and the word-anchored regex search."""

from __future__ import annotations

import random
import re

import pytest

from newswire.trade._text import _TOKEN, DIGIT, WORD_CLASSES, fold, search_at, sentence_starts, tokenize

# written for these tests: initials, possessives, hyphens, numbers, brackets, curly quotes, tabs,
# non-breaking and double spaces, line breaks, accents
TEXTS = [
    "U.S. Trade Representative Dana Whitlow's team met E.U. officials on Tuesday.",
    "Tariffs rose from 10% to 25.5 percent,\tlifting costs on 1,250,000 tonnes of steel (HS 72).",
    "“We’re not there yet,” said Élodie Marchetti-Roux, the bloc's chief negotiator.\n\nTalks resume "
    "next week in Genève.",
    "Anti-dumping duties of  15%\u00a0apply to O'Brien & Sons' imports—Mr. Okafor said so.",
    "  leading spaces, trailing spaces   ",
    "A&B Corp. paid $3.2bn; U.K. officials didn't comment...\r\nNext line\n",
    "",
    "ＦＵＬＬＷＩＤＴＨ words and ²-squared and ٣ digits",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_the_token_regex_matches(text: str) -> None:
    tokens = tokenize(text)
    matches = list(_TOKEN.finditer(text))
    assert tokens.words == [m.group() for m in matches]
    assert tokens.starts == [m.start() for m in matches]
    assert tokens.lowers == [m.group().lower() for m in matches]


def test_tokens_of_made_up_texts_are_the_token_regex_matches() -> None:
    # pieces that make every kind of chunk: ASCII and other letters, digits, underscores, empty
    # chunks (double, leading and trailing spaces and line breaks), tabs, marks, a lone surrogate
    pieces = ["a", "Z", "é", "ß", "Ω", "1", "²", "_", " ", "  ", "\n", "\t", "\u00a0", ".", "'", "’s", "-",
              "&", "%", "U.S.", "\u0301", "\ud800", "said", "Tariffs"]
    for seed in range(3_000):
        text = "".join(random.Random(seed).choices(pieces, k=seed % 23))
        tokens = tokenize(text)
        matches = list(_TOKEN.finditer(text))
        assert tokens.words == [m.group() for m in matches], repr(text)
        assert tokens.starts == [m.start() for m in matches], repr(text)


@pytest.mark.parametrize("text", TEXTS)
def test_each_token_is_numbered_by_the_last_sentence_start_before_it(text: str) -> None:
    starts = sentence_starts(text)
    tokens = tokenize(text, starts)
    for i, start in enumerate(tokens.starts):
        assert tokens.sentence[i] == max(k for k, s in enumerate(starts) if s <= start)
    for k in range(len(starts)):
        inside = [i for i, s in enumerate(tokens.sentence) if s == k]
        assert tokens.firsts[k] == (inside[0] if inside else tokens.firsts[k + 1])
    assert tokens.firsts[-1] == len(tokens)


def test_sentences_end_at_stops_but_not_after_abbreviations() -> None:
    text = "Mr. Okafor met U.S. officials. They agreed! Talks end in Sept. 2026? No.\n\nNew paragraph"
    starts = sentence_starts(text)
    assert [text[s : s + 5] for s in starts] == ["Mr. O", "They ", "Talks", "No.\n\n", "New p"]


def test_a_word_longer_than_any_abbreviation_ends_a_sentence_and_a_short_one_is_looked_up() -> None:
    text = "Costs rose approx. Ten firms disagreed. Jobs fell. Dr. Okafor spoke. Ask (Sept. Officials)."
    starts = sentence_starts(text)
    assert [text[s : s + 4] for s in starts] == ["Cost", "Jobs", "Dr. ", "Ask "]


def test_an_abbreviation_far_behind_a_long_run_of_closing_marks_still_counts() -> None:
    # the word before the stop is found however far back it is
    text = "Ask Dr" + "." * 200 + " Okafor now."
    assert sentence_starts(text) == [0]
    text = "Ask Smith" + "." * 200 + " Okafor now."
    assert sentence_starts(text) == [0, text.index("Okafor")]


def test_numbers_are_the_tokens_opening_with_a_digit() -> None:
    tokens = tokenize("In 2025, 3.5 million tonnes (٣ lots) went to Q2 buyers at ²3.")
    assert [tokens.words[i] for i in tokens.numbers()] == ["2025", "3.5", "٣", "²3"]


def test_fold_keeps_the_length_makes_ascii_look_alikes_plain_and_other_letters_marks() -> None:
    text = "İSTANBUL ıs ſhipping 5 K of “Steel”"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "istanbul is shipping 5 k of ?steel?"  # other non-ASCII characters: "?"
    assert fold("PLAIN Ascii") == "plain ascii"
    assert fold("Genève 𝔘 — Ünited") == "gen?ve ? ? ?nited"


FUTURE = re.compile(r"\b(?:will|plans?|next|due)\b", re.IGNORECASE)
OPENINGS = ("will", "plan", "next", "due")


@pytest.mark.parametrize("text", [
    "Officials WILL meet.", "The plan is set.", "Replanning went ahead.", "Nothing here.",
    "It is dUe ſoon", "Shipments are overdue", "The NEXT round", "plans, plans", "wİll it",
    "ſeen nothing", "",
])
def test_search_at_opening_words_agrees_with_the_regex_search(text: str) -> None:
    folded = fold(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = FUTURE.search(text, start, end) is not None
            assert search_at(FUTURE, OPENINGS, text, folded, start, end) is expected, (start, end)


def test_word_classes_are_the_registered_tests_of_each_word() -> None:
    import newswire.trade.extract  # noqa: F401  (the rule modules register their word classes)

    assert len(WORD_CLASSES.tests) >= 10
    for text in TEXTS:
        tokens = tokenize(text)
        for word, flags in zip(tokens.words, tokens.flags, strict=True):
            assert flags == sum(bit for bit, test in WORD_CLASSES.tests if test(word)), word


@pytest.mark.parametrize("text", TEXTS)
def test_having_and_opening_find_the_tokens_a_plain_loop_finds(text: str) -> None:
    import newswire.trade.extract  # noqa: F401

    tokens = tokenize(text)
    flags, bits = tokens.flags, [bit for bit, _ in WORD_CLASSES.tests]
    for bit in bits:
        assert tokens.having(bit) == [i for i, f in enumerate(flags) if f & bit]
        assert tokens.flag(bit) == [f & bit for f in flags]
    triples = [(bits[1], bits[2], bits[3]), (bits[4], bits[5], bits[6]), (0, DIGIT, bits[-1])]
    for alone, first, second in triples:
        expected = [i for i, f in enumerate(flags)
                    if f & alone or (f & first and i + 1 < len(flags) and flags[i + 1] & second)]
        assert tokens.opening(alone, first, second) == expected


def test_tokens_since_keep_the_flags_of_their_words() -> None:
    tokens = tokenize(TEXTS[1])
    assert tokens.having(DIGIT)  # flags worked out before the cut, and there are numbers
    later = tokens.since(3)
    assert later.words == tokens.words[3:]
    assert later.flags == tokens.flags[3:]
    assert later.having(DIGIT) == [i - 3 for i in tokens.having(DIGIT) if i >= 3]
