"""Resolving `newswire run` options: the streaming (--kafka_io xlang) choices and their checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.options import (
    DEFAULT_EXPANSION_JAR,
    NewswireOptions,
    expansion_jar_path,
    parse_outputs,
    resolve,
)

FLINK = ["--runner=FlinkRunner", "--flink_master=[local]"]


def options(flags: list[str], **own: object) -> NewswireOptions:
    return NewswireOptions(flags, **own)


def test_python_kafka_io_is_the_default_and_not_streaming() -> None:
    settings = resolve(options([], mode="follow"))
    assert settings.kafka_io == "python"
    assert not settings.streaming
    assert settings.expansion_jar is None
    assert settings.outputs == {"trade", "dlq", "parquet", "state"}


def test_xlang_follow_on_flink_streams_to_kafka_only() -> None:
    settings = resolve(options(FLINK, mode="follow", kafka_io="xlang"))
    assert settings.streaming
    assert settings.outputs == {"trade", "dlq", "state"}
    assert settings.expansion_jar == DEFAULT_EXPANSION_JAR


@pytest.mark.parametrize(
    ("flags", "own", "message"),
    [
        (FLINK, {"mode": "drain", "kafka_io": "xlang"}, "--mode follow"),
        ([], {"mode": "follow", "kafka_io": "xlang"}, "portable runner"),
        (["--runner=DirectRunner"], {"mode": "follow", "kafka_io": "xlang"}, "portable runner"),
        (FLINK, {"mode": "follow", "kafka_io": "xlang", "outputs": "trade,parquet"}, "Kafka only"),
    ],
)
def test_xlang_refuses_what_it_cannot_do(flags: list[str], own: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        resolve(options(flags, **own))


def test_streaming_outputs_may_be_narrowed() -> None:
    assert parse_outputs("trade", "kafka", streaming=True) == {"trade"}
    assert parse_outputs("none", "kafka", streaming=True) == frozenset()


def test_expansion_jar_beside_the_job_server_jar_is_preferred(tmp_path: Path) -> None:
    job_server = tmp_path / "beam-flink-job-server.jar"
    assert expansion_jar_path(None, str(job_server)) == DEFAULT_EXPANSION_JAR  # none beside it yet
    (tmp_path / "beam-expansion-service.jar").write_bytes(b"")
    assert expansion_jar_path(None, str(job_server)) == str(tmp_path / "beam-expansion-service.jar")
    assert expansion_jar_path("/opt/x.jar", str(job_server)) == "/opt/x.jar"
