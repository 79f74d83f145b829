"""The HTTP fetcher against a real local server."""

from __future__ import annotations

import gzip
import socket
from datetime import datetime, timezone

import pytest

from connectors.fetch import Fetcher, retry_after_seconds
from tests.connectors.feedserver import FeedServer, Route

BODY = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


def test_user_agent_and_conditional_get(feed_server: FeedServer) -> None:
    url = feed_server.route("/feed.xml", Route(BODY))
    with Fetcher() as fetcher:
        first = fetcher.fetch(url)
        second = fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
        by_date = fetcher.fetch(url, last_modified=first.last_modified)
    assert (first.status, first.body, first.error) == (200, BODY, None)
    assert first.etag and first.last_modified
    assert second.not_modified and second.body == b""
    assert by_date.not_modified
    hits = feed_server.hits_for("/feed.xml")
    assert "newswire" in hits[0].headers["user-agent"]
    assert "gzip" in hits[0].headers["accept-encoding"]
    assert "if-none-match" not in hits[0].headers
    assert hits[1].headers["if-none-match"] == first.etag


def test_gzip_is_decoded(feed_server: FeedServer) -> None:
    url = feed_server.route("/gz.xml", Route(BODY, gzip=True))
    with Fetcher() as fetcher:
        assert fetcher.fetch(url).body == BODY


def test_redirects_are_followed_and_permanent_moves_remembered(feed_server: FeedServer) -> None:
    feed_server.route("/final.xml", Route(BODY))
    feed_server.route("/moved", Route(status=301, headers={"Location": "/final.xml"}, validators=False))
    feed_server.route("/temp", Route(status=302, headers={"Location": "/moved"}, validators=False))
    with Fetcher() as fetcher:
        moved = fetcher.fetch(feed_server.url("/moved"))
        temporary = fetcher.fetch(feed_server.url("/temp"))
    assert moved.body == BODY and moved.permanent_url == feed_server.url("/final.xml")
    assert temporary.body == BODY and temporary.permanent_url is None


def test_redirect_loop_stops(feed_server: FeedServer) -> None:
    url = feed_server.route("/loop", Route(status=302, headers={"Location": "/loop"}, validators=False))
    with Fetcher(max_redirects=5) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == "too_many_redirects"
    assert len(feed_server.hits_for("/loop")) == 6


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_redirect_to_other_schemes_is_refused(feed_server: FeedServer, target: str) -> None:
    url = feed_server.route("/evil", Route(status=302, headers={"Location": target}, validators=False))
    with Fetcher() as fetcher:
        assert fetcher.fetch(url).error == "bad_redirect"


def test_declared_oversize_is_refused_before_reading(feed_server: FeedServer) -> None:
    url = feed_server.route("/big", Route(BODY, declared_length=50_000_000))
    with Fetcher() as fetcher:
        assert fetcher.fetch(url).error == "too_large"


def test_decoded_size_is_limited_while_streaming(feed_server: FeedServer) -> None:
    bomb = b"<rss>" + b" " * 2_000_000 + b"</rss>"
    assert len(gzip.compress(bomb)) < 100_000
    url = feed_server.route("/bomb", Route(bomb, gzip=True))
    with Fetcher(max_bytes=100_000) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == "too_large"
    assert len(result.body) <= 100_000


def test_read_timeout(feed_server: FeedServer) -> None:
    url = feed_server.route("/slow", Route(BODY, delay=1.5))
    with Fetcher(read_timeout=0.2) as fetcher:
        assert fetcher.fetch(url).error == "timeout"


def test_overall_deadline_stops_a_dripping_server(feed_server: FeedServer) -> None:
    url = feed_server.route("/drip", Route(BODY * 4, drip=0.05))
    with Fetcher(read_timeout=5, deadline=0.2) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == "timeout" and "deadline" in result.detail


def test_connection_reset(feed_server: FeedServer) -> None:
    url = feed_server.route("/reset", Route(BODY, reset=True))
    with Fetcher() as fetcher:
        result = fetcher.fetch(url)
    assert result.error in ("connection_reset", "protocol_error")


def test_dns_failure() -> None:
    with Fetcher() as fetcher:
        result = fetcher.fetch("http://feed.newswire-test.invalid/rss")
    assert result.error == "dns"


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with Fetcher() as fetcher:
        assert fetcher.fetch(f"http://127.0.0.1:{port}/").error == "connection_refused"


@pytest.mark.parametrize(("status", "retry_after", "expected"), [(404, None, None), (429, "30", 30.0),
                                                                   (503, "12", 12.0), (500, "30", None)])
def test_http_errors_and_retry_after(
    feed_server: FeedServer, status: int, retry_after: str | None, expected: float | None
) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    url = feed_server.route("/err", Route(b"nope", status=status, headers=headers, validators=False))
    with Fetcher() as fetcher:
        result = fetcher.fetch(url)
    assert result.error == f"http_{status}"
    assert result.retry_after == expected


def test_retry_after_forms() -> None:
    now = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Sun, 01 Jun 2025 12:05:00 GMT", now) == 300
    assert retry_after_seconds("Sun, 01 Jun 2025 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None
