"""Tokens and sentences shared by the extractors: one pass each, positions kept.

Tokens are held as parallel lists (:class:`Tokens`), not one object per token: a story has hundreds
of tokens and most rules only look at a few of them. Each rule module declares the classes of words
it looks for in :data:`WORD_CLASSES`; one look-up per token gives every class of every token, and a
rule finds its tokens with :meth:`Tokens.having` or :meth:`Tokens.opening` (numpy, at C speed).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import add, not_

import numpy as np
import numpy.typing as npt

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
# (Both ends begin with one character class, so the regex engine skips to candidates at C speed.)
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])(?P<gap>[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9]))|(?<=\n)\s*\n)")
_ABBREVIATIONS = frozenset(
    [
        "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "st", "no", "inc", "corp",
        "co", "ltd", "jr", "sr", "gen", "lt", "col", "sgt", "prof", "vs", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est", "approx", "dept",
    ]
)
_LONGEST = max(map(len, _ABBREVIATIONS)) + 1  # letters in a row before a stop that no abbreviation has
_CLOSERS = "\"”’).!? "

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


class WordTest(dict[str, int]):
    """``predicate(word)`` (a bool, or an int of flag bits) remembered per distinct word, so
    ``map(test.__getitem__, words)`` runs at C speed for words seen before. Bounded: forgets
    everything when ``limit`` words are stored."""

    def __init__(self, predicate: Callable[[str], int], limit: int = 100_000) -> None:
        super().__init__()
        self.predicate = predicate
        self.limit = limit

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = int(self.predicate(word))
        return value


_NEXT = 32  # Tokens.bits() holds the next token's flags from this bit on (so at most 32 classes)


class WordClasses(dict[str, int]):
    """Word classes as flag bits: each rule module declares the classes it looks for once, at import
    (:meth:`add`), and the flags of a word are worked out once per distinct word (bounded, like
    :class:`WordTest`). One look-up per token then serves every rule (:attr:`Tokens.flags`)."""

    def __init__(self, limit: int = 100_000) -> None:
        super().__init__()
        self.limit = limit
        self.tests: list[tuple[int, Callable[[str], object]]] = []

    def add(self, test: Callable[[str], object]) -> int:
        """A new class of the words (as written) for which ``test`` is true; returns its bit."""
        bit = 1 << len(self.tests)
        if bit >= 1 << _NEXT:
            raise ValueError("too many word classes")
        self.tests.append((bit, test))
        self.clear()
        return bit

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = sum(bit for bit, test in self.tests if test(word))
        return value


WORD_CLASSES = WordClasses()
DIGIT = WORD_CLASSES.add(lambda word: word[0].isdigit())  # numbers, mostly


class Tokens:
    """The tokens of a text as parallel lists: ``words`` (as written), character ``starts``,
    ``sentence`` number of each token, and ``firsts`` (index of the first token of each sentence, then
    ``len(words)``). ``flags`` holds the :data:`WORD_CLASSES` bits of each token and ``lowers`` the
    lower-case words (both worked out on first use: most rules read a few tokens only)."""

    __slots__ = ("_array", "_lowers", "_own", "firsts", "sentence", "starts", "words")

    def __init__(self, words: list[str], starts: list[int], sentence: list[int], firsts: list[int],
                 lowers: list[str] | None = None) -> None:
        self.words = words
        self.starts = starts
        self.sentence = sentence
        self.firsts = firsts
        self._lowers = lowers
        self._own: npt.NDArray[np.int64] | None = None  # the flags of each token
        self._array: npt.NDArray[np.int64] | None = None

    @property
    def lowers(self) -> list[str]:
        """The words in lower case."""
        if self._lowers is None:
            self._lowers = list(map(str.lower, self.words))
        return self._lowers

    @property
    def flags(self) -> list[int]:
        """The word-class bits of each token (worked out on first use)."""
        return self._own_flags().tolist()  # type: ignore[no-any-return]

    def _own_flags(self) -> npt.NDArray[np.int64]:
        if self._own is None:  # straight into an array: no list of the flags on the way
            self._own = np.fromiter(map(WORD_CLASSES.__getitem__, self.words), np.int64, len(self.words))
        return self._own

    def bits(self) -> npt.NDArray[np.int64]:
        """:attr:`flags` as an array, for finding candidates at C speed; each item also holds the flags
        of the next token, shifted left by 32 bits."""
        if self._array is None:
            own = self._own_flags()
            both = own.copy()
            both[:-1] |= own[1:] << _NEXT
            self._array = both
        return self._array

    def having(self, classes: int) -> list[int]:
        """Indices (ascending) of the tokens in any of the word ``classes`` (bits)."""
        return (self.bits() & classes).nonzero()[0].tolist()  # type: ignore[no-any-return]

    def opening(self, alone: int, first: int, second: int) -> list[int]:
        """Indices (ascending) of the tokens in class ``alone``, or in class ``first`` and followed by a
        token in class ``second``: where an expression can begin."""
        bits = self.bits()
        pair = first | second << _NEXT
        hits = ((bits & alone) != 0) | ((bits & pair) == pair)
        return hits.nonzero()[0].tolist()  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self.words)

    def end(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.starts[i] + len(self.words[i])

    def capitalised(self, i: int) -> bool:
        """Whether token ``i`` starts with a capital letter."""
        return self.words[i][:1].isupper()

    def numbers(self) -> list[int]:
        """Indices of the tokens that begin with a digit (numbers, mostly)."""
        return self.having(DIGIT)

    def flag(self, bit: int) -> list[int]:
        """``bit`` or 0 for each token: whether it is in that word class."""
        return (self.bits() & bit).tolist()  # type: ignore[no-any-return]

    def since(self, first: int) -> Tokens:
        """The tokens from index ``first`` on (renumbered from 0; sentence numbers kept)."""
        tokens = Tokens(self.words[first:], self.starts[first:], self.sentence[first:],
                        [max(0, f - first) for f in self.firsts],
                        None if self._lowers is None else self._lowers[first:])
        if self._own is not None:
            tokens._own = self._own[first:]
        return tokens


def _word_before(text: str, end: int) -> str:
    """The lower-case word before ``end`` once closing quotes, brackets and stops are stripped
    (looks back only as far as it needs to)."""
    width = 64
    while True:
        low = max(0, end - width)
        parts = text[low:end].rstrip(_CLOSERS).rsplit(None, 1)
        if low == 0 or len(parts) == 2:
            return (parts or [""])[-1].lower().lstrip("(\"“")
        width *= 4


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (first is always 0)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        gap = match.group("gap")  # None for a blank line
        if gap is not None and gap.count("\n") < 2 and _after_abbreviation(text, match.start()):
            continue
        starts.append(match.end())
    return starts


def _after_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends a known abbreviation ("Mr.", "U.S.", "Sept.")."""
    if stop >= _LONGEST and text[stop - _LONGEST : stop].isalpha():
        return False  # a longer word than any abbreviation
    return _word_before(text, stop + 1) in _ABBREVIATIONS


# the only characters outside ASCII that a case-blind regex takes for ASCII letters (dotted and dotless
# i, long s, Kelvin sign); they are also the only ones whose lower case is ASCII
_LOOKALIKES = (("İ", "i"), ("ı", "i"), ("ſ", "s"), ("K", "k"))


def fold(text: str) -> str:
    """``text`` in lower case with those look-alikes made ASCII and every other non-ASCII character
    made "?" (so that lower-casing is ASCII-fast). It has the same length as ``text``, and a case-blind
    regex matches ASCII words in ``text`` only where ``fold(text)`` contains them in lower case: cheap
    ``in`` and ``find`` tests on it tell where such a regex can match."""
    if not text.isascii():
        for odd, plain in _LOOKALIKES:
            text = text.replace(odd, plain)
        text = text.encode("ascii", "replace").decode("ascii")  # one "?" per character
    return text.lower()


def search_at(pattern: re.Pattern[str], openings: tuple[str, ...], text: str, folded: str,
              start: int = 0, end: int | None = None) -> bool:
    """Whether ``pattern.search(text, start, end)`` finds a match, trying ``pattern`` only where
    ``folded`` (the :func:`fold` of ``text``) has one of ``openings``: for a case-blind pattern whose
    every match begins with one of those lower-case ASCII words."""
    end = len(text) if end is None else end
    for opening in openings:
        at = folded.find(opening, start, end)
        while at >= 0:
            if pattern.match(text, at, end):
                return True
            at = folded.find(opening, at + 1, end)
    return False


def squash(text: str) -> str:
    """``text`` with every run of whitespace made one space (for phrases quoted in the output)."""
    return " ".join(text.split())


@lru_cache(maxsize=65_536)
def _pieces(chunk: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Tokens of a space-free piece of text and their offsets in it."""
    matches = list(_TOKEN.finditer(chunk))
    return tuple(m.group() for m in matches), tuple(m.start() for m in matches)


def _words(text: str) -> tuple[list[str], list[int]]:
    """Token texts and start offsets of ``text``: what ``_TOKEN.finditer(text)`` gives, faster.

    No token contains white space, so the text is cut at spaces (line breaks made spaces first, which
    keeps the offsets); a piece that is all letters is one token, and only the other pieces go
    through the regex (remembered per piece).
    """
    chunks = text.replace("\n", " ").split(" ")
    offsets = list(map(add, accumulate(map(len, chunks), initial=0), count()))  # + 1 space per chunk
    words: list[str] = []
    starts: list[int] = []
    done = 0
    for k in compress(range(len(chunks)), map(not_, map(str.isalpha, chunks))):
        words += chunks[done:k]
        starts += offsets[done:k]
        done = k + 1
        if chunks[k]:
            pieces, at = _pieces(chunks[k]), offsets[k]
            words += pieces[0]
            for offset in pieces[1]:
                starts.append(at + offset)
    words += chunks[done:]
    starts += offsets[done : len(chunks)]
    return words, starts


def tokenize(text: str, starts: list[int] | None = None) -> Tokens:
    """Tokens of ``text`` with the number of the sentence each belongs to (``starts``: the
    :func:`sentence_starts` of ``text`` when already known)."""
    starts = sentence_starts(text) if starts is None else starts
    words, offsets = _words(text)
    firsts = [bisect_left(offsets, start) for start in starts]
    firsts.append(len(words))
    sentence: list[int] = []
    for number in range(len(starts)):
        sentence.extend(repeat(number, firsts[number + 1] - firsts[number]))
    return Tokens(words, offsets, sentence, firsts)


def key(phrase: str) -> tuple[str, ...]:
    """Gazetteer key of a phrase: its word tokens (so "Côte d'Ivoire" and the text agree)."""
    return tuple(m.group(0) for m in _TOKEN.finditer(phrase))
