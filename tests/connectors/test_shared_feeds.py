"""The real publisher feeds in ../shared/data/feeds: every item becomes a schema-valid raw record.

Counts come from MANIFEST.tsv; the Latin-1 check takes its accented words from the files at
run time. The feeds are served over the local HTTP server so the whole fetch path is used.
"""

from __future__ import annotations

import csv
import random
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from connectors.config import FeedConfig
from connectors.fetch import Fetcher
from connectors.formats import parse_feed
from connectors.normalise import Source
from connectors.source import FeedSource
from schemas import errors
from tests.connectors.feedserver import FeedServer, Route

pytestmark = pytest.mark.shared_data
NOW = datetime(2025, 6, 10, 12, 0, tzinfo=timezone.utc)


def manifest(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / "feeds" / "MANIFEST.tsv").open(encoding="utf-8", errors="replace") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_item_of_every_feed_over_http(shared_data: Path, feed_server: FeedServer) -> None:
    rows = manifest(shared_data)
    assert rows, "MANIFEST.tsv lists no feeds"
    with Fetcher() as fetcher:
        for row in rows:
            body = (shared_data / "feeds" / row["file"]).read_bytes()
            url = feed_server.route("/" + row["file"], Route(body, content_type="application/xml"))
            source = FeedSource(FeedConfig(url=url, name=row["file"]), fetcher, rng=random.Random(1))
            batch = source.next_batch(NOW)
            assert batch.outcome == "new", (row["file"], batch.error)
            assert len(batch.items) == int(row["items"]), row["file"]
            assert batch.dead_letters == ()
            for record in batch.items:
                assert errors("raw_item", record) == [], (row["file"], record["title"])
            assert len({r["id"] for r in batch.items}) == len(batch.items), row["file"]


def _latin1_words(body: bytes) -> set[str]:
    """Accented words in the item titles, read from the raw bytes as Latin-1."""
    text = body.decode("latin-1")
    titles = re.findall(r"<item>.*?<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title>", text, re.S)
    return {w for t in titles for w in re.findall(r"\w*[À-ÿ]\w*", t)}


def test_latin1_feeds_decode_correctly(shared_data: Path) -> None:
    latin = [row for row in manifest(shared_data)
             if not _is_utf8((shared_data / "feeds" / row["file"]).read_bytes())]
    assert latin, "expected at least one feed that is not UTF-8"
    for row in latin:
        body = (shared_data / "feeds" / row["file"]).read_bytes()
        words = _latin1_words(body)
        assert words, row["file"]
        parsed = parse_feed(body, Source("https://feeds.example/x", "x"), fetched_at="2025-06-10T12:00:00Z")
        titles = " ".join(r["title"] for r in parsed.items)
        assert "\ufffd" not in titles and "Ã" not in titles, row["file"]
        assert words <= set(re.findall(r"\w+", titles)), (row["file"], sorted(words)[:5])


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
