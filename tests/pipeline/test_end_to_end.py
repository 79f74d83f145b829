"""End to end on the real broker: raw records -> `newswire run --mode drain` -> news.trade, Parquet
(read with pyarrow and DuckDB) and news.dlq; then the same input again gives nothing new."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import orjson
import pyarrow.dataset as ds
import pytest

import schemas
from newswire.kafka import encode_value, header_map, make_consumer, make_producer
from newswire.topics import TopicNames
from pipeline.offsets import make_reader, partitions_of
from tests.pipeline.fixtures import raw_item, records_with_bad_input

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

TRADE_ITEMS = [raw_item(n, trade=True, hours=3 * n) for n in range(10)]
OTHER_ITEMS = [raw_item(n, trade=False, hours=3 * n) for n in range(10, 20)]
ITEMS = TRADE_ITEMS + OTHER_ITEMS


def drain_command(bootstrap: str, topics: TopicNames, dataset: Path, *extra: str) -> list[str]:
    """The argv of `newswire run --mode drain` on the prefixed ``topics`` into ``dataset``."""
    prefix = topics.raw[: -len("news.raw")]
    return [
        sys.executable,
        "-m",
        "newswire.cli",
        "run",
        "--mode",
        "drain",
        f"--bootstrap_servers={bootstrap}",
        f"--topic_prefix={prefix}",
        f"--parquet_path={dataset}",
        *extra,
    ]


def newswire_run(bootstrap: str, topics: TopicNames, dataset: Path, *extra: str) -> str:
    """`newswire run --mode drain` in a child process; returns its standard output."""
    command = drain_command(bootstrap, topics, dataset, *extra)
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env={**os.environ})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    producer = make_producer(bootstrap)
    for key, value in records:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


def consume(bootstrap: str, topic: str) -> list:
    consumer = make_consumer(topic, bootstrap=bootstrap, consumer_timeout_ms=4000)
    try:
        return list(consumer)
    finally:
        consumer.close()


def end_offsets(bootstrap: str, topic: str) -> int:
    reader = make_reader(bootstrap)
    try:
        return sum(reader.end_offsets(partitions_of(reader, topic)).values())
    finally:
        reader.close()


def parquet_rows(dataset: Path) -> list[dict]:
    return ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table().to_pylist()


def publish_input(bootstrap: str, topics: TopicNames) -> int:
    """ITEMS, an exact duplicate, bad JSON and a schema violation; returns how many records."""
    records = records_with_bad_input(ITEMS, invalid_from=OTHER_ITEMS[0])
    produce(bootstrap, topics.raw, records)
    return len(records)


def committed_offsets(bootstrap: str, topic: str, group: str = "newswire-pipeline") -> int:
    reader = make_reader(bootstrap, group=group)
    try:
        return sum(reader.committed(tp) or 0 for tp in partitions_of(reader, topic))
    finally:
        reader.close()


def test_drain_run_end_to_end_then_same_input_again(
    kafka_bootstrap: str, topics: TopicNames, tmp_path: Path
) -> None:
    dataset = tmp_path / "stories"
    publish_input(kafka_bootstrap, topics)

    out = newswire_run(kafka_bootstrap, topics, dataset)
    print(out)
    assert "run " in out and "committed:" in out

    # news.trade: one record per trade story, keyed by story_id, schema-valid, with its fields
    trade = consume(kafka_bootstrap, topics.trade)
    stories = [orjson.loads(r.value) for r in trade]
    assert len(trade) == len(TRADE_ITEMS)
    assert sorted(s["item_id"] for s in stories) == sorted(i["id"] for i in TRADE_ITEMS)
    by_item = {i["id"]: i for i in TRADE_ITEMS}
    for record, story in zip(trade, stories, strict=True):
        assert record.key.decode() == story["story_id"]
        assert header_map(record.headers)["schema"] == "newswire.story"
        assert schemas.errors(schemas.STORY, story) == []
        assert story["trade"]["is_trade"] is True and story["version"] == 1
        assert story["title"] == by_item[story["item_id"]]["title"]
        assert "NO" in {c["code"] for c in story["fields"]["countries"]}
        assert (story["fields"]["dateline"] or "").upper() == "OSLO"

    # Parquet: every story once, readable by pyarrow and by DuckDB
    rows = parquet_rows(dataset)
    assert len(rows) == len(ITEMS)
    assert len({(r["story_id"], r["version"]) for r in rows}) == len(ITEMS)
    assert sorted(r["item_id"] for r in rows) == sorted(i["id"] for i in ITEMS)
    assert {r["story_id"] for r in rows if r["trade"]["is_trade"]} == {s["story_id"] for s in stories}
    assert {r["dt"] for r in rows} == {i["published_at"][:10] for i in ITEMS}
    glob = f"{dataset}/dt=*/*.parquet"
    total, distinct, trade_rows = duckdb.sql(
        f"SELECT count(*), count(DISTINCT (story_id, version)), count(*) FILTER (WHERE trade.is_trade) "
        f"FROM read_parquet('{glob}', hive_partitioning=true)"
    ).fetchall()[0]
    assert (total, distinct, trade_rows) == (len(ITEMS), len(ITEMS), len(TRADE_ITEMS))
    per_day = dict(
        duckdb.sql(
            f"SELECT CAST(dt AS VARCHAR), count(*) FROM read_parquet('{glob}', hive_partitioning=true) "
            "GROUP BY 1"
        ).fetchall()
    )
    expected_days: dict[str, int] = {}
    for item in ITEMS:
        expected_days[item["published_at"][:10]] = expected_days.get(item["published_at"][:10], 0) + 1
    assert per_day == expected_days

    # news.dlq: the two bad records, with their stage and reason
    dead = [orjson.loads(r.value) for r in consume(kafka_bootstrap, topics.dlq)]
    assert sorted(d["key"] or "" for d in dead) == ["broken-1", "no-title-item"]
    assert all(schemas.errors(schemas.DEAD_LETTER, d) == [] for d in dead)
    assert all(d["stage"] and d["reason"] for d in dead)

    # run again: offsets were committed, nothing is read
    trade_end, files = end_offsets(kafka_bootstrap, topics.trade), sorted(dataset.rglob("*.parquet"))
    assert "nothing new to read" in newswire_run(kafka_bootstrap, topics, dataset)
    assert end_offsets(kafka_bootstrap, topics.trade) == trade_end
    assert sorted(dataset.rglob("*.parquet")) == files

    # the same items published again: the dedup state of the first run recognises every one
    produce(kafka_bootstrap, topics.raw, [(i["id"].encode(), encode_value(i)) for i in ITEMS])
    out = newswire_run(kafka_bootstrap, topics, dataset)
    assert "exact_duplicates" in out
    assert end_offsets(kafka_bootstrap, topics.trade) == trade_end
    assert len(parquet_rows(dataset)) == len(ITEMS)


def test_a_capped_drain_runs_cycles_up_to_the_end_it_found_and_loses_nothing(
    kafka_bootstrap: str, topics: TopicNames, tmp_path: Path
) -> None:
    dataset = tmp_path / "stories"
    records = publish_input(kafka_bootstrap, topics)
    cap = 7

    out = newswire_run(
        kafka_bootstrap, topics, dataset, f"--max_records_per_cycle={cap}", "--direct_running_mode=in_memory"
    )
    print(out)
    cycles = -(-records // cap)
    assert f"drain finished after {cycles} cycles" in out
    assert out.count("more to read") == cycles - 1
    assert committed_offsets(kafka_bootstrap, topics.raw) == records
    assert end_offsets(kafka_bootstrap, topics.raw) == records

    # the same outputs as one cycle: the duplicate is recognised even when it falls in another cycle
    stories = [orjson.loads(r.value) for r in consume(kafka_bootstrap, topics.trade)]
    assert sorted(s["item_id"] for s in stories) == sorted(i["id"] for i in TRADE_ITEMS)
    rows = parquet_rows(dataset)
    assert sorted(r["item_id"] for r in rows) == sorted(i["id"] for i in ITEMS)
    dead = [orjson.loads(r.value) for r in consume(kafka_bootstrap, topics.dlq)]
    assert sorted(d["key"] or "" for d in dead) == ["broken-1", "no-title-item"]
