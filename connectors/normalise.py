"""Pure normalisation shared by the connectors, replay and the pipeline.

* :func:`canonical_url` - one spelling per link: lower-case scheme and host, no default port,
  no fragment, tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``...) removed,
  the remaining query parameters sorted.
* :func:`item_id` - the stable key of an item on ``news.raw``: the first 32 hex digits of the
  SHA-256 of the feed guid, else of the canonical URL. A guid that is not globally unique by
  itself (no URI scheme and shorter than 16 characters, e.g. ``"4956764"``) is scoped by the
  feed's host first, so two publishers' numeric guids never collide.
* :func:`revision_of` - the first 32 hex digits of the SHA-256 of title, summary and content;
  an edit under the same guid gives a new revision.
* :func:`iso_utc` and :func:`parse_date` - dates as UTC ISO 8601 with a ``Z`` suffix, or None.
* :func:`raw_item` - the one record shape of ``schemas/raw_item.v1.json``.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newswire import __version__

SCHEMA = "newswire.raw_item"
SCHEMA_VERSION = 1
CONNECTOR_VERSION = f"newswire-connectors/{__version__}"
ID_HEX_DIGITS = 32

# Query parameters that only track the reader; compared case-insensitively.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "rb_clickid", "s_cid", "vero_id", "vero_conv", "wprss", "ito", "cmpid",
    "ocid", "spm", "share", "smid", "cmp",
})
TRACKING_PREFIXES = ("utm_", "ns_", "mc_", "pk_", "hsa_")
DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical spelling of ``url``; returns the stripped input when it is not http(s)."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += f":{parts.password}"
        netloc = f"{userinfo}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def url_host(url: str) -> str:
    """The lower-case host of ``url`` ('' when it has none)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def guid_is_global(guid: str) -> bool:
    """True when a guid identifies an item by itself (a URI, or at least 16 characters)."""
    return bool(_SCHEME.match(guid)) or len(guid) >= 16


def item_id(guid: str | None, url: str | None, scope: str = "") -> str | None:
    """Stable item id from the guid, else the canonical URL; None when there is neither.

    ``scope`` (the feed's host) qualifies short local guids such as ``"12345"``.
    """
    if guid and guid.strip():
        key = guid.strip()
        if not guid_is_global(key) and scope:
            key = f"{scope}#{key}"
        return _digest(key)
    if url and url.strip():
        return _digest(canonical_url(url))
    return None


def revision_of(title: str, summary: str | None, content: str | None) -> str:
    """Hash of the text an editor can change; equal text gives an equal revision."""
    return _digest("\x1f".join((title, summary or "", content or "")))


def iso_utc(moment: datetime) -> str:
    """``moment`` (timezone-aware) as UTC ISO 8601 with a ``Z`` suffix, to the second."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the time zone is unknown")
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def struct_to_iso(value: time.struct_time | None) -> str | None:
    """feedparser's ``*_parsed`` (a UTC struct_time) as ISO 8601, or None."""
    if value is None:
        return None
    try:
        return iso_utc(datetime(*value[:6], tzinfo=timezone.utc))
    except (TypeError, ValueError):
        return None


# Month and weekday names feedparser does not know (Portuguese, Spanish, Italian, French,
# German), mapped to the English abbreviations of RFC 822.
_MONTHS = {
    "jan": "Jan", "janv": "Jan", "ene": "Jan", "gen": "Jan", "jän": "Jan",
    "fev": "Feb", "fév": "Feb", "févr": "Feb", "feb": "Feb",
    "mar": "Mar", "mars": "Mar", "mär": "Mar", "mrz": "Mar",
    "abr": "Apr", "avr": "Apr", "apr": "Apr",
    "mai": "May", "may": "May", "mag": "May", "mei": "May",
    "jun": "Jun", "juin": "Jun", "giu": "Jun",
    "jul": "Jul", "juil": "Jul", "lug": "Jul",
    "ago": "Aug", "aoû": "Aug", "aou": "Aug", "aug": "Aug",
    "set": "Sep", "sep": "Sep", "sept": "Sep",
    "out": "Oct", "oct": "Oct", "ott": "Oct", "okt": "Oct",
    "nov": "Nov",
    "dez": "Dec", "dic": "Dec", "déc": "Dec", "dec": "Dec",
}
_RFC822_LIKE = re.compile(
    r"^\s*(?:[^\W\d_]{2,9}\.?,?\s+)?(\d{1,2})\s+([^\W\d_]{3,5})\.?\s+(\d{4})\s+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|GMT|UTC|UT|[+-]\d{4})?\s*$"
)


def parse_date(text: str | None) -> str | None:
    """A date string (RFC 3339, RFC 822, or RFC 822 with localised names) as ISO UTC, or None.

    A date without a time zone is not guessed: it gives None.
    """
    if not text or not text.strip():
        return None
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    else:
        return iso_utc(moment) if moment.tzinfo is not None else None
    match = _RFC822_LIKE.match(value)
    if match:
        day, month, year, hour, minute, second, zone = match.groups()
        english = _MONTHS.get(month.lower())
        if english and zone:
            zone = "+0000" if zone in ("Z", "GMT", "UTC", "UT") else zone
            value = f"{day} {english} {year} {hour}:{minute}:{second or '00'} {zone}"
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return iso_utc(moment) if moment.tzinfo is not None else None


def language_tag(value: str | None) -> str | None:
    """A language tag in lower case (``"IT-it"`` -> ``"it-it"``); None when empty."""
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").lower()


def unique(values: Iterable[str | None]) -> list[str]:
    """Non-empty stripped strings, first occurrence kept, order preserved."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


@dataclass(frozen=True)
class Source:
    """Where items come from: the feed and what the configuration says about it."""

    feed_url: str
    name: str
    publisher: str | None = None
    agency: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self, feed_format: str) -> dict[str, Any]:
        return {
            "feed_url": self.feed_url,
            "name": self.name,
            "publisher": self.publisher,
            "agency": self.agency,
            "format": feed_format,
            "tags": list(self.tags),
        }


def raw_item(
    *,
    source: Source,
    feed_format: str,
    guid: str | None,
    url: str | None,
    title: str | None,
    summary: str | None,
    content: str | None,
    authors: Iterable[str | None] = (),
    categories: Iterable[str | None] = (),
    language: str | None = None,
    published_at: str | None = None,
    updated_at: str | None = None,
    fetched_at: str,
) -> dict[str, Any] | None:
    """The raw record of one item, or None when it has neither guid nor URL nor title."""
    guid = guid.strip() if guid and guid.strip() else None
    link = canonical_url(url) if url and url.strip() else None
    title_text = (title or "").strip()
    record_id = item_id(guid, link, url_host(source.feed_url))
    if record_id is None:
        if not title_text:
            return None
        # Neither guid nor link: the title within this feed is the only identity left.
        record_id = _digest(f"{source.feed_url}#title#{title_text}")
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "id": record_id,
        "revision": revision_of(title_text, summary, content),
        "guid": guid,
        "url": link,
        "title": title_text,
        "summary": summary,
        "content": content,
        "authors": unique(authors),
        "categories": unique(categories),
        "language": language_tag(language),
        "published_at": published_at,
        "updated_at": updated_at,
        "fetched_at": fetched_at,
        "source": source.to_dict(feed_format),
        "connector_version": CONNECTOR_VERSION,
    }


def renormalise(record: Mapping[str, Any], fetched_at: str, fallback: Source) -> dict[str, Any] | None:
    """A raw-item-like mapping (from a JSONL archive) passed through :func:`raw_item` again."""
    src = record.get("source")
    src = src if isinstance(src, Mapping) else {}
    tags: list[Any] = src["tags"] if isinstance(src.get("tags"), list) else list(fallback.tags)
    source = Source(
        feed_url=_text(src.get("feed_url")) or fallback.feed_url,
        name=_text(src.get("name")) or fallback.name,
        publisher=_text(src.get("publisher")) or fallback.publisher,
        agency=_text(src.get("agency")) or fallback.agency,
        tags=tuple(t for t in tags if isinstance(t, str)),
    )

    def dated(name: str) -> str | None:
        return parse_date(_text(record.get(name)))

    return raw_item(
        source=source,
        feed_format=_text(src.get("format")) or "jsonl",
        guid=_text(record.get("guid")),
        url=_text(record.get("url")),
        title=_text(record.get("title")),
        summary=_text(record.get("summary")),
        content=_text(record.get("content")),
        authors=_texts(record.get("authors")),
        categories=_texts(record.get("categories")),
        language=_text(record.get("language")),
        published_at=dated("published_at"),
        updated_at=dated("updated_at"),
        fetched_at=dated("fetched_at") or fetched_at,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
