"""Kafka offset ranges: plan what a drain run reads, read one range, commit what was read.

Plain kafka-python, no Beam: the Beam source (:mod:`pipeline.sources`) and the driver-side
commit protocol (:mod:`pipeline.commit`) are thin users of these functions.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

from newswire.kafka import client_config, wait_for_partitions

log = logging.getLogger(__name__)


@dataclass(frozen=True, order=True)
class OffsetRange:
    """Offsets ``[start, stop)`` of one partition of one topic."""

    topic: str
    partition: int
    start: int
    stop: int

    @property
    def size(self) -> int:
        return max(0, self.stop - self.start)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OffsetRange:
        return cls(str(data["topic"]), int(data["partition"]), int(data["start"]), int(data["stop"]))


def make_reader(bootstrap: str | None, group: str | None = None, **overrides: Any) -> KafkaConsumer:
    """A consumer for manual assignment (no subscription, no auto commit), tuned for bulk reads."""
    config = client_config(
        bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=8 * 1024 * 1024,
        fetch_max_bytes=64 * 1024 * 1024,
        max_poll_records=2000,
        request_timeout_ms=30_000,
    )
    config.update(overrides)
    return KafkaConsumer(**config)


def partitions_of(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    """The partitions of ``topic``; raises ``LookupError`` when the topic does not exist."""
    found = wait_for_partitions(consumer, topic)
    if not found:
        raise LookupError(f"topic {topic!r} does not exist (create it with `newswire topics create`)")
    return [TopicPartition(topic, p) for p in sorted(found)]


def plan_ranges(
    starts: dict[int, int | None], beginnings: dict[int, int], ends: dict[int, int], topic: str
) -> list[OffsetRange]:
    """Non-empty ranges from each partition's start (committed offset, else beginning) to its end.

    A committed offset below the beginning (records deleted by retention) starts at the beginning.
    """
    ranges = []
    for partition in sorted(ends):
        begin = beginnings.get(partition, 0)
        committed = starts.get(partition)
        start = begin if committed is None else max(committed, begin)
        if ends[partition] > start:
            ranges.append(OffsetRange(topic, partition, start, ends[partition]))
    return ranges


def snapshot_ranges(consumer: KafkaConsumer, topic: str, from_committed: bool = True) -> list[OffsetRange]:
    """What a drain run reads now: committed offsets (of the consumer's group) up to the end offsets."""
    tps = partitions_of(consumer, topic)
    ends = {tp.partition: off for tp, off in consumer.end_offsets(tps).items()}
    beginnings = {tp.partition: off for tp, off in consumer.beginning_offsets(tps).items()}
    starts: dict[int, int | None] = {}
    for tp in tps:
        starts[tp.partition] = consumer.committed(tp) if from_committed else None
    return plan_ranges(starts, beginnings, ends, topic)


def cap_ranges(ranges: Sequence[OffsetRange], max_records: int) -> list[OffsetRange]:
    """The first ``max_records`` offsets of ``ranges``, shared fairly between the partitions (each
    gets an equal share; a partition with less leaves the rest to the others). 0 = no cap."""
    if max_records <= 0 or sum(r.size for r in ranges) <= max_records:
        return list(ranges)
    taken = dict.fromkeys(ranges, 0)
    budget = max_records
    while budget > 0:
        open_ranges = [r for r in ranges if taken[r] < r.size]
        share = max(1, budget // len(open_ranges))
        for r in open_ranges:
            more = min(share, r.size - taken[r], budget)
            taken[r] += more
            budget -= more
    return [OffsetRange(r.topic, r.partition, r.start, r.start + taken[r]) for r in ranges if taken[r]]


def clamp_ranges(ranges: Sequence[OffsetRange], ends: dict[tuple[str, int], int]) -> list[OffsetRange]:
    """``ranges`` cut at ``ends`` (a drain's first snapshot of the end offsets), so that a drain
    split into cycles stops where it started; partitions missing from ``ends`` are left out."""
    clamped = []
    for r in ranges:
        stop = min(r.stop, ends.get((r.topic, r.partition), r.start))
        if stop > r.start:
            clamped.append(OffsetRange(r.topic, r.partition, r.start, stop))
    return clamped


def split_range(offset_range: OffsetRange, max_size: int) -> list[OffsetRange]:
    """Cut a range into consecutive pieces of at most ``max_size`` offsets."""
    r = offset_range
    return [
        OffsetRange(r.topic, r.partition, s, min(s + max_size, r.stop))
        for s in range(r.start, r.stop, max_size)
    ]


def run_id(ranges: Sequence[OffsetRange]) -> str:
    """A stable name for one drain run: the hash of the ranges it reads."""
    text = ";".join(f"{r.topic}/{r.partition}/{r.start}-{r.stop}" for r in sorted(ranges))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def read_range(
    consumer: KafkaConsumer,
    offset_range: OffsetRange,
    poll_timeout_ms: int = 1000,
    stall_timeout_s: float = 60.0,
) -> Iterator[Any]:
    """Yield the ConsumerRecords of one range in offset order.

    Offsets may have gaps (compaction, transaction markers, retention); the read ends when the
    consumer's position reaches ``stop``. Raises ``TimeoutError`` when nothing arrives for
    ``stall_timeout_s`` while offsets are still missing.
    """
    tp = TopicPartition(offset_range.topic, offset_range.partition)
    consumer.assign([tp])
    consumer.seek(tp, offset_range.start)
    last_progress = time.monotonic()
    while consumer.position(tp) < offset_range.stop:
        batch = consumer.poll(timeout_ms=poll_timeout_ms).get(tp, [])
        if batch:
            last_progress = time.monotonic()
        for record in batch:
            if record.offset >= offset_range.stop:
                return
            if record.offset >= offset_range.start:
                yield record
        if not batch and time.monotonic() - last_progress > stall_timeout_s:
            raise TimeoutError(
                f"no records for {stall_timeout_s:.0f}s at {tp.topic}/{tp.partition} "
                f"offset {consumer.position(tp)} (range ends at {offset_range.stop})"
            )


def latest_per_key(records: Iterable[Any]) -> dict[str, bytes]:
    """Compacted-topic semantics over records in offset order: the last value per key; None deletes."""
    latest: dict[str, bytes] = {}
    for record in records:
        if record.key is None:
            continue
        key = record.key.decode("utf-8", "replace")
        if record.value is None:
            latest.pop(key, None)
        else:
            latest[key] = record.value
    return latest


def commit_offsets(consumer: KafkaConsumer, ranges: Iterable[OffsetRange]) -> dict[tuple[str, int], int]:
    """Commit, for each partition, the highest ``stop`` among ``ranges``; returns what was committed."""
    stops: dict[tuple[str, int], int] = {}
    for r in ranges:
        key = (r.topic, r.partition)
        stops[key] = max(stops.get(key, 0), r.stop)
    if stops:
        consumer.commit(
            {TopicPartition(t, p): OffsetAndMetadata(stop, "", -1) for (t, p), stop in stops.items()}
        )
        log.info("committed offsets %s for group %s", stops, consumer.config["group_id"])
    return stops
