"""Run the Beam pipeline: news.raw -> parse, normalise, deduplicate, classify, extract ->
news.trade (trade stories), a Parquet dataset (every story), news.dlq (rejected input).

  newswire run                      drain: read what is new since the last commit, write, commit, exit
                                    (in cycles of at most --max_records_per_cycle records, each committed)
  newswire run --mode follow        repeat drain cycles every --poll_interval_s until Ctrl-C / SIGTERM
  newswire run --source jsonl --input_path items.jsonl --outputs parquet   offline, no Kafka

Consumer offsets are committed only after the Parquet files are in place and the deduplication
state is published, so a run killed at any point is completed or redone by the next one.
Any flag not listed below is passed to Apache Beam (--runner, --direct_num_workers, ...).
A drain on DirectRunner without any --direct_* flag uses one Beam worker process per usable
CPU (at most 4): --direct_num_workers=N --direct_running_mode=multi_processing.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

log = logging.getLogger("pipeline")


MAX_DEFAULT_WORKERS = 4  # each worker process loads its own classifier and extractor knowledge
LOCAL_RUNNERS = (None, "DirectRunner", "FnApiRunner")


def usable_cpus() -> int:
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_worker_flags(beam_args: Sequence[str], runner: str | None, cpus: int) -> list[str]:
    """Beam flags for a local run that chose no ``--direct_*`` flag: one SDK worker process per
    CPU (at most MAX_DEFAULT_WORKERS), so the per-story stages after dedup use every core.
    Empty for other runners, an explicit choice, or a single CPU."""
    chosen = any(arg.startswith("--direct_") for arg in beam_args)
    workers = min(cpus, MAX_DEFAULT_WORKERS)
    if runner not in LOCAL_RUNNERS or chosen or workers < 2:
        return []
    return [f"--direct_num_workers={workers}", "--direct_running_mode=multi_processing"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.optionspec import add_option_arguments

    add_option_arguments(parser)
    parser.set_defaults(accepts_extra=True)


def format_report(report: Any) -> str:
    """A few readable lines about one cycle."""
    lines = []
    for done in report.recovered:
        lines.append(
            f"recovered interrupted run {done.run_id}: {done.files_moved} files moved, "
            f"{done.state_published} state updates, offsets {done.offsets_committed}"
        )
    if report.run_id is None:
        lines.append("nothing new to read")
        return "\n".join(lines)
    read = (
        f"{report.records_planned} offsets in {len(report.ranges)} ranges" if report.ranges else "file source"
    )
    lines.append(
        f"run {report.run_id}: {read}, {report.seconds:.1f}s (pipeline {report.pipeline_seconds:.1f}s, "
        f"commit {report.commit_seconds:.1f}s)"
    )
    width = max((len(k) for k in report.counters), default=0)
    lines.extend(f"  {name:<{width}}  {value:>9,}" for name, value in report.counters.items())
    if report.commit is not None:
        c = report.commit
        lines.append(
            f"committed: {c.files_moved} Parquet files moved, {c.state_published} state updates "
            f"published, offsets {c.offsets_committed or 'none (file source)'}"
        )
    if report.more:
        lines.append("more to read: the next cycle goes on from the committed offsets")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    from pipeline.drain import RunLockedError, drain, follow
    from pipeline.options import NewswireOptions, resolve
    from pipeline.optionspec import OPTION_SPECS

    own = {flag.lstrip("-"): getattr(args, flag.lstrip("-")) for flag, _ in OPTION_SPECS}
    beam_args = list(args.extra)
    options: PipelineOptions = NewswireOptions(beam_args, **own)
    try:
        settings = resolve(options)
    except ValueError as exc:
        print(f"newswire run: {exc}", file=sys.stderr)
        return 2
    if settings.mode == "drain":  # follow cycles are small: worker start-up would dominate
        added = default_worker_flags(beam_args, options.view_as(StandardOptions).runner, usable_cpus())
        if added:
            log.info("DirectRunner with %s (pass any --direct_* flag to choose otherwise)", " ".join(added))
            options = NewswireOptions(beam_args + added, **own)

    def show(report: Any) -> None:
        print(format_report(report), flush=True)

    try:
        if settings.mode == "drain":
            cycles = drain(settings, options, show)
            if cycles > 1:
                print(f"drain finished after {cycles} cycles (--max_records_per_cycle "
                      f"{settings.max_records_per_cycle:,})", flush=True)
            return 0
        stop = threading.Event()

        def request_stop(signum: int, _frame: Any) -> None:
            log.info("signal %d: stopping after the current cycle", signum)
            stop.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)

        def show_news(report: Any) -> None:  # idle cycles are not worth a line each
            if report.run_id is not None or report.recovered:
                show(report)

        if settings.streaming:  # --kafka_io xlang: one continuous job (pipeline.stream)
            from pipeline.stream import follow_stream

            report = follow_stream(settings, options, stop)
            print(report.summary(), flush=True)
            return 0 if report.ok else 1
        cycles = follow(settings, options, stop, show_news)
        print(f"follow mode stopped after {cycles} cycles")
        return 0
    except (LookupError, RunLockedError, FileNotFoundError) as exc:
        print(f"newswire run: {exc}", file=sys.stderr)
        return 2
