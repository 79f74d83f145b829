"""Crash test: SIGKILL `newswire run` in the middle of a drain over 10,000 records, run it again.

Checks against an uninterrupted reference run of the same input on other topics: every input is
reflected in the outputs (0 lost), no (story_id, version) row twice in Parquet, and every
re-delivery to news.trade identical in content. Prints the figures.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import orjson
import pyarrow.dataset as ds
import pytest

from newswire.kafka import make_admin, make_producer
from newswire.topics import TopicNames, ensure_topics
from tests.pipeline.test_end_to_end import consume, drain_command, end_offsets

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

RECORDS = 10_000
KILL_AFTER_TRADE = 200  # SIGKILL once this many trade records are out: the sinks are mid-write
ROOT = Path(__file__).resolve().parents[2]


def drain(bootstrap: str, topics: TopicNames, dataset: Path) -> str:
    done = subprocess.run(
        drain_command(bootstrap, topics, dataset), capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def publish(bootstrap: str, topic: str, lines: list[bytes]) -> None:
    producer = make_producer(bootstrap, batch_size=512 * 1024, linger_ms=20)
    for line in lines:
        producer.send(topic, key=orjson.loads(line)["id"].encode(), value=line)
    producer.flush()
    producer.close()


def reflected(dataset: Path, bootstrap: str, topics: TopicNames) -> tuple[list[dict], set[str]]:
    """Parquet rows and the item ids visible in the outputs (stories, their copies, dead letters)."""
    rows = ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table().to_pylist()
    ids = {r["item_id"] for r in rows} | {d["item_id"] for r in rows for d in r["duplicates"] or []}
    ids |= {orjson.loads(r.value).get("key") or "" for r in consume(bootstrap, topics.dlq)}
    return rows, ids


def row_key(row: dict) -> tuple[str, int]:
    return row["story_id"], row["version"]


@pytest.fixture
def reference_topics(kafka_bootstrap: str):
    names = TopicNames.prefixed(f"r{uuid.uuid4().hex[:10]}.")
    admin = make_admin(kafka_bootstrap)
    ensure_topics(admin, names.specs())
    yield names
    admin.delete_topics([spec.name for spec in names.specs()])
    admin.close()


def test_sigkill_mid_drain_loses_nothing_and_duplicates_nothing(
    kafka_bootstrap: str, topics: TopicNames, reference_topics: TopicNames, tmp_path: Path
) -> None:
    source = tmp_path / "items.jsonl"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate_stories.py"),
            "--count",
            str(RECORDS),
            "--out",
            str(source),
            "--seed",
            "11",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    lines = source.read_bytes().splitlines()
    input_ids = {orjson.loads(line)["id"] for line in lines}
    publish(kafka_bootstrap, topics.raw, lines)
    publish(kafka_bootstrap, reference_topics.raw, lines)

    # reference: one uninterrupted run
    reference_dataset = tmp_path / "reference"
    drain(kafka_bootstrap, reference_topics, reference_dataset)
    reference_rows, reference_ids = reflected(reference_dataset, kafka_bootstrap, reference_topics)
    reference_trade = {
        (r.key, orjson.loads(r.value)["version"]): r.value
        for r in consume(kafka_bootstrap, reference_topics.trade)
    }

    # crash: SIGKILL while the sinks are writing
    dataset = tmp_path / "stories"
    child = subprocess.Popen(
        drain_command(kafka_bootstrap, topics, dataset),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    started = time.monotonic()
    while child.poll() is None and end_offsets(kafka_bootstrap, topics.trade) < KILL_AFTER_TRADE:
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    killed_after = time.monotonic() - started
    assert child.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    trade_at_kill = end_offsets(kafka_bootstrap, topics.trade)
    staging = dataset / "_staging"
    staged = sorted(p.name for p in staging.glob("[!.]*")) if staging.exists() else []
    published_before = list(dataset.glob("dt=*/*.parquet"))

    second = drain(kafka_bootstrap, topics, dataset)
    rows, ids = reflected(dataset, kafka_bootstrap, topics)
    trade = consume(kafka_bootstrap, topics.trade)

    copies: dict[tuple[bytes, int], set[bytes]] = defaultdict(set)
    for record in trade:
        copies[(record.key, orjson.loads(record.value)["version"])].add(record.value)
    redelivered = len(trade) - len(copies)
    differing = sum(1 for values in copies.values() if len(values) > 1)
    keys = [row_key(r) for r in rows]
    lost = reference_ids - ids

    print(
        f"\ncrash test: {RECORDS} records; SIGKILL after {killed_after:.1f}s with {trade_at_kill} trade "
        f"records already published, {len(published_before)} Parquet files in the dataset, staging {staged}"
    )
    print(f"second run: {second.strip().splitlines()[0]}")
    print(
        f"Parquet rows {len(rows)} (reference {len(reference_rows)}), duplicate (story_id, version) rows "
        f"{len(keys) - len(set(keys))}; news.trade records {len(trade)} for {len(copies)} story versions "
        f"(reference {len(reference_trade)}), re-delivered {redelivered}, differing {differing}; "
        f"input ids reflected {len(ids & input_ids)}/{len(input_ids)} (reference "
        f"{len(reference_ids & input_ids)}), lost {len(lost)}"
    )

    assert len(keys) == len(set(keys))
    assert sorted(rows, key=row_key) == sorted(reference_rows, key=row_key)
    assert lost == set()
    assert differing == 0
    assert {k: next(iter(v)) for k, v in copies.items()} == reference_trade
    assert trade_at_kill > 0 and redelivered > 0  # the kill really interrupted the sinks
