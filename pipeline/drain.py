"""One drain cycle: recover, snapshot offsets, run the pipeline, commit.

A drain runs cycles of at most ``--max_records_per_cycle`` records until it reaches the end
offsets found when it started; follow mode repeats cycles until stopped.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pipeline import files
from pipeline.build import ProcessFactory, Sinks, Sources, build_pipeline, default_process
from pipeline.commit import CommitResult, apply_commit, plan_commit, recover, staging_root, write_journal
from pipeline.offsets import OffsetRange, cap_ranges, clamp_ranges, make_reader, run_id, snapshot_ranges
from pipeline.options import RunSettings
from pipeline.sinks import PublishDeadLetters, PublishStories, StageStateUpdates, WriteStoriesToParquet
from pipeline.sources import ReadLatestState, ReadRawFromJsonl, ReadRawFromKafka

log = logging.getLogger(__name__)

BEAM_NAMESPACES = ("apache_beam", "beam")
# JSONL input above this size draws a warning: one cycle of it needs several GB (the 213 MB of
# 50,000 benchmark items: 1.6-1.8 GB in the driver, up to 1.3 GB in each worker)
LARGE_JSONL_BYTES = 256 * 1024 * 1024


@dataclass
class CycleReport:
    """What one drain cycle read, counted and committed."""

    run_id: str | None
    ranges: list[OffsetRange] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    commit: CommitResult | None = None
    recovered: list[CommitResult] = field(default_factory=list)
    seconds: float = 0.0
    pipeline_seconds: float = 0.0
    commit_seconds: float = 0.0
    end_offsets: dict[tuple[str, int], int] = field(default_factory=dict)  # where this drain stops
    more: bool = False  # the cap left records before ``end_offsets`` for another cycle

    @property
    def records_planned(self) -> int:
        return sum(r.size for r in self.ranges)


def jsonl_source(pattern: str) -> tuple[str, ReadRawFromJsonl]:
    """The run id and the source of a JSONL run, from one match of ``pattern`` (so both see the
    same files); warns when the input is too large for one cycle. FileNotFoundError: no file."""
    matched = files.match_files(pattern)
    total = sum(m.size for m in matched)
    source = ReadRawFromJsonl(matched)
    log.info("%s matches %d file(s), %.1f MB, read in %d byte ranges",
             pattern, len(matched), total / 1e6, len(source.ranges))
    if total > LARGE_JSONL_BYTES:
        log.warning(
            "%.0f MB of JSONL in one cycle: the local runner keeps each stage's output in memory "
            "(about 8 times the input in the driver); for a large backfill, publish it with "
            "`newswire replay` and drain it in cycles (--max_records_per_cycle)", total / 1e6,
        )
    return files.files_run_id(matched), source


def counters_of(result: beam.runners.runner.PipelineResult) -> dict[str, int]:
    """The pipeline's own counters, summed over steps: ``name`` (newswire) or ``namespace.name``."""
    totals: dict[str, int] = {}
    for metric in result.metrics().query()["counters"]:
        namespace, name = metric.key.metric.namespace, metric.key.metric.name
        if namespace.startswith(BEAM_NAMESPACES):
            continue
        label = name if namespace == "newswire" else f"{namespace}.{name}"
        value = metric.committed if metric.committed is not None else metric.attempted
        totals[label] = totals.get(label, 0) + int(value or 0)
    return dict(sorted(totals.items()))


def make_runner(options: PipelineOptions) -> beam.runners.runner.PipelineRunner | None:
    """FnApiRunner for local runs (DirectRunner would first try to download Prism); None = as asked.

    Built as DirectRunner builds it, with the pipeline options in the provision info so that
    ``--direct_running_mode=multi_processing`` workers see them.
    """
    runner = options.view_as(StandardOptions).runner
    if runner not in (None, "DirectRunner", "FnApiRunner"):
        return None
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    info = fn_runner.ExtendedProvisionInfo(beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded))
    return fn_runner.FnApiRunner(provision_info=info)


def plan_kafka_ranges(settings: RunSettings) -> tuple[list[OffsetRange], list[OffsetRange]]:
    """Ranges of the raw topic to read (committed -> end) and whole partitions of the state topic."""
    consumer = make_reader(settings.bootstrap, group=settings.group)
    try:
        raw = snapshot_ranges(consumer, settings.topics.raw) if settings.source == "kafka" else []
        state = (
            snapshot_ranges(consumer, settings.topics.pipeline_state, from_committed=False)
            if "state" in settings.outputs
            else []
        )
    finally:
        consumer.close()
    return raw, state


class RunLockedError(RuntimeError):
    """Another process is running the pipeline on the same dataset."""


@contextmanager
def run_lock(dataset: str) -> Iterator[None]:
    """Exclusive lock of a dataset's staging area: recovery must never touch a live run's files."""
    root = staging_root(dataset)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RunLockedError(f"another newswire run is using {dataset}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def drain_once(
    settings: RunSettings,
    options: PipelineOptions,
    process: ProcessFactory = default_process,
    end_offsets: dict[tuple[str, int], int] | None = None,
) -> CycleReport:
    """Run one bounded cycle end to end; returns its report (run_id None when there was nothing to
    read). It reads at most ``settings.max_records_per_cycle`` records, and not past
    ``end_offsets`` when given (a later cycle of the same drain)."""
    with run_lock(settings.parquet_path):
        return _drain_locked(settings, options, process, end_offsets)


def drain(
    settings: RunSettings,
    options: PipelineOptions,
    on_cycle: Callable[[CycleReport], None],
    process: ProcessFactory = default_process,
) -> int:
    """Cycles until the end offsets of the first cycle's snapshot are read; returns how many ran."""
    report = drain_once(settings, options, process)
    on_cycle(report)
    cycles = 1
    while report.more:
        report = drain_once(settings, options, process, report.end_offsets)
        on_cycle(report)
        cycles += 1
    return cycles


def _drain_locked(
    settings: RunSettings,
    options: PipelineOptions,
    process: ProcessFactory,
    end_offsets: dict[tuple[str, int], int] | None,
) -> CycleReport:
    started = time.monotonic()
    dataset = settings.parquet_path
    recovered = recover(dataset)
    uses_kafka = settings.source == "kafka" or bool(settings.outputs & {"trade", "dlq", "state"})
    raw_ranges, state_ranges = plan_kafka_ranges(settings) if uses_kafka else ([], [])
    if end_offsets is not None:
        raw_ranges = clamp_ranges(raw_ranges, end_offsets)
    else:
        end_offsets = {(r.topic, r.partition): r.stop for r in raw_ranges}
    to_read = sum(r.size for r in raw_ranges)
    raw_ranges = cap_ranges(raw_ranges, settings.max_records_per_cycle)
    more = sum(r.size for r in raw_ranges) < to_read
    if settings.source == "kafka":
        if not raw_ranges:
            log.info("nothing new in %s for group %s", settings.topics.raw, settings.group)
            return CycleReport(None, recovered=recovered, seconds=time.monotonic() - started)
        rid = run_id(raw_ranges)
        raw_source: beam.PTransform = ReadRawFromKafka(
            raw_ranges, settings.bootstrap, settings.max_range_size
        )
        cap = settings.max_records_per_cycle
        rest = f" ({to_read:,} to read; the rest in further cycles of at most {cap:,})"
        log.info("run %s: reading %d records in %d ranges%s", rid, sum(r.size for r in raw_ranges),
                 len(raw_ranges), rest if more else "")
    else:
        rid, raw_source = jsonl_source(settings.input_path or "")
        log.info("run %s: reading %s", rid, settings.input_path)

    run_dir = os.path.join(staging_root(dataset), rid)
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    sources = Sources(
        raw=raw_source,
        state=ReadLatestState(state_ranges, settings.bootstrap) if "state" in settings.outputs else None,
    )
    sinks = Sinks(
        trade=PublishStories(settings.bootstrap, settings.topics.trade)
        if "trade" in settings.outputs
        else None,
        dlq=PublishDeadLetters(settings.bootstrap, settings.topics.dlq)
        if "dlq" in settings.outputs
        else None,
        parquet=WriteStoriesToParquet(run_dir) if "parquet" in settings.outputs else None,
        state=StageStateUpdates(run_dir) if "state" in settings.outputs else None,
    )
    pipeline_started = time.monotonic()
    pipeline = beam.Pipeline(runner=make_runner(options), options=options)
    build_pipeline(pipeline, sources, sinks, settings, process)
    try:
        result = pipeline.run()
        result.wait_until_finish()
    except BaseException:
        shutil.rmtree(run_dir, ignore_errors=True)  # nothing of this run is committed
        raise
    counters = counters_of(result)
    commit_started = time.monotonic()
    plan = plan_commit(
        dataset,
        rid,
        offsets=raw_ranges,
        group=settings.group if settings.source == "kafka" else None,
        state_topic=settings.topics.pipeline_state if "state" in settings.outputs else None,
        bootstrap=settings.bootstrap,
    )
    write_journal(dataset, plan)
    commit = apply_commit(dataset, plan)
    done = time.monotonic()
    return CycleReport(
        rid,
        raw_ranges,
        counters,
        commit,
        recovered,
        done - started,
        commit_started - pipeline_started,
        done - commit_started,
        end_offsets,
        more,
    )


def follow(
    settings: RunSettings,
    options: PipelineOptions,
    stop: threading.Event,
    on_cycle: Callable[[CycleReport], None],
    process: ProcessFactory = default_process,
) -> int:
    """Repeat drain cycles every ``poll_interval_s`` until ``stop`` is set (or ``max_cycles``); a
    cycle that left records for the next one (``--max_records_per_cycle``) is followed at once."""
    cycles = 0
    while not stop.is_set():
        report = drain_once(settings, options, process)
        on_cycle(report)
        cycles += 1
        if settings.max_cycles and cycles >= settings.max_cycles:
            break
        if not report.more:
            stop.wait(settings.poll_interval_s)
    return cycles
