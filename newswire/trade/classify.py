"""Is a story about trade? A small, explainable linear model over words and word pairs.

All knowledge lives in ``knowledge.json`` next to this module (see docs/trade-classifier.md):

- ``terms``: ``[idf, weight]`` of words and word pairs, learned on Reuters-21578 TRAIN by
  ``train.py`` (a linear SVM over L2-normalised sublinear TF-IDF, title repeated ``title_repeat``
  times); weights are in log-odds;
- ``curated``: hand-set weights for modern trade vocabulary that 1987 news lacks; used only for
  terms without a learned weight;
- ``rules``: hand-set weights of phrases that define trade for this product ("anti-dumping
  duties", "export controls", "tariffs on"), always added on top of the learned weights;
- ``negative_contexts``: regular expressions for look-alikes (a player traded, a trade union,
  a trade fair, a trademark, equity trading...). A matched span is masked so that its words are
  not counted, and its own (negative) weight is added;
- ``competitors``: topics the Reuters editors gave to stories that talk about trade without being
  about it (``money-fx``, ``bop``, ``grain``...): each has its own linear model over the same
  TF-IDF (its weights are the further columns of ``terms``) and a log-odds ``weight`` added times
  its decision value where that is positive ("competing topic: money-fx" in the evidence);
- ``subtopics``: regular expressions per subtopic; ``bias`` and ``threshold``.

The score is ``sigmoid(bias + learned TF-IDF score + competing topics + hand-set weights)``; a
story is about trade when the score reaches the threshold. The evidence lists the contributions
that decided it.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

SUBTOPICS = ("tariffs", "negotiations", "export_controls", "trade_remedies", "trade_data", "disputes")
MAX_EVIDENCE = 8
_TOKEN = re.compile(r"[a-z0-9]+")  # a word (the definition; see :func:`words_of`)
_ABBREVIATION = re.compile(r"\b((?:[a-z]\.){2,})")
Term = tuple[str, ...]


@dataclass(frozen=True)
class TradeLabel:
    """The classifier's decision for one story."""

    is_trade: bool
    score: float
    subtopics: tuple[str, ...]
    evidence: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``trade`` object of schemas/story.v1.json."""
        return {
            "is_trade": self.is_trade,
            "score": self.score,
            "subtopics": list(self.subtopics),
            "evidence": list(self.evidence),
        }


def _stem(token: str) -> str:
    """Fold simple plurals so that "tariffs" and "tariff" count as one term."""
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-3] + "y" if token.endswith("ies") and len(token) > 4 else token[:-1]
    return token


class _Stems(dict[bytes, str]):
    """word (ASCII bytes, no dots) -> its term (:func:`_stem`); memoised (a news vocabulary is
    small; emptied when it grows large)."""

    def __missing__(self, word: bytes) -> str:
        if len(self) >= _STEMS_KEPT:
            self.clear()
        stem = self[word] = _stem(word.decode("ascii"))
        return stem


_STEMS_KEPT = 200_000
_stems = _Stems()
_DOTTED = re.compile(r"\.[a-z]\.")  # in every abbreviation ("u.s." holds ".s.")
# every byte but a-z and 0-9 becomes a space (in UTF-8 a non-ASCII character's bytes are >= 128)
_SEPARATORS = bytes(c if c in b"abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))


# An abbreviation from its first dot on: the same abbreviations as ``_ABBREVIATION`` (the letter
# before the dot, at a word boundary, starts it), found quickly by the literal start
_ABBREVIATION_REST = re.compile(r"\.(?<=\b[a-z]\.)(?:[a-z]\.)+")


def _undotted(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


def words_of(lower: str) -> list[bytes]:
    """The words of a lower-cased text, unfolded, as ASCII bytes: the abbreviations' dots
    deleted ("u.s." -> b"us"), then every run of a-z and 0-9 (as ``_TOKEN``). Splitting the
    text's bytes is several times faster than finding the words with a regular expression."""
    if _DOTTED.search(lower):
        lower = _ABBREVIATION_REST.sub(_undotted, lower)
    return lower.encode("utf-8", "surrogatepass").translate(_SEPARATORS).split()


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with plurals folded; "U.S." becomes "us"."""
    return list(map(_stems.__getitem__, words_of(text.lower())))


def term_key(phrase: str) -> tuple[str, ...]:
    """The token tuple a written term matches ("anti-dumping duties" -> ("anti", "dumping", "duty"))."""
    return tuple(tokens(phrase))


def grams(words: list[str]) -> Counter[Term]:
    """How often each word and each pair of adjacent words occurs (the learned features)."""
    found: Counter[Term] = Counter(zip(words))
    found.update(itertools.pairwise(words))
    return found


def term_frequencies(title_words: list[str], text_words: list[str], title_repeat: int) -> Counter[Term]:
    """Term counts of a story whose title is repeated ``title_repeat`` times before its text."""
    counts = grams(text_words)
    for key, count in grams(title_words).items():
        counts[key] += title_repeat * count
    return counts


# The only characters that an ASCII letter matches with ``re.IGNORECASE`` without being that
# letter in either case (İ and ı match "i", ſ matches "s", the Kelvin sign K matches "k"); İ and
# K are also the only ones whose ``str.lower()`` holds an ASCII letter. tests/newswire/trade/
# test_classify.py checks this against every Unicode character.
CASE_EXCEPTIONS = "\u0130\u0131\u017f\u212a"


def lowered(text: str) -> str | None:
    """``text`` with its ASCII letters lower-cased (the other characters as they are, so the
    character positions stay), or None when it contains one of :data:`CASE_EXCEPTIONS`. A
    lower-case ASCII pattern finds the same matches in it as with IGNORECASE in ``text``, and
    :func:`words_of` finds the same words in it as in ``text.lower()``; lower-casing the UTF-8
    bytes (ASCII only) costs a fraction of ``str.lower()`` on text with curly quotes."""
    if text.isascii():
        return text.lower()
    if any(char in text for char in CASE_EXCEPTIONS):
        return None
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


# "\bword..." at the start of a pattern, the word's last letter not repeated ("\btariffs?")
_LEADING_WORD = re.compile(r"^\\b([a-z0-9]+)(?![?*+{])")


def _literal_first(match: re.Match[str]) -> str:
    r"""``\bword`` as ``word(?<=\bword)``: the same matches, but the pattern now starts with a
    literal, which the regular-expression engine finds quickly."""
    word = match.group(1)
    return f"{word}(?<=\\b{word})"


def _structure(pattern: str) -> Iterator[tuple[int, str]]:
    """The bars and parentheses of a regular expression that are neither escaped nor in a set,
    with their positions."""
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 1  # the escaped character is no bar, bracket or parenthesis
        elif char == "[":  # a set: on to its closing bracket ("[]a]" and "[^]a]" hold "]")
            at += 2 if pattern.startswith("^", at + 1) else 1
            at += 1 if pattern.startswith("]", at) else 0
            while pattern[at] != "]":
                at += 2 if pattern[at] == "\\" else 1
        elif char in "|()":
            yield at, char
        at += 1


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression ("a|(b|c)|[|]" -> ["a", "(b|c)", "[|]"])."""
    found: list[str] = []
    depth, start = 0, 0
    for at, char in _structure(pattern):
        if char == "|" and depth == 0:
            found.append(pattern[start:at])
            start = at + 1
        else:
            depth += (char == "(") - (char == ")")
    return [*found, pattern[start:]]


def _spread(branch: str) -> list[str]:
    r"""``\b(?:a|b)rest`` as ``\barest``, ``\bbrest`` (the same matches, tried in the same
    order); any other branch as it is."""
    if not branch.startswith("\\b(?:"):
        return [branch]
    depth, end = 0, len(branch)
    for at, char in _structure(branch):
        depth += (char == "(") - (char == ")")
        if not depth:  # the group's closing parenthesis
            end = at
            break
    inner, rest = branch[5:end], branch[end + 1:]
    if rest.startswith(("?", "*", "+", "{")):  # the group is repeated
        return [branch]
    return [f"\\b{alternative}{rest}" for alternative in branches(inner)]


def _literal_branches(pattern: str) -> str:
    r"""``pattern`` with each top-level alternative's leading ``\bword`` as ``word(?<=\bword)``;
    without capturing groups (which a copy would renumber), ``\b(?:a|b)`` is spread first."""
    if _GLOBAL_FLAGS.match(pattern):  # they must stay in front
        return pattern
    alternatives = branches(pattern)
    if not re.compile(pattern).groups:
        alternatives = [spread for branch in alternatives for spread in _spread(branch)]
    return "|".join(_LEADING_WORD.sub(_literal_first, branch, count=1) for branch in alternatives)


def _literal_starts(pattern: str) -> tuple[str, ...] | None:
    """The words that every match of ``pattern`` starts with one of, or None when an
    alternative starts otherwise ("tariffs?|duty" -> ("tariff", "duty"))."""
    starts: dict[str, None] = {}
    for branch in branches(pattern):
        word = _LITERAL_WORD.match(branch)
        if word is None:
            return None
        starts[word.group()] = None
    return tuple(starts)


_LITERAL_WORD = re.compile(r"[a-z0-9]+(?![?*+{])")  # "tariff" of "tariffs?"
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


@dataclass(frozen=True)
class Caseless:
    """A case-insensitive pattern. An all-lower-case ASCII pattern also has a case-sensitive
    twin that finds the same matches in the lower-cased text, several times faster (a regular
    expression that starts with a literal is searched for quickly only without IGNORECASE)."""

    exact: re.Pattern[str]  # IGNORECASE, for the text itself
    twin: re.Pattern[str] | None  # case-sensitive, for the lower-cased text
    starts: tuple[str, ...] | None = None  # every match of the twin starts with one of these

    @classmethod
    def compile(cls, pattern: str) -> Caseless:
        exact = re.compile(pattern, re.IGNORECASE)
        if not pattern.isascii() or pattern != pattern.lower():
            return cls(exact, None)
        twin = _literal_branches(pattern)
        return cls(exact, re.compile(twin), _literal_starts(twin))

    def finditer(self, text: str, lower: str | None, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """The matches in ``text[pos:endpos]`` (``lower``: :func:`lowered` of ``text``)."""
        if self.twin is not None and lower is not None:
            return self.twin.finditer(lower, pos, endpos)
        return self.exact.finditer(text, pos, endpos)

    def search(self, text: str, lower: str | None) -> bool:
        """Whether it matches somewhere in ``text`` (``lower``: :func:`lowered` of ``text``)."""
        if self.twin is not None and lower is not None:
            first = 0
            if self.starts is not None:  # a match starts at one of these words: look for them first
                found = [at for at in map(lower.find, self.starts) if at >= 0]
                if not found:
                    return False
                first = min(found)
            return self.twin.search(lower, first) is not None
        return self.exact.search(text) is not None


@dataclass(frozen=True)
class Competitor:
    """A competing topic: its model's ``decision = bias + weights . tfidf`` adds
    ``weight * max(0, decision)`` log-odds (``weight`` is negative for a competitor)."""

    topic: str
    weight: float
    bias: float
    label: str  # its name in the evidence: "competing topic: money-fx" ("related" if weight > 0)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Competitor:
        weight = float(data["weight"])
        kind = "competing" if weight < 0 else "related"
        return cls(str(data["topic"]), weight, float(data["bias"]), f"{kind} topic: {data['topic']}")


@dataclass(frozen=True)
class _Context:
    name: str
    pattern: Caseless
    weight: float


class _WordIds(dict[str, int]):
    """word -> its number in a :class:`TermIndex`; ``len(vocabulary)`` for any other word
    (remembered; forgotten when many)."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        super().__init__(vocabulary)
        self.vocabulary = dict(vocabulary)

    def __missing__(self, word: str) -> int:
        if len(self) >= len(self.vocabulary) + _UNKNOWN_KEPT:
            self.clear()
            self.update(self.vocabulary)
        other = self[word] = len(self.vocabulary)
        return other


class _TokenIds(dict[bytes, bytes]):
    """word as :func:`words_of` finds it -> the number of its term (:func:`_stem`) in a
    :class:`TermIndex`, ``len(vocabulary)`` for any other word, as 4 bytes (:data:`NUMBER`):
    numpy reads a story's joined numbers at once, without converting each Python int
    (remembered; forgotten when many)."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        super().__init__()
        self.vocabulary = dict(vocabulary)
        self.other = np.array(len(vocabulary), dtype=NUMBER).tobytes()

    def __missing__(self, word: bytes) -> bytes:
        if len(self) >= len(self.vocabulary) + _UNKNOWN_KEPT:
            self.clear()
        number = self.vocabulary.get(_stems[word], len(self.vocabulary))
        code = self[word] = np.array(number, dtype=NUMBER).tobytes()
        return code


NUMBER = np.dtype("<i4")  # a word's number in :class:`_TokenIds`


_UNKNOWN_KEPT = 200_000


@dataclass(frozen=True)
class TermIndex:
    """The terms a story is counted on, numbered (features): first the learned ``terms`` of one
    or two words (in file order), then the hand-set phrases of one or two words that are not
    learned terms, then the first two words of the longer hand-set phrases. Words are numbered
    too, so a story's words and word pairs become arrays of numbers."""

    ids: _WordIds  # word -> number; the last number stands for every other word
    token_ids: _TokenIds  # a word as found in the text -> the number of its term, as bytes
    number: Mapping[Term, int]  # term -> its feature
    word_feature: npt.NDArray[np.int64]  # word number -> feature of that one-word term, or -1
    pair_codes: npt.NDArray[np.int64]  # sorted first word * len(word_feature) + second word,
    pair_feature: npt.NDArray[np.int64]  # and the feature of each; both end with a sentinel
    learned: int  # features below this are learned terms
    idf: npt.NDArray[np.float64]  # of the learned terms
    weight: npt.NDArray[np.float64]  # of the learned terms
    topic_weight: npt.NDArray[np.float64]  # learned term x competing topic: that topic's weights
    names: npt.NDArray[np.object_]  # of the learned terms ("trade deficit")
    hand_term: tuple[Term | None, ...]  # feature -> the hand-set phrase it is, if any
    is_hand: npt.NDArray[np.bool_]
    is_head: npt.NDArray[np.bool_]  # the first two words of a longer hand-set phrase
    head_first: npt.NDArray[np.bool_]  # word number -> the first word of a longer hand-set phrase

    @classmethod
    def build(cls, terms: Mapping[Term, tuple[float, float]], hand: Iterable[Term],
              topic_weights: Mapping[Term, tuple[float, ...]] | None = None,
              topics: int = 0) -> TermIndex:
        learned = [key for key in terms if len(key) <= 2]
        features = {key: number for number, key in enumerate(learned)}
        hand = sorted(hand)
        for key in hand:
            if len(key) <= 2:
                features.setdefault(key, len(features))
        heads = {key[:2] for key in hand if len(key) > 2}
        for key in sorted(heads):
            features.setdefault(key, len(features))
        ids: dict[str, int] = {}
        for key in features:
            for word in key:
                ids.setdefault(word, len(ids))
        word_feature = np.full(len(ids) + 1, -1, dtype=np.int64)  # + any other word
        codes: dict[int, int] = {}
        for key, number in features.items():
            if len(key) == 1:
                word_feature[ids[key[0]]] = number
            else:
                codes[ids[key[0]] * len(word_feature) + ids[key[1]]] = number
        codes[np.iinfo(np.int64).max] = -1  # sentinel: every search lands on a code
        pair_codes = np.array(sorted(codes), dtype=np.int64)
        hand_term: list[Term | None] = [None] * len(features)
        head_first = np.zeros(len(word_feature), dtype=bool)
        head_first[[ids[key[0]] for key in heads]] = True
        for key in hand:
            if key in features:
                hand_term[features[key]] = key
        return cls(
            ids=_WordIds(ids),
            token_ids=_TokenIds(ids),
            number=features,
            word_feature=word_feature,
            pair_codes=pair_codes,
            pair_feature=np.array([codes[c] for c in pair_codes.tolist()], dtype=np.int64),
            learned=len(learned),
            idf=np.array([terms[key][0] for key in learned], dtype=np.float64),
            weight=np.array([terms[key][1] for key in learned], dtype=np.float64),
            topic_weight=np.array([(topic_weights or {}).get(key, (0.0,) * topics) for key in learned],
                                  dtype=np.float64).reshape(len(learned), topics),
            names=np.array([" ".join(key) for key in learned], dtype=object),
            hand_term=tuple(hand_term),
            is_hand=np.array([term is not None for term in hand_term], dtype=bool),
            is_head=np.array([key in heads for key in features], dtype=bool),
            head_first=head_first,
        )

    def features(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The feature of each word and each pair of adjacent words that is one (repeated);
        ``ids``: the words' numbers."""
        codes = ids[:-1] * len(self.word_feature) + ids[1:]
        at = self.pair_codes.searchsorted(codes)
        words = self.word_feature[ids]
        return np.concatenate((words[words >= 0], self.pair_feature[at[self.pair_codes[at] == codes]]))


@dataclass(frozen=True)
class Knowledge:
    """The parsed knowledge file, ready for fast matching."""

    bias: float
    threshold: float
    terms: Mapping[Term, tuple[float, float]]  # learned: (idf, weight) of words and word pairs
    competitors: tuple[Competitor, ...]  # their weights: the further columns of ``terms``
    topic_bias: npt.NDArray[np.float64]  # each competitor's bias
    title_repeat: int  # the title counts this many times
    curated: Mapping[Term, float]  # hand-set, once: rules + curated terms absent from ``terms``
    rules: Mapping[Term, float]  # hand-set phrases that define trade (included in ``curated``)
    known: frozenset[Term]  # the hand-set phrases
    index: TermIndex  # the learned terms and hand-set phrases, numbered for counting
    hand_long: frozenset[Term]  # the hand-set phrases of three words or more
    long_by_first: Mapping[str, tuple[Term, ...]]  # those phrases by their first word
    contexts: tuple[_Context, ...]
    trigger: Caseless  # every context pattern contains it
    window: int  # characters searched on each side of a trigger
    subtopics: tuple[tuple[str, tuple[Caseless, ...]], ...]  # a subtopic's patterns
    version: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Knowledge:
        def section(name: str) -> dict[Term, float]:
            weights: dict[Term, float] = {}
            for phrase, weight in data.get(name, {}).items():
                key = term_key(phrase)
                if key:
                    weights[key] = weights.get(key, 0.0) + float(weight)
            return weights

        competitors = tuple(map(Competitor.from_dict, data.get("competitors", [])))
        terms: dict[Term, tuple[float, float]] = {}
        topic_weights: dict[Term, tuple[float, ...]] = {}
        for phrase, (idf, weight, *others) in data.get("terms", {}).items():
            key = term_key(phrase)
            if key:
                terms[key] = (float(idf), float(weight))
                if len(others) != len(competitors):
                    raise ValueError(f"term {phrase!r}: {len(others)} topic weights for "
                                     f"{len(competitors)} competitors")
                topic_weights[key] = tuple(map(float, others))
        # a curated weight stands in for terms the training data did not weight (modern
        # vocabulary); where TRAIN learned a weight for the term, the learned weight wins
        curated = {key: weight for key, weight in section("curated").items() if key not in terms}
        # rules define trade for this product (anti-dumping duties, export controls...): always added
        rules = section("rules")
        for key, weight in rules.items():
            curated[key] = curated.get(key, 0.0) + weight
        known = frozenset(curated)
        contexts = tuple(
            _Context(c["name"], Caseless.compile(c["pattern"]), float(c["weight"]))
            for c in data.get("negative_contexts", [])
        )
        written = data.get("subtopics", {})
        unknown = set(written) - set(SUBTOPICS)
        if unknown:
            raise ValueError(f"unknown subtopics in knowledge file: {sorted(unknown)}")
        subtopics = tuple(
            (name, tuple(Caseless.compile(p) for p in written[name]))
            for name in SUBTOPICS
            if written.get(name)
        )
        return cls(
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            terms=terms,
            competitors=competitors,
            topic_bias=np.array([c.bias for c in competitors], dtype=np.float64),
            title_repeat=int(data.get("title_repeat", 1)),
            curated=curated,
            rules=rules,
            known=known,
            index=TermIndex.build(terms, known, topic_weights, len(competitors)),
            hand_long=frozenset(key for key in known if len(key) > 2),
            long_by_first={first: tuple(sorted(key for key in known if len(key) > 2 and key[0] == first))
                           for first in {key[0] for key in known if len(key) > 2}},
            contexts=contexts,
            trigger=Caseless.compile(data.get("context_trigger", "trad")),
            window=int(data.get("context_window", 80)),
            subtopics=subtopics,
            version=str(data.get("version", "")),
        )


@cache
def knowledge() -> Knowledge:
    """The packaged knowledge file, loaded once."""
    raw = resources.files(__package__).joinpath("knowledge.json").read_bytes()
    return Knowledge.from_dict(json.loads(raw))


def term_counts(title_words: list[str], text_words: list[str],
                kb: Knowledge) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The features (:class:`TermIndex`) present in a story, ascending, and how often each
    occurs, the title counting ``title_repeat`` times (as :func:`term_frequencies`)."""
    # one pass: a word no term contains keeps pairs from spanning the text and the title copies
    ids = kb.index.ids
    other = len(ids.vocabulary)
    title = [*map(ids.__getitem__, title_words), other]
    numbers = np.array([*map(ids.__getitem__, text_words), other, *(title * kb.title_repeat)], dtype=np.int64)
    return _counted(numbers, kb)


def _counted(numbers: npt.NDArray[np.int64],
             kb: Knowledge) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """:func:`term_counts` of the words' numbers in ``kb.index`` (text, any other word, and
    ``title_repeat`` times the title followed by any other word). As ``np.unique`` with
    ``return_counts``: the sorted features, cut where the value changes."""
    found = np.sort(kb.index.features(numbers))
    size = len(found)
    edges = np.empty(size + 1, dtype=bool)  # a run of equal features starts (or all end) here
    edges[0] = edges[size] = True
    np.not_equal(found[1:], found[:-1], out=edges[1:size])
    bounds = np.flatnonzero(edges)
    return found[bounds[:-1]], bounds[1:] - bounds[:-1]


def _joined_numbers(title_words: list[bytes], text_words: list[bytes],
                    kb: Knowledge) -> npt.NDArray[np.int64]:
    """The numbers :func:`_counted` counts, of words as :func:`words_of` finds them."""
    number, other = kb.index.token_ids.__getitem__, kb.index.token_ids.other
    title = b"".join(map(number, title_words)) + other
    joined = b"".join(map(number, text_words)) + other + title * kb.title_repeat
    return np.frombuffer(joined, dtype=NUMBER).astype(np.int64)


def hand_phrases(title_words: list[str], text_words: list[str], present: npt.NDArray[np.int64],
                 kb: Knowledge) -> set[Term]:
    """The hand-set phrases (``curated``, ``rules``) in the title or the text; ``present``:
    the features of :func:`term_counts`."""
    found = _short_phrases(present, kb)
    if kb.index.is_head[present].any():  # a longer phrase may be there: look
        found |= _long_phrases((title_words, text_words), kb)
    return found


def _short_phrases(present: npt.NDArray[np.int64], kb: Knowledge) -> set[Term]:
    """The hand-set phrases of one or two words among the features ``present``."""
    index = kb.index
    found = {index.hand_term[f] for f in present[index.is_hand[present]].tolist()}
    return {term for term in found if term is not None}


def _long_phrases(texts: Iterable[list[str]], kb: Knowledge) -> set[Term]:
    """The hand-set phrases of three words or more in each of the ``texts`` (word lists)."""
    found: set[Term] = set()
    for words in texts:
        for size in {len(key) for key in kb.hand_long}:
            found.update(kb.hand_long.intersection(zip(*(words[i:] for i in range(size)), strict=False)))
    return found


def _long_phrases_at(numbers: npt.NDArray[np.int64], title_words: list[bytes], text_words: list[bytes],
                     kb: Knowledge) -> set[Term]:
    """:func:`_long_phrases` of the title's and text's words (as :func:`words_of` finds them),
    read only where the first word of such a phrase stands (``numbers``: :func:`_joined_numbers`
    of the words, where the text comes first, then any other word, then the title's copies)."""
    title_at, title_size = len(text_words) + 1, len(title_words) + 1
    places = {(False, start) if start < title_at else (True, (start - title_at) % title_size)
              for start in np.flatnonzero(kb.index.head_first[numbers]).tolist()}
    found: set[Term] = set()
    for in_title, at in places:
        words = title_words if in_title else text_words
        phrases = kb.long_by_first.get(_stems[words[at]], ())
        stems = tuple(_stems[word] for word in words[at:at + max(map(len, phrases), default=0)])
        found.update(phrase for phrase in phrases if stems[:len(phrase)] == phrase)
    return found


def mask_contexts(text: str, kb: Knowledge) -> tuple[str, list[_Context]]:
    """Blank out look-alike contexts ("trade union", "traded to the Lakers") and list them.

    Every context pattern contains the trigger (``context_trigger``, e.g. "trad"), so the
    patterns only run on windows of ``context_window`` characters around its occurrences.
    """
    spans, hits = _context_spans(text, lowered(text), kb)
    return _blanked(text, spans), hits


def _context_spans(text: str, lower: str | None,
                   kb: Knowledge) -> tuple[list[tuple[int, int]], list[_Context]]:
    """The spans of the look-alike contexts in ``text`` and the contexts found (``lower``:
    :func:`lowered` of ``text``)."""
    windows: list[list[int]] = []
    for match in kb.trigger.finditer(text, lower):
        lo, hi = max(0, match.start() - kb.window), match.end() + kb.window
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    if not windows:
        return [], []
    hits: list[_Context] = []
    spans: list[tuple[int, int]] = []
    for context in kb.contexts:
        found = [m.span() for lo, hi in windows for m in context.pattern.finditer(text, lower, lo, hi)]
        if found:
            hits.append(context)
            spans.extend(found)
    return spans, hits


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by one space (overlapping spans as one)."""
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            pieces.append(text[last:start])
        last = max(last, end)
        pieces.append(" ")
    pieces.append(text[last:])
    return "".join(pieces)


def tfidf(counts: Mapping[Term, int], kb: Knowledge) -> dict[Term, float]:
    """The L2-normalised sublinear TF-IDF vector of ``counts`` over the learned terms."""
    values = {key: (1.0 + math.log(count)) * kb.terms[key][0]
              for key, count in counts.items() if key in kb.terms}
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {key: v / norm for key, v in values.items()} if norm else {}


def learned_vector(present: npt.NDArray[np.int64], counts: npt.NDArray[np.int64],
                   kb: Knowledge) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The learned terms present (features) and their L2-normalised sublinear TF-IDF (as
    :func:`tfidf`); ``present`` and ``counts``: :func:`term_counts`."""
    learned = int(present.searchsorted(kb.index.learned))  # they come first
    features = present[:learned]
    if not learned:
        return features, np.zeros(0)
    values = (1.0 + np.log(counts[:learned])) * kb.index.idf[features]
    return features, values / math.sqrt(float(values @ values))


def learned_parts(present: npt.NDArray[np.int64], counts: npt.NDArray[np.int64],
                  kb: Knowledge) -> list[tuple[str, float]]:
    """Each learned term's ``weight * tfidf``, strongest weight first; ``present`` and
    ``counts``: :func:`term_counts`."""
    features, vector = learned_vector(present, counts, kb)
    weights = kb.index.weight[features] * vector
    return list(zip(kb.index.names[features].tolist(), weights.tolist(), strict=True))


def topic_parts(features: npt.NDArray[np.int64], vector: npt.NDArray[np.float64],
                kb: Knowledge) -> list[tuple[str, float]]:
    """Each competing topic's ``weight * decision`` where its decision is positive (the others
    add nothing); ``features`` and ``vector``: :func:`learned_vector`."""
    if not kb.competitors:
        return []
    decisions = kb.topic_bias + vector @ kb.index.topic_weight[features]
    return [(c.label, c.weight * d)
            for c, d in zip(kb.competitors, decisions.tolist(), strict=True) if d > 0]


@dataclass(frozen=True)
class _Scored:
    """A story's log-odds ``z`` and its contributions: the learned terms present (features,
    ascending) with their weights (hand-set weights of the same name added), then the other
    named contributions (competing topics, hand-set phrases and contexts), in the order they
    are summed."""

    z: float
    features: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float64]
    others: list[tuple[str, float]]
    lower: tuple[str | None, str | None]  # :func:`lowered` title and text


def _masked_words(text: str, lower: str | None, kb: Knowledge) -> tuple[list[bytes], list[_Context]]:
    """The words (:func:`words_of`) of ``text`` with its look-alike contexts blanked out, and
    the contexts (as :func:`mask_contexts` then :func:`tokens`; ``lower``: :func:`lowered`)."""
    spans, hits = _context_spans(text, lower, kb)
    if lower is None:  # İ, ı or ſ: blank the text itself, as mask_contexts does
        return words_of(_blanked(text, spans).lower()), hits
    return words_of(_blanked(lower, spans)), hits


def _scored(title: str, text: str, kb: Knowledge) -> _Scored:
    """:func:`contributions` without naming each learned term."""
    index = kb.index
    lower = lowered(title), lowered(text)
    title_words, title_hits = _masked_words(title, lower[0], kb)
    text_words, text_hits = _masked_words(text, lower[1], kb)
    numbers = _joined_numbers(title_words, text_words, kb)
    present, counts = _counted(numbers, kb)
    features, vector = learned_vector(present, counts, kb)
    weights = index.weight[features] * vector
    others = topic_parts(features, vector, kb)  # one name per learned term or topic
    found = _short_phrases(present, kb)
    if index.is_head[present].any():  # a longer phrase may be there: look
        found |= _long_phrases_at(numbers, title_words, text_words, kb)
    for name, key, weight in hand_parts(found, (*title_hits, *text_hits), kb):
        feature = index.learned if key is None else index.number.get(key, index.learned)
        if feature < index.learned:  # a learned term (present, as it was found): its weight grows
            weights[features.searchsorted(feature)] += weight
        else:
            others.append((name, weight))
    z = kb.bias + sum([*weights.tolist(), *(weight for _, weight in others)])
    return _Scored(z, features, weights, others, lower)


def hand_parts(found: Iterable[Term], hits: Iterable[_Context],
               kb: Knowledge) -> list[tuple[str, Term | None, float]]:
    """The hand-set contributions (name, phrase or None for a context, weight): each matched
    curated term or rule once, each context once."""
    parts: list[tuple[str, Term | None, float]] = [
        (" ".join(key), key, kb.curated[key]) for key in sorted(found)]  # fixed order: same sum
    seen: set[str] = set()
    for context in hits:
        if context.name not in seen:
            seen.add(context.name)
            parts.append(("not: " + context.name, None, context.weight))
    return parts


def contributions(
    title: str, text: str, kb: Knowledge | None = None
) -> tuple[float, list[tuple[str, float]]]:
    """The log-odds ``z`` and each named contribution to it (bias excluded), one per name."""
    kb = kb or knowledge()
    scored = _scored(title, text, kb)
    names = kb.index.names[scored.features].tolist()
    merged = [*zip(names, scored.weights.tolist(), strict=True), *scored.others]
    return scored.z, [part for part in merged if part[1]]  # the zeros left out add nothing


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _evidence(parts: Iterable[tuple[str, float]], positive: bool) -> tuple[str, ...]:
    """The contributions towards the decision, strongest first; ties by name (deterministic)."""
    toward = [(name, w) for name, w in parts if (w > 0) == positive]
    if len(toward) > MAX_EVIDENCE:  # only those at least as strong as the last one shown
        weakest = heapq.nlargest(MAX_EVIDENCE, [abs(w) for _, w in toward])[-1]
        toward = [(name, w) for name, w in toward if abs(w) >= weakest]
    chosen = sorted(toward, key=lambda p: (-abs(p[1]), p[0]))
    return tuple(name for name, _ in chosen[:MAX_EVIDENCE])


def subtopics_of(title: str, text: str, kb: Knowledge | None = None) -> tuple[str, ...]:
    """The subtopics whose patterns match, in the fixed order of ``SUBTOPICS``."""
    both = f"{title}\n{text}"
    return _subtopics(both, lowered(both), kb or knowledge())


def _subtopics(text: str, lower: str | None, kb: Knowledge) -> tuple[str, ...]:
    """:func:`subtopics_of` the title and text joined as ``text`` (``lower``: :func:`lowered`)."""
    return tuple(name for name, patterns in kb.subtopics
                 if any(pattern.search(text, lower) for pattern in patterns))


def _subtopics_of(title: str, text: str, lower: tuple[str | None, str | None],
                  kb: Knowledge) -> tuple[str, ...]:
    """:func:`subtopics_of`, ``lower``: the title and text lowered (:func:`lowered`)."""
    title_lower, text_lower = lower  # lower case is per character: no need to lower both again
    both_lower = None if title_lower is None or text_lower is None else f"{title_lower}\n{text_lower}"
    return _subtopics(f"{title}\n{text}", both_lower, kb)


def _strongest(scored: _Scored, kb: Knowledge, positive: bool) -> list[tuple[str, float]]:
    """The contributions of ``scored`` that may be evidence (:func:`_evidence` of them is that
    of all): the others, and the learned terms towards the decision at least as strong as the
    eighth strongest of them (numbered, they are named only when chosen)."""
    weights = scored.weights
    toward = np.flatnonzero(weights > 0 if positive else weights < 0)
    if len(toward) > MAX_EVIDENCE:
        strength = np.abs(weights[toward])
        weakest = np.partition(strength, len(toward) - MAX_EVIDENCE)[len(toward) - MAX_EVIDENCE]
        toward = toward[strength >= weakest]
    names = kb.index.names[scored.features[toward]].tolist()
    return [*zip(names, weights[toward].tolist(), strict=True), *(p for p in scored.others if p[1])]


def classify(title: str, text: str) -> TradeLabel:
    """Decide whether a story is about trade, with its score, subtopics and evidence."""
    kb = knowledge()
    scored = _scored(title or "", text or "", kb)
    score = _sigmoid(scored.z)
    is_trade = score >= kb.threshold
    return TradeLabel(
        is_trade=is_trade,
        score=round(score, 4),
        subtopics=_subtopics_of(title or "", text or "", scored.lower, kb) if is_trade else (),
        evidence=_evidence(_strongest(scored, kb, is_trade), positive=is_trade),
    )
