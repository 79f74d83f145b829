"""Names of countries and organisations, matched on tokens (longest match first).

Country names and codes come from pycountry; capitals, demonyms and alternative spellings from
countryinfo; ``extract_countries.json`` adds English news usage ("U.S.", "Britain", "Washington")
and lists ambiguous or blocked phrases. Organisations come from ``extract_organisations.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from newswire.trade._text import WORD_CLASSES, Tokens, key

# Entry kinds
NAME = "name"  # the country itself: "Japan", "U.S."
DEMONYM = "demonym"  # "Japanese", "American"
CAPITAL = "capital"  # seat of government used for it: "Tokyo", "Washington"
ORGANISATION = "organisation"
BLOCKED = "blocked"  # a phrase that looks like a country but is not ("Latin American", "New Mexico")

_LATIN = re.compile(r"^[A-Za-zÀ-ɏ .'’-]+$")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase denotes: a country (code) or organisation (name), and how it was named."""

    kind: str
    code: str | None = None
    name: str | None = None
    org_kind: str | None = None
    ambiguous: bool = False


class Match(NamedTuple):
    """A gazetteer hit: token index range [first, last) and the entry (a tuple: made per hit)."""

    first: int
    last: int
    entry: Entry


def load_json(name: str) -> Any:
    """A JSON data file shipped in newswire/trade."""
    return json.loads(resources.files("newswire.trade").joinpath(name).read_text(encoding="utf-8"))


@cache
def country_names() -> dict[str, str]:
    """ISO code -> short English name ("United States", "South Korea")."""
    import pycountry
    from countryinfo import CountryInfo

    info_names = {
        (d.get("ISO") or {}).get("alpha2"): d["name"] for d in CountryInfo.all().values() if d.get("name")
    }
    names: dict[str, str] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        if common:
            names[country.alpha_2] = common
        elif "," in country.name and country.alpha_2 in info_names:
            names[country.alpha_2] = info_names[country.alpha_2]
        else:
            names[country.alpha_2] = country.name
    return names


@cache
def gazetteer() -> dict[tuple[str, ...], Entry]:
    """Phrase (as word tokens) -> entry; case-sensitive."""
    import pycountry
    from countryinfo import CountryInfo

    extra = load_json("extract_countries.json")
    orgs = load_json("extract_organisations.json")
    valid = {c.alpha_2 for c in pycountry.countries}
    population: dict[str, int] = {}
    table: dict[tuple[str, ...], Entry] = {}
    # candidates per phrase; the most populous country wins a shared demonym or capital
    candidates: dict[tuple[tuple[str, ...], str], set[str]] = {}

    def offer(phrase: str, kind: str, code: str) -> None:
        if code in valid and phrase and _LATIN.match(phrase) and "," not in phrase:
            candidates.setdefault((key(phrase), kind), set()).add(code)

    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            offer(getattr(country, attr, "") or "", NAME, country.alpha_2)
    ignore_capitals = set(extra["ignore_capitals"])
    for data in CountryInfo.all().values():
        code = (data.get("ISO") or {}).get("alpha2") or ""
        population[code] = int(data.get("population") or 0)
        offer(data.get("name") or "", NAME, code)
        for spelling in data.get("altSpellings") or []:
            if len(spelling) > 3 and not spelling.isupper():
                offer(spelling, NAME, code)
        capital = data.get("capital")
        if isinstance(capital, str) and capital not in ignore_capitals:
            offer(capital, CAPITAL, code)
        for demonym in (data.get("demonym") or "").split(","):
            demonym = demonym.strip()
            offer(demonym, DEMONYM, code)
            if demonym.endswith(("an", "i")):
                offer(demonym + "s", DEMONYM, code)
    for code, phrases in extra["aliases"].items():
        for phrase in phrases:
            offer(phrase, NAME, code)
    for code, phrases in extra["adjectives"].items():
        for phrase in phrases:
            offer(phrase, DEMONYM, code)
    for code, phrases in extra["seats_of_government"].items():
        for phrase in phrases:
            offer(phrase, CAPITAL, code)

    ambiguous = set(extra["ambiguous"])
    # names beat demonyms beat capitals for the same phrase
    for kind in (CAPITAL, DEMONYM, NAME):
        for (phrase_key, entry_kind), codes in candidates.items():
            if entry_kind != kind:
                continue
            code = max(codes, key=lambda c: population.get(c, 0))
            text = " ".join(phrase_key)
            table[phrase_key] = Entry(kind, code, ambiguous=text in ambiguous)
    for org in orgs["organisations"]:
        entry = Entry(ORGANISATION, org["country"], org["name"], org["kind"])
        for phrase in [org["name"], *org["aliases"]]:
            table[key(phrase)] = entry
    for phrase in extra["blocked"]:
        table[key(phrase)] = Entry(BLOCKED)
    return table


@cache
def _widths() -> dict[str, int]:
    """First word of a phrase -> longest phrase (in tokens) starting with it."""
    widths: dict[str, int] = {}
    for phrase in gazetteer():
        widths[phrase[0]] = max(widths.get(phrase[0], 0), len(phrase))
    return widths


@cache
def _pairs() -> frozenset[tuple[str, str]]:
    """The first two words of the phrases of two words or more."""
    return frozenset((phrase[0], phrase[1]) for phrase in gazetteer() if len(phrase) > 1)


@cache
def _singles() -> frozenset[str]:
    """The one-word phrases."""
    return frozenset(phrase[0] for phrase in gazetteer() if len(phrase) == 1)


@cache
def _seconds() -> frozenset[str]:
    """The second words of the phrases of two words or more."""
    return frozenset(second for _, second in _pairs())


# word classes: a one-word phrase, the first or second word of a longer phrase
_SINGLE = WORD_CLASSES.add(lambda word: word in _singles())
_FIRST = WORD_CLASSES.add(lambda word: word in _widths())
_SECOND = WORD_CLASSES.add(lambda word: word in _seconds())


def find_matches(tokens: Tokens) -> list[Match]:
    """Non-overlapping longest gazetteer matches, left to right, within a sentence."""
    table, widths, pairs, singles = gazetteer(), _widths(), _pairs(), _singles()
    words, sentence = tokens.words, tokens.sentence
    matches: list[Match] = []
    n = len(words)
    free = 0  # first token not inside an earlier match
    for i in tokens.opening(_SINGLE, _FIRST, _SECOND):  # where a phrase can begin
        if i < free:
            continue
        widest = min(widths[words[i]], n - i)
        if widest > 1 and (words[i], words[i + 1]) not in pairs:
            if words[i] not in singles:  # "the" begins phrases but is none
                continue
            widest = 1
        for width in range(widest, 0, -1):
            entry = table.get(tuple(words[i : i + width]))
            if entry is not None and sentence[i + width - 1] == sentence[i]:
                matches.append(Match(i, i + width, entry))
                free = i + width
                break
    return matches
