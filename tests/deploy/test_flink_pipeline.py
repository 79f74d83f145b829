"""`newswire run --mode drain` on FlinkRunner gives exactly what DirectRunner gives.

The same raw records (trade and other stories, an exact duplicate, bad JSON, a schema violation)
go into two sets of topics on the real broker. One set is drained with DirectRunner, the other
with FlinkRunner (embedded Flink mini-cluster in the job-server JVM, LOOPBACK workers). Then the
same items are published again and both are drained a second time, which exercises the
deduplication state carried between runs through the state topic. news.trade records, Parquet
rows, state records and dead letters (less their wall-clock time and topic prefix) must be equal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow.dataset as ds
import pytest

from newswire.kafka import encode_value, make_admin, make_consumer, make_producer
from newswire.topics import TopicNames, ensure_topics
from tests.deploy.test_flink_runner import (
    JOB_SERVER_START_FAILED,
    flink_job_server_jar,  # noqa: F401  (fixture)
)
from tests.pipeline.fixtures import raw_item, records_with_bad_input

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
ITEMS = [raw_item(n, trade=n < 8, hours=5 * n) for n in range(16)]


@pytest.fixture
def two_topic_sets(kafka_bootstrap: str) -> Iterator[tuple[TopicNames, TopicNames]]:
    """Fresh topics for the DirectRunner reference run and for the run on Flink."""
    run = uuid.uuid4().hex[:8]
    direct, flink = TopicNames.prefixed(f"d{run}."), TopicNames.prefixed(f"f{run}.")
    admin = make_admin(kafka_bootstrap)
    try:
        ensure_topics(admin, direct.specs() + flink.specs())
        yield direct, flink
        admin.delete_topics([spec.name for spec in direct.specs() + flink.specs()])
    finally:
        admin.close()


def produce(bootstrap: str, topic: str, records: list[tuple[bytes, bytes]]) -> None:
    producer = make_producer(bootstrap)
    for key, value in records:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


def drain(bootstrap: str, topics: TopicNames, dataset: Path, runner_options: list[str]) -> str:
    """`newswire run --mode drain` in a child process; returns its standard output."""
    command = [
        sys.executable, "-m", "newswire.cli", "run", "--mode", "drain",
        f"--bootstrap_servers={bootstrap}",
        f"--topic_prefix={topics.raw[: -len('news.raw')]}",
        f"--parquet_path={dataset}",
        *runner_options,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=REPO,
                          env={**os.environ})
    if done.returncode != 0 and JOB_SERVER_START_FAILED in done.stderr:  # nothing was committed
        warnings.warn("the Flink job server did not start; running the drain once more", stacklevel=2)
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=REPO,
                              env={**os.environ})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def without_run_details(dead_letter: dict[str, Any], raw_topic: str) -> dict[str, Any]:
    """A dead letter less its wall-clock time, with the raw topic's test prefix taken off its source."""
    kept = {k: v for k, v in dead_letter.items() if k != "failed_at"}
    kept["source"] = (kept.get("source") or "").replace(raw_topic, "news.raw")
    return kept


def records(
    bootstrap: str, topic: str, normalise: Callable[[dict[str, Any]], dict[str, Any]] = dict
) -> list[tuple[bytes, dict[str, Any]]]:
    """Every record of a topic as (key, normalised value), in a stable order."""
    consumer = make_consumer(topic, bootstrap=bootstrap, consumer_timeout_ms=4000)
    try:
        found = [(r.key, normalise(orjson.loads(r.value))) for r in consumer]
    finally:
        consumer.close()
    return sorted(found, key=lambda kv: (kv[0] or b"", orjson.dumps(kv[1], option=orjson.OPT_SORT_KEYS)))


def counter_lines(report: str) -> list[str]:
    """The counter lines of a `newswire run` report ("  name   value")."""
    return [line for line in report.splitlines() if line.startswith("  ")]


def parquet_rows(dataset: Path) -> list[bytes]:
    table = ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table()
    return sorted(orjson.dumps(row, option=orjson.OPT_SORT_KEYS, default=str) for row in table.to_pylist())


def test_flink_drain_equals_direct_drain(
    kafka_bootstrap: str,
    two_topic_sets: tuple[TopicNames, TopicNames],
    flink_job_server_jar: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    first = records_with_bad_input(ITEMS, invalid_from=ITEMS[-1])
    again = [(i["id"].encode(), encode_value(i)) for i in ITEMS[:6]]
    runners = {
        "direct": ["--runner=DirectRunner"],
        "flink": [
            "--runner=FlinkRunner",
            "--flink_master=[local]",
            f"--flink_job_server_jar={flink_job_server_jar}",
            "--environment_type=LOOPBACK",
            "--parallelism=2",
        ],
    }
    outputs: dict[str, dict[str, Any]] = {}
    for (name, options), topics in zip(runners.items(), two_topic_sets, strict=True):
        dataset = tmp_path / name
        produce(kafka_bootstrap, topics.raw, first)
        first_report = drain(kafka_bootstrap, topics, dataset, options)
        produce(kafka_bootstrap, topics.raw, again)
        second_report = drain(kafka_bootstrap, topics, dataset, options)
        print(name, first_report, second_report, sep="\n")
        outputs[name] = {
            "trade": records(kafka_bootstrap, topics.trade),
            "dlq": records(kafka_bootstrap, topics.dlq,
                           lambda letter, raw=topics.raw: without_run_details(letter, raw)),
            "state": records(kafka_bootstrap, topics.pipeline_state),
            "parquet": parquet_rows(dataset),
            "counters": [counter_lines(first_report), counter_lines(second_report)],
        }

    direct, flink = outputs["direct"], outputs["flink"]
    assert direct["trade"] and len(direct["parquet"]) == len(ITEMS)
    assert len(direct["dlq"]) == 2 and direct["state"]
    assert any(line.split()[0] == "exact_duplicates" and line.split()[1] != "0"
               for line in direct["counters"][1])
    for part in ("trade", "dlq", "state", "parquet", "counters"):
        assert flink[part] == direct[part], part
