"""Shared Kafka clients: one way to configure, produce and consume, for connectors and pipeline.

Values are JSON encoded with orjson; every record carries the headers ``schema``,
``schema_version`` and ``content-type``. Extra client settings (SASL_SSL and friends) come
from ``NEWSWIRE_KAFKA_<SETTING>`` environment variables and reach every client, for example
``NEWSWIRE_KAFKA_SECURITY_PROTOCOL=SASL_SSL`` or ``NEWSWIRE_KAFKA_SASL_PLAIN_PASSWORD=...``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from newswire import settings

ENV_PREFIX = "NEWSWIRE_KAFKA_"
_INT_SETTINGS = {"request_timeout_ms", "retries", "linger_ms", "batch_size", "max_request_size"}

Headers = list[tuple[str, bytes]]


def client_config(bootstrap: str | None = None, **overrides: Any) -> dict[str, Any]:
    """Settings common to every client: bootstrap servers plus ``NEWSWIRE_KAFKA_*`` variables."""
    config: dict[str, Any] = {"bootstrap_servers": (bootstrap or settings.bootstrap_servers()).split(",")}
    for name, value in os.environ.items():
        if name.startswith(ENV_PREFIX):
            key = name[len(ENV_PREFIX):].lower()
            config[key] = _setting_value(key, value)
    config.update(overrides)
    return config


def _setting_value(key: str, value: str) -> Any:
    """Environment text as the type kafka-python expects: ints, booleans, else the text."""
    if key in _INT_SETTINGS or key.endswith(("_ms", "_bytes")):
        return int(value)
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def schema_headers(schema: str, version: int) -> Headers:
    """The headers that name a record's schema and content type."""
    return [
        ("schema", schema.encode()),
        ("schema_version", str(version).encode()),
        ("content-type", b"application/json"),
    ]


def header_map(headers: Iterable[tuple[str, bytes]] | None) -> dict[str, str]:
    """Decode Kafka record headers into a plain ``{name: text}`` mapping."""
    return {name: value.decode("utf-8", "replace") for name, value in headers or ()}


def encode_value(value: Mapping[str, Any]) -> bytes:
    """Serialise a record value (orjson; datetimes as ISO 8601)."""
    return orjson.dumps(value)


def decode_value(data: bytes) -> Any:
    """Parse a record value; raises ``orjson.JSONDecodeError`` on malformed input."""
    return orjson.loads(data)


def make_producer(bootstrap: str | None = None, **overrides: Any) -> KafkaProducer:
    """A durable producer: acks=all, retries, idempotent ordering per partition."""
    config = client_config(
        bootstrap,
        acks="all",
        retries=10,
        max_in_flight_requests_per_connection=1,
        linger_ms=5,
        compression_type=None,
        request_timeout_ms=30_000,
    )
    config.update(overrides)
    return KafkaProducer(**config)


def make_consumer(
    *topics: str, group_id: str | None = None, bootstrap: str | None = None, **overrides: Any
) -> KafkaConsumer:
    """A consumer with manual commits (commit only after the work is durable)."""
    config = client_config(
        bootstrap,
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    config.update(overrides)
    return KafkaConsumer(*topics, **config)


def wait_for_partitions(consumer: KafkaConsumer, topic: str, timeout: float = 15.0) -> set[int]:
    """The partition ids of ``topic``, waiting up to ``timeout`` s for a just-created topic.

    Returns an empty set when the topic still does not exist. ``consumer.topics()`` forces a
    metadata refresh: a cached empty partition set is otherwise never refreshed.
    """
    deadline = time.monotonic() + timeout
    partitions: set[int] = consumer.partitions_for_topic(topic) or set()
    while not partitions and time.monotonic() < deadline:
        time.sleep(0.5)
        consumer.topics()
        partitions = consumer.partitions_for_topic(topic) or set()
    return partitions


def make_admin(bootstrap: str | None = None, **overrides: Any) -> KafkaAdminClient:
    """An admin client, for topic creation and offsets."""
    return KafkaAdminClient(**client_config(bootstrap, **overrides))


@dataclass(frozen=True)
class Outgoing:
    """One record to publish: topic, key, JSON value and its schema."""

    topic: str
    key: str | None
    value: Mapping[str, Any]
    schema: str
    schema_version: int


def send(producer: KafkaProducer, record: Outgoing) -> Any:
    """Publish one record; returns the kafka-python future (``.get()`` waits for the ack)."""
    return producer.send(
        record.topic,
        key=record.key.encode() if record.key is not None else None,
        value=encode_value(record.value),
        headers=schema_headers(record.schema, record.schema_version),
    )
