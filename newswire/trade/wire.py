"""Wire-story furniture: dateline, agency, bylines and editors, and the body without them.

Handles "TOKYO, May 27 (Reuters) -", "WASHINGTON (AP) —", "Tokyo (AFP) -", "(Bloomberg) --",
Reuters-21578 style "TOKYO, March 3 -" ending in "Reuter", a leading "By X and Y" line and the
closing "(Reporting by X in Tokyo; Editing by Y and Z)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from newswire.trade.gazetteer import load_json

_MONTH = (r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DASH = r"(?:--|[-–—])"
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z.'’ /-]{{1,40}}?)"
    rf"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?),?)??"
    rf"(?:,?[ \t]*(?P<date>{_MONTH}[ \t]+\d{{1,2}}))?"
    rf"(?:[ \t]*\((?P<agency>[A-Za-z][A-Za-z .&-]{{1,30}})\))?(?:(?<=\))[ \t]*|[ \t]+){_DASH}+[ \t]+"
)
_AGENCY_ONLY = re.compile(rf"^[ \t]*\((?P<agency>[A-Za-z][A-Za-z .&-]{{1,30}})\)[ \t]*{_DASH}+[ \t]*")
_BY_LINE = re.compile(r"^[ \t]*By[ \t]+(?P<names>[^\n]{3,160})$", re.MULTILINE)
_CREDIT = re.compile(
    r"(?P<role>(?:(?:Additional|Further)\s+)?(?:[Rr]eporting|[Ww]riting|[Ww]ritten|[Cc]ompiled|[Ee]diting|[Ee]dited)"
    r"(?:\s+and\s+(?:[Rr]eporting|[Ww]riting|[Ee]diting))?)\s+by\s+(?P<names>[^;()\n]+)"
)
_CREDIT_WORD = re.compile(r"(?:[Rr]eporting|[Ww]riting|[Ww]ritten|[Cc]ompiled|[Ee]diting|[Ee]dited)\s+\Z")
_CREDIT_ENDINGS = ("ing", "ten", "led", "ted")  # how every _CREDIT_WORD word ends
_CONTRIBUTED = re.compile(
    r"(?:writers?|reporters?|correspondents?)\s+(?P<names>[^\n]+?)\s+contributed", re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_IN_PLACE = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w .'-]*$")
_PERSON_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|der|de|la|le|da|dos|bin|al|el))*$")
_AGENCY_STAFF = re.compile(r"\s+(?:of|for)\s+(?:The\s+)?(?:Associated Press|Reuters|AFP|Bloomberg)\b.*$")
_AGENCY_END = re.compile(r"\n\s*(?P<agency>Reuter|REUTER|Reuters)\s*(?:&#3;|\x03)?\s*$")


@dataclass(frozen=True, slots=True)
class WireParts:
    """Dateline place, agency, bylines, editors and the body with those parts removed."""

    body: str
    dateline: str | None
    agency: str | None
    bylines: tuple[str, ...]
    editors: tuple[str, ...]


@cache
def _agencies() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, spellings in load_json("extract_organisations.json")["agencies"].items():
        for spelling in spellings:
            table[spelling.lower()] = canonical
    return table


def normalise_agency(name: str | None) -> str | None:
    """Canonical agency name ("Associated Press" -> "AP"), or None when unknown."""
    if not name:
        return None
    return _agencies().get(name.strip().lower())


def _place(raw: str) -> str:
    words = raw.strip().split("/")
    return "/".join(w.strip().title() if w.strip().isupper() else w.strip() for w in words)


@lru_cache(maxsize=4096)
def _names(raw: str) -> tuple[str, ...]:
    """The person names of a credit or by-line ("X in Tokyo and Y" -> X, Y); the same credits recur."""
    names: list[str] = []
    raw = _AGENCY_STAFF.sub("", raw)
    for part in _NAME_SPLIT.split(raw.strip().rstrip(".)")):
        part = _IN_PLACE.sub("", part.strip())
        if part.isupper() and len(part) > 3:
            part = part.title()
        if part and _PERSON_NAME.match(part) and 1 < len(part.split()) < 6 and normalise_agency(part) is None:
            names.append(part)
    return tuple(names)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _dateline(body: str) -> tuple[str | None, str | None, int, int]:
    """(place, agency, start, end) of the dateline in the first paragraphs, else (None, None, 0, 0)."""
    offset = 0
    for paragraph in body.split("\n", 6)[:6]:
        stripped = paragraph.strip()
        if stripped:
            match = _AGENCY_ONLY.match(paragraph)
            if match:
                return None, match.group("agency"), offset + match.start(), offset + match.end()
            match = _DATELINE.match(paragraph)
            if match:
                place = match.group("place").strip()
                agency = match.group("agency")
                words = place.replace("/", " ").split()
                shouting = place.replace("/", "").replace(" ", "").replace(".", "").isupper()
                known = bool(agency and normalise_agency(agency))
                if len(words) <= 4 and (shouting or known):
                    return _place(place), agency, offset + match.start(), offset + match.end()
        offset += len(paragraph) + 1
    return None, None, 0, 0


def split_wire(text: str, *, agency_hint: str | None = None) -> WireParts:
    """Find the wire furniture of ``text`` (a body, possibly with a by-line at the top)."""
    bylines: list[str] = []
    editors: list[str] = []
    body = text
    top = body[:400]
    head = _BY_LINE.search(top) if "By" in top else None
    if head:
        bylines.extend(_names(head.group("names")))
        body = body[: head.start()] + body[head.end() :]
    cuts: list[tuple[int, int]] = []
    at = body.find(" by ")
    while at >= 0:  # credits: "(Reporting by X; Editing by Y)"
        line_start = body.rfind("\n", 0, at) + 1
        low = max(line_start, at - 30)
        word = _CREDIT_WORD.search(body, low, at + 1) \
            if body[low:at].rstrip().endswith(_CREDIT_ENDINGS) else None
        if word:
            match = _CREDIT.match(body, word.start())
            if match:
                role = match.group("role").lower()
                names = _names(match.group("names"))
                if role.startswith("edit"):
                    editors.extend(names)
                else:
                    bylines.extend(names)
                    if "editing" in role:
                        editors.extend(names)
                line_end = body.find("\n", at)
                line_end = len(body) if line_end < 0 else line_end
                opening = body.rfind("(", line_start, word.start())
                cuts.append((opening if opening >= 0 else word.start(), line_end))
        at = body.find(" by ", at + 1)
    at = body.find("contributed")
    if at >= 0:  # AP: "Associated Press writers X and Y contributed to this report."
        line_start = body.rfind("\n", 0, at) + 1
        match = _CONTRIBUTED.search(body, line_start, at + len("contributed"))
        if match:
            bylines.extend(_names(match.group("names")))
            line_end = body.find("\n", at)
            cuts.append((line_start, len(body) if line_end < 0 else line_end))
    for start, end in reversed(_merge(cuts)):
        body = body[:start] + body[end:]
    place, agency, start, end = _dateline(body)
    if end:
        body = body[:start] + body[end:]
    end_mark = _AGENCY_END.search(body)
    if end_mark:
        agency = agency or end_mark.group("agency")
        body = body[: end_mark.start()]
    return WireParts(
        body=body.strip(),
        dateline=place,
        agency=normalise_agency(agency) or agency or normalise_agency(agency_hint) or agency_hint,
        bylines=tuple(dict.fromkeys(bylines)),
        editors=tuple(dict.fromkeys(editors)),
    )
