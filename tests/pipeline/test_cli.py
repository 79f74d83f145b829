"""newswire run: options on the command line, Beam flags passed through, readable cycle report."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import orjson
import pyarrow.dataset as ds
import pytest

from newswire.cli import build_parser
from pipeline.cli import MAX_DEFAULT_WORKERS, default_worker_flags, format_report
from pipeline.commit import CommitResult
from pipeline.drain import CycleReport, RunLockedError, jsonl_source, run_lock
from pipeline.files import files_run_id, match_files
from pipeline.offsets import OffsetRange


def test_run_help_lists_the_pipeline_options_and_accepts_beam_flags() -> None:
    parser = build_parser()
    args, extra = parser.parse_known_args(
        ["run", "--mode", "follow", "--ttl_days", "2", "--runner=FnApiRunner"]
    )
    assert (args.mode, args.ttl_days, args.accepts_extra, extra) == (
        "follow",
        2.0,
        True,
        ["--runner=FnApiRunner"],
    )
    text = subprocess.run(
        [sys.executable, "-m", "newswire.cli", "run", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    for flag in (
        "--mode",
        "--bootstrap_servers",
        "--consumer_group",
        "--parquet_path",
        "--near_dup_max_distance",
        "--poll_interval_s",
        "--source",
        "--input_path",
    ):
        assert flag in text


def test_local_runs_default_to_one_worker_process_per_cpu() -> None:
    assert default_worker_flags([], None, 2) == [
        "--direct_num_workers=2", "--direct_running_mode=multi_processing"]
    assert default_worker_flags(["--runner=DirectRunner"], "DirectRunner", 64) == [
        f"--direct_num_workers={MAX_DEFAULT_WORKERS}", "--direct_running_mode=multi_processing"]


def test_an_explicit_choice_another_runner_or_one_cpu_keep_beams_defaults() -> None:
    assert default_worker_flags(["--direct_running_mode=in_memory"], None, 2) == []
    assert default_worker_flags(["--direct_num_workers=1"], None, 2) == []
    assert default_worker_flags(["--runner=FlinkRunner"], "FlinkRunner", 8) == []
    assert default_worker_flags([], None, 1) == []


def test_report_shows_counters_and_commit() -> None:
    report = CycleReport(
        "abc",
        [OffsetRange("news.raw", 0, 0, 40)],
        {"read": 40, "trade": 7},
        CommitResult("abc", 2, 0, 33, {"news.raw/0": 40}),
    )
    text = format_report(report)
    assert "run abc: 40 offsets in 1 ranges" in text
    assert "read" in text and "40" in text and "trade" in text
    assert "2 Parquet files moved, 33 state updates published" in text
    assert format_report(CycleReport(None)) == "nothing new to read"


def test_a_second_run_on_the_same_dataset_is_refused(tmp_path: Path) -> None:
    with run_lock(str(tmp_path)), pytest.raises(RunLockedError), run_lock(str(tmp_path)):
        pass
    with run_lock(str(tmp_path)):  # released
        pass


def test_jsonl_source_reads_the_files_its_run_id_names_and_warns_when_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pipeline import drain

    path = tmp_path / "a.jsonl"
    path.write_text("{}\n" * 10)
    with caplog.at_level(logging.INFO, logger="pipeline.drain"):
        rid, source = jsonl_source(str(tmp_path / "*.jsonl"))
    assert rid == files_run_id(match_files(str(path)))
    assert [(r.path, r.start, r.stop) for r in source.ranges] == [(str(path), 0, 30)]
    assert "1 file(s)" in caplog.text and "WARNING" not in caplog.text
    monkeypatch.setattr(drain, "LARGE_JSONL_BYTES", 29)
    caplog.clear()
    jsonl_source(str(path))
    assert [r.levelname for r in caplog.records if "newswire replay" in r.getMessage()] == ["WARNING"]


def test_jsonl_drain_without_kafka_writes_parquet(tmp_path: Path) -> None:
    """Offline run of the real stages from a JSONL file: stories land in the dataset, staging is gone."""
    from tests.pipeline.fixtures import raw_item

    items = [raw_item(n, trade=n < 3, hours=n) for n in range(6)]
    source = tmp_path / "items.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(i) for i in items) + b"\n")
    dataset = tmp_path / "stories"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newswire.cli",
            "run",
            "--source",
            "jsonl",
            "--input_path",
            str(source),
            "--parquet_path",
            str(dataset),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("item_id").to_pylist()) == sorted(i["id"] for i in items)
    assert [p.name for p in (dataset / "_staging").iterdir()] == [".lock"]


def test_jsonl_input_that_matches_no_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-*.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "newswire.cli", "run", "--source", "jsonl", "--input_path", str(missing),
         "--parquet_path", str(tmp_path / "stories")],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(f"newswire run: no file matches {str(missing)!r}")
    assert "Traceback" not in done.stderr
