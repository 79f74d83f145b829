"""Plain text from feed HTML, Unicode and whitespace normalisation, canonical URLs, UTC times.

Pure functions shared by the pipeline's normalise stage, the CLI and the benchmarks. The body
text keeps paragraph breaks as blank lines ("\\n\\n"): the extractor reads datelines from the
first paragraph and bylines from the last.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import datetime, timezone
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from connectors.normalise import canonical_url as connector_canonical_url

PARAGRAPH = "\n\n"
_MARK = "\u2029"  # paragraph separator, inserted before block tags and split on afterwards
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|header|footer|pre|hr|dd|dt|figcaption)\b)",
    re.IGNORECASE,
)
_LOOKS_LIKE_HTML = re.compile(
    r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*\s*)>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"
)
_OTHER_REFERENCE = re.compile(r"&(?!amp;)[0-9A-Za-z#]")
_OTHER_TAG = re.compile(r"<(?!/?p>)")  # a "<" that starts neither "<p>" nor "</p>"
_DROP_NAMES = ("script", "style", "noscript", "template", "iframe", "object", "svg")
_DROP_TAGS = ", ".join(_DROP_NAMES)
# the characters other than its two cases that an ASCII letter matches with re.IGNORECASE
_OTHER_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _any_case(letters: str) -> str:
    """A class of the characters that any of the lower-case ASCII ``letters`` matches with
    re.IGNORECASE."""
    return "[" + "".join(f"{c}{c.upper()}{_OTHER_CASES.get(c, '')}" for c in letters) + "]"


# "<" and a dropped element's name in any case, without IGNORECASE: the literal "<" and a look at
# the next character make the search several times faster on markup that has none
_DROP_FIRST = _any_case("".join(sorted({name[0] for name in _DROP_NAMES})))
_DROP_ANY_CASE = "|".join("".join(map(_any_case, name)) for name in _DROP_NAMES)
_HAS_DROP_TAG = re.compile(f"<(?={_DROP_FIRST})(?:{_DROP_ANY_CASE})\\b")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_TEXT_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[ \t]{2,}\S)")  # blank line, or an indented line


def _nfc(text: str) -> str:
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if any(char in text for char in _INVISIBLE_CHARS):  # substring search beats a regex scan
            text = _INVISIBLE.sub("", text)
    return text


# Printable characters that NFC keeps whatever surrounds them (no combining class, never the
# second character of a composition) and that are not invisible: Latin-1 and Latin Extended-A
# letters and signs, general punctuation (dashes, curly quotes, ellipsis), currency signs.
# tests/newswire/test_text.py checks each of them.
_PLAIN_CHARS = frozenset(map(chr, [*range(0xA1, 0xAD), *range(0xAE, 0x180), *range(0x2010, 0x2028),
                                   *range(0x2030, 0x205F), *range(0x20A0, 0x20C1), 0x2122]))
_PLAIN_OR_MARK = _PLAIN_CHARS | {_MARK}
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _plain(text: str, marks: bool) -> bool:
    """Whether ``text`` holds only printable ASCII, :data:`_PLAIN_CHARS` and (when ``marks``)
    paragraph marks: then it is NFC, holds no invisible character, and every piece of it between
    marks is printable. Its UTF-8 bytes without the printable ASCII ones are the few characters
    to look up, far fewer than ``str.isprintable`` and the NFC check look at."""
    others = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
    return (_PLAIN_OR_MARK if marks else _PLAIN_CHARS).issuperset(others.decode("utf-8", "surrogatepass"))


def clean_inline(text: str) -> str:
    """NFC, invisible characters removed, every run of whitespace made one space, trimmed."""
    return " ".join(_nfc(text).split())


def _join_paragraphs(text: str, separator: re.Pattern[str] | str) -> str:
    plain = not text.isascii() and _plain(text, separator == _MARK)
    if not plain:
        text = _nfc(text)
    parts = text.split(separator) if isinstance(separator, str) else separator.split(text)
    paragraphs = [part for part in parts if part]
    # a printable string holds no whitespace but the space: when that is single and inner
    # everywhere, splitting and joining would change nothing
    probe = " ".join(paragraphs)
    if (plain or probe.isprintable()) and "  " not in probe and probe[:1] != " " and probe[-1:] != " ":
        return PARAGRAPH.join(paragraphs)
    return PARAGRAPH.join(p for p in (" ".join(part.split()) for part in parts) if p)


def _bare_paragraphs_text(markup: str) -> str | None:
    """What :func:`_parsed_text` gives (up to line ends and a byte order mark, which
    :func:`_paragraphs` removes) for markup whose only tags are bare ``<p>`` and ``</p>``, whose
    only character reference is ``&amp;`` (an ``&`` before anything but a letter, digit or ``#``
    stays as it is) and that has no NUL (which the parser drops), the form of most feed bodies;
    ``None`` for other markup (told by a search that stops at its first other tag, before
    any copy is made)."""
    if _OTHER_TAG.search(markup):
        return None
    raw = markup.replace("<p>", _MARK).replace("</p>", _MARK)
    if "\x00" in raw or ("&" in raw and _OTHER_REFERENCE.search(raw)):
        return None
    return raw.replace("&amp;", "&")


def _parsed_text(markup: str) -> str:
    """The text of the parsed markup, entities decoded, a paragraph mark before each block
    element, scripts and the like dropped."""
    tree = LexborHTMLParser(_BLOCK_TAG.sub(_MARK + "<", markup))
    if _HAS_DROP_TAG.search(markup):
        for node in tree.css(_DROP_TAGS):
            node.decompose()
    root = tree.body or tree.root
    return root.text(separator="") if root is not None else ""


def html_to_text(markup: str | None) -> str:
    """Readable plain text of an HTML fragment or of plain text.

    Scripts, styles and similar are dropped, entities decoded, block elements become paragraph
    breaks; plain text (no tags, no entities) keeps its blank-line paragraphs.
    """
    if not markup:
        return ""
    if not _LOOKS_LIKE_HTML.search(markup):
        return _join_paragraphs(markup, _TEXT_PARAGRAPH)
    raw = _bare_paragraphs_text(markup)
    return _paragraphs(_parsed_text(markup) if raw is None else raw)


def _paragraphs(raw: str) -> str:
    """Clean paragraphs of the marked text of markup; a second unescape catches double-escaped
    feeds ("&amp;amp;")."""
    if "&" in raw:
        raw = html.unescape(raw)
    return _join_paragraphs(raw, _MARK)


def clean_title(title: str | None) -> str:
    """A headline as one clean line (tags stripped, entities decoded)."""
    return clean_inline(html_to_text(title).replace(PARAGRAPH, " "))


# -- URLs --------------------------------------------------------------------------------------

# an http(s) URL with a lower-case host and nothing for canonicalisation to change: no user,
# port, trailing dot, query, fragment, spaces or other characters outside this short list
_PLAIN_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?")

def canonical_url(url: str | None) -> str | None:
    """The connectors' canonical spelling of ``url`` (idempotent, so the pipeline can apply it
    again to items from other producers); ``None`` when it is not an http(s) URL."""
    if not url or not url.strip():
        return None
    plain = _PLAIN_URL.fullmatch(url)
    if plain:  # canonical already, but for a missing "/" path
        return url if plain.group(1) else url + "/"
    canonical = connector_canonical_url(url)
    try:
        parts = urlsplit(canonical)
        parts.port  # noqa: B018 - raises ValueError on a malformed host or port
    except ValueError:
        return None
    return canonical if parts.scheme in ("http", "https") and parts.hostname else None


def is_site_root(url: str | None) -> bool:
    """True for a URL that names a whole site rather than one article (path "/" and no query)."""
    if not url:
        return True
    plain = _PLAIN_URL.fullmatch(url)  # most URLs: a regex match instead of urlsplit (5 times faster)
    if plain:
        return plain.group(1) in (None, "/")
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


# -- times -------------------------------------------------------------------------------------


def parse_utc(value: str | None) -> datetime | None:
    """An ISO 8601 / RFC 3339 time as an aware UTC datetime; naive times are taken as UTC.

    Raises ``ValueError`` for text that is not such a time, or one whose UTC date falls outside
    years 1..9999 ("0001-01-01T00:00:00+01:00").
    """
    if value is None:
        return None
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError as exc:
        raise ValueError(f"{value!r} is out of range in UTC") from exc


def iso_utc(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` of an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def epoch_ms(moment: datetime) -> int:
    """Milliseconds since the Unix epoch of an aware datetime."""
    return int(moment.timestamp() * 1000)
