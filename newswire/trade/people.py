"""People with titles and affiliations, and later surname-only mentions resolved to the full name.

Patterns: "[affiliation] [title] Name" ("U.S. Treasury Secretary Scott Bessent", "Japan's top tariff
negotiator Ryosei Akazawa", "European Commission President Ursula von der Leyen"), appositions
("Howard Lutnick, the U.S. commerce secretary,") and "Name Name said". The title must end in a
known head noun (minister, secretary, president, negotiator...), or in a portfolio after "of" or
"for" ("Chancellor of the Exchequer", "Under Secretary for Industry and Security"). A capitalised
run after an article, a preposition or a company word ("the Secretariat for Economic Affairs
said", "equipment maker Veldhoven Photonics said") is a body, not a speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import compress

from newswire.trade._text import FUNCTION_WORDS, POSSESSIVE, WORD_CLASSES, Tokens, WordTest, squash
from newswire.trade.fields import Person
from newswire.trade.gazetteer import ORGANISATION, Match, country_names

HEADS = frozenset(
    [
        "president", "minister", "secretary", "representative", "negotiator", "envoy", "ambassador",
        "commissioner", "chancellor", "premier", "governor", "chairman", "chairwoman", "chair", "ceo",
        "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "director", "official", "senator",
        "congressman", "congresswoman", "lawmaker", "leader", "king", "queen", "emperor", "prince", "mayor",
        "economist", "analyst", "strategist", "executive", "head", "counsel", "administrator", "attorney",
        "general", "speaker", "judge", "justice", "secretary-general", "director-general", "president-elect",
        "vice-president", "deputy", "negotiators", "chief", "undersecretary", "under-secretary",
        "commissioner-designate", "envoys", "representatives", "officer", "president-designate",
    ]
)
MODIFIERS = frozenset(
    [
        "top", "chief", "senior", "deputy", "vice", "acting", "interim", "former", "new", "then", "lead",
        "special", "trade", "tariff", "economy", "economic", "finance", "financial", "foreign", "commerce",
        "treasury", "defence", "defense", "prime", "state", "junior", "industry", "agriculture",
        "agricultural", "farm", "energy", "international", "executive", "assistant", "principal", "first",
        "cabinet", "government", "policy", "ruling", "central", "bank", "monetary", "fiscal", "security",
        "national", "press", "union", "general", "the", "of",
    ]
)
PARTICLES = frozenset(["von", "van", "der", "de", "la", "le", "da", "dos", "du", "bin", "al", "el"])
NOT_NAMES = frozenset(
    [
        "The", "A", "An", "And", "But", "Or", "In", "On", "At", "For", "Of", "To", "By", "It", "He", "She",
        "They", "We", "I", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "Mr", "Mrs",
        "Ms", "Dr", "Sir", "After", "Before", "When", "While", "As", "If", "With", "Without", "From",
        "During", "Under", "Over", "Some", "Many", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Reuters", "Reuter", "AP", "AFP", "Bloomberg",
        "However", "Meanwhile", "Also", "Last", "Next", "This", "Earlier", "Later", "Asked", "Both", "Two",
        "Three", "Officials", "Sources", "Analysts", "Motor", "Motors", "Corp", "Inc", "Co", "Ltd", "Group",
        "Holdings", "Steel", "Electric", "Bank", "Ministry", "Department", "Commission", "Agency", "Office",
        "Council", "Parliament", "Bureau", "Administration", "Authority", "Association", "Federation",
        "Committee", "Union", "House", "Party", "Street", "Exchange", "Fund", "Airlines", "Industries",
        "Electronics", "International", "Organization", "Organisation", "Court", "Reserve", "Times", "Post",
        "Journal", "News", "Press", "Television", "TV", "Agreement", "Act", "Treaty", "Accord", "Round",
        "Program", "Programme", "Plan", "System", "Law", "Bill", "Code", "Pact", "Embassy", "Institute",
        "University", "Centre", "Center", "Index", "Market", "Markets",
    ]
)
NOT_NAMES = NOT_NAMES | FUNCTION_WORDS
# heads whose "for" introduces a portfolio ("Minister for Trade"; a "spokesman for" speaks for someone)
_OFFICES = frozenset(["minister", "secretary", "undersecretary", "under-secretary", "commissioner",
                      "director", "director-general"])
# small words inside a portfolio ("Minister of State for Energy", "Industry and Security")
_PORTFOLIO_JOINS = frozenset(["for", "and", "of"])
# words of portfolios and bodies, never the two-word name after one (lower case)
_PORTFOLIO_WORDS = MODIFIERS | frozenset([
    "affairs", "relations", "cooperation", "development", "planning", "industries", "industrial",
    "expansion", "resources", "mines", "mining", "exchequer", "interior", "justice", "health",
    "labour", "labor", "transport", "environment", "fisheries", "forestry", "regional", "social",
    "external", "economics", "exports", "imports", "investment", "infrastructure", "technology", "science",
    "growers", "producers", "importers", "exporters", "manufacturers", "dealers", "contractors",
    "cooperatives", "advisers", "advisors", "organisations", "organizations", "lines", "association",
])
# never part of a person's name, though a title may hold them ("Federal Reserve Board Chairman")
_BODY_NOUNS = frozenset(["Board", "Division", "Panel", "Subcommittee", "Service", "Society", "Secretariat",
                         "Directorate"])
_ABBREVIATED_TITLES = frozenset({"Sen", "Rep", "Gov", "Gen", "Sec", "Amb", "Pres"})
_SAY = frozenset(["said", "says", "told", "tells", "added", "noted", "stated", "warned"])
# a capitalised run after these is a body's name ("the Ministry of Economic Affairs said"), not a speaker
_NOT_BEFORE_SPEAKER = frozenset(["the", "of", "for", "at", "in", "on", "from", "to", "by", "with"])
# ... nor after (or opening with) a word for a company ("equipment maker Veldhoven Photonics said",
# "Chipmaker Fenwick Micro said")
# (whole words: a "lawmaker", "policymaker" or "filmmaker" is a person)
_COMPANY_NOUNS = frozenset([
    "maker", "chipmaker", "automaker", "carmaker", "steelmaker", "drugmaker", "planemaker", "toolmaker",
    "company", "firm", "group", "producer", "manufacturer", "carrier", "retailer", "supplier", "exporter",
    "importer", "operator", "giant", "miner", "lender", "insurer", "brewer", "conglomerate", "shipper",
    "startup", "rival",
])


_TITLE_MODIFIERS = MODIFIERS - {"the", "of"}


@dataclass(slots=True)
class _Found:
    name: list[str]
    title: str | None
    affiliation: str | None
    country: str | None


def _is_head(word: str) -> bool:
    """A title's head noun, also hyphenated ("vice-chairman", "co-chair")."""
    return word in HEADS or ("-" in word and word.rsplit("-", 1)[-1] in HEADS)


def _is_name_word(text: str) -> bool:
    return (
        text[:1].isupper()
        and text not in NOT_NAMES
        and text not in _BODY_NOUNS
        and text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and not (text.isupper() and len(text) > 2)
        and not _is_head(text.lower())
    )


_HEAD_LOWER = WordTest(_is_head)
# what a word can be for the rules below, as bits: part of a name; the end of a title (a head noun,
# or "Sen" of "Sen." checked with the full stop); a comma; a verb of saying
_NAME = WORD_CLASSES.add(_is_name_word)
_TITLE_END = WORD_CLASSES.add(lambda word: _is_head(word.lower()) or word in _ABBREVIATED_TITLES)
_COMMA = WORD_CLASSES.add(",".__eq__)
_SAYING = WORD_CLASSES.add(lambda word: word.lower() in _SAY)


def _affiliation(match: Match) -> tuple[str | None, str | None]:
    entry = match.entry
    if entry.kind == ORGANISATION:
        return entry.name, entry.code
    return country_names().get(entry.code or "", entry.code), entry.code


def find_people(text: str, tokens: Tokens, matches: list[Match]) -> tuple[list[Person], set[int]]:
    """People in order of first mention, and the token indices used by their titles and names."""
    entity_at: dict[int, Match] = {}
    for match in matches:
        for i in range(match.first, match.last):
            entity_at[i] = match
    used: set[int] = set()
    found: list[_Found] = []
    words, sentence = tokens.words, tokens.sentence
    n = len(words)
    is_name = tokens.flag(_NAME)  # _NAME or 0
    is_name.append(0)

    def name_run(start: int, limit: int = 4) -> list[int]:
        """Consecutive name words from ``start`` (particles inside a name count), at most ``limit``."""
        run: list[int] = []
        i = start
        while i < n and len(run) < limit and sentence[i] == sentence[start]:
            if not (is_name[i] and i not in entity_at):  # a particle followed by a name word also counts
                j = i
                while j < n and words[j] in PARTICLES:
                    j += 1
                if not (j > i and run and j < n and is_name[j]):
                    break
            run.append(i)
            i += 1
        return run

    def portfolio_and_name(start: int, limit: int = 7) -> tuple[int, list[int]]:
        """(last token of the portfolio, name tokens) of capitalised words from ``start`` in one
        sentence (particles inside): the name is the last two capitalised words and the particles
        between them, the portfolio what comes before; (start, []) when no such split exists."""
        capitals: list[int] = []
        end = start
        while end < n and end - start < limit and sentence[end] == sentence[start] and end not in entity_at:
            if _HEAD_LOWER[words[end].lower()]:
                break  # another title begins ("Secretary of State Ann Lee and Undersecretary ...")
            if words[end][:1].isupper() and (is_name[end] or words[end].isalpha()):
                capitals.append(end)
            elif not (capitals and end + 1 < n and words[end + 1][:1].isupper()
                      and (words[end] in PARTICLES or words[end] in _PORTFOLIO_JOINS)):
                break
            end += 1
        if len(capitals) < 3 or not all(is_name[i] and words[i].lower() not in _PORTFOLIO_WORDS
                                        for i in capitals[-2:]):
            return start, []
        return capitals[-3], [i for i in range(capitals[-2], capitals[-1] + 1) if i > capitals[-3]]

    def title_left(head: int) -> tuple[int, Match | None]:
        """First token of the title ending at ``head`` and the affiliation just before it."""
        first = head
        j = head - 1
        while j >= 0 and head - j <= 6 and sentence[j] == sentence[head]:
            if j in entity_at:
                return first, entity_at[j]
            word = words[j]
            if word in POSSESSIVE:
                return first, entity_at.get(j - 1)
            lower = words[j].lower()
            if lower in ("the", "of") and j - 1 in entity_at:
                return first, entity_at[j - 1]
            if lower in _TITLE_MODIFIERS or _HEAD_LOWER[lower] or word == "Under" or (
                word[:1].isupper() and word.isalpha() and word not in NOT_NAMES
            ):
                first = j
                j -= 1
                continue
            break
        return first, None

    def title_right(comma: int) -> tuple[int, int, Match | None] | None:
        """(first token, head, affiliation) of "[the] [affiliation['s]] title" after ``comma``, if it
        is not followed by a name."""
        j = comma + 1
        if j < n and words[j].lower() in ("the", "a", "an"):
            j += 1
        affiliation = None
        if j in entity_at:
            affiliation = entity_at[j]
            j = affiliation.last
            if j < n and words[j] in POSSESSIVE:
                j += 1
        title_start, head = j, None
        while j < n and j - title_start < 5 and sentence[j] == sentence[comma]:
            lower = words[j].lower()
            if _HEAD_LOWER[lower]:
                head = j
            elif not (lower in MODIFIERS or (words[j][:1].isupper() and words[j].isalpha())):
                break
            j += 1
        if head is None or (head + 1 < n and is_name[head + 1]):
            return None
        return title_start, head, affiliation

    # "[affiliation] title Name"
    title_ends = tokens.having(_TITLE_END)
    for h in title_ends:
        abbreviated = words[h] in _ABBREVIATED_TITLES and h + 1 < n and words[h + 1] == "."
        if (not _HEAD_LOWER[words[h].lower()] and not abbreviated) or h in entity_at:
            continue
        run = name_run(h + 2 if abbreviated else h + 1)
        head_end = h + 1 if abbreviated else h
        if run and run[-1] + 1 < n and _HEAD_LOWER[words[run[-1] + 1].lower()]:
            continue  # "Deputy Trade Representative": the title goes on; its last head comes later
        linker = words[h + 1].lower() if h + 1 < n else ""
        if not run and h + 2 < n and (linker == "of" or (linker == "for" and words[h].lower() in _OFFICES)):
            # "Secretary of State Marco Rubio", "Chancellor of the Exchequer Ana Ruiz", "Minister of
            # Social Affairs Jan de Wit", "Under Secretary for Industry and Security Ana Ruiz": the
            # portfolio's capitalised words, then a two-word name
            head_end, run = portfolio_and_name(h + 3 if words[h + 2] == "the" else h + 2)
        if not run:
            continue
        first, affiliation = title_left(h)
        title = squash(text[tokens.starts[first] : tokens.end(head_end)])
        org, code = _affiliation(affiliation) if affiliation else (None, None)
        found.append(_Found([words[i] for i in run], title, org, code))
        used.update(range(first, run[-1] + 1))

    # "Name Name, [the] [affiliation['s]] title,"
    for c in tokens.having(_COMMA):
        if c < 2 or not (is_name[c - 1] and is_name[c - 2]):  # at least two names before the comma
            continue
        k = bisect_right(title_ends, c)  # no title without a head word after the comma in its sentence
        if k == len(title_ends) or sentence[title_ends[k]] != sentence[c]:
            continue
        right = title_right(c)  # first: most commas after two names are followed by no title
        if right is None:
            continue
        title_start, head, affiliation = right
        start = c - 1
        while start - 1 >= 0 and c - start < 3 and is_name[start - 1] \
                and start - 1 not in entity_at:
            start -= 1
        run = [i for i in range(start, c) if is_name[i] and i not in entity_at]
        if len(run) < 2 or len(run) != c - start or run[0] in used:
            continue
        org, code = _affiliation(affiliation) if affiliation else (None, None)
        found.append(_Found([words[i] for i in run],
                            squash(text[tokens.starts[title_start] : tokens.end(head)]), org, code))
        used.update(range(start, head + 1))

    # "Name Name said" / "said Name Name,": a run of 2-3 names just before a verb of saying, or
    # just after one, so only the tokens around those verbs can start one
    near_saying = {i for s in tokens.having(_SAYING) for i in (s - 3, s - 2, s + 1)}
    for i in sorted(near_saying):
        if i < 0 or not is_name[i] or i >= n - 1 or (i > 0 and is_name[i - 1]) or i in used or i in entity_at:
            continue
        if not (is_name[i + 1] or words[i + 1] in PARTICLES):  # no second name
            continue
        run = name_run(i, limit=3)
        if len(run) < 2:
            continue
        after = words[run[-1] + 1].lower() if run[-1] + 1 < n else ""
        before = words[i - 1].lower() if i > 0 else ""
        if before in _NOT_BEFORE_SPEAKER or used.intersection(run) or \
                before in _COMPANY_NOUNS or words[i].lower() in _COMPANY_NOUNS:
            continue
        if after in _SAY or (before in _SAY and after in (",", ".")):
            found.append(_Found(words[run[0] : run[-1] + 1], None, None, None))
            used.update(run)
    return _merge(found, words, is_name), used


def _fill(known: _Found, item: _Found) -> None:
    """Title, affiliation and country of ``item`` where ``known`` has none."""
    known.title = known.title or item.title
    known.affiliation = known.affiliation or item.affiliation
    known.country = known.country or item.country


def _counts(surnames: set[str], words: list[str], is_name: list[int]) -> Counter[str]:
    """How often each of ``surnames`` occurs in ``words``. A name word is counted among the tokens
    flagged as names (``is_name``), which hold all its occurrences; any other word among all tokens."""
    counts = Counter(filter(surnames.__contains__, compress(words, is_name)))
    for surname in surnames:
        if not WORD_CLASSES[surname] & _NAME:
            counts[surname] = words.count(surname)
    return counts


def _merge(found: list[_Found], words: list[str], is_name: list[int]) -> list[Person]:
    """One person per full name, in order of first mention; single surnames join the full name that
    ends with them (``is_name``: whether each of ``words`` is a name word)."""
    names = [" ".join(item.name) for item in found]
    full: dict[str, _Found] = {}  # the first mention of each full name, completed by the later ones
    for name, item in zip(names, found, strict=True):
        if len(item.name) > 1:
            known = full.setdefault(name, item)
            if known is not item:
                _fill(known, item)
    # "Van Doorn" at the start of a sentence, or "Ortega Salgado", is the full name named before
    tails = {" ".join(known.name[k:]).lower(): known
             for known in full.values() for k in range(1, len(known.name) - 1)}
    for name in list(full):
        target = tails.get(name.lower())
        if target is not None and target is not full[name]:
            _fill(target, full.pop(name))
    surnames = {item.name[-1]: item for item in full.values()}
    singles: dict[str, _Found] = {}
    for name, item in zip(names, found, strict=True):
        if len(item.name) == 1:
            target = surnames.get(name)
            if target is None:
                singles.setdefault(name, item)
            else:
                _fill(target, item)
    merged = full | singles
    counts = _counts({f.name[-1] for f in merged.values()}, words, is_name)
    people: list[Person] = []
    for name in dict.fromkeys(names):
        f = merged.get(name)
        if f is not None:
            people.append(Person(name=name, title=f.title, affiliation=f.affiliation, country=f.country,
                                 mentions=max(1, counts.get(f.name[-1], 1))))
    return people
