"""`newswire run --mode follow --kafka_io xlang`: one streaming job on the embedded Flink.

Raw items (trade and other stories, an exact duplicate, bad JSON) are published to fresh topics
of the real broker; the streaming job (Beam's Java KafkaIO read, the processing stages, Kafka
sinks) must put on news.trade and news.dlq exactly what a DirectRunner drain of the same records
puts on its own topics, commit the consumer group's offsets through its checkpoints, and stop
on SIGTERM, leaving no process (job server, expansion service) behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kafka import TopicPartition

from newswire.kafka import encode_value
from newswire.sessions import session_processes
from newswire.topics import TopicNames
from pipeline.offsets import make_reader
from tests.deploy.test_flink_pipeline import (  # noqa: F401  (two_topic_sets is a fixture)
    drain,
    produce,
    records,
    two_topic_sets,
    without_run_details,
)
from tests.deploy.test_flink_runner import flink_job_server_jar  # noqa: F401  (fixture)
from tests.pipeline.fixtures import raw_item

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
ITEMS = [raw_item(100 + n, trade=n < 4, hours=3 * n) for n in range(7)]
GROUP = "newswire-pipeline"
WAIT_S = 300  # upper bound for the job to start and pass the records on a busy machine
STOP_S = 120


def committed_and_end(bootstrap: str, topic: str) -> tuple[dict[int, int | None], dict[int, int]]:
    consumer = make_reader(bootstrap, group=GROUP)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        committed = {tp.partition: consumer.committed(tp) for tp in parts}
        end = {tp.partition: offset for tp, offset in consumer.end_offsets(parts).items()}
    finally:
        consumer.close()
    return committed, end


def test_streaming_follow_on_flink_publishes_what_a_drain_publishes(
    kafka_bootstrap: str,
    two_topic_sets: tuple[TopicNames, TopicNames],  # noqa: F811  (the imported fixture)
    flink_job_server_jar: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    direct, stream = two_topic_sets
    published = [
        *[(item["id"].encode(), encode_value(item)) for item in ITEMS],
        (ITEMS[0]["id"].encode(), encode_value(ITEMS[0])),  # exact duplicate
        (b"broken-2", b'{"schema": "newswire.raw_item", '),  # bad JSON
    ]
    produce(kafka_bootstrap, direct.raw, published)
    drain(kafka_bootstrap, direct, tmp_path / "direct", ["--runner=DirectRunner"])
    expected_trade = records(kafka_bootstrap, direct.trade)
    expected_dlq = records(kafka_bootstrap, direct.dlq, lambda d: without_run_details(d, direct.raw))
    assert expected_trade and expected_dlq

    command = [
        sys.executable, "-m", "newswire.cli", "run", "--mode", "follow", "--kafka_io", "xlang",
        f"--bootstrap_servers={kafka_bootstrap}", f"--topic_prefix={stream.raw[: -len('news.raw')]}",
        "--runner=FlinkRunner", "--flink_master=[local]", f"--flink_job_server_jar={flink_job_server_jar}",
        "--environment_type=LOOPBACK", "--checkpointing_interval=2000",
    ]
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
                                 start_new_session=True)
    try:
        produce(kafka_bootstrap, stream.raw, published)
        deadline = time.monotonic() + WAIT_S
        trade: list = []
        while time.monotonic() < deadline and child.poll() is None:
            trade = records(kafka_bootstrap, stream.trade)
            committed, end = committed_and_end(kafka_bootstrap, stream.raw)
            if len(trade) >= len(expected_trade) and committed == end:
                break
            time.sleep(3)
        dlq = records(kafka_bootstrap, stream.dlq, lambda d: without_run_details(d, stream.raw))
        assert child.poll() is None, log.read_text()[-3000:]
        child.send_signal(signal.SIGTERM)
        code = child.wait(STOP_S)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(30)
        time.sleep(2)
        left = session_processes(child.pid)
        if left:
            os.killpg(child.pid, signal.SIGKILL)
    report = log.read_text()
    assert trade == expected_trade, report[-3000:]
    assert dlq == expected_dlq
    assert committed == end, (committed, end)  # the read committed what it read, at a checkpoint
    assert code == 0, report[-3000:]
    assert "final state CANCELLED" in report
    assert left == [], f"processes left running by the streaming run: {left}"
