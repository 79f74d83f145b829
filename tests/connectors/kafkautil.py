"""Reading topics back in connector integration tests (real broker, no mocks)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from kafka import TopicPartition

from newswire.kafka import decode_value, header_map, make_consumer, wait_for_partitions


@dataclass(frozen=True)
class Seen:
    key: str | None
    value: Any
    headers: dict[str, str]
    partition: int
    offset: int


def read_all(topic: str, bootstrap: str, timeout: float = 30.0) -> list[Seen]:
    """Every record of ``topic`` from the beginning to its current end."""
    consumer = make_consumer(bootstrap=bootstrap, group_id=None)
    try:
        known = wait_for_partitions(consumer, topic)
        if not known:
            raise LookupError(f"topic {topic} not found")
        partitions = [TopicPartition(topic, p) for p in sorted(known)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        end = consumer.end_offsets(partitions)
        records: list[Seen] = []
        deadline = time.monotonic() + timeout
        while any(consumer.position(tp) < end[tp] for tp in partitions):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{topic} not read to its end in {timeout} s")
            for batch in consumer.poll(timeout_ms=500).values():
                for r in batch:
                    records.append(Seen(r.key.decode() if r.key else None,
                                        decode_value(r.value) if r.value is not None else None,
                                        header_map(r.headers), r.partition, r.offset))
        return records
    finally:
        consumer.close()


def wait_for(predicate: Any, timeout: float = 60.0, every: float = 0.2) -> None:
    """Wait until ``predicate()`` is true (a liveness wait, not a speed assertion)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(every)
