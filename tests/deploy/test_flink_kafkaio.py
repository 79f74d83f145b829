"""Beam's cross-language KafkaIO runs on Flink with the jars of `make flink-jar`.

Python's ReadFromKafka is a Java transform: deploy/flink/target/beam-expansion-service.jar expands
it (started by the SDK through JavaJarExpansionService, with the EMBEDDED Java environment so
Flink runs the Java code in its task JVM, no Docker), and the job server runs it on an embedded
Flink. Reads a bounded number of records produced to a fresh topic of the real broker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newswire.kafka import make_producer
from newswire.topics import TopicNames
from tests.deploy.test_flink_runner import (
    flink_job_server_jar,  # noqa: F401  (fixture)
    retry_job_server_start,
)

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def test_read_from_kafka_on_flink_returns_every_produced_record(
    kafka_bootstrap: str,
    topics: TopicNames,
    flink_job_server_jar: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    import apache_beam as beam
    from apache_beam.io.kafka import ReadFromKafka
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.transforms.external import JavaJarExpansionService

    keys = [f"kafkaio-{n:03d}" for n in range(30)]
    producer = make_producer(kafka_bootstrap)
    for key in keys:
        producer.send(topics.raw, key=key.encode(), value=b'{"n": 1}')
    producer.flush()
    producer.close()

    expansion = JavaJarExpansionService(
        str(flink_job_server_jar.parent / "beam-expansion-service.jar"),
        extra_args=["{{PORT}}", "--defaultEnvironmentType=EMBEDDED"],
    )
    output = tmp_path / "keys"
    options = PipelineOptions([
        "--runner=FlinkRunner",
        "--flink_master=[local]",
        f"--flink_job_server_jar={flink_job_server_jar}",
        "--environment_type=LOOPBACK",
    ])

    def run() -> None:
        with beam.Pipeline(options=options) as pipeline:
            (
                pipeline
                | "ReadRaw" >> ReadFromKafka(
                    consumer_config={"bootstrap.servers": kafka_bootstrap, "auto.offset.reset": "earliest"},
                    topics=[topics.raw],
                    max_num_records=len(keys),
                    expansion_service=expansion,
                )
                | "KeepKey" >> beam.Map(lambda record: record[0].decode())
                | "WriteKeys" >> beam.io.WriteToText(str(output))
            )

    retry_job_server_start(run)
    read = sorted(line for part in tmp_path.glob("keys*") for line in part.read_text().splitlines())
    assert read == keys
