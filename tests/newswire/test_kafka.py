"""Round trips through the real broker: keys, orjson values and schema headers."""

from __future__ import annotations

import pytest

from newswire.kafka import (
    Outgoing,
    client_config,
    decode_value,
    header_map,
    make_consumer,
    make_producer,
    send,
)
from newswire.topics import TopicNames


def test_client_config_reads_security_settings_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("NEWSWIRE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NEWSWIRE_KAFKA_REQUEST_TIMEOUT_MS", "1234")
    monkeypatch.setenv("NEWSWIRE_KAFKA_SSL_CHECK_HOSTNAME", "false")
    config = client_config("a:1,b:2")
    assert config["ssl_check_hostname"] is False
    assert config["bootstrap_servers"] == ["a:1", "b:2"]
    assert config["security_protocol"] == "SASL_SSL"
    assert config["request_timeout_ms"] == 1234


@pytest.mark.kafka
def test_records_round_trip_with_keys_values_and_headers(
    kafka_bootstrap: str, topics: TopicNames
) -> None:
    producer = make_producer(kafka_bootstrap)
    sent = [
        Outgoing(topics.raw, f"item-{i}", {"n": i, "title": f"Story {i} – naïve café"},
                 "newswire.raw_item", 1)
        for i in range(20)
    ]
    for record in sent:
        send(producer, record).get(timeout=10)
    producer.close()

    consumer = make_consumer(topics.raw, group_id="roundtrip", bootstrap=kafka_bootstrap,
                             consumer_timeout_ms=5000)
    received = {m.key.decode(): m for m in consumer}
    consumer.close()

    assert sorted(received) == sorted(r.key for r in sent if r.key)
    for record in sent:
        message = received[record.key or ""]
        assert decode_value(message.value) == record.value
        assert header_map(message.headers) == {
            "schema": "newswire.raw_item",
            "schema_version": "1",
            "content-type": "application/json",
        }


@pytest.mark.kafka
def test_same_key_lands_on_same_partition(kafka_bootstrap: str, topics: TopicNames) -> None:
    producer = make_producer(kafka_bootstrap)
    partitions = {
        send(producer, Outgoing(topics.raw, "same-key", {"v": v}, "x", 1)).get(timeout=10).partition
        for v in range(5)
    }
    producer.close()
    assert len(partitions) == 1
