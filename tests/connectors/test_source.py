"""FeedSource, the polling contract for HTTP feeds, against a real local server (no Kafka)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from connectors.config import FeedConfig
from connectors.fetch import Fetcher
from connectors.source import FeedSource, backoff_delay
from connectors.state import FeedState
from schemas import errors
from tests.connectors.feedserver import FeedServer, Route

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def fetcher() -> Fetcher:
    with Fetcher(read_timeout=2, deadline=5) as client:
        yield client


def source_for(
    url: str, fetcher: Fetcher, interval: float = 60, state: FeedState | None = None
) -> FeedSource:
    feed = FeedConfig(url=url, name="test feed", publisher="Harbour Wire", interval=interval)
    return FeedSource(feed, fetcher, state, rng=random.Random(7))


def test_new_then_304_then_edit_gives_a_revision(feed_server: FeedServer, fetcher: Fetcher,
                                                 fixtures: Path) -> None:
    body = (fixtures / "rss20.xml").read_bytes()
    url = feed_server.route("/rss20.xml", Route(body))
    source = source_for(url, fetcher)

    first = source.next_batch(NOW)
    assert first.outcome == "new" and len(first.items) == 3
    assert all(errors("raw_item", item) == [] for item in first.items)
    assert first.items[-1]["title"].startswith("Northland")  # oldest first: feed order reversed
    source.commit(first)

    second = source.next_batch(NOW + timedelta(minutes=15))
    assert second.outcome == "not_modified" and second.items == ()
    assert feed_server.hits_for("/rss20.xml")[1].headers["if-none-match"] == first.state.etag
    source.commit(second)

    edited = body.replace(b"to 18%</title>", b"to 19%</title>")
    feed_server.route("/rss20.xml", Route(edited))
    third = source.next_batch(NOW + timedelta(minutes=30))
    assert third.outcome == "new"
    assert [i["title"] for i in third.items] == ["Northland raises duties on imported bicycles to 19%"]
    assert third.revisions == 1
    assert third.items[0]["id"] == first.items[-1]["id"]
    assert third.items[0]["revision"] != first.items[-1]["revision"]


def test_uncommitted_batches_come_again(feed_server: FeedServer, fetcher: Fetcher, fixtures: Path) -> None:
    url = feed_server.route("/a.xml", Route((fixtures / "atom10.xml").read_bytes()))
    source = source_for(url, fetcher)
    first = source.next_batch(NOW)
    again = source.next_batch(NOW)  # not committed: the broker never acknowledged
    assert [i["id"] for i in again.items] == [i["id"] for i in first.items]
    assert "if-none-match" not in feed_server.hits_for("/a.xml")[1].headers


def test_partial_commit_keeps_only_acknowledged_ids(feed_server: FeedServer, fetcher: Fetcher,
                                                    fixtures: Path) -> None:
    url = feed_server.route("/r.xml", Route((fixtures / "rss20.xml").read_bytes()))
    source = source_for(url, fetcher)
    batch = source.next_batch(NOW)
    acked = [(batch.items[0]["id"], batch.items[0]["revision"])]
    partial = source.commit_partial(batch, acked, "publish_failed: test", NOW)
    assert partial.state.etag is None and partial.state.failures == 1
    later = NOW + timedelta(seconds=partial.retry_after + 1)
    retry = source.next_batch(later)
    assert [i["id"] for i in retry.items] == [i["id"] for i in batch.items[1:]]


def test_same_body_without_validators_is_unchanged(feed_server: FeedServer, fetcher: Fetcher,
                                                   fixtures: Path) -> None:
    url = feed_server.route("/plain.json", Route((fixtures / "jsonfeed.json").read_bytes(),
                                                 content_type="application/feed+json", validators=False))
    source = source_for(url, fetcher)
    source.commit(source.next_batch(NOW))
    assert source.next_batch(NOW).outcome == "unchanged"


def test_retry_after_is_honoured(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.route("/busy", Route(b"slow down", status=429, headers={"Retry-After": "120"},
                                           validators=False))
    source = source_for(url, fetcher)
    busy = source.next_batch(NOW)
    assert busy.outcome == "error" and busy.error == "http_429"
    assert busy.retry_after >= 120
    (letter,) = busy.dead_letters
    assert letter.reason == "http_429" and letter.source == url
    assert errors("dead_letter", letter.to_dict()) == []
    source.commit(busy)
    assert source.next_batch(NOW + timedelta(seconds=60)).outcome == "deferred"
    assert len(feed_server.hits_for("/busy")) == 1  # no request while deferred
    assert source.next_batch(NOW + timedelta(seconds=busy.retry_after + 1)).outcome == "error"
    assert len(feed_server.hits_for("/busy")) == 2


def test_503_retry_after_as_http_date(feed_server: FeedServer, fetcher: Fetcher) -> None:
    when = "Wed, 21 Oct 2037 07:28:00 GMT"
    url = feed_server.route("/maint", Route(b"", status=503, headers={"Retry-After": when}, validators=False))
    source = source_for(url, fetcher)
    batch = source.next_batch(NOW)
    assert batch.error == "http_503"
    assert batch.retry_after == 24 * 3600  # capped at a day


def test_gone_disables_the_feed(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.route("/gone", Route(b"gone", status=410, validators=False))
    source = source_for(url, fetcher)
    gone = source.next_batch(NOW)
    assert gone.outcome == "disabled" and gone.state.disabled == "http_410"
    source.commit(gone)
    assert source.next_batch(NOW + timedelta(days=2)).outcome == "disabled"
    assert len(feed_server.hits_for("/gone")) == 1


def test_backoff_grows_with_failures(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.route("/down", Route(b"oops", status=500, validators=False))
    source = source_for(url, fetcher, interval=60)
    delays = []
    moment = NOW
    for _ in range(5):
        batch = source.next_batch(moment)
        source.commit(batch)
        delays.append(batch.retry_after)
        moment += timedelta(seconds=batch.retry_after + 1)
    assert source.state.failures == 5
    for failures, delay in enumerate(delays, 1):
        full = 60 * 2 ** (failures - 1)
        assert full / 2 <= delay <= full


def test_backoff_delay_bounds() -> None:
    rng = random.Random(1)
    for failures in range(1, 20):
        delay = backoff_delay(failures, 300, 3600, rng)
        assert delay <= 3600
        assert delay >= min(300 * 2 ** (failures - 1), 3600) / 2


def test_feed_ttl_stretches_the_interval(feed_server: FeedServer, fetcher: Fetcher, fixtures: Path) -> None:
    url = feed_server.route("/ttl.xml", Route((fixtures / "rss20.xml").read_bytes()))
    source = source_for(url, fetcher, interval=60)
    batch = source.next_batch(NOW)
    source.commit(batch)
    assert source.interval() == 15 * 60  # <ttl>15</ttl>
    assert 0.9 * 900 <= batch.retry_after <= 900


def test_permanent_redirect_is_followed_next_time(feed_server: FeedServer, fetcher: Fetcher,
                                                  fixtures: Path) -> None:
    feed_server.route("/new.xml", Route((fixtures / "rss10.rdf").read_bytes()))
    old = feed_server.route("/old.xml", Route(status=308, headers={"Location": "/new.xml"}, validators=False))
    source = source_for(old, fetcher)
    batch = source.next_batch(NOW)
    assert batch.state.permanent_url == feed_server.url("/new.xml")
    assert all(i["source"]["feed_url"] == old for i in batch.items)  # the configured feed stays the key
    source.commit(batch)
    source.next_batch(NOW + timedelta(hours=1))
    assert len(feed_server.hits_for("/old.xml")) == 1 and len(feed_server.hits_for("/new.xml")) == 2


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"<!DOCTYPE html><html><body>hi</body></html>", content_type="text/html"), "not_a_feed"),
        (Route(b""), "empty_body"),
        (Route(b"this is <<< not xml >>> & never was"), "bad_xml"),
        (Route(b"x" * 5000), "too_large"),
        (Route(b"<rss/>", delay=3), "timeout"),
        (Route(b"<rss/>", reset=True), ("connection_reset", "protocol_error")),
        (Route(b"missing", status=404, validators=False), "http_404"),
    ],
)
def test_bad_input_becomes_a_dead_letter(
    feed_server: FeedServer, route: Route, reason: str | tuple[str, ...]
) -> None:
    url = feed_server.route("/bad", route)
    with Fetcher(read_timeout=0.3, deadline=2, max_bytes=4096) as small:
        batch = source_for(url, small).next_batch(NOW)
    reasons = reason if isinstance(reason, tuple) else (reason,)
    assert batch.outcome == "error" and batch.error in reasons
    (letter,) = batch.dead_letters
    assert letter.reason in reasons and letter.stage == "connector" and letter.source == url
    assert errors("dead_letter", letter.to_dict()) == []
    assert batch.state.failures == 1 and batch.state.not_before is not None


def test_dns_failure_is_a_dead_letter(fetcher: Fetcher) -> None:
    batch = source_for("http://feed.newswire-test.invalid/rss", fetcher).next_batch(NOW)
    assert batch.error == "dns"
    assert batch.dead_letters[0].reason == "dns"


def test_state_round_trips_through_its_dict(
    feed_server: FeedServer, fetcher: Fetcher, fixtures: Path
) -> None:
    url = feed_server.route("/s.xml", Route((fixtures / "rss20.xml").read_bytes()))
    source = source_for(url, fetcher)
    source.commit(source.next_batch(NOW))
    restored = FeedState.from_dict(source.snapshot().to_dict())
    assert restored == source.snapshot()
    again = source_for(url, fetcher, state=restored).next_batch(NOW + timedelta(hours=1))
    assert again.outcome == "not_modified"


def test_seen_is_bounded() -> None:
    state = FeedState("https://f.example/").with_published(((str(i), "r") for i in range(50)), limit=10)
    assert [pair[0] for pair in state.seen] == [str(i) for i in range(40, 50)]
    state = state.with_published([("42", "r2")], limit=10)
    assert state.seen[-1] == ("42", "r2") and len(state.seen) == 10


def test_a_restart_keeps_the_timetable(fetcher: Fetcher) -> None:
    url = "http://127.0.0.1:9/feed.xml"  # never fetched here
    fresh = source_for(url, fetcher, interval=300)
    assert 0 <= fresh.first_poll_delay(NOW) <= 5
    polled = FeedState(url, last_polled_at="2025-06-10T11:59:00Z")  # a minute ago
    assert 240 <= source_for(url, fetcher, interval=300, state=polled).first_poll_delay(NOW) <= 245
    backing_off = FeedState(url, last_polled_at="2025-06-10T11:00:00Z", not_before="2025-06-10T13:00:00Z")
    assert 3600 <= source_for(url, fetcher, interval=300, state=backing_off).first_poll_delay(NOW) <= 3605
    overdue = FeedState(url, last_polled_at="2025-06-09T12:00:00Z")
    assert source_for(url, fetcher, interval=300, state=overdue).first_poll_delay(NOW) <= 5
