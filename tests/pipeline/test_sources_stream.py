"""The streaming source's pieces that run without Flink: Java client settings and record mapping."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.javakafka import jaas_config, java_client_config
from pipeline.sources import to_raw_message


def test_plain_environment_gives_bootstrap_only() -> None:
    assert java_client_config("b1:9092,b2:9092", {"PATH": "/bin"}) == {"bootstrap.servers": "b1:9092,b2:9092"}


def test_sasl_ssl_settings_are_translated_for_java() -> None:
    environ = {
        "NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "NEWSWIRE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "NEWSWIRE_KAFKA_SASL_PLAIN_USERNAME": "newswire",
        "NEWSWIRE_KAFKA_SASL_PLAIN_PASSWORD": 'pa"ss',
        "NEWSWIRE_KAFKA_SSL_CAFILE": "/etc/ca.pem",
        "NEWSWIRE_KAFKA_REQUEST_TIMEOUT_MS": "20000",
    }
    assert java_client_config("b:9093", environ) == {
        "bootstrap.servers": "b:9093",
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "SCRAM-SHA-512",
        "sasl.jaas.config": "org.apache.kafka.common.security.scram.ScramLoginModule required "
        'username="newswire" password="pa\\"ss";',
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": "/etc/ca.pem",
        "request.timeout.ms": "20000",
    }


def test_hostname_check_off_and_plain_mechanism() -> None:
    config = java_client_config(
        "b:9093",
        {"NEWSWIRE_KAFKA_SSL_CHECK_HOSTNAME": "false", "NEWSWIRE_KAFKA_SASL_PLAIN_USERNAME": "u",
         "NEWSWIRE_KAFKA_SASL_PLAIN_PASSWORD": "p"},
    )
    assert config["ssl.endpoint.identification.algorithm"] == ""
    assert config["sasl.jaas.config"].startswith("org.apache.kafka.common.security.plain.PlainLoginModule")


def test_settings_without_a_java_equivalent_are_refused() -> None:
    with pytest.raises(ValueError, match="ssl_certfile"):
        java_client_config("b:9093", {"NEWSWIRE_KAFKA_SSL_CERTFILE": "/etc/client.pem"})
    with pytest.raises(ValueError, match="GSSAPI"):
        jaas_config("GSSAPI", "u", "p")


def test_kafka_row_becomes_a_raw_message_with_its_origin() -> None:
    row = SimpleNamespace(topic="news.raw", partition=3, offset=41, timestamp=1_767_000_000_000,
                          key=b"k1", value=b'{"id": "k1"}')
    message = to_raw_message(row)
    assert (message.key, message.value, message.origin, message.timestamp_ms) == (
        b"k1", b'{"id": "k1"}', "news.raw/3/41", 1_767_000_000_000)
    assert to_raw_message(SimpleNamespace(**{**vars(row), "value": None})).value == b""
