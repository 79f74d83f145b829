"""Wire-service version markers: "UPDATE 2-", "REFILE-", "CORRECTED-", "(LEAD)", "WRAPUP 1-", kills.

Agencies prefix the headline of a re-sent story with a marker that says how it relates to an
earlier transmission. :func:`parse_headline` strips those prefixes and returns them as a
:class:`VersionMarker`, so that the deduplicator can link the item to the story it updates and
the story keeps a clean title. Prefixes are matched in capitals as the wires write them, so an
ordinary headline such as "Update on talks" is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# kinds, strongest first: a "CORRECTED-UPDATE 1-" item is a correction
KILL = "kill"
CORRECTION = "correction"
UPDATE = "update"
LEAD = "lead"
WRAPUP = "wrapup"
REFILE = "refile"
_RANK = {KILL: 0, CORRECTION: 1, UPDATE: 2, LEAD: 3, WRAPUP: 4, REFILE: 5}

_SEP = r"\s*(?:[-:\u2013\u2014]\s*|(?=\())"
_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(UPDATE)(?:\s*(\d+))?" + _SEP), UPDATE),
    (re.compile(r"(WRAPUP)(?:\s*(\d+))?" + _SEP), WRAPUP),
    (re.compile(r"(REFILE|RPT|REPEAT)()" + _SEP), REFILE),
    (re.compile(r"(CORRECTED|CORRECTION|CORRECTS)()" + _SEP), CORRECTION),
    (re.compile(r"(KILL|KILLED|WITHDRAWN|WITHDRAWAL|STORY WITHDRAWN|MANDATORY KILL)()" + _SEP), KILL),
    (re.compile(r"(Kill|Withdrawn|Withdrawal)()\s*:\s*"), KILL),
    (re.compile(r"\((?:(\d+)(?:st|nd|rd|th)\s+)?(LEAD|LD)\)\s*", re.IGNORECASE), LEAD),
    (re.compile(r"\((UPDATE|UPDATED|CORRECTED|CORRECTION|REFILE|WRAPUP)(?:\s*(\d+))?\)\s*"), ""),
)
_PAREN_KINDS = {"UPDATE": UPDATE, "UPDATED": UPDATE, "CORRECTED": CORRECTION, "CORRECTION": CORRECTION,
                "REFILE": REFILE, "WRAPUP": WRAPUP}
_SUFFIX = re.compile(r"\s*[-\u2013(]\s*(UPDATED|CORRECTED|REFILED)\)?\s*$")
_KILL_BODY = re.compile(
    r"^\W*(?:KILL|MANDATORY KILL|STORY WITHDRAWN|WITHDRAWN)\b"
    r"|\b(?:this|the) (?:story|article|report)"
    r"(?: headlined\s*[\"'\u201c\u2018][^\"\u201d]+[\"'\u201d\u2019])?"
    r" (?:has been|was|is being|is) (?:withdrawn|killed|retracted)"
    r"|\bplease (?:kill|delete|do not use) (?:the|this) (?:story|article|report)",
    re.IGNORECASE,
)
_KILL_WORDS = ("kill", "withdraw", "retract", "delete", "do not use")
_REFERENCED = re.compile(
    r"(?:headlined|headline|titled|entitled)\s*[:\-]?\s*"
    r"[\"'\u201c\u2018]([^\"\u201d]{4,}?)[\"'\u201d\u2019](?:\W|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class VersionMarker:
    """What the wire prefixes say: ``label`` as written ("REFILE-UPDATE 2"), the strongest
    ``kind`` (kill, correction, update, lead, wrapup, refile) and the update ``number``."""

    label: str
    kind: str
    number: int | None = None

    @property
    def status(self) -> str:
        """The story status a version with this marker gets (schemas/story.v1.json)."""
        if self.kind == KILL:
            return "retraction"
        if self.kind == CORRECTION:
            return "correction"
        return "update"


def parse_headline(title: str) -> tuple[str, VersionMarker | None]:
    """Split wire prefixes (and a trailing "- UPDATED") off a headline.

    >>> parse_headline("REFILE-UPDATE 2-Japan envoy heads to Washington")
    ('Japan envoy heads to Washington', VersionMarker(label='REFILE-UPDATE 2', kind='update', number=2))
    """
    rest = title.strip()
    labels: list[str] = []
    kinds: list[str] = []
    number: int | None = None
    progress = True
    while progress and rest:
        progress = False
        for pattern, kind in _PREFIXES:
            match = pattern.match(rest)
            if not match:
                continue
            word, digits = match.group(1), match.group(2)
            if kind == LEAD:
                word, digits = "LEAD", match.group(1)
            elif kind == "":
                kind = _PAREN_KINDS[word.upper()]
            labels.append(f"{word.upper()} {digits}" if digits else word.upper())
            kinds.append(kind)
            if digits and number is None:
                number = int(digits)
            rest = rest[match.end():].lstrip()
            progress = True
            break
    suffix = _SUFFIX.search(rest)
    if suffix and suffix.start() > 0:
        word = suffix.group(1)
        labels.append(word)
        kinds.append(CORRECTION if word == "CORRECTED" else REFILE if word == "REFILED" else UPDATE)
        rest = rest[: suffix.start()].rstrip()
    if not kinds:
        return title.strip(), None
    if not rest:  # the whole headline was a marker: keep it as the title
        rest = title.strip()
    kind = min(kinds, key=_RANK.__getitem__)
    return rest, VersionMarker(label="-".join(labels), kind=kind, number=number)


def is_kill_notice(title: str, text: str) -> bool:
    """True when the headline or the start of the body withdraws an earlier story."""
    _, marker = parse_headline(title)
    if marker is not None and marker.kind == KILL:
        return True
    return is_kill_text(text)


def is_kill_text(text: str) -> bool:
    """True when the start of a body withdraws an earlier story (the body part of
    :func:`is_kill_notice`, for a headline already parsed)."""
    start = text[:600]
    lowered = start.lower()
    if not any(word in lowered for word in _KILL_WORDS):
        return False
    return bool(_KILL_BODY.search(start))


def referenced_headline(title: str, text: str) -> str | None:
    """The headline a kill notice quotes ("... story headlined 'X' ..."), if any."""
    for part in (title, text[:1000]):
        match = _REFERENCED.search(part)
        if match:
            return match.group(1).strip()
    return None
