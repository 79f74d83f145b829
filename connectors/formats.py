"""Feed bytes -> raw items, whatever the format.

RSS 0.9x / 1.0 (RDF) / 2.0 and Atom 0.3 / 1.0 go through feedparser, JSON Feed 1.0 / 1.1 and
IPTC ninjs (1.x and 2.x) through orjson. :func:`parse_feed` is pure: bytes in, a
:class:`ParsedFeed` out, or :class:`FeedError` with a machine-friendly reason when the body is
not a feed at all.

Safety: feedparser receives a byte stream (never a string, which it would treat as a URL or
a file name to open), external XML entities are not resolved (feedparser turns off external
general entities in its SAX parser), and HTML sanitising is off so titles and content are kept
exactly as received - script included - as data for the pipeline, never rendered here.

Encoding: a byte order mark wins; otherwise a body that is valid UTF-8 is read as UTF-8 even
when it declares Latin-1 (valid multi-byte UTF-8 is practically never Latin-1 text); otherwise
the declared charset (HTTP header, then XML declaration) is used, then Windows-1252. The text
is handed to feedparser re-encoded as UTF-8 so it never guesses again.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import orjson

from connectors.normalise import Source, parse_date, raw_item, struct_to_iso
from newswire.dlq import DeadLetter, dead_letter

STAGE = "connector"
_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])")
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_SY_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400,
               "yearly": 365 * 86400}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class FeedError(Exception):
    """The body is not a usable feed; ``reason`` is short and stable (``bad_xml``, ``not_a_feed``...)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class ParsedFeed:
    """The items of one feed body plus what the feed says about itself."""

    format: str
    items: tuple[dict[str, Any], ...]
    rejected: tuple[DeadLetter, ...] = ()
    interval_hint: float | None = None  # seconds, from <ttl> or sy:updatePeriod/Frequency
    warnings: tuple[str, ...] = field(default_factory=tuple)


def parse_feed(
    body: bytes,
    source: Source,
    *,
    fetched_at: str,
    content_type: str | None = None,
    content_language: str | None = None,
) -> ParsedFeed:
    """Parse one feed body; raises :class:`FeedError` when it holds no feed."""
    if not body.strip():
        raise FeedError("empty_body", "the response body is empty")
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        return _parse_json(body, source, fetched_at)
    return _parse_xml(body, source, fetched_at, content_type, content_language)


# --- encodings ---------------------------------------------------------------------------------


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str, list[str]]:
    """Text of an XML body, the encoding used, and warnings about wrong declarations."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name), name, []
    declared: list[str] = []
    if content_type and (header := _CHARSET.search(content_type)):
        declared.append(header.group(1).lower())
    if decl := _XML_DECL.match(body):
        declared.append(decl.group(2).decode("ascii").lower())
    warnings: list[str] = []
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and _codec(declared[0]) not in ("utf-8", None) and not body.isascii():
            warnings.append(f"declared {declared[0]} but the body is valid UTF-8; read as UTF-8")
        return text, "utf-8", warnings
    for name in declared:
        codec = _codec(name)
        if codec is None or codec == "utf-8":
            continue
        try:
            return body.decode(codec), codec, warnings
        except UnicodeDecodeError:
            continue
    if declared:
        warnings.append(f"declared {declared[0]} but the body is not valid {declared[0]}; "
                        "read as windows-1252")
    else:
        warnings.append("no charset declared and the body is not UTF-8; read as windows-1252")
    try:
        return body.decode("windows-1252"), "windows-1252", warnings
    except UnicodeDecodeError:
        return body.decode("latin-1"), "latin-1", warnings


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return None


# --- XML: RSS and Atom through feedparser ------------------------------------------------------


def _format_name(version: str) -> str:
    if version.startswith("rss09"):
        return "rss09x"
    return version or "unknown"


def _parse_xml(
    body: bytes, source: Source, fetched_at: str, content_type: str | None, content_language: str | None
) -> ParsedFeed:
    if _HTML_START.match(body[:4096]):
        raise FeedError("not_a_feed", "HTML page served instead of a feed")
    text, _, warnings = decode_body(body, content_type)
    utf8 = text.lstrip("\ufeff").encode("utf-8")
    utf8 = _XML_DECL.sub(lambda m: m.group(1) + b"utf-8" + m.group(3), utf8, count=1)
    # No content-location: feedparser would also "resolve" plain guids such as "item-12" into
    # URLs. Relative links are resolved below, against the feed URL (or the feed's own link).
    headers = {"content-type": "application/xml; charset=utf-8"}
    if content_language:
        headers["content-language"] = content_language
    parsed = feedparser.parse(
        io.BytesIO(utf8), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        if parsed.get("bozo"):
            raise FeedError("bad_xml", str(parsed.get("bozo_exception")))
        raise FeedError("not_a_feed", "well-formed XML but neither RSS nor Atom")
    if parsed.get("bozo"):
        warnings.append(f"ill-formed feed, items recovered: {parsed.get('bozo_exception')}")
    feed = parsed.get("feed") or {}
    feed_language = feed.get("language") or content_language
    feed_format = _format_name(version)
    # A saved file (replay) has no web address: resolve relative links against the feed's own.
    over_http = urlsplit(source.feed_url).scheme in ("http", "https")
    base = source.feed_url if over_http else _http_url(feed.get("link"), "") or source.feed_url
    items: list[dict[str, Any]] = []
    rejected: list[DeadLetter] = []
    for index, entry in enumerate(entries):
        record = _entry_record(entry, source, base, feed_format, feed_language, fetched_at)
        if record is None:
            rejected.append(_reject("no_identity", f"entry {index} has no guid, link or title",
                                    orjson.dumps(dict(entry), default=str), source))
        else:
            items.append(record)
    return ParsedFeed(feed_format, tuple(items), tuple(rejected), _interval_hint(feed), tuple(warnings))


def _entry_record(
    entry: dict[str, Any],
    source: Source,
    base: str,
    feed_format: str,
    feed_language: str | None,
    fetched_at: str,
) -> dict[str, Any] | None:
    get = dict.get  # bypass FeedParserDict's fallbacks (``updated`` -> ``published``)
    contents = get(entry, "content") or []
    content = next((c.get("value") for c in contents if "html" in (c.get("type") or "")), None)
    if content is None and contents:
        content = contents[0].get("value")
    # feedparser copies <content> into ``summary`` when there is no summary element.
    summary = get(entry, "summary") if "summary_detail" in entry else None
    authors = [a.get("name") or a.get("email") for a in get(entry, "authors") or []]
    if not any(authors):
        authors = [get(entry, "author")]
    language = next((d.get("language") for d in (*contents, get(entry, "title_detail") or {})
                     if d.get("language")), None)
    published_at = struct_to_iso(get(entry, "published_parsed")) or parse_date(get(entry, "published"))
    updated_at = struct_to_iso(get(entry, "updated_parsed")) or parse_date(get(entry, "updated"))
    if feed_format == "rss10" and published_at is None:
        published_at = updated_at  # RSS 1.0 dates items with dc:date, which feedparser files as updated
    return raw_item(
        source=source,
        feed_format=feed_format,
        guid=get(entry, "id"),
        url=_entry_link(entry, base),
        title=get(entry, "title"),
        summary=summary,
        content=content,
        authors=authors,
        categories=[t.get("term") or t.get("label") for t in get(entry, "tags") or []],
        language=language or feed_language,
        published_at=published_at,
        updated_at=updated_at,
        fetched_at=fetched_at,
    )


def _entry_link(entry: dict[str, Any], base: str) -> str | None:
    link = dict.get(entry, "link")
    if link and link == dict.get(entry, "id") and urlsplit(str(link)).scheme not in ("http", "https"):
        return None  # a non-URL guid that RSS defaults to isPermaLink="true": not a link
    return _http_url(link, base)


def _http_url(link: Any, base: str) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _interval_hint(feed: Mapping[str, Any]) -> float | None:
    """Seconds between updates that the feed announces (RSS ttl, sy:updatePeriod/Frequency)."""
    hints: list[float] = []
    ttl = str(feed.get("ttl") or "").strip()
    if ttl.isdigit() and int(ttl) > 0:
        hints.append(int(ttl) * 60.0)
    period = _SY_PERIODS.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period:
        frequency = str(feed.get("sy_updatefrequency") or "1").strip()
        hints.append(period / max(int(frequency) if frequency.isdigit() else 1, 1))
    return max(hints) if hints else None


# --- JSON: JSON Feed and ninjs -----------------------------------------------------------------


def _parse_json(body: bytes, source: Source, fetched_at: str) -> ParsedFeed:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise FeedError("bad_json", str(exc)) from exc
    if isinstance(document, dict) and "jsonfeed.org/version" in str(document.get("version", "")):
        return _parse_jsonfeed(document, source, fetched_at)
    ninjs = _ninjs_items(document)
    if ninjs is not None:
        return _build_json_items("ninjs", ninjs, source, fetched_at, _ninjs_record)
    raise FeedError("not_a_feed", "JSON that is neither a JSON Feed nor ninjs")


def _parse_jsonfeed(document: dict[str, Any], source: Source, fetched_at: str) -> ParsedFeed:
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError("bad_feed", "JSON Feed without an items list")
    feed_authors = _names(document.get("authors")) or _names([document.get("author")])
    context = {"language": _str(document.get("language")), "authors": feed_authors}

    def record(item: dict[str, Any]) -> dict[str, Any] | None:
        return _jsonfeed_record(item, context)

    return _build_json_items("jsonfeed", items, source, fetched_at, record)


def _build_json_items(
    feed_format: str, items: Iterable[Any], source: Source, fetched_at: str, build: Any
) -> ParsedFeed:
    records: list[dict[str, Any]] = []
    rejected: list[DeadLetter] = []
    for index, item in enumerate(items):
        fields = build(item) if isinstance(item, dict) else None
        record = None
        if fields is not None:
            record = raw_item(source=source, feed_format=feed_format, fetched_at=fetched_at, **fields)
        if record is None:
            rejected.append(_reject("bad_item", f"{feed_format} item {index} has no id, url or title",
                                    orjson.dumps(item), source))
        else:
            records.append(record)
    return ParsedFeed(feed_format, tuple(records), tuple(rejected))


def _jsonfeed_record(item: dict[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    guid = item.get("id")
    return {
        "guid": str(guid) if isinstance(guid, (str, int)) and not isinstance(guid, bool) else None,
        "url": _str(item.get("url")) or _str(item.get("external_url")),
        "title": _str(item.get("title")),
        "summary": _str(item.get("summary")),
        "content": _str(item.get("content_html")) or _str(item.get("content_text")),
        "authors": _names(item.get("authors")) or _names([item.get("author")]) or context["authors"],
        "categories": [t for t in item.get("tags") or [] if isinstance(t, str)],
        "language": _str(item.get("language")) or context["language"],
        "published_at": parse_date(_str(item.get("date_published"))),
        "updated_at": parse_date(_str(item.get("date_modified"))),
    }


def _ninjs_items(document: Any) -> list[Any] | None:
    """The ninjs items of a document (one item, a list, or an ``items``/``data`` wrapper)."""
    if isinstance(document, dict):
        if _looks_ninjs(document):
            return [document]
        for key in ("items", "data"):
            inner = document.get(key)
            if isinstance(inner, (list, dict)):
                return _ninjs_items(inner)
        return None
    if isinstance(document, list):
        unwrapped = [x.get("item") if isinstance(x, dict) and isinstance(x.get("item"), dict) else x
                     for x in document]
        if unwrapped and any(isinstance(x, dict) and _looks_ninjs(x) for x in unwrapped):
            return unwrapped
        return [] if not unwrapped else None
    return None


def _looks_ninjs(item: Mapping[str, Any]) -> bool:
    return isinstance(item.get("uri"), str) and any(
        k in item for k in ("versioncreated", "firstcreated", "headline", "headlines", "type", "body_text",
                            "body_html", "bodies")
    )


def _ninjs_record(item: dict[str, Any]) -> dict[str, Any]:
    title = _str(item.get("headline")) or _role_value(item.get("headlines"), "main")
    summary = (_str(item.get("description_html")) or _str(item.get("description_text"))
               or _role_value(item.get("descriptions"), "summary"))
    content = (_str(item.get("body_html")) or _str(item.get("body_text"))
               or _role_value(item.get("bodies"), "main"))
    authors = _names(item.get("by") if isinstance(item.get("by"), list) else None)
    byline = _str(item.get("byline")) or _str(item.get("by"))
    if byline:
        authors.append(byline)
    links = [x for x in item.get("links") or [] if isinstance(x, dict)]
    url = next((_str(x.get("href")) for x in links if x.get("rel") in ("canonical", "alternate", "self")
                and _str(x.get("href"))), None)
    subjects = [s.get("name") or s.get("code") for s in item.get("subject") or [] if isinstance(s, dict)]
    return {
        "guid": _str(item.get("uri")),
        "url": url,
        "title": title,
        "summary": summary,
        "content": content,
        "authors": authors,
        "categories": [s for s in subjects if isinstance(s, str)],
        "language": _str(item.get("language")),
        "published_at": parse_date(_str(item.get("firstcreated"))),
        "updated_at": parse_date(_str(item.get("versioncreated"))),
    }


def _role_value(entries: Any, preferred: str) -> str | None:
    """``value`` of the ninjs 2 list entry with ``role == preferred``, else of the first one."""
    if not isinstance(entries, list):
        return None
    dicts = [e for e in entries if isinstance(e, dict) and isinstance(e.get("value"), str)]
    chosen = next((e for e in dicts if e.get("role") == preferred), dicts[0] if dicts else None)
    return chosen["value"] if chosen else None


def _names(people: Any) -> list[str]:
    if not isinstance(people, list):
        return []
    return [p["name"] for p in people if isinstance(p, dict) and isinstance(p.get("name"), str)]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _reject(reason: str, error: str, payload: bytes, source: Source) -> DeadLetter:
    return dead_letter(STAGE, reason, payload, error=error, source=source.feed_url)
