"""Pure normalisation: canonical URLs, ids, revisions, dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from connectors.normalise import (
    Source,
    canonical_url,
    iso_utc,
    item_id,
    parse_date,
    raw_item,
    renormalise,
    revision_of,
)
from schemas import errors


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/News/a?utm_source=x&b=2&a=1#top", "https://example.com/News/a?a=1&b=2"),
        ("http://example.com:80/p?fbclid=1&gclid=2&mc_cid=3&mc_eid=4", "http://example.com/p"),
        ("https://example.com:8443/p?UTM_Medium=rss&id=5", "https://example.com:8443/p?id=5"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a b  ", "https://example.com/a b"),
        ("https://example.com/p?q=&x=1", "https://example.com/p?q=&x=1"),
        ("mailto:desk@example.com", "mailto:desk@example.com"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTP://A.example:80/x?z=1&utm_term=q&a=2#f")
    assert canonical_url(once) == once


def test_item_id_prefers_guid_and_is_stable() -> None:
    by_guid = item_id("tag:example.org,2025:1", "https://example.org/a")
    assert by_guid == item_id(" tag:example.org,2025:1 ", "https://example.org/other")
    assert len(by_guid or "") == 32


def test_item_id_falls_back_to_the_canonical_url() -> None:
    assert item_id(None, "https://example.org/a?utm_source=x") == item_id("", "HTTPS://EXAMPLE.org/a")
    assert item_id(None, None) is None


def test_short_guids_are_scoped_by_feed_host() -> None:
    assert item_id("12345", None, "a.example") != item_id("12345", None, "b.example")
    # a globally unique guid is not scoped: the same story in two feeds keeps one id
    assert item_id("urn:uuid:1", None, "a.example") == item_id("urn:uuid:1", None, "b.example")


def test_revision_changes_with_text_only() -> None:
    first = revision_of("Title", "Summary", "<p>Body</p>")
    assert first == revision_of("Title", "Summary", "<p>Body</p>")
    assert first != revision_of("Title", "Summary", "<p>Body, corrected</p>")
    assert first != revision_of("Title!", "Summary", "<p>Body</p>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 02 Jun 2025 08:30:00 +0200", "2025-06-02T06:30:00Z"),
        ("2025-06-02T08:30:00+02:00", "2025-06-02T06:30:00Z"),
        ("2025-06-02T06:30:00Z", "2025-06-02T06:30:00Z"),
        ("Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"),  # Portuguese names
        ("mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z"),  # Italian names
        ("2025-06-02T08:30:00", None),  # no time zone: not guessed
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_iso_utc_refuses_naive_datetimes() -> None:
    assert iso_utc(datetime(2025, 1, 1, 12, tzinfo=timezone(timedelta(hours=1)))) == "2025-01-01T11:00:00Z"
    with pytest.raises(ValueError, match="naive"):
        iso_utc(datetime(2025, 1, 1))


def test_raw_item_is_schema_valid_and_keeps_script_as_text() -> None:
    source = Source("https://feeds.example/a.xml", "A", "Pub", None, ("trade",))
    record = raw_item(source=source, feed_format="rss20", guid=None, url="https://x.example/s?utm_id=1",
                      title=' <script>alert("x")</script> Tariffs ', summary=None, content=None,
                      authors=["A", "A", " ", None], categories=["c"], language="EN_gb",
                      published_at=None, updated_at=None, fetched_at="2025-06-01T00:00:00Z")
    assert record is not None
    assert errors("raw_item", record) == []
    assert record["title"] == '<script>alert("x")</script> Tariffs'
    assert record["url"] == "https://x.example/s"
    assert record["authors"] == ["A"]
    assert record["language"] == "en-gb"
    assert record["id"] == item_id(None, "https://x.example/s")


def test_raw_item_without_identity_is_none() -> None:
    source = Source("https://feeds.example/a.xml", "A")
    assert raw_item(source=source, feed_format="rss20", guid=None, url=None, title="  ", summary="s",
                    content=None, fetched_at="2025-06-01T00:00:00Z") is None


def test_renormalise_recomputes_id_and_drops_bad_fields() -> None:
    fallback = Source("file:///archive.jsonl", "archive")
    record = renormalise({"guid": "g-1", "title": "T", "url": "https://x.example/?utm_source=a",
                          "published_at": "2025-06-01T10:00:00+02:00", "authors": ["a", 3],
                          "id": "forged"}, "2025-06-02T00:00:00Z", fallback)
    assert record is not None
    assert errors("raw_item", record) == []
    assert record["id"] == item_id("g-1", None, "")
    assert record["url"] == "https://x.example/"
    assert record["published_at"] == "2025-06-01T08:00:00Z"
    assert record["authors"] == ["a"]
    assert record["source"]["format"] == "jsonl"
