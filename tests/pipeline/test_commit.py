"""The commit protocol: journal, deterministic atomic moves, recovery after a crash, offset commits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newswire.topics import TopicNames
from pipeline.commit import (
    CommitPlan,
    apply_commit,
    final_name,
    plan_commit,
    recover,
    staging_root,
    write_journal,
)
from pipeline.offsets import OffsetRange, make_reader, snapshot_ranges
from pipeline.sinks import encode_state_update


def _stage(dataset: Path, run_id: str, files: dict[str, bytes]) -> Path:
    run_dir = Path(staging_root(str(dataset))) / run_id
    for name, data in files.items():
        path = run_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return run_dir


def test_plan_names_files_deterministically_and_apply_moves_them(tmp_path: Path) -> None:
    _stage(
        tmp_path,
        "r1",
        {
            "parquet/dt=2026-03-02/part-00001-of-00002.parquet": b"B",
            "parquet/dt=2026-03-02/part-00000-of-00002.parquet": b"A",
            "parquet/dt=2026-03-03/part-00000-of-00001.parquet": b"C",
            "tmp/ignored": b"",
        },
    )
    plan = plan_commit(str(tmp_path), "r1")
    assert [dst for _, dst in plan.moves] == [
        final_name("dt=2026-03-02", "r1", 0),
        final_name("dt=2026-03-02", "r1", 1),
        final_name("dt=2026-03-03", "r1", 0),
    ]
    assert CommitPlan.from_json(plan.to_json()) == plan
    write_journal(str(tmp_path), plan)
    result = apply_commit(str(tmp_path), plan)
    assert (result.files_moved, result.files_already_in_place) == (3, 0)
    assert (tmp_path / "dt=2026-03-02" / "part-r1-00000.parquet").read_bytes() == b"A"
    assert (tmp_path / "dt=2026-03-02" / "part-r1-00001.parquet").read_bytes() == b"B"
    assert not (Path(staging_root(str(tmp_path))) / "r1").exists()


def test_recover_finishes_a_journaled_run_and_discards_an_unfinished_one(tmp_path: Path) -> None:
    _stage(
        tmp_path,
        "done",
        {
            "parquet/dt=2026-03-02/part-00000-of-00002.parquet": b"A",
            "parquet/dt=2026-03-02/part-00001-of-00002.parquet": b"B",
        },
    )
    plan = plan_commit(str(tmp_path), "done")
    write_journal(str(tmp_path), plan)
    # the crash happened after the first move: the second run completes the rest
    src, dst = plan.moves[0]
    os.makedirs(tmp_path / "dt=2026-03-02")
    os.replace(tmp_path / src, tmp_path / dst)
    _stage(tmp_path, "unfinished", {"parquet/dt=2026-03-04/x.parquet": b"partial"})

    results = recover(str(tmp_path))
    assert [(r.run_id, r.files_moved, r.files_already_in_place) for r in results] == [("done", 1, 1)]
    assert sorted(p.name for p in (tmp_path / "dt=2026-03-02").iterdir()) == [
        "part-done-00000.parquet",
        "part-done-00001.parquet",
    ]
    assert not (tmp_path / "dt=2026-03-04").exists()
    assert [p for p in os.listdir(staging_root(str(tmp_path))) if not p.startswith(".")] == []


def test_a_lost_staged_file_is_an_error_not_a_silent_gap(tmp_path: Path) -> None:
    plan = CommitPlan(
        "r", (("_staging/r/parquet/dt=x/a.parquet", "dt=x/part-r-00000.parquet"),), (), None, None, (), None
    )
    with pytest.raises(FileNotFoundError):
        apply_commit(str(tmp_path), plan)


@pytest.mark.kafka
def test_apply_publishes_state_then_commits_exactly_the_ranges(
    kafka_bootstrap: str, topics: TopicNames, tmp_path: Path
) -> None:
    updates = [("k1", b"v1"), ("k2", b"v2"), ("k1", b"")]
    _stage(
        tmp_path,
        "r2",
        {"state/state-00000-of-00001.jsonl": b"\n".join(encode_state_update(u) for u in updates) + b"\n"},
    )
    ranges = (OffsetRange(topics.raw, 0, 0, 0), OffsetRange(topics.raw, 2, 0, 0))
    group = "g-" + topics.raw
    plan = plan_commit(
        str(tmp_path),
        "r2",
        offsets=ranges,
        group=group,
        state_topic=topics.pipeline_state,
        bootstrap=kafka_bootstrap,
    )
    result = apply_commit(str(tmp_path), plan)
    assert result.state_published == 3
    assert result.offsets_committed == {f"{topics.raw}/0": 0, f"{topics.raw}/2": 0}

    from pipeline.offsets import latest_per_key, read_range

    reader = make_reader(kafka_bootstrap)
    state_ranges = snapshot_ranges(reader, topics.pipeline_state, from_committed=False)
    latest: dict[str, bytes] = {}
    for r in state_ranges:
        latest.update(latest_per_key(read_range(reader, r)))
    reader.close()
    assert latest == {"k2": b"v2"}  # k1 was deleted by the tombstone


class SimulatedCrash(Exception):
    """Raised in place of the process dying half-way through the commit."""


@pytest.mark.kafka
def test_a_run_that_dies_after_moving_files_is_finished_by_the_next_run(
    kafka_bootstrap: str, topics: TopicNames, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.dataset as ds

    from newswire.kafka import encode_value, make_producer
    from pipeline import drain
    from pipeline.options import NewswireOptions, resolve
    from tests.pipeline.fixtures import raw_item, stand_in_factory

    items = [raw_item(n, trade=n % 2 == 0, hours=n) for n in range(20)]
    producer = make_producer(kafka_bootstrap)
    for item in items:
        producer.send(topics.raw, key=item["id"].encode(), value=encode_value(item))
    producer.flush()
    producer.close()
    dataset = tmp_path / "stories"
    options = NewswireOptions(
        [],
        bootstrap_servers=kafka_bootstrap,
        topic_prefix=topics.raw[: -len("news.raw")],
        parquet_path=str(dataset),
    )
    settings = resolve(options)

    def move_then_die(dataset_root: str, plan: CommitPlan) -> None:
        from pipeline.commit import move_files

        move_files(dataset_root, plan.moves)  # files in place, state not published, offsets not committed
        raise SimulatedCrash

    monkeypatch.setattr(drain, "apply_commit", move_then_die)
    with pytest.raises(SimulatedCrash):
        drain.drain_once(settings, options, stand_in_factory)
    monkeypatch.undo()

    report = drain.drain_once(settings, options, stand_in_factory)
    assert [r.state_published for r in report.recovered] == [len(items)]
    assert report.run_id is None  # the recovery committed the offsets: nothing left to read
    table = ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("item_id").to_pylist()) == sorted(i["id"] for i in items)

    reader = make_reader(kafka_bootstrap, group=settings.group)
    assert snapshot_ranges(reader, topics.raw) == []
    reader.close()
