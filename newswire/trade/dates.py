"""Date expressions resolved against the publication date, and the events they date.

"May 30", "30 May 2025", "2025-05-30", "on Friday" (past or coming by the tense around it),
"Friday's talks", "next week", "this weekend", "next month", "in June", "in two weeks", "tomorrow"...
A bare day and month takes the year that puts it nearest the publication date (so "Jan. 3" in a
story of Dec. 28 is next year). Coarse expressions resolve to the first day of the period and say
so in ``precision`` (week, month, year).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from newswire.trade._text import WORD_CLASSES, Tokens, fold, search_at, squash
from newswire.trade.fields import Event

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12}

_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"\b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b"
    rf"|\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May"
    rf"|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
    rf"(?:\s+(?P<year2>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<mprep>in|by|until|before|after|since|from|during|late|early|mid|end of|start of|beginning of)"
    rf"[\s-]+(?P<month3>January|February|March|April|May|June|July|August|September|October|November|December)"
    rf"\b(?!\s+\d{{1,2}}\b)(?:\s+(?P<year3>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<rel>next|last|this|coming|past|following)\s+(?P<unit>week|month|year|weekend)\b"
    rf"|\b(?:(?P<wmod>next|last|this|coming)\s+)?{_WEEKDAY}\b"
    rf"|\b(?P<day_word>today|tonight|yesterday|tomorrow)\b"
    rf"|\b(?:in|within)\s+(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
    rf"(?P<count_unit>days?|weeks?|months?|years?)\b(?P<from_now>\s+from\s+now)?"
    rf"|\b(?P<count2>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<count_unit2>days?|weeks?|months?"
    rf"|years?)\s+(?P<ago>ago|later|from now)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|'ll|shall|plans?|planned|planning|intends?|intended|expected|expects?|"
                     r"scheduled|due|set to|aims?|hopes?|would|is to|are to|next|upcoming|coming|ahead)\b",
                     re.IGNORECASE)
# the words every _FUTURE and _REPORTING match begins with (lower case)
_FUTURE_OPENINGS = ("will", "'ll", "shall", "plan", "intend", "expect", "scheduled", "due", "set to", "aim",
                    "hope", "would", "is to", "are to", "next", "upcoming", "coming", "ahead")
_REPORTING = re.compile(r"\b(?:said|says|told|tells|reported|reports|announced|added|wrote|stated|noted|"
                        r"confirmed|according)\b(?:\s+\w+){0,2}\s*(?:on|late on|early on|earlier on)?\s*\Z",
                        re.IGNORECASE)
_REPORTING_OPENINGS = ("said", "says", "told", "tells", "report", "announced", "added", "wrote", "stated",
                       "noted", "confirmed", "according")

_ORDINALS = frozenset(
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "next", "new", "another", "latest", "final", "last", "further", "fresh",
    ]
)
_TALK_MODIFIERS = frozenset([
    "high-level", "bilateral", "trade", "tariff", "further", "formal", "fresh", "new", "ministerial",
    "technical",
])
_TALKS = frozenset(["talks", "negotiations", "consultations", "discussions"])
_MEETING_MODIFIERS = frozenset(["in-person", "ministerial", "bilateral"])
_VISIT_MODIFIERS = frozenset(["official", "state"])
_EFFECT_VERBS = frozenset(["take", "takes", "took", "taking", "go", "goes", "went", "come", "comes", "came"])
_DEAL_MODIFIERS = frozenset({"the", "a", "an", "trade", "new", "free"})
_SIGN = frozenset(["sign", "signs", "signing", "signed"])
_ANCHORS = frozenset(
    [
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
        "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "next",
        "last", "this", "coming", "past", "following", "today", "tonight", "yesterday", "tomorrow", "in",
        "within", "by", "until", "before", "after", "since", "from", "during", "late", "early", "mid", "end",
        "start", "beginning", "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "twelve",
    ]
)
_MAX_GAP = 50  # characters between an event phrase and its date


class DateMention(NamedTuple):
    """A resolved date expression: span, ISO date (or None), precision and whether it dates a report."""

    start: int
    end: int
    text: str
    date: date | None
    precision: str
    reporting: bool
    sentence: int  # number of the sentence it is in


@lru_cache(maxsize=4096)
def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def _month_start(year: int, month: int) -> date:
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def _add(anchor: date, count: int, unit: str) -> tuple[date, str]:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return anchor + timedelta(days=count), "day"
    if unit == "week":
        return anchor + timedelta(weeks=count), "day"
    if unit == "month":
        return _month_start(anchor.year, anchor.month + count), "month"
    return date(anchor.year + count, 1, 1), "year"


def _weekday(target: int, anchor: date, modifier: str, future: bool) -> date:
    delta = target - anchor.weekday()
    if modifier == "next":
        return anchor + timedelta(days=delta % 7 or 7)
    if modifier == "last":
        return anchor - timedelta(days=(-delta) % 7 or 7)
    if modifier in ("this", "coming") or future:
        return anchor + timedelta(days=delta % 7)
    return anchor - timedelta(days=(-delta) % 7)


def _resolve(m: re.Match[str], anchor: date | None, future: bool) -> tuple[date | None, str]:
    """The date and precision of a date expression; ``future``: a bare weekday is in a sentence that
    speaks of the future."""
    g = m.group
    if g("iso"):
        try:
            return date(int(g("iy")), int(g("im")), int(g("id"))), "day"
        except ValueError:
            return None, "day"
    month_name = g("month") or g("month2")
    if month_name:
        month, day = MONTHS[month_name.lower()[:3]], int(g("day") or g("day2"))
        year = g("year") or g("year2")
        if year:
            try:
                return date(int(year), month, day), "day"
            except ValueError:
                return None, "day"
        return (_nearest_year(month, day, anchor) if anchor else None), "day"
    if g("month3"):
        month = MONTHS[g("month3").lower()[:3]]
        if g("year3"):
            return date(int(g("year3")), month, 1), "month"
        if anchor is None:
            return None, "month"
        return _nearest_year(month, 1, anchor.replace(day=1)), "month"
    if anchor is None:
        return None, "day"
    if g("unit"):
        rel, unit = g("rel").lower(), g("unit").lower()
        step = {"next": 1, "coming": 1, "following": 1, "last": -1, "past": -1}.get(rel, 0)
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday())
            return monday + timedelta(weeks=step), "week"
        if unit == "weekend":
            saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
            if anchor.weekday() == 6:
                saturday = anchor - timedelta(days=1)
            return saturday + timedelta(weeks=step), "day"
        if unit == "month":
            return _month_start(anchor.year, anchor.month + step), "month"
        return date(anchor.year + step, 1, 1), "year"
    if g("weekday"):
        return _weekday(WEEKDAYS[g("weekday").lower()], anchor, (g("wmod") or "").lower(), future), "day"
    if g("day_word"):
        word = g("day_word").lower()
        return anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0)), "day"
    count_text = (g("count") or g("count2")).casefold()  # casefold: "ſix" (long s) is "six"
    unit = g("count_unit") or g("count_unit2")
    count = NUMBERS.get(count_text)
    if count is None:
        if not (count_text.isascii() and count_text.isdigit()):
            return None, "day"  # a look-alike the case-blind pattern let through
        count = int(count_text)
    if (g("ago") or "").lower() == "ago":
        count = -count
    return _add(anchor, count, unit)


# a date expression is one of these words alone, or a word followed by a _FOLLOWER
_ALONE = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                    "tonight", "yesterday", "tomorrow"])
_SECOND_WORDS = frozenset(
    [
        *MONTHS, "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", *WEEKDAYS, *NUMBERS, "day", "days", "week", "weeks", "weekend", "month",
        "months", "year", "years", "of", "st", "nd", "rd", "th",
    ]
)


def _could_follow(word: str) -> bool:
    """Whether ``word`` can be the second token of a date expression ("30" of "May 30", "week" of "next
    week", "-" of "2025-05-30"...). Only an ASCII word is judged: the expressions match regardless of
    case, and a few other letters match ASCII ones then (the long s matches s)."""
    if not word.isascii() or word[0].isdigit() or word in ("-", "."):
        return True
    head = word.lower().replace("'", "-").replace("&", "-").split("-", 1)[0]  # "week" of "week-long"
    return head in _SECOND_WORDS


# word classes: can open a date (an anchor word or a number), is one alone, can be its second token
_OPENS = WORD_CLASSES.add(lambda word: word.lower() in _ANCHORS or word[0].isdigit())
_ALONE_WORD = WORD_CLASSES.add(lambda word: word.lower() in _ALONE)
_SECOND = WORD_CLASSES.add(_could_follow)


def find_dates(text: str, tokens: Tokens, sentences: list[tuple[int, int]],
               anchor: date | None, folded: str | None = None,
               within: Collection[int] | None = None) -> list[DateMention]:
    """Date expressions of ``text`` resolved against ``anchor`` (the publication date); the regex is
    tried only where a token can open one. ``folded``: :func:`fold` of ``text`` if already made;
    ``within``: only the dates of these sentences (by number) are wanted."""
    folded = fold(text) if folded is None else folded
    found: list[DateMention] = []
    covered = -1
    starts, sentence_of = tokens.starts, tokens.sentence
    # a word that is a date alone, or one that opens a date before a word that can continue it (so
    # the regex is not tried at every "a" and "in")
    candidates = tokens.opening(_ALONE_WORD, _OPENS, _SECOND)
    if within is not None:  # those after the last wanted one cannot change a wanted date
        wanted = [k for k, i in enumerate(candidates) if sentence_of[i] in within]
        del candidates[wanted[-1] + 1 if wanted else 0 :]
    for i in candidates:
        if starts[i] < covered:
            continue
        m = _DATE.match(text, starts[i])
        if m is None:
            continue
        if m.group("weekday") and not m.group("weekday")[0].isupper():
            continue
        if (m.group("month") or m.group("month2") or m.group("month3") or "")[:1].islower():
            continue
        if within is not None and sentence_of[i] not in within:
            covered = m.end()  # still covers what it matched, as when it is kept
            continue
        s_start, s_end = sentences[sentence_of[i]]
        future = anchor is not None and bool(m.group("weekday")) and not m.group("wmod") \
            and search_at(_FUTURE, _FUTURE_OPENINGS, text, folded, s_start, s_end)
        resolved, precision = _resolve(m, anchor, future)
        reporting = search_at(_REPORTING, _REPORTING_OPENINGS, text, folded,
                              max(s_start, m.start() - 40), m.start())
        found.append(DateMention(m.start(), m.end(), squash(m.group(0)), resolved, precision, reporting,
                                 sentence_of[i]))
        covered = m.end()
    return found


def _event_phrase(tokens: Tokens, i: int) -> tuple[str, int] | None:
    """(kind, first token index) of the event phrase whose head word is token ``i``, if it is one."""
    words = tokens.words  # lowered where read: a phrase looks at a few words only
    word = words[i].lower()
    before = words[i - 1].lower() if i > 0 else ""
    if word in _TALKS:
        for r in range(i - 1, max(-1, i - 6), -1):  # "fourth round of trade talks"
            if words[r].lower() == "round" and r + 1 < i and words[r + 1].lower() == "of" and r > 0 \
                    and (words[r - 1].lower() in _ORDINALS or words[r - 1].lower()[:1].isdigit()):
                return "talks", r - 1
        first = i
        while first > 0 and i - first < 2 and words[first - 1].lower() in _TALK_MODIFIERS:
            first -= 1
        return "talks", first
    if word == "summit":
        sentence = tokens.sentence
        first = i
        while first > 0 and i - first < 4 and sentence[first - 1] == sentence[i] \
                and (tokens.capitalised(first - 1) or words[first - 1].lower() == "of"):
            first -= 1
        while first < i and words[first].lower() in ("of", "the"):
            first += 1
        return "summit", first
    if word in ("session", "sessions", "conference", "forum"):
        return "meeting", i
    if word == "meeting":
        return "meeting", i - 1 if before in _MEETING_MODIFIERS else i
    if word == "meet" and before == "to":
        return "meeting", i
    if word in ("visit", "trip"):
        return "visit", i - 1 if before in _VISIT_MODIFIERS else i
    if word == "call" and before in ("phone", "video"):
        return "call", i - 1
    if word == "deadline":
        return "deadline", i
    if word in ("effect", "force"):
        first = i - 1 if before == "into" else i
        if first > 0 and words[first - 1].lower() in _EFFECT_VERBS:
            return "effective", first - 1
        return None
    if word in ("vote", "election", "referendum"):
        return "vote", i
    if word in ("hearing", "ruling"):
        return "hearing", i
    if word in ("deal", "agreement", "accord"):
        first = i
        while first > 0 and i - first < 3 and words[first - 1].lower() in _DEAL_MODIFIERS:
            first -= 1
        if first > 0 and words[first - 1].lower() in _SIGN:
            return "signing", first - 1
    return None


# the head words _event_phrase can return an event for
_EVENT_HEADS = _TALKS | {
    "summit", "session", "sessions", "conference", "forum", "meeting", "meet", "visit", "trip", "call",
    "deadline", "effect", "force", "vote", "election", "referendum", "hearing", "ruling", "deal",
    "agreement", "accord",
}
_EVENT_HEAD = WORD_CLASSES.add(lambda word: word.lower() in _EVENT_HEADS)


def event_sentences(tokens: Tokens) -> set[int]:
    """Numbers of the sentences with an event word: the only ones whose dates :func:`find_events`
    uses."""
    sentence = tokens.sentence
    return {sentence[i] for i in tokens.having(_EVENT_HEAD)}


def find_events(text: str, tokens: Tokens, dates: list[DateMention]) -> list[Event]:
    """Event phrases (talks, summit, visit, deadline...) paired with the nearest date in their sentence."""
    by_sentence: dict[int, list[DateMention]] = {}
    for mention in dates:
        if not mention.reporting and mention.date is not None:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    events: list[Event] = []
    if not by_sentence:
        return events
    seen: set[tuple[str, str]] = set()
    sentence_of = tokens.sentence
    for i in tokens.having(_EVENT_HEAD):
        candidates = by_sentence.get(sentence_of[i])
        if not candidates:
            continue
        found = _event_phrase(tokens, i)
        if found is None:
            continue
        kind, first = found
        span_start, span_end = tokens.starts[first], tokens.end(i)

        def gap(d: DateMention, a: int = span_start, b: int = span_end) -> int:
            return max(d.start - b, a - d.end, 0)

        nearest = min(candidates, key=gap)
        if gap(nearest) > _MAX_GAP or nearest.date is None:
            continue
        iso = nearest.date.isoformat()
        if (kind, iso) in seen:
            continue
        seen.add((kind, iso))
        events.append(Event(text=squash(text[span_start:span_end]), date=iso, kind=kind,
                            precision=nearest.precision))
    return events
