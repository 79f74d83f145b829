"""Follow mode on the real broker: repeated drain cycles pick up new records; SIGTERM stops cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newswire.kafka import encode_value
from newswire.topics import TopicNames
from tests.pipeline.fixtures import raw_item
from tests.pipeline.test_end_to_end import end_offsets, produce

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def wait_for(condition, deadline_s: float = 300.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until true or the deadline passes (a generous limit, not a speed check)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_follow_mode_processes_each_new_batch_and_stops_on_sigterm(
    kafka_bootstrap: str, topics: TopicNames, tmp_path: Path
) -> None:
    dataset = tmp_path / "stories"
    prefix = topics.raw[: -len("news.raw")]
    first = [raw_item(n, trade=True, hours=n) for n in range(100, 104)]
    second = [raw_item(n, trade=True, hours=n) for n in range(104, 107)]
    produce(kafka_bootstrap, topics.raw, [(i["id"].encode(), encode_value(i)) for i in first])
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newswire.cli",
            "run",
            "--mode",
            "follow",
            "--poll_interval_s",
            "1",
            f"--bootstrap_servers={kafka_bootstrap}",
            f"--topic_prefix={prefix}",
            f"--parquet_path={dataset}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: end_offsets(kafka_bootstrap, topics.trade) >= len(first))
        produce(kafka_bootstrap, topics.raw, [(i["id"].encode(), encode_value(i)) for i in second])
        assert wait_for(lambda: end_offsets(kafka_bootstrap, topics.trade) >= len(first) + len(second))
        assert wait_for(lambda: len(list(dataset.glob("dt=*/*.parquet"))) >= 2)
    finally:
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err[-3000:]
    assert "follow mode stopped after" in out
    assert out.count("committed:") >= 2
    rows = ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table()
    assert sorted(rows.column("item_id").to_pylist()) == sorted(i["id"] for i in first + second)
    assert end_offsets(kafka_bootstrap, topics.trade) == len(first) + len(second)
