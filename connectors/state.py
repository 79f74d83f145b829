"""Per-feed connector state and its home, the compacted topic ``newswire.connector-state``.

One record per feed, key = the configured feed URL, value = :meth:`FeedState.to_dict` (orjson,
schema ``newswire.connector_state`` v1). The connector writes a feed's state only after the
broker acknowledged that feed's items, and reads the topic to its end at start-up, so a
restart neither re-sends nor skips an item.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

import orjson
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from newswire.kafka import Outgoing, decode_value, make_consumer, send, wait_for_partitions

log = logging.getLogger(__name__)

SCHEMA = "newswire.connector_state"
SCHEMA_VERSION = 1
SEEN_LIMIT = 1000


@dataclass(frozen=True)
class FeedState:
    """What the connector remembers about one feed between polls and across restarts.

    ``seen`` holds ``(item id, revision)`` pairs already acknowledged by the broker, oldest
    first, at most ``SEEN_LIMIT`` (well above the length of any feed).
    """

    feed_url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    seen: tuple[tuple[str, str], ...] = ()
    failures: int = 0
    not_before: str | None = None  # ISO UTC: Retry-After or backoff, no poll before this
    disabled: str | None = None  # reason (e.g. "http_410") when the feed is switched off
    interval_hint: float | None = None  # seconds, from the feed's ttl / sy:updatePeriod
    permanent_url: str | None = None  # target of a permanent redirect
    last_polled_at: str | None = None
    last_success_at: str | None = None
    last_error: str | None = None

    def seen_map(self) -> dict[str, str]:
        return dict(self.seen)

    def with_published(self, pairs: Iterable[tuple[str, str]], limit: int = SEEN_LIMIT) -> FeedState:
        """This state plus acknowledged ``(id, revision)`` pairs (a re-published id moves last)."""
        seen = dict(self.seen)
        for item_id, revision in pairs:
            seen.pop(item_id, None)
            seen[item_id] = revision
        kept = tuple(seen.items())[-limit:] if limit > 0 else ()
        return replace(self, seen=kept)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["seen"] = [list(pair) for pair in self.seen]
        return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedState:
        known = {name for name in cls.__dataclass_fields__ if name != "seen"}
        values = {k: v for k, v in data.items() if k in known}
        seen = tuple((str(p[0]), str(p[1])) for p in data.get("seen") or () if len(p) == 2)
        return cls(seen=seen, **values)


def state_record(topic: str, state: FeedState) -> Outgoing:
    """The record that stores ``state`` on the compacted state topic."""
    return Outgoing(topic, state.feed_url, state.to_dict(), SCHEMA, SCHEMA_VERSION)


def save_state(producer: KafkaProducer, topic: str, state: FeedState, timeout: float = 30.0) -> None:
    """Write ``state`` and wait for the broker's acknowledgement (raises KafkaError on failure)."""
    send(producer, state_record(topic, state)).get(timeout=timeout)


def restore_states(topic: str, bootstrap: str | None = None, timeout: float = 60.0) -> dict[str, FeedState]:
    """Read the state topic from the beginning to its current end; the last value per key wins."""
    consumer = make_consumer(bootstrap=bootstrap, group_id=None, consumer_timeout_ms=1000)
    try:
        return _read_to_end(consumer, topic, timeout)
    finally:
        consumer.close()


def _read_to_end(consumer: KafkaConsumer, topic: str, timeout: float) -> dict[str, FeedState]:
    deadline = time.monotonic() + timeout
    partitions = wait_for_partitions(consumer, topic, min(timeout, 15.0))
    if not partitions:
        raise LookupError(f"state topic {topic!r} does not exist (run `newswire topics create`)")
    assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
    consumer.assign(assigned)
    consumer.seek_to_beginning(*assigned)
    end = consumer.end_offsets(assigned)
    states: dict[str, FeedState] = {}
    while any(consumer.position(tp) < end[tp] for tp in assigned):
        if time.monotonic() > deadline:
            raise TimeoutError(f"state topic {topic!r} not read to its end within {timeout:.0f} s")
        for records in consumer.poll(timeout_ms=500).values():
            for record in records:
                key = record.key.decode() if record.key else None
                if key is None:
                    continue
                if record.value is None:  # tombstone: the feed's state was deleted
                    states.pop(key, None)
                    continue
                try:
                    data = decode_value(record.value)
                    states[key] = FeedState.from_dict(data)
                except (orjson.JSONDecodeError, TypeError, AttributeError) as exc:
                    log.warning("state of %s at offset %d unreadable (%s); starting it afresh",
                                key, record.offset, exc)
                    states.pop(key, None)
    log.info("restored the state of %d feeds from %s", len(states), topic)
    return states
