"""Plain text from HTML, Unicode/whitespace normalisation, canonical URLs, UTC times."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from connectors.normalise import canonical_url as connector_canonical_url
from newswire import text


def test_html_to_text_drops_scripts_and_styles_and_keeps_paragraphs() -> None:
    markup = (
        "<div><style>p {color: red}</style><p>Port of <b>Rotterdam</b> reopens</p>"
        "<script>track('x')</script><p>Second&nbsp;paragraph &amp; more</p><br>tail</div>"
    )
    assert text.html_to_text(markup) == "Port of Rotterdam reopens\n\nSecond paragraph & more\n\ntail"


def test_html_to_text_decodes_entities_even_double_escaped() -> None:
    assert text.html_to_text("<p>AT&amp;amp;T &#8220;deal&#8221; &eacute;</p>") == "AT&T \u201cdeal\u201d é"


def test_html_to_text_normalises_to_nfc_and_removes_invisible_characters() -> None:
    decomposed = "Cafe\u0301 sub\u00adsidy zero\u200bwidth"
    assert text.html_to_text(decomposed) == "Caf\u00e9 subsidy zerowidth"


def test_plain_text_keeps_blank_line_and_indented_paragraphs() -> None:
    body = "First line\ncontinues here.\n\n  Indented start\nof a second one.\n    Third"
    assert text.html_to_text(body) == (
        "First line continues here.\n\nIndented start of a second one.\n\nThird"
    )


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Port reopens</p><p>Second &amp; last</p>",
        "Lead text<p>one</p>tail</p> stray end tag",
        "<p>AT&amp;amp;T &amp;lt;b&amp;gt; &amp;#8220;</p><p>Smith & Sons, R&& D &\u00e9 &</p>",
        "\ufeff<p>line\r\nbreaks\rand\x0cfeeds</p>\t<p></p>",
        "<p><p>nested \u2029 mark \u201cquoted\u201d 3 > 2</p>",
    ],
)
def test_bare_paragraph_shortcut_gives_the_parsers_text(markup: str) -> None:
    raw = text._bare_paragraphs_text(markup)
    assert raw is not None
    assert text._paragraphs(raw) == text._paragraphs(text._parsed_text(markup))


@pytest.mark.parametrize(
    "markup",
    ["<p class='x'>a</p>", "<P>a</P>", "<p>a &lt; b</p>", "<p>a\x00b</p>", "<p>a</p><br>", "<p>&amp</p>",
     "<p>&#38;</p>", "<p>3 < 4</p>", "<p>a</p><", "<pa>x</pa>", "<p>a< /p>"],
)
def test_other_markup_is_parsed(markup: str) -> None:
    assert text._bare_paragraphs_text(markup) is None


@pytest.mark.parametrize(
    "raw",
    [
        "One two.\u2029\u2029Three \u201cfour\u201d.\u2029",
        " lead\u2029trail \u2029dou  ble\u2029tab\there\u2029nb\u00a0sp\u2029ideo\u3000graphic\u2029\u2029",
        "line\nbreak\u2029form\x0cfeed\u2029unit\x1fsep\u2029next\x85line",
    ],
)
def test_paragraph_join_collapses_whitespace_like_split_and_join(raw: str) -> None:
    parts = (" ".join(part.split()) for part in raw.split(text._MARK))
    assert text._join_paragraphs(raw, text._MARK) == text.PARAGRAPH.join(part for part in parts if part)


@pytest.mark.parametrize("empty", [None, "", "<p> </p>", "<script>x()</script>"])
def test_html_to_text_of_nothing_is_empty(empty: str | None) -> None:
    assert text.html_to_text(empty) == ""


def test_clean_title_is_one_line() -> None:
    assert text.clean_title("  Tariffs <em>rise</em>\n again &amp; again ") == "Tariffs rise again & again"


def test_canonical_url_removes_tracking_and_sorts_query() -> None:
    url = "HTTPS://News.Example.COM:443/a/b?utm_source=rss&b=2&fbclid=x&a=1#top"
    assert text.canonical_url(url) == "https://news.example.com/a/b?a=1&b=2"


def test_canonical_url_is_idempotent_and_keeps_other_ports() -> None:
    once = text.canonical_url("http://example.org:8080?x=1")
    assert once == "http://example.org:8080/?x=1"
    assert text.canonical_url(once) == once


@pytest.mark.parametrize(
    ("url", "plain"),
    [
        ("https://wirewatch.example/2026/06/01/port-reopens-0", True),
        ("http://a-b.c0.example", True),
        ("https://x.example//a/./b/../c%20d;p=1,2:3@4!$&'()*+~_", True),
        ("https://News.Example/a", False),
        ("https://x.example./a", False),
        ("https://x.example:443/a", False),
        ("https://x.example/a?b=1", False),
        ("https://x.example/a#top", False),
        (" https://x.example/a", False),
        ("https://user@x.example/a", False),
    ],
)
def test_plain_urls_skip_canonicalisation_with_the_same_result(url: str, plain: bool) -> None:
    assert bool(text._PLAIN_URL.fullmatch(url)) == plain
    assert text.canonical_url(url) == connector_canonical_url(url)


@pytest.mark.parametrize("bad", [None, "", "ftp://example.org/file", "not a url", "http://[::1"])
def test_canonical_url_rejects_non_http(bad: str | None) -> None:
    assert text.canonical_url(bad) is None


SITE_ROOT_CASES = [
    "https://example.org/", "https://example.org", "http://a-b.example.org/", "https://example.org/news/1",
    "https://example.org//", "https://example.org/?", "https://example.org/?page=2", "https://example.org?x=1",
    "https://example.org#top", "https://example.org/#top", "https://example.org/a#b", "https://Example.org/",
    "https://user@example.org/", "https://example.org:8443/", "https://example.org:8443/a", "ftp://example.org/",
    "https://example.org/a b", "https://example.org./", "example.org/", "/", "https://example.org/:@!$",
]


def test_is_site_root() -> None:
    assert text.is_site_root("https://example.org/")
    assert not text.is_site_root("https://example.org/news/1")
    assert text.is_site_root(None) and text.is_site_root("")


@pytest.mark.parametrize("url", SITE_ROOT_CASES)
def test_is_site_root_agrees_with_urlsplit(url: str) -> None:
    """The fast path for plain URLs answers as urlsplit does."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    assert text.is_site_root(url) == (parts.path in ("", "/") and not parts.query)


def test_parse_utc_converts_offsets_and_takes_naive_times_as_utc() -> None:
    assert text.parse_utc("2026-05-04T08:30:00+02:00") == datetime(2026, 5, 4, 6, 30, tzinfo=timezone.utc)
    assert text.parse_utc("2026-05-04T06:30:00Z") == datetime(2026, 5, 4, 6, 30, tzinfo=timezone.utc)
    assert text.parse_utc("2026-05-04T06:30:00") == datetime(2026, 5, 4, 6, 30, tzinfo=timezone.utc)
    assert text.parse_utc(None) is None
    with pytest.raises(ValueError):
        text.parse_utc("yesterday")


@pytest.mark.parametrize("edge", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_parse_utc_rejects_times_outside_the_datetime_range_in_utc(edge: str) -> None:
    with pytest.raises(ValueError):
        text.parse_utc(edge)


def test_iso_utc_and_epoch_ms() -> None:
    moment = datetime(2026, 5, 4, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    assert text.iso_utc(moment) == "2026-05-04T06:30:00Z"
    assert text.epoch_ms(moment) == int(moment.timestamp()) * 1000
    with pytest.raises(ValueError):
        text.iso_utc(datetime(2026, 5, 4))  # naive


def _composition_seconds() -> set[str]:
    """Characters that NFC may compose with the character before them: the second character
    of every canonical two-character decomposition, and the Hangul vowel and final jamo."""
    seconds = {chr(code) for code in [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]}
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    return seconds


def test_plain_characters_are_printable_visible_and_left_alone_by_nfc() -> None:
    seconds = _composition_seconds()
    for char in text._PLAIN_CHARS:
        assert char.isprintable() and not char.isascii(), hex(ord(char))
        assert char not in text._INVISIBLE_CHARS and char not in seconds, hex(ord(char))
        assert unicodedata.combining(char) == 0 and unicodedata.is_normalized("NFC", char), hex(ord(char))


def test_paragraph_join_of_random_text_is_that_of_its_definition() -> None:
    """NFC, invisible characters dropped, whitespace collapsed within each paragraph, empty
    paragraphs dropped; on random mixes of plain, combining, invisible and space characters."""
    rng = random.Random(3)
    pool = [*"ab e.,", *sorted(text._PLAIN_CHARS)[:40], "\u201c", "\u2019", "\u2014", "\u00e9", "\u0301",
            "\u00ad", "\u200b", "\u00a0", "\n", "\t", "\u2000", "\u212b", "\u1100", "\u1161", text._MARK]
    for _ in range(20000):
        raw = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        for separator in (text._MARK, text._TEXT_PARAGRAPH):
            clean = text._INVISIBLE.sub("", unicodedata.normalize("NFC", raw))
            parts = clean.split(separator) if isinstance(separator, str) else separator.split(clean)
            expected = text.PARAGRAPH.join(p for p in (" ".join(part.split()) for part in parts) if p)
            assert text._join_paragraphs(raw, separator) == expected, repr(raw)


def test_any_case_classes_match_what_ignorecase_matches() -> None:
    for letter in sorted(set("".join(text._DROP_NAMES)) | {"k"}):
        ignorecase = {chr(code) for code in range(sys.maxunicode + 1)
                      if re.fullmatch(letter, chr(code), re.IGNORECASE)}
        assert set(text._any_case(letter)[1:-1]) == ignorecase, letter


def test_drop_tag_search_is_the_ignorecase_search() -> None:
    definition = re.compile(r"<(?:script|style|noscript|template|iframe|object|svg)\b", re.IGNORECASE)
    rng = random.Random(4)
    pool = ["<", "script", "SCRIPT", "\u017fcript", "ſvg", "<svgx", "Style", "i\u0130frame", "\u0131frame",
            "obJect", "noscript", " ", ">", "-", "_", "\u00e9", "templat", "e", "<iframe"]
    found = 0
    for _ in range(30000):
        markup = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        expected = definition.search(markup)
        assert bool(text._HAS_DROP_TAG.search(markup)) == bool(expected), repr(markup)
        found += expected is not None
    assert found > 1000
