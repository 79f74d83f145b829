"""Records that flow between the pipeline's sources, stages and sinks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawMessage:
    """One input record as read, before any parsing.

    ``origin`` names where it came from ("topic/partition/offset", or "file:<path>@<byte offset>"
    for a JSONL line) for dead letters and logs; ``timestamp_ms`` is the Kafka record time when known.
    """

    key: bytes | None
    value: bytes
    origin: str
    timestamp_ms: int | None = None
