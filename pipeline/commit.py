"""The driver-side commit protocol of a drain run, run after the pipeline has finished.

1. A journal (``COMMIT.json``) is written atomically into the run's staging folder; it lists the
   Parquet files to move (with deterministic final names derived from the run id), the staged
   state-update files and the offsets to commit.
2. Parquet files are moved into the dataset with ``os.replace`` (atomic on one filesystem).
3. State updates are published to the compacted state topic and flushed (acks=all).
4. The consumer group's offsets are committed for exactly the ranges that were read.
5. The staging folder is removed.

Every step is idempotent, so a run killed anywhere is finished by the next one
(:func:`recover`): with a journal, the plan is completed; without one, the pipeline never
finished, its staging folder is discarded and the same offsets are read again.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from pipeline.offsets import OffsetRange, commit_offsets, make_reader
from pipeline.sinks import PARQUET_SUFFIX, decode_state_update

log = logging.getLogger(__name__)

JOURNAL = "COMMIT.json"
STAGING = "_staging"


def staging_root(dataset: str) -> str:
    """Folder of the per-run staging folders (ignored by pyarrow, which skips ``_`` names)."""
    return os.path.join(dataset, STAGING)


@dataclass(frozen=True)
class CommitPlan:
    """Everything needed to finish a run, even from another process after a crash."""

    run_id: str
    moves: tuple[tuple[str, str], ...]  # (staged file, final file), relative to the dataset root
    state_files: tuple[str, ...]  # relative to the dataset root
    state_topic: str | None
    group: str | None
    offsets: tuple[OffsetRange, ...]
    bootstrap: str | None

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "run_id": self.run_id,
                "moves": self.moves,
                "state_files": self.state_files,
                "state_topic": self.state_topic,
                "group": self.group,
                "offsets": [r.to_dict() for r in self.offsets],
                "bootstrap": self.bootstrap,
            },
            option=orjson.OPT_INDENT_2,
        )

    @classmethod
    def from_json(cls, data: bytes) -> CommitPlan:
        d = orjson.loads(data)
        return cls(
            run_id=d["run_id"],
            moves=tuple((a, b) for a, b in d["moves"]),
            state_files=tuple(d["state_files"]),
            state_topic=d["state_topic"],
            group=d["group"],
            offsets=tuple(OffsetRange.from_dict(r) for r in d["offsets"]),
            bootstrap=d["bootstrap"],
        )


@dataclass(frozen=True)
class CommitResult:
    """What a commit did."""

    run_id: str
    files_moved: int
    files_already_in_place: int
    state_published: int
    offsets_committed: dict[str, int]


def final_name(partition: str, run_id: str, index: int) -> str:
    """Deterministic dataset file name: a re-run of the same ranges overwrites, never duplicates."""
    return f"{partition}/part-{run_id}-{index:05d}{PARQUET_SUFFIX}"


def plan_commit(
    dataset: str,
    run_id: str,
    *,
    offsets: Iterable[OffsetRange] = (),
    group: str | None = None,
    state_topic: str | None = None,
    bootstrap: str | None = None,
) -> CommitPlan:
    """List the staged files of ``run_id`` and where each one goes."""
    run_dir = os.path.join(staging_root(dataset), run_id)
    moves = []
    parquet_dir = os.path.join(run_dir, "parquet")
    partitions = (
        sorted(d for d in os.listdir(parquet_dir) if d.startswith("dt="))
        if os.path.isdir(parquet_dir)
        else []
    )
    for partition in partitions:
        files = sorted(
            f for f in os.listdir(os.path.join(parquet_dir, partition)) if f.endswith(PARQUET_SUFFIX)
        )
        for index, name in enumerate(files):
            src = os.path.relpath(os.path.join(parquet_dir, partition, name), dataset)
            moves.append((src, final_name(partition, run_id, index)))
    state_files = sorted(
        os.path.relpath(f, dataset) for f in glob.glob(os.path.join(run_dir, "state", "*.jsonl"))
    )
    return CommitPlan(run_id, tuple(moves), tuple(state_files), state_topic, group, tuple(offsets), bootstrap)


def write_journal(dataset: str, plan: CommitPlan) -> str:
    """Write the plan atomically (temp file + rename) and return its path."""
    path = os.path.join(staging_root(dataset), plan.run_id, JOURNAL)
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(plan.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def move_files(dataset: str, moves: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """Atomic renames into the dataset; a missing source whose target exists was moved before."""
    moved = already = 0
    for src, dst in moves:
        source, target = os.path.join(dataset, src), os.path.join(dataset, dst)
        if os.path.exists(source):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(source, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(source, target)
            moved += 1
        elif os.path.exists(target):
            already += 1
        else:
            raise FileNotFoundError(f"staged file {source} is gone and {target} does not exist")
    return moved, already


def publish_state(dataset: str, plan: CommitPlan, producer: Any) -> int:
    """Publish the staged state updates (empty or None value = tombstone) and wait for every ack."""
    if not plan.state_files:
        return 0
    if plan.state_topic is None:
        raise ValueError("state updates were staged but no state topic is configured")
    futures = []
    for name in plan.state_files:
        with open(os.path.join(dataset, name), "rb") as fh:
            for line in fh:
                if line.strip():
                    key, value = decode_state_update(line)
                    # an empty value asks for the key's deletion: a tombstone on the compacted topic
                    futures.append(producer.send(plan.state_topic, key=key.encode(), value=value or None))
    producer.flush()
    for future in futures:
        future.get(timeout=60)
    return len(futures)


def apply_commit(dataset: str, plan: CommitPlan) -> CommitResult:
    """Steps 2-5 of the protocol (idempotent)."""
    moved, already = move_files(dataset, plan.moves)
    published = 0
    if plan.state_files:
        from newswire.kafka import make_producer

        producer = make_producer(plan.bootstrap, batch_size=512 * 1024, linger_ms=20)
        try:
            published = publish_state(dataset, plan, producer)
        finally:
            producer.close(timeout=30)
    committed: dict[str, int] = {}
    if plan.offsets and plan.group:
        consumer = make_reader(plan.bootstrap, group=plan.group)
        try:
            stops = commit_offsets(consumer, plan.offsets)
        finally:
            consumer.close()
        committed = {f"{t}/{p}": off for (t, p), off in sorted(stops.items())}
    shutil.rmtree(os.path.join(staging_root(dataset), plan.run_id), ignore_errors=True)
    log.info(
        "run %s committed: %d files moved (%d already), %d state updates, offsets %s",
        plan.run_id,
        moved,
        already,
        published,
        committed,
    )
    return CommitResult(plan.run_id, moved, already, published, committed)


def recover(dataset: str) -> list[CommitResult]:
    """Finish journaled runs left by a crash; discard staging folders of runs that never finished."""
    root = staging_root(dataset)
    if not os.path.isdir(root):
        return []
    results = []
    for run_id in sorted(os.listdir(root)):
        run_dir = os.path.join(root, run_id)
        if not os.path.isdir(run_dir):
            continue
        journal = os.path.join(run_dir, JOURNAL)
        if os.path.isfile(journal):
            with open(journal, "rb") as fh:
                plan = CommitPlan.from_json(fh.read())
            log.warning("finishing the commit of interrupted run %s", run_id)
            results.append(apply_commit(dataset, plan))
        else:
            log.warning("discarding staging folder of unfinished run %s", run_id)
            shutil.rmtree(run_dir, ignore_errors=True)
    return results
