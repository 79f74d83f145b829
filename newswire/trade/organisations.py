"""Organisations: the known list (WTO, EU, USTR, G7...) plus generic bodies such as
"Japan's Finance Ministry", "Ministry of Economy", "Toyota Motor Corp"."""

from __future__ import annotations

from functools import cache

from newswire.trade._text import POSSESSIVE, WORD_CLASSES, Tokens, squash
from newswire.trade.fields import Organisation
from newswire.trade.gazetteer import CAPITAL, DEMONYM, NAME, ORGANISATION, Match, load_json

_COMPANY = frozenset([
    "Corp", "Corporation", "Inc", "Co", "Ltd", "Group", "Holdings", "Motor", "Motors", "Steel",
])
_ASSOCIATION = frozenset(["Association", "Federation", "Chamber"])
_STOP = frozenset([
    "The", "A", "An", "Its", "Their", "His", "Her", "Our", "This", "That", "And", "But", "In", "On", "At",
    "For",
])


@cache
def _heads() -> frozenset[str]:
    return frozenset(load_json("extract_organisations.json")["generic_heads"])


_HEAD = WORD_CLASSES.add(lambda word: word in _heads())


def _kind(head: str) -> str:
    if head in _COMPANY:
        return "company"
    if head in _ASSOCIATION:
        return "association"
    return "government"


def find_organisations(text: str, tokens: Tokens, matches: list[Match],
                       skip: set[int]) -> list[Organisation]:
    """Organisations in order of first mention; tokens in ``skip`` (people's titles) are ignored."""
    found: dict[str, Organisation] = {}
    country_at: dict[int, str] = {}
    taken: set[int] = set()
    for match in matches:
        if match.entry.kind in (NAME, DEMONYM, CAPITAL) and match.entry.code:
            for i in range(match.first, match.last):
                country_at[i] = match.entry.code
        if match.entry.kind == ORGANISATION:
            taken.update(range(match.first, match.last))
            if match.first in skip:
                continue
            name = match.entry.name or ""
            found.setdefault(name, Organisation(name, match.entry.org_kind, match.entry.code))
    words, sentence = tokens.words, tokens.sentence
    n = len(words)

    def word_at(i: int) -> bool:
        """A capitalised word that is no country and not taken."""
        return words[i][:1].isupper() and words[i].isalpha() and i not in country_at and i not in taken

    for h in tokens.having(_HEAD):
        if h in skip or h in taken:
            continue
        head = words[h]
        first, last = h, h
        while first - 1 >= 0 and h - first < 4 and sentence[first - 1] == sentence[h]:
            if word_at(first - 1) and words[first - 1] not in _STOP:
                first -= 1
            elif words[first - 1] == "and" and first - 2 >= 0 and word_at(first - 2) \
                    and first < h:  # "Minerals and Metals Trading Corp"
                first -= 2
            else:
                break
        while last + 1 < n and words[last + 1] in _COMPANY:  # "Hyundai Motor Co"
            last += 1
        if last + 2 < n and words[last + 1] == "of" and words[last + 2][:1].isupper():
            last += 2
            while last + 1 < n and (words[last + 1][:1].isupper() and words[last + 1].isalpha()) \
                    and sentence[last + 1] == sentence[h]:
                last += 1
        if first == h and last == h:
            continue
        if head in _COMPANY and first == h:
            continue
        country = None
        before = first - 1
        if before >= 0 and words[before] in POSSESSIVE:
            before -= 1
        if before >= 0 and before in country_at:
            country = country_at[before]
        name = squash(text[tokens.starts[first] : tokens.end(last)])
        found.setdefault(name, Organisation(name, _kind(head), country))
        taken.update(range(first, last + 1))
    return list(found.values())
