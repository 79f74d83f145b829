"""Tokens and sentences shared by the extractors: one regex pass each, positions kept."""

from __future__ import annotations

import re
from typing import NamedTuple

# "U.S." and "E.U." stay whole; "Japan's" splits into "Japan" + "'s"; hyphenated words stay whole.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K., E.U.
    r"|[’']s\b"  # possessive
    r"|[^\W\d_][\w&]*(?:(?![’']s\b)[-'’][\w&]+)*"  # words, O'Brien, anti-dumping
    r"|\d+(?:[.,]\d+)*"  # numbers
    r"|[^\s\w]"  # punctuation, one character
)

# A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by space and a capital,
# unless the word before the period is a known abbreviation; blank lines always end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = frozenset(
    [
        "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "st", "no", "inc", "corp",
        "co", "ltd", "jr", "sr", "gen", "lt", "col", "sgt", "prof", "vs", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est", "approx", "dept",
    ]
)

POSSESSIVE = frozenset({"'s", "’s"})
# capitalised words that open sentences but are never part of a name
FUNCTION_WORDS = frozenset(
    [
        "The", "A", "An", "But", "And", "Or", "Nor", "In", "On", "At", "For", "Of", "To", "By", "With",
        "From", "As", "If", "When", "While", "After", "Before", "Meanwhile", "However", "Also", "Both",
        "Neither", "Yet", "So", "Then", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our",
        "Still", "Now", "Since", "Under", "Over", "Between", "Unlike", "Like", "Even", "Only", "Why", "How",
        "What", "Where", "Who", "Asked", "Despite", "Although", "Though", "Separately",
    ]
)


class Token(NamedTuple):
    """One token: its text, character span, sentence number, lower case and capitalisation."""

    text: str
    start: int
    end: int
    sentence: int
    lower: str
    capitalised: bool


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (first is always 0)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rstrip("\"”’).!? ")
        word = (before.rsplit(None, 1) or [""])[-1].lower().lstrip("(\"“")
        if match.group(0).count("\n") < 2 and word in _ABBREVIATIONS:
            continue
        starts.append(match.end())
    return starts


def squash(text: str) -> str:
    """``text`` with every run of whitespace made one space (for phrases quoted in the output)."""
    return " ".join(text.split())


def tokenize(text: str, starts: list[int] | None = None) -> list[Token]:
    """Tokens of ``text`` with the number of the sentence each belongs to (``starts``: the
    :func:`sentence_starts` of ``text`` when already known)."""
    starts = sentence_starts(text) if starts is None else starts
    tokens: list[Token] = []
    append, new = tokens.append, tuple.__new__  # tuple.__new__ skips NamedTuple's slower constructor
    sentence, following = 0, starts[1] if len(starts) > 1 else len(text) + 1
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        while start >= following:
            sentence += 1
            following = starts[sentence + 1] if sentence + 1 < len(starts) else len(text) + 1
        word = m.group()
        append(new(Token, (word, start, end, sentence, word.lower(), word[:1].isupper())))
    return tokens


def key(phrase: str) -> tuple[str, ...]:
    """Gazetteer key of a phrase: its word tokens (so "Côte d'Ivoire" and the text agree)."""
    return tuple(m.group(0) for m in _TOKEN.finditer(phrase))
