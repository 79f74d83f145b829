"""Sources: JSONL files on TestPipeline; Kafka offset ranges and the latest state on the real broker."""

from __future__ import annotations

from pathlib import Path

import apache_beam as beam
import orjson
import pytest
from apache_beam.testing.util import assert_that, equal_to

from newswire.kafka import encode_value, make_producer
from newswire.topics import TopicNames
from pipeline.offsets import OffsetRange, commit_offsets, make_reader, snapshot_ranges
from pipeline.sources import ReadLatestState, ReadRawFromJsonl, ReadRawFromKafka
from tests.pipeline.fixtures import local_test_pipeline, raw_item


def test_jsonl_source_reads_each_line_as_bytes_and_skips_blank_lines(tmp_path: Path) -> None:
    items = [raw_item(n, trade=n == 1) for n in range(3)]
    path = tmp_path / "items.jsonl"
    lines = [orjson.dumps(i) for i in items]
    text = b"\n".join(lines) + b"\n\n  \n{broken\n"
    path.write_bytes(text)
    expected = [(None, line, f"file:{path}@{text.index(line)}") for line in [*lines, b"{broken"]]
    for range_bytes in (7, 1 << 20):  # many read tasks (lines cut anywhere), or one
        with local_test_pipeline() as p:
            messages = p | ReadRawFromJsonl(str(path), range_bytes=range_bytes)
            assert_that(messages | beam.Map(lambda m: (m.key, m.value, m.origin)), equal_to(expected))


def test_jsonl_source_refuses_a_path_without_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no file matches"):
        ReadRawFromJsonl(str(tmp_path / "none-*.jsonl"))


def _produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes | None]]) -> None:
    producer = make_producer(bootstrap)
    for key, value in records:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


@pytest.mark.kafka
def test_kafka_source_reads_exactly_the_snapshot_from_the_committed_offsets(
    kafka_bootstrap: str, topics: TopicNames
) -> None:
    items = [raw_item(n, trade=False) for n in range(40)]
    _produce(kafka_bootstrap, topics.raw, [(i["id"].encode(), encode_value(i)) for i in items[:30]])
    group = "g-" + topics.raw
    reader = make_reader(kafka_bootstrap, group=group)
    first = snapshot_ranges(reader, topics.raw)
    assert sum(r.size for r in first) == 30
    commit_offsets(reader, first)
    _produce(kafka_bootstrap, topics.raw, [(i["id"].encode(), encode_value(i)) for i in items[30:]])
    second = snapshot_ranges(reader, topics.raw)
    reader.close()
    assert sum(r.size for r in second) == 10

    with local_test_pipeline() as p:
        messages = p | ReadRawFromKafka(second, kafka_bootstrap, max_range_size=3)
        assert_that(
            messages | beam.Map(lambda m: (m.key, m.value)),
            equal_to([(i["id"].encode(), encode_value(i)) for i in items[30:]]),
        )
        origins = messages | beam.Map(lambda m: m.origin.rsplit("/", 2)[0])
        assert_that(origins | "Distinct" >> beam.Distinct(), equal_to([topics.raw]), label="origin")


@pytest.mark.kafka
def test_state_source_emits_the_latest_value_per_key(kafka_bootstrap: str, topics: TopicNames) -> None:
    _produce(
        kafka_bootstrap,
        topics.pipeline_state,
        [
            (b"a", b"1"),
            (b"b", b"1"),
            (b"a", b"2"),
            (b"c", b"1"),
            (b"c", None),
            (b"d", b"7"),
        ],
    )
    reader = make_reader(kafka_bootstrap)
    ranges = snapshot_ranges(reader, topics.pipeline_state, from_committed=False)
    reader.close()
    assert all(isinstance(r, OffsetRange) for r in ranges)
    with local_test_pipeline() as p:
        state = p | ReadLatestState(ranges, kafka_bootstrap)
        assert_that(state, equal_to([("a", b"2"), ("b", b"1"), ("d", b"7")]))
