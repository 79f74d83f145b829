"""Organisations: the known list (WTO, EU, USTR, G7...) plus generic bodies such as
"Japan's Finance Ministry", "Ministry of Economy", "Toyota Motor Corp"."""

from __future__ import annotations

from functools import cache

from newswire.trade._text import POSSESSIVE, Token, squash
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


def _kind(head: str) -> str:
    if head in _COMPANY:
        return "company"
    if head in _ASSOCIATION:
        return "association"
    return "government"


def find_organisations(text: str, tokens: list[Token], matches: list[Match],
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
    heads = _heads()
    n = len(tokens)
    for h, token in enumerate(tokens):
        if token.text not in heads or h in skip or h in taken:
            continue
        first, last = h, h
        while first - 1 >= 0 and h - first < 4 and tokens[first - 1].sentence == token.sentence:
            left = tokens[first - 1]
            if left.capitalised and left.text.isalpha() and left.text not in _STOP \
                    and first - 1 not in country_at and first - 1 not in taken:
                first -= 1
            elif left.text == "and" and first - 2 >= 0 and tokens[first - 2].capitalised \
                    and tokens[first - 2].text.isalpha() and first - 2 not in country_at \
                    and first - 2 not in taken and first < h:  # "Minerals and Metals Trading Corp"
                first -= 2
            else:
                break
        while last + 1 < n and tokens[last + 1].text in _COMPANY:  # "Hyundai Motor Co"
            last += 1
        if last + 2 < n and tokens[last + 1].text == "of" and tokens[last + 2].capitalised:
            last += 2
            while last + 1 < n and (tokens[last + 1].capitalised and tokens[last + 1].text.isalpha()) \
                    and tokens[last + 1].sentence == token.sentence:
                last += 1
        if first == h and last == h:
            continue
        if token.text in _COMPANY and first == h:
            continue
        country = None
        before = first - 1
        if before >= 0 and tokens[before].text in POSSESSIVE:
            before -= 1
        if before >= 0 and before in country_at:
            country = country_at[before]
        name = squash(text[tokens[first].start : tokens[last].end])
        found.setdefault(name, Organisation(name, _kind(token.text), country))
        taken.update(range(first, last + 1))
    return list(found.values())
