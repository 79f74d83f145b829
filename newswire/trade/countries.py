"""Countries named in a story (names, demonyms, capitals) with their roles.

Roles come from the sentence a mention sits in:
- ``targeted``: "tariffs on Japanese cars", "duties on steel from China", "sanctions against Russia";
- ``imposing``: "U.S. tariffs", "China's export controls", or the nearest country before a verb such
  as impose/raise/cut/threaten followed by a measure ("Washington ... reluctant to cut its tariffs");
- ``negotiating``: a country in a sentence about talks, negotiations, a deal or a negotiator;
- ``venue``: "summit ... in Canada", "talks in London".
"""

from __future__ import annotations

from newswire.trade._text import FUNCTION_WORDS, Tokens
from newswire.trade.fields import Country
from newswire.trade.gazetteer import BLOCKED, CAPITAL, DEMONYM, NAME, Match, country_names
from newswire.trade.products import ACTIONS

MEASURES = frozenset(
    [
        "tariff", "tariffs", "duty", "duties", "levy", "levies", "quota", "quotas", "sanction", "sanctions",
        "ban", "bans", "embargo", "restrictions", "curbs", "controls", "surcharge", "surcharges",
        "anti-dumping", "countervailing", "safeguards",
    ]
)
_IMPOSING_VERBS = frozenset(
    f for a in ("impose", "raise", "cut", "eliminate", "suspend", "threaten", "retaliate", "extend")
    for f in ACTIONS[a]
) | {"announce", "announced", "announces", "set", "sets", "put", "puts", "place", "placed", "levy", "keep",
     "kept", "maintain", "maintained"}
_TALKS = frozenset(
    [
        "talks", "negotiations", "negotiation", "negotiate", "negotiated", "negotiating", "negotiator",
        "negotiators", "envoy", "deal", "agreement", "accord", "pact",
    ]
)
_LINKS = frozenset(
    ["over", "on", "for", "with", "to", "from", "in", "at", "of", "and", "or", "by", "against", "about", ",",
     "said", "says", "has", "have", "had", "is", "was", "will", "would"]
)
_NOT_A_MEASURE = frozenset(
    [
        "negotiator", "negotiators", "envoy", "talks", "negotiations", "chief", "official", "officials",
        "deal", "agreement", "war", "dispute", "policy", "team",
    ]
)
_EVENTS = frozenset(["summit", "talks", "meeting", "conference", "round", "forum", "negotiations"])
_TARGET_PREPOSITIONS = frozenset({"on", "against"})
_SOURCE_PREPOSITIONS = frozenset({"from", "to"})
_PREPOSITIONS = _TARGET_PREPOSITIONS | _SOURCE_PREPOSITIONS
_FLOWS = frozenset([
    "imports", "import", "exports", "export", "shipments", "sales", "goods", "products", "imported",
])


def _neighbour_capitalised(tokens: Tokens, match: Match) -> bool:
    words, sentence = tokens.words, tokens.sentence
    if match.first > 0:
        before = words[match.first - 1]
        if before[:1].isupper() and before.isalpha() and sentence[match.first - 1] == sentence[match.first] \
                and before not in FUNCTION_WORDS:
            return True
    if match.last < len(words):
        after = words[match.last]
        return after[:1].isupper() and after.isalpha() and sentence[match.last] == sentence[match.last - 1]
    return False


def country_mentions(tokens: Tokens, matches: list[Match]) -> list[Match]:
    """The gazetteer matches that really name a country (ambiguous and embedded names dropped)."""
    kept: list[Match] = []
    for match in matches:
        entry = match.entry
        if entry.kind not in (NAME, DEMONYM, CAPITAL) or entry.code is None:
            continue
        if (entry.ambiguous or entry.kind == CAPITAL) and _neighbour_capitalised(tokens, match):
            continue
        kept.append(match)
    return kept


def _roles(words: list[str], lo: int, mention: Match, mentions_in_sentence: list[Match]) -> set[str]:
    """Roles of one mention; ``words`` are the lower-case tokens of its sentence, which starts at token
    ``lo``."""
    roles: set[str] = set()
    first, last = mention.first, mention.last
    at = first - lo  # index of the mention within the sentence
    end = last - lo
    # targeted: "<measure> ... on|against <country>", "<measure> ... imports from <country>"
    for back in range(1, 4):
        p = at - back
        if p < 0:
            break
        if words[p] in _PREPOSITIONS:
            if words[p] in _TARGET_PREPOSITIONS:
                hit = not MEASURES.isdisjoint(words[max(0, p - 4) : p])
            else:  # "duties on steel from", "imports from", "exports to", "shipments of chips to"
                near = words[max(0, p - 4) : p]
                hit = (words[p] == "from" and not MEASURES.isdisjoint(near)) or (
                    not _FLOWS.isdisjoint(near) and not MEASURES.isdisjoint(words))
            if hit:
                roles.add("targeted")
            break
        if words[p] in MEASURES or words[p] in (",", ".", ";"):
            break
    # "U.S. tariffs", "China's export controls"; a demonym before a product and a measure is a target
    follow = words[end : end + 4]
    if follow[:1] == ["'s"] or follow[:1] == ["’s"]:
        follow = follow[1:]
    measure_at = -1
    for i, word in enumerate(follow[:3]):
        if word in MEASURES:
            measure_at = i
            break
    if measure_at >= 0 and _LINKS.intersection(follow[:measure_at]):  # "talks with Washington over quotas"
        measure_at = -1
    if measure_at >= 0 and (follow[measure_at + 1 : measure_at + 2] or [""])[0] not in _NOT_A_MEASURE:
        kind = mention.entry.kind
        if kind == DEMONYM and measure_at >= 1 and follow[0] not in ("export", "import", "retaliatory"):
            roles.add("targeted")
        else:
            roles.add("imposing")
    # the nearest country before an imposing verb that is followed by a measure
    if not _IMPOSING_VERBS.isdisjoint(words[end : end + 12]):
        for v in range(end, min(len(words), end + 12)):
            if words[v] in _IMPOSING_VERBS and not MEASURES.isdisjoint(words[v + 1 : v + 9]):
                nearer = [m for m in mentions_in_sentence if last <= m.first < lo + v]
                if not nearer:
                    roles.add("imposing")
                break
    after_event = not _EVENTS.isdisjoint(words[max(0, at - 10) : at])
    place = at - 1
    if place >= 2 and words[place] == ",":  # "in Venice, Italy"
        place -= 2
    if after_event and place >= 0 and words[place] in ("in", "at", "hosted"):
        roles.add("venue")
    elif not _TALKS.isdisjoint(words):
        roles.add("negotiating")
    return roles


def find_countries(tokens: Tokens, mentions: list[Match]) -> list[Country]:
    """Countries in order of first mention, with mention counts and roles."""
    names = country_names()
    counts: dict[str, int] = {}
    roles: dict[str, set[str]] = {}
    by_sentence: dict[int, list[Match]] = {}
    sentence_of, firsts, words = tokens.sentence, tokens.firsts, tokens.words
    for mention in mentions:
        by_sentence.setdefault(sentence_of[mention.first], []).append(mention)
    sentence_words = {s: list(map(str.lower, words[firsts[s] : firsts[s + 1]])) for s in by_sentence}
    for mention in mentions:
        if mention.entry.kind == BLOCKED:
            continue
        code = mention.entry.code or ""
        counts[code] = counts.get(code, 0) + 1
        sentence = sentence_of[mention.first]
        roles.setdefault(code, set()).update(
            _roles(sentence_words[sentence], firsts[sentence], mention, by_sentence[sentence]))
    order = ("imposing", "targeted", "negotiating", "venue")
    return [
        Country(code=code, name=names.get(code, code), roles=tuple(r for r in order if r in roles[code]),
                mentions=count)
        for code, count in counts.items()
    ]
