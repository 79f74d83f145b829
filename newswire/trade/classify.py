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
- ``subtopics``: regular expressions per subtopic; ``bias`` and ``threshold``.

The score is ``sigmoid(bias + learned TF-IDF score + hand-set weights)``; a story is about
trade when the score reaches the threshold. The evidence lists the contributions that decided it.
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

SUBTOPICS = ("tariffs", "negotiations", "export_controls", "trade_remedies", "trade_data", "disputes")
MAX_EVIDENCE = 8
_TOKEN = re.compile(r"[a-z0-9]+")
_ABBREVIATION = re.compile(r"\b((?:[a-z]\.){2,})")
Term = tuple[str, ...]
Pair = tuple[str, str]


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


class _Stems(dict[str, str]):
    """token -> its term: dots dropped ("u.s." -> "us"), then :func:`_stem`; memoised (a news
    vocabulary is small; emptied when it grows large)."""

    def __missing__(self, token: str) -> str:
        if len(self) >= _STEMS_KEPT:
            self.clear()
        stem = self[token] = _stem(token.replace(".", ""))
        return stem


_STEMS_KEPT = 200_000
_stems = _Stems()
# A word, or an abbreviation ("u.s.", "e.u.") with the rest of the word it runs into: the same
# tokens as deleting the abbreviations' dots (``_ABBREVIATION``) and then finding ``_TOKEN``s.
_WORD = re.compile(r"(?<!\w)(?:[a-z]\.){2,}[a-z0-9]*|[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with plurals folded; "U.S." becomes "us"."""
    return list(map(_stems.__getitem__, _WORD.findall(text.lower())))


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


# The only characters on which ``str.lower()`` and ``re.IGNORECASE`` disagree for an ASCII
# pattern (İ lowers to two characters; ı and ſ match "i" and "s" but do not lower to them);
# tests/newswire/trade/test_classify.py checks this against every Unicode character.
CASE_EXCEPTIONS = "\u0130\u0131\u017f"
_CASE_EXCEPTION = re.compile(f"[{CASE_EXCEPTIONS}]")


def lowered(text: str) -> str | None:
    """``text.lower()``, with the same character positions, or None when it contains one of
    :data:`CASE_EXCEPTIONS` (then only the case-insensitive patterns are exact)."""
    return None if _CASE_EXCEPTION.search(text) else text.lower()


@dataclass(frozen=True)
class Caseless:
    """A case-insensitive pattern. An all-lower-case ASCII pattern also has a case-sensitive
    twin that finds the same matches in the lower-cased text, several times faster (a regular
    expression that starts with a literal is searched for quickly only without IGNORECASE)."""

    exact: re.Pattern[str]  # IGNORECASE, for the text itself
    twin: re.Pattern[str] | None  # case-sensitive, for the lower-cased text

    @classmethod
    def compile(cls, pattern: str) -> Caseless:
        twin = re.compile(pattern) if pattern.isascii() and pattern == pattern.lower() else None
        return cls(re.compile(pattern, re.IGNORECASE), twin)

    def finditer(self, text: str, lower: str | None, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """The matches in ``text[pos:endpos]`` (``lower``: :func:`lowered` of ``text``)."""
        if self.twin is not None and lower is not None:
            return self.twin.finditer(lower, pos, endpos)
        return self.exact.finditer(text, pos, endpos)

    def search(self, text: str, lower: str | None) -> bool:
        """Whether it matches somewhere in ``text`` (``lower``: :func:`lowered` of ``text``)."""
        if self.twin is not None and lower is not None:
            return self.twin.search(lower) is not None
        return self.exact.search(text) is not None


@dataclass(frozen=True)
class _Context:
    name: str
    pattern: Caseless
    weight: float


@dataclass(frozen=True)
class Knowledge:
    """The parsed knowledge file, ready for fast matching."""

    bias: float
    threshold: float
    terms: Mapping[Term, tuple[float, float]]  # learned: (idf, weight) of words and word pairs
    title_repeat: int  # the title counts this many times
    curated: Mapping[Term, float]  # hand-set, once: rules + curated terms absent from ``terms``
    rules: Mapping[Term, float]  # hand-set phrases that define trade (included in ``curated``)
    known: frozenset[Term]  # the hand-set phrases
    words: Mapping[str, tuple[str, float, float]]  # the one-word ``terms``: name, idf, weight
    pairs: Mapping[Pair, tuple[str, float, float]]  # the two-word ``terms``: name, idf, weight
    hand_words: Mapping[str, Term]  # the one-word hand-set phrases by their word
    hand_pairs: frozenset[Term]  # the two-word hand-set phrases
    hand_long: frozenset[Term]  # the longer ones ("free trade agreement")
    hand_heads: frozenset[Pair]  # their first two words
    contexts: tuple[_Context, ...]
    trigger: Caseless  # every context pattern contains it
    window: int  # characters searched on each side of a trigger
    subtopics: tuple[tuple[str, Caseless], ...]
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

        terms: dict[Term, tuple[float, float]] = {}
        for phrase, (idf, weight) in data.get("terms", {}).items():
            key = term_key(phrase)
            if key:
                terms[key] = (float(idf), float(weight))
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
            (name, Caseless.compile("|".join(f"(?:{p})" for p in written[name])))
            for name in SUBTOPICS
            if written.get(name)
        )
        return cls(
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            terms=terms,
            title_repeat=int(data.get("title_repeat", 1)),
            curated=curated,
            rules=rules,
            known=known,
            words={key[0]: (key[0], *value) for key, value in terms.items() if len(key) == 1},
            pairs={(key[0], key[1]): (" ".join(key), *value)
                   for key, value in terms.items() if len(key) == 2},
            hand_words={key[0]: key for key in known if len(key) == 1},
            hand_pairs=frozenset(key for key in known if len(key) == 2),
            hand_long=frozenset(key for key in known if len(key) > 2),
            hand_heads=frozenset((key[0], key[1]) for key in known if len(key) > 2),
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


@dataclass(frozen=True)
class Grams:
    """The words of a piece of text, and how often each word and each word pair occurs."""

    words: list[str]
    unigrams: Counter[str]
    pairs: Counter[Pair]


def count_grams(words: list[str]) -> Grams:
    """Count the words and the pairs of adjacent words (in order of first occurrence)."""
    return Grams(words, Counter(words), Counter(itertools.pairwise(words)))


def hand_phrases(grams: Grams, kb: Knowledge) -> set[Term]:
    """The hand-set phrases (``curated``, ``rules``) that occur in the text."""
    found = {kb.hand_words[word] for word in kb.hand_words.keys() & grams.unigrams.keys()}
    found.update(kb.hand_pairs.intersection(grams.pairs))
    if not kb.hand_heads.isdisjoint(grams.pairs):  # a longer phrase may be there: look
        words = grams.words
        for size in {len(key) for key in kb.hand_long}:
            found.update(kb.hand_long.intersection(zip(*(words[i:] for i in range(size)), strict=False)))
    return found


def mask_contexts(text: str, kb: Knowledge) -> tuple[str, list[_Context]]:
    """Blank out look-alike contexts ("trade union", "traded to the Lakers") and list them.

    Every context pattern contains the trigger (``context_trigger``, e.g. "trad"), so the
    patterns only run on windows of ``context_window`` characters around its occurrences.
    """
    lower = lowered(text)
    windows: list[list[int]] = []
    for match in kb.trigger.finditer(text, lower):
        lo, hi = max(0, match.start() - kb.window), match.end() + kb.window
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    if not windows:
        return text, []
    hits: list[_Context] = []
    spans: list[tuple[int, int]] = []
    for context in kb.contexts:
        found = [m.span() for lo, hi in windows for m in context.pattern.finditer(text, lower, lo, hi)]
        if found:
            hits.append(context)
            spans.extend(found)
    if not spans:
        return text, hits
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            pieces.append(text[last:start])
        last = max(last, end)
        pieces.append(" ")
    pieces.append(text[last:])
    return "".join(pieces), hits


def tfidf(counts: Mapping[Term, int], kb: Knowledge) -> dict[Term, float]:
    """The L2-normalised sublinear TF-IDF vector of ``counts`` over the learned terms."""
    values = {key: (1.0 + math.log(count)) * kb.terms[key][0]
              for key, count in counts.items() if key in kb.terms}
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {key: v / norm for key, v in values.items()} if norm else {}


def learned_parts(title: Grams, text: Grams, kb: Knowledge) -> list[tuple[str, float]]:
    """Each learned term's ``weight * tfidf``: :func:`tfidf` of :func:`term_frequencies`,
    computed over the learned terms only, in the same order (text words, text pairs, then
    title words and pairs not in the text), so the sums are the same to the last bit."""
    repeat, word_term, pair_term = kb.title_repeat, kb.words.get, kb.pairs.get
    in_title, pair_in_title = title.unigrams.get, title.pairs.get
    found = [(term, count + repeat * in_title(word, 0))
             for word, count in text.unigrams.items() if (term := word_term(word))]
    found += [(term, count + repeat * pair_in_title(pair, 0))
              for pair, count in text.pairs.items() if (term := pair_term(pair))]
    if title.unigrams:  # title words and pairs that the text lacks
        found += [(term, repeat * count) for word, count in title.unigrams.items()
                  if word not in text.unigrams and (term := word_term(word))]
        found += [(term, repeat * count) for pair, count in title.pairs.items()
                  if pair not in text.pairs and (term := pair_term(pair))]
    values = [(1.0 + math.log(count)) * idf for (_, idf, _), count in found]
    norm = math.sqrt(sum(v * v for v in values))
    return [(name, weight * (v / norm)) for ((name, _, weight), _), v in zip(found, values, strict=True)]


def hand_parts(found: Iterable[Term], hits: Iterable[_Context], kb: Knowledge) -> list[tuple[str, float]]:
    """The hand-set contributions: each matched curated term or rule once, each context once."""
    parts = [(" ".join(key), kb.curated[key]) for key in sorted(found)]  # fixed order: same sum
    seen: set[str] = set()
    for context in hits:
        if context.name not in seen:
            seen.add(context.name)
            parts.append(("not: " + context.name, context.weight))
    return parts


def contributions(
    title: str, text: str, kb: Knowledge | None = None
) -> tuple[float, list[tuple[str, float]]]:
    """The log-odds ``z`` and each named contribution to it (bias excluded), one per name."""
    kb = kb or knowledge()
    title_masked, title_hits = mask_contexts(title, kb)
    text_masked, text_hits = mask_contexts(text, kb)
    title_grams, text_grams = count_grams(tokens(title_masked)), count_grams(tokens(text_masked))
    merged = dict(learned_parts(title_grams, text_grams, kb))  # one name per learned term
    found = hand_phrases(title_grams, kb) | hand_phrases(text_grams, kb)
    for name, weight in hand_parts(found, (*title_hits, *text_hits), kb):
        merged[name] = merged.get(name, 0.0) + weight
    parts = [(name, w) for name, w in merged.items() if w]
    return kb.bias + sum(w for _, w in parts), parts


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
    kb = kb or knowledge()
    both = f"{title}\n{text}"
    lower = lowered(both)
    return tuple(name for name, pattern in kb.subtopics if pattern.search(both, lower))


def classify(title: str, text: str) -> TradeLabel:
    """Decide whether a story is about trade, with its score, subtopics and evidence."""
    kb = knowledge()
    z, parts = contributions(title or "", text or "", kb)
    score = _sigmoid(z)
    is_trade = score >= kb.threshold
    return TradeLabel(
        is_trade=is_trade,
        score=round(score, 4),
        subtopics=subtopics_of(title or "", text or "", kb) if is_trade else (),
        evidence=_evidence(parts, positive=is_trade),
    )
