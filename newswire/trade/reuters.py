"""Reuters-21578 (Distribution 1.0) SGML reader with the ModApte split.

ModApte: ``LEWISSPLIT="TRAIN"`` with ``TOPICS="YES"`` is TRAIN (9,603 documents),
``LEWISSPLIT="TEST"`` with ``TOPICS="YES"`` is TEST (3,299); everything else is unused.
The files are read at run time from the shared data folder; they are mostly ASCII with a few
stray Latin-1 and control bytes, so they are decoded as Latin-1 (never fails) and cleaned.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from newswire import settings

TRAIN = "train"
TEST = "test"
UNUSED = "unused"

_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_D = re.compile(r"<D>(.*?)</D>", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DATE = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})")
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}


@dataclass(frozen=True)
class ReutersDoc:
    """One Reuters-21578 story; ``split`` is ``train``, ``test`` or ``unused`` (ModApte)."""

    id: int
    split: str
    topics: tuple[str, ...]
    title: str
    dateline: str
    body: str
    date: datetime | None

    @property
    def text(self) -> str:
        """The body, falling back to the title for title-only ("BRIEF") stories."""
        return self.body or self.title


def default_dir() -> Path:
    """``<shared data>/reuters21578``."""
    return settings.shared_data_dir() / "reuters21578"


def _clean(raw: str) -> str:
    text = _CONTROL.sub(" ", html.unescape(raw))
    return re.sub(r"[ \t]+", " ", text).strip()


def _element(block: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", block, re.DOTALL)
    return match.group(1) if match else None


def parse_date(raw: str) -> datetime | None:
    """``26-FEB-1987 15:01:01.79`` as an aware UTC datetime (the corpus gives no zone)."""
    match = _DATE.search(raw.upper())
    if not match or match.group(2) not in _MONTHS:
        return None
    day, month, year, hour, minute, second = match.groups()
    try:
        return datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second),
                        tzinfo=timezone.utc)
    except ValueError:
        return None


def _split(attrs: dict[str, str]) -> str:
    if attrs.get("TOPICS") != "YES":
        return UNUSED
    return {"TRAIN": TRAIN, "TEST": TEST}.get(attrs.get("LEWISSPLIT", ""), UNUSED)


def parse_sgml(text: str) -> Iterator[ReutersDoc]:
    """The documents of one decoded ``reut2-NNN.sgm`` file."""
    for match in _DOC.finditer(text):
        attrs = dict(_ATTR.findall(match.group(1)))
        block = match.group(2)
        topics_block = _element(block, "TOPICS") or ""
        text_block = _element(block, "TEXT") or ""
        body = _element(text_block, "BODY")
        if body is None:  # TYPE="UNPROC": the text without inner tags; TYPE="BRIEF": title only
            body = "" if _element(text_block, "TITLE") else text_block
        yield ReutersDoc(
            id=int(attrs["NEWID"]),
            split=_split(attrs),
            topics=tuple(_clean(t) for t in _D.findall(topics_block)),
            title=_clean(_element(text_block, "TITLE") or ""),
            dateline=_clean(_element(text_block, "DATELINE") or "").rstrip(" -"),
            body=_clean(body).removesuffix("Reuter").removesuffix("REUTER").strip(),
            date=parse_date(_element(block, "DATE") or ""),
        )


def load(data_dir: Path | str | None = None) -> list[ReutersDoc]:
    """All 21,578 documents from ``data_dir`` (default: :func:`default_dir`), in file order."""
    folder = Path(data_dir) if data_dir is not None else default_dir()
    files = sorted(folder.glob("reut2-*.sgm"))
    if not files:
        raise FileNotFoundError(f"no reut2-*.sgm files in {folder.resolve()}")
    docs: list[ReutersDoc] = []
    for path in files:
        docs.extend(parse_sgml(path.read_bytes().decode("latin-1")))
    return docs


def modapte(docs: Iterable[ReutersDoc], split: str, *, with_topics: bool = True) -> list[ReutersDoc]:
    """The ModApte ``split`` documents, by default only those with at least one topic."""
    return [d for d in docs if d.split == split and (d.topics or not with_topics)]
