"""Pipeline throughput: bare Python loop vs Beam on DirectRunner vs end to end through Kafka.

    python benchmarks/bench_pipeline.py                    # 50,000 generated stories (make bench)
    python benchmarks/bench_pipeline.py --count 5000 --repeat 3

Three measurements over the same generated items (benchmarks/generate_stories.py):

1. bare: the stages' pure functions in a plain loop (benchmarks/stage_loop.py, the loop that
   benchmarks/measure_stages.py times stage by stage) - parse, validate, normalise, deduplicate
   (one batch, as the pipeline's single dedup key does), classify, extract, validate the story.
   No Beam, no I/O.
2. pipeline: ``newswire run --source jsonl --outputs parquet`` on DirectRunner (FnApiRunner):
   the same functions inside Beam, reading the JSONL file, writing and committing Parquet.
   Like ``newswire run``, the drains (2-4) use one SDK worker process per CPU unless a
   ``--direct_*`` flag is given (``-- --direct_running_mode=in_memory``: one process).
3. end to end: the items are published to a fresh raw topic (not timed), then one drain run
   reads them from Kafka and writes news.trade, news.dlq, Parquet and the dedup state, and
   commits the offsets; like ``newswire run``, in cycles of at most 50,000 records
   (``-- --max_records_per_cycle=N`` to choose). With several cycles, the "worker processes"
   peak is an upper bound: a worker forked after the first cycle starts at the driver's size.
   Needs a broker (NEWSWIRE_BOOTSTRAP); skipped, and said so, without one.
4. io_only: the same end-to-end run with a pass-through in place of the stages (raw item ->
   minimal story, pipeline.passthrough): the ceiling of the sources, sinks and commit, i.e.
   what the I/O allows.

For each drain it also prints the wall time by phase of the pipeline (start-up; read, parse,
normalise; the single-key dedup; the join's GroupByKey; classify, extract and sinks; the
commit), timed from the runner's own log of the bundles it runs (benchmarks/stage_timeline.py):
the dedup and join phases keep one core busy whatever the number of workers.

Each measurement runs in its own process, so "peak memory" is that process's maximum resident
set (resource.getrusage); with ``--direct_running_mode=multi_processing`` the largest peak of
its SDK worker processes is shown too. "Cores busy" is the phase's CPU time (its own and its
worker processes') over its wall time: on a machine shared with other work it shows whether a
run could use more than one core even when the wall-clock rate is noisy. Rates are input items
per second of wall time, including Beam's start-up; with --repeat N the phases run interleaved
N times and the median is printed. Extra Beam flags go after ``--``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    """Peak resident set of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_child_rss_mb() -> float:
    """The largest peak resident set of this process's finished children: the Beam SDK worker
    processes of ``--direct_running_mode=multi_processing`` (0 when there were none)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children (SDK workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# -- phases (each runs in a child process and prints one JSON line) ------------------------------


def phase_bare(path: str) -> dict[str, Any]:
    from stage_loop import run_stages

    lines = Path(path).read_bytes().splitlines()
    started = time.perf_counter()
    result = run_stages(lines)
    seconds = time.perf_counter() - started
    return {
        "items": result.items,
        "seconds": seconds,
        "stories": result.stories,
        "trade": result.trade,
        "rejected": result.rejected,
        "peak_mb": peak_rss_mb(),
    }


def run_defaults(beam_args: list[str]) -> list[str]:
    """The Beam flags `newswire run` adds to a drain on DirectRunner (pipeline.cli)."""
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    from pipeline.cli import default_worker_flags, usable_cpus

    runner = PipelineOptions(beam_args).view_as(StandardOptions).runner
    return default_worker_flags(beam_args, runner, usable_cpus())


def _drain(argv: list[str], passthrough: bool = False) -> dict[str, Any]:
    from stage_timeline import bundle_log, phase_seconds

    from pipeline.build import default_process
    from pipeline.drain import CycleReport, drain
    from pipeline.options import NewswireOptions, resolve
    from pipeline.passthrough import passthrough_factory

    options = NewswireOptions(argv + run_defaults(argv))
    settings = resolve(options)
    reports: list[CycleReport] = []
    with bundle_log() as bundles:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        drain(settings, options, reports.append, passthrough_factory if passthrough else default_process)
        ended = time.perf_counter()
    seconds = ended - started
    counters: dict[str, int] = {}
    for report in reports:
        for name, value in report.counters.items():
            counters[name] = counters.get(name, 0) + value
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - cpu_started,
        "counters": counters,
        "cycles": len(reports),
        "peak_mb": peak_rss_mb(),
        "peak_worker_mb": peak_child_rss_mb(),
        "pipeline_seconds": sum(r.pipeline_seconds for r in reports),
        "commit_seconds": sum(r.commit_seconds for r in reports),
        "phase_seconds": phase_seconds(bundles, started, ended),
    }


def phase_pipeline(path: str, dataset: str, beam_args: list[str]) -> dict[str, Any]:
    out = _drain(
        [
            "--source=jsonl",
            f"--input_path={path}",
            "--outputs=parquet",
            f"--parquet_path={dataset}",
            *beam_args,
        ]
    )
    out["items"] = out["counters"].get("source_read", 0)
    return out


def phase_end_to_end(
    path: str, dataset: str, bootstrap: str, beam_args: list[str], passthrough: bool = False
) -> dict[str, Any]:
    import orjson

    from newswire.kafka import make_admin, make_producer
    from newswire.topics import TopicNames, ensure_topics

    names = TopicNames.prefixed(f"bench{uuid.uuid4().hex[:8]}.")
    admin = make_admin(bootstrap)
    ensure_topics(admin, names.specs())
    try:
        producer = make_producer(bootstrap, batch_size=512 * 1024, linger_ms=20)
        lines = Path(path).read_bytes().splitlines()
        started = time.perf_counter()
        for line in lines:
            producer.send(names.raw, key=orjson.loads(line)["id"].encode(), value=line)
        producer.flush()
        producer.close()
        publish_seconds = time.perf_counter() - started
        prefix = names.raw[: -len("news.raw")]
        out = _drain(
            [
                f"--bootstrap_servers={bootstrap}",
                f"--topic_prefix={prefix}",
                f"--parquet_path={dataset}",
                "--consumer_group=bench",
                *beam_args,
            ],
            passthrough,
        )
        out["items"] = out["counters"].get("source_read", 0)
        out["publish_per_s"] = len(lines) / publish_seconds
        return out
    finally:
        admin.delete_topics([spec.name for spec in names.specs()])
        admin.close()


# -- driver ------------------------------------------------------------------------------------------


def run_phase(args: argparse.Namespace, phase: str, extra: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-", dir=args.workdir) as tmp:
        command = [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--input",
            str(args.input),
            "--dataset",
            os.path.join(tmp, "stories"),
            "--bootstrap",
            args.bootstrap or "",
            "--",
            *extra,
        ]
        done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"phase {phase} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def broker_answers(bootstrap: str) -> str | None:
    """None when a broker answers at ``bootstrap``, else the reason."""
    from kafka.errors import KafkaError

    from newswire.kafka import make_admin

    try:
        make_admin(bootstrap, request_timeout_ms=5000).close()
    except KafkaError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=50_000, help="generated items (default 50000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the median is shown")
    parser.add_argument(
        "--workdir", default=str(ROOT / "var" / "bench"), help="generated data and temp files"
    )
    parser.add_argument(
        "--bootstrap", default=None, help="Kafka for the end-to-end run (default $NEWSWIRE_BOOTSTRAP)"
    )
    parser.add_argument(
        "--skip", default="", help="comma list of measurements to skip: bare,pipeline,end_to_end"
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--dataset", help=argparse.SUPPRESS)
    args, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]

    if args.phase:  # child process
        if args.phase == "bare":
            result = phase_bare(args.input)
        elif args.phase == "pipeline":
            result = phase_pipeline(args.input, args.dataset, extra)
        else:
            passthrough = args.phase == "io_only"
            result = phase_end_to_end(args.input, args.dataset, args.bootstrap, extra, passthrough)
        print(json.dumps(result))
        return 0

    from newswire import settings

    args.bootstrap = args.bootstrap or settings.bootstrap_servers()
    os.makedirs(args.workdir, exist_ok=True)
    generator = ROOT / "benchmarks" / "generate_stories.py"
    version = hashlib.sha256(generator.read_bytes()).hexdigest()[:8]  # a changed generator: new file
    args.input = Path(args.workdir) / f"stories-{args.count}-{args.seed}-{version}.jsonl"
    if not args.input.exists():
        subprocess.run(
            [
                sys.executable,
                str(generator),
                "--count",
                str(args.count),
                "--seed",
                str(args.seed),
                "--out",
                str(args.input),
            ],
            check=True,
        )
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"bench_pipeline: {args.count:,} generated items ({args.input.stat().st_size / 1e6:.1f} MB), "
        f"{cpus} CPUs, load average {os.getloadavg()[0]:.2f} at start, beam flags {extra or 'none'}"
        f"{' + newswire run defaults ' + ' '.join(run_defaults(extra)) if run_defaults(extra) else ''}"
    )

    skip = set(filter(None, args.skip.split(",")))
    if "end_to_end" not in skip:
        reason = broker_answers(args.bootstrap)
        if reason:
            print(f"end to end: SKIPPED, no Kafka broker at {args.bootstrap} ({reason})")
            skip.add("end_to_end")
    if "end_to_end" in skip:
        skip.add("io_only")
    phases = [p for p in ("bare", "pipeline", "end_to_end", "io_only") if p not in skip]
    runs_of: dict[str, list[dict[str, Any]]] = {p: [] for p in phases}
    for _ in range(args.repeat):  # interleaved, so a change of machine load hits every phase alike
        for phase in phases:
            runs_of[phase].append(run_phase(args, phase, extra))
    results: dict[str, dict[str, Any]] = {}
    for phase in phases:
        runs = runs_of[phase]
        rates = [r["items"] / r["seconds"] for r in runs]
        results[phase] = {
            **runs[-1],
            "rate": statistics.median(rates),
            "rates": rates,
            "peak_mb": max(r["peak_mb"] for r in runs),
            "peak_worker_mb": max(r.get("peak_worker_mb", 0.0) for r in runs),
        }
        r = results[phase]
        print(
            f"{phase:>10}: {r['rate']:8,.0f} items/s (median of {len(rates)}: "
            f"{', '.join(f'{x:,.0f}' for x in rates)}), {r['seconds']:.1f}s for {r['items']:,} items, "
            f"peak memory {r['peak_mb']:,.0f} MB"
            + (f" + worker processes up to {r['peak_worker_mb']:,.0f} MB each" if r["peak_worker_mb"] else "")
        )
        if "pipeline_seconds" in r:
            busy = r["cpu_seconds"] / r["seconds"]
            cycles = f"{r['cycles']} drain cycles, " if r.get("cycles", 1) > 1 else ""
            print(f"            {cycles}pipeline {r['pipeline_seconds']:.1f}s, "
                  f"commit {r['commit_seconds']:.1f}s; CPU {r['cpu_seconds']:.1f}s "
                  f"({busy:.2f} cores busy on average)")
        if "phase_seconds" in r:
            from stage_timeline import describe

            print(f"            wall time by phase (runner's bundle log): {describe(r['phase_seconds'])}")
        if "counters" in r:
            counters = r["counters"]
            print("            counters: " + ", ".join(f"{k} {v:,}" for k, v in counters.items()))
        if "publish_per_s" in r:
            print(
                f"            (publishing the input to the raw topic, not timed above: "
                f"{r['publish_per_s']:,.0f} records/s)"
            )
    if "bare" in results and "pipeline" in results:
        ratio = results["pipeline"]["rate"] / results["bare"]["rate"]
        print(f"pipeline/bare ratio: {ratio:.2f} (target >= 0.5)")
    if "bare" in results and "end_to_end" in results:
        print(f"end-to-end/bare ratio: {results['end_to_end']['rate'] / results['bare']['rate']:.2f}")
    if "end_to_end" in results:
        rate = results["end_to_end"]["rate"]
        print(
            f"end to end: {rate:,.0f} stories/s (target >= 2,000 on 2 cores: "
            f"{'met' if rate >= 2000 else 'NOT met'})"
        )
    if "io_only" in results:
        ceiling = results["io_only"]["rate"]
        print(f"I/O ceiling (pass-through stages, Kafka -> Kafka + Parquet): {ceiling:,.0f} items/s")
    out = Path(args.workdir) / "bench_pipeline.json"
    out.write_text(
        json.dumps({"count": args.count, "cpus": cpus, "beam_flags": extra, "results": results}, indent=2)
    )
    print(f"figures saved to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
