"""Sinks: Parquet staging through fileio, state staging, and Kafka publishing on the real broker."""

from __future__ import annotations

import glob
from pathlib import Path

import apache_beam as beam
import orjson
import pyarrow.dataset as ds
import pytest
from apache_beam.testing.util import assert_that, equal_to

from newswire.kafka import header_map, make_consumer
from newswire.topics import TopicNames
from pipeline.sinks import (
    PublishDeadLetters,
    PublishStories,
    StageStateUpdates,
    WriteStoriesToParquet,
    decode_state_update,
    encode_state_update,
)
from tests.pipeline.fixtures import local_test_pipeline, raw_item, story_from_raw


def test_parquet_sink_writes_one_partition_per_published_date(tmp_path: Path) -> None:
    stories = [story_from_raw(raw_item(n, trade=n % 2 == 0, hours=12 * n)) for n in range(8)]
    with local_test_pipeline() as p:
        dead = p | beam.Create(stories) | WriteStoriesToParquet(str(tmp_path))
        assert_that(dead, equal_to([]))

    files = sorted(glob.glob(str(tmp_path / "parquet" / "dt=*" / "*.parquet")))
    partitions = sorted({Path(f).parent.name for f in files})
    assert partitions == ["dt=2026-03-02", "dt=2026-03-03", "dt=2026-03-04", "dt=2026-03-05"]
    table = ds.dataset(str(tmp_path / "parquet"), format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("story_id").to_pylist()) == sorted(s["story_id"] for s in stories)
    by_id = {row["story_id"]: row for row in table.to_pylist()}
    for story in stories:
        assert by_id[story["story_id"]]["dt"] == story["published_at"][:10]
        assert by_id[story["story_id"]]["trade"]["is_trade"] == story["trade"]["is_trade"]


def test_parquet_sink_turns_an_unconvertible_story_into_a_dead_letter(tmp_path: Path) -> None:
    good = story_from_raw(raw_item(1, trade=True))
    bad = story_from_raw(raw_item(2, trade=False))
    bad["published_at"] = "sometime soon"
    with local_test_pipeline() as p:
        dead = p | beam.Create([good, bad]) | WriteStoriesToParquet(str(tmp_path))
        assert_that(
            dead | beam.Map(lambda d: (d["stage"], d["reason"], d["key"])),
            equal_to([("sink", "parquet_row", bad["story_id"])]),
        )
    table = ds.dataset(str(tmp_path / "parquet"), format="parquet", partitioning="hive").to_table()
    assert table.column("story_id").to_pylist() == [good["story_id"]]


def test_state_updates_round_trip_through_the_staging_files(tmp_path: Path) -> None:
    updates = [("fp:1", b"\x00\xffbinary"), ("fp:2", b'{"v":1}'), ("fp:3", None)]
    assert [decode_state_update(encode_state_update(u)) for u in updates] == updates
    with local_test_pipeline() as p:
        _ = p | beam.Create(updates) | StageStateUpdates(str(tmp_path))
    lines = [
        line
        for f in glob.glob(str(tmp_path / "state" / "*.jsonl"))
        for line in Path(f).read_bytes().splitlines()
    ]
    assert sorted(decode_state_update(line) for line in lines if line.strip()) == sorted(
        updates, key=lambda u: u[0]
    )


def _consume_all(topic: str, bootstrap: str, expected: int) -> list:
    consumer = make_consumer(topic, bootstrap=bootstrap, consumer_timeout_ms=5000)
    try:
        records = []
        for record in consumer:
            records.append(record)
            if len(records) >= expected + 5:
                break
        return records
    finally:
        consumer.close()


@pytest.mark.kafka
def test_publish_stories_and_dead_letters(kafka_bootstrap: str, topics: TopicNames) -> None:
    stories = [story_from_raw(raw_item(n, trade=True)) for n in range(5)]
    letter = {
        "schema": "newswire.dead_letter",
        "schema_version": 1,
        "stage": "parse",
        "reason": "bad_json",
        "error": "x",
        "key": "k-1",
        "payload": "{",
        "payload_encoding": "text",
        "source": "t/0/1",
        "failed_at": "2026-03-02T08:00:00Z",
    }
    with local_test_pipeline() as p:
        _ = p | "Stories" >> beam.Create(stories) | PublishStories(kafka_bootstrap, topics.trade)
        _ = p | "Letters" >> beam.Create([letter]) | PublishDeadLetters(kafka_bootstrap, topics.dlq)

    published = _consume_all(topics.trade, kafka_bootstrap, len(stories))
    assert sorted(r.key.decode() for r in published) == sorted(s["story_id"] for s in stories)
    for record in published:
        assert header_map(record.headers)["schema"] == "newswire.story"
        story = orjson.loads(record.value)
        assert story == next(s for s in stories if s["story_id"] == record.key.decode())
    dlq = _consume_all(topics.dlq, kafka_bootstrap, 1)
    assert [(r.key, orjson.loads(r.value)) for r in dlq] == [(b"k-1", letter)]
    assert header_map(dlq[0].headers)["schema"] == "newswire.dead_letter"
