"""Probe: publish-to-arrival latency of streaming Beam jobs on Flink with cross-language KafkaIO.

Two shapes, both on the embedded Flink of the job server, streaming, with checkpoints:

* ``--pipeline``: the product. Starts ``newswire run --mode follow --kafka_io xlang`` on fresh
  topics, publishes generated trade stories (benchmarks/generate_stories.py, kept only when the
  classifier labels them trade, so each one reaches news.trade) to news.raw at a steady rate and
  times each from publish to its arrival on news.trade (matched by item id). Then stops the job
  with SIGTERM, as an operator would.
* default: the bare shape. Java ReadFromKafka (unbounded) -> a Python step -> Java WriteToKafka,
  records carrying only a key; ``--deprecated-read`` expands the read as the legacy
  UnboundedSource, other flags vary bundles, checkpoints and polling.

Prints p50/p99/max of (arrival - publish). Everything runs on this machine; the topics are deleted.

  make flink-jar
  NEWSWIRE_BOOTSTRAP=127.0.0.1:9092 python deploy/flink/probe_streaming_latency.py --pipeline --records 1000
  NEWSWIRE_BOOTSTRAP=127.0.0.1:9092 python deploy/flink/probe_streaming_latency.py --deprecated-read
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
JOB_SERVER_JAR = HERE / "target" / "beam-flink-job-server.jar"
EXPANSION_JAR = HERE / "target" / "beam-expansion-service.jar"
STOP_TIMEOUT_S = 120


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


def stop_child(child: subprocess.Popen[bytes]) -> int | None:
    """SIGTERM the child and wait; kill its whole session if it or any of its JVMs outlives that."""
    from newswire.sessions import session_processes

    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
    try:
        code: int | None = child.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        code = None
    time.sleep(2)
    left = session_processes(child.pid)
    if left:
        print(f"probe: killing processes left by the run: {left}", file=sys.stderr)
        os.killpg(child.pid, signal.SIGKILL)
    return code


def trade_items(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """(item id, raw JSON) of generated original stories that the classifier labels trade."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate_stories import generate

    from newswire.kafka import encode_value
    from newswire.records import normalise_item
    from newswire.trade.classify import classify

    produced = 0
    for record, truth in generate(count * 20, seed=seed, days=1):
        if truth["kind"] != "original" or not truth["trade"]:
            continue
        item = normalise_item(record)
        if classify(item.title, item.text).is_trade:
            yield record["id"], encode_value(record)
            produced += 1
            if produced == count:
                return
    raise ValueError(f"the generator gave fewer than {count} trade stories")


class Arrivals:
    """Reads a topic from the start in a thread; remembers when each key (by ``key_of``) arrived."""

    def __init__(self, topic: str, bootstrap: str, key_of: Callable[[Any], str]) -> None:
        self.times: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._consume, args=(topic, bootstrap, key_of), daemon=True)
        self._thread.start()

    def _consume(self, topic: str, bootstrap: str, key_of: Callable[[Any], str]) -> None:
        from newswire.kafka import make_consumer

        consumer = make_consumer(topic, bootstrap=bootstrap, consumer_timeout_ms=500)
        try:
            while not self._stop.is_set():
                for record in consumer:
                    self.times.setdefault(key_of(record), time.time())
        finally:
            consumer.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


def warm_up(
    send: Callable[[int], str], arrivals: Arrivals, limit_s: float, alive: Callable[[], bool]
) -> bool:
    """Send warm-up records every 2 s until one comes through (the job is up); False on timeout."""
    started = time.monotonic()
    keys = set()
    while not keys & arrivals.times.keys():
        if time.monotonic() - started > limit_s or not alive():
            print(f"probe: no record came through in {time.monotonic() - started:.0f} s", file=sys.stderr)
            return False
        keys.add(send(len(keys)))
        time.sleep(2)
    print(f"probe: job passing records after {time.monotonic() - started:.0f} s")
    return True


def publish_and_measure(
    records: list[tuple[str, bytes]], send: Callable[[str, bytes], None], arrivals: Arrivals, rate: float
) -> list[float]:
    """Publish at ``rate``/s, wait up to 60 s for the last arrivals; print and return the latencies."""
    print(f"probe: publishing {len(records)} at {rate:.0f}/s")
    sent: dict[str, float] = {}
    publishing = time.monotonic()
    for n, (key, value) in enumerate(records):
        sent[key] = time.time()
        send(key, value)
        time.sleep(max(0.0, publishing + (n + 1) / rate - time.monotonic()))
    elapsed = time.monotonic() - publishing
    deadline = time.monotonic() + 60
    while len(sent.keys() & arrivals.times.keys()) < len(sent) and time.monotonic() < deadline:
        time.sleep(0.2)
    latencies = [arrivals.times[k] - t for k, t in sent.items() if k in arrivals.times]
    print(f"probe: published at {len(sent) / elapsed:.1f}/s")
    if latencies:
        print(f"probe: {len(latencies)}/{len(sent)} arrived; latency s: "
              f"p50 {percentile(latencies, 50):.3f}  p99 {percentile(latencies, 99):.3f}  "
              f"max {max(latencies):.3f}  mean {statistics.fmean(latencies):.3f}")
    else:
        print(f"probe: 0/{len(sent)} arrived")
    return latencies


def probe_pipeline(args: argparse.Namespace, bootstrap: str) -> int:
    """Latency of the product: `newswire run --mode follow --kafka_io xlang` on the embedded Flink."""
    import orjson

    from newswire.kafka import make_admin, make_producer
    from newswire.topics import TopicNames, ensure_topics

    items = list(trade_items(args.records + 200, args.seed))
    warmups, records = items[args.records:], items[: args.records]
    prefix = f"probe{uuid.uuid4().hex[:8]}."
    topics = TopicNames.prefixed(prefix)
    admin = make_admin(bootstrap)
    ensure_topics(admin, topics.specs())
    command = [
        sys.executable, "-m", "newswire.cli", "run", "--mode", "follow", "--kafka_io", "xlang",
        f"--bootstrap_servers={bootstrap}", f"--topic_prefix={prefix}", f"--consumer_group={prefix}pipeline",
        "--runner=FlinkRunner", "--flink_master=[local]", f"--flink_job_server_jar={JOB_SERVER_JAR}",
        "--environment_type=LOOPBACK", f"--parallelism={args.parallelism}",
        f"--checkpointing_interval={args.checkpointing_interval_ms}",
        f"--max_bundle_time_mills={args.max_bundle_time_ms}",
        *args.beam_arg,
    ]
    log_path = Path(args.log)
    print(f"probe: {' '.join(command[2:])}  (log: {log_path})")
    arrivals = Arrivals(topics.trade, bootstrap, lambda record: orjson.loads(record.value)["item_id"])
    producer = make_producer(bootstrap, linger_ms=0)
    with log_path.open("wb") as log:
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=REPO,
                                 start_new_session=True)

    def send(key: str, value: bytes) -> None:
        producer.send(topics.raw, key=key.encode(), value=value)
        producer.flush()

    def send_warmup(n: int) -> str:
        key, value = warmups[n % len(warmups)]
        send(key, value)
        return key

    try:
        if not warm_up(send_warmup, arrivals, args.warmup_s, lambda: child.poll() is None):
            return 1
        latencies = publish_and_measure(records, send, arrivals, args.rate)
        print(f"probe: checkpoints every {args.checkpointing_interval_ms} ms, "
              f"bundles <= {args.max_bundle_time_ms} ms, parallelism {args.parallelism}")
        return 0 if len(latencies) == len(records) else 1
    finally:
        code = stop_child(child)
        print(f"probe: `newswire run` exited with {code} after SIGTERM")
        producer.close()
        arrivals.close()
        admin.delete_topics([spec.name for spec in topics.specs()])
        admin.close()


def build_bare(pipeline, bootstrap: str, source: str, sink: str, expansion, python_step: bool,  # type: ignore[no-untyped-def]
               polling_timeout: int = 2) -> None:
    import apache_beam as beam
    from apache_beam.io.kafka import ReadFromKafka, WriteToKafka

    records = pipeline | "Read" >> ReadFromKafka(
        consumer_config={"bootstrap.servers": bootstrap, "auto.offset.reset": "earliest",
                         "group.id": f"probe-{uuid.uuid4().hex[:8]}"},
        topics=[source],
        consumer_polling_timeout=polling_timeout,
        expansion_service=expansion,
    )
    if python_step:
        records = records | "PythonStep" >> beam.Map(lambda kv: (kv[0], kv[1])).with_output_types(
            tuple[bytes, bytes])
    (
        records
        | "Write" >> WriteToKafka(
            producer_config={"bootstrap.servers": bootstrap, "linger.ms": "0"},
            topic=sink,
            expansion_service=expansion,
        )
    )


def probe_bare(args: argparse.Namespace, bootstrap: str) -> int:
    """Latency of Java read -> (Python step) -> Java write, run in this process."""
    import tempfile

    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.transforms.external import JavaJarExpansionService

    from newswire.kafka import make_admin, make_producer
    from newswire.topics import TopicSpec, ensure_topics

    run = uuid.uuid4().hex[:8]
    source, sink = f"probe.{run}.in", f"probe.{run}.out"
    admin = make_admin(bootstrap)
    ensure_topics(admin, (TopicSpec(source, 2), TopicSpec(sink, 2)))
    expansion = JavaJarExpansionService(
        str(EXPANSION_JAR),
        extra_args=["{{PORT}}", "--defaultEnvironmentType=EMBEDDED"]
        + (["--experiments=use_deprecated_read"] if args.deprecated_read else []),
    )
    options = PipelineOptions([
        "--runner=FlinkRunner", "--flink_master=[local]", f"--flink_job_server_jar={JOB_SERVER_JAR}",
        "--environment_type=LOOPBACK", "--streaming", f"--parallelism={args.parallelism}",
        f"--checkpointing_interval={args.checkpointing_interval_ms}",
        f"--max_bundle_time_mills={args.max_bundle_time_ms}",
        *([f"--max_bundle_size={args.max_bundle_size}"] if args.max_bundle_size else []),
        # Beam's job-server shutdown leaves the JVM running when it trips over its own temporary
        # artifacts folder; a folder of ours avoids that
        f"--artifacts_dir={tempfile.mkdtemp(prefix='probe-artifacts-')}",
        *args.beam_arg,
    ])
    pipeline = beam.Pipeline(options=options)
    build_bare(pipeline, bootstrap, source, sink, expansion, python_step=not args.no_python_step,
               polling_timeout=args.polling_timeout_s)
    result = pipeline.run()
    arrivals = Arrivals(sink, bootstrap, lambda record: record.key.decode())
    producer = make_producer(bootstrap, linger_ms=0)

    def send(key: str, value: bytes) -> None:
        producer.send(source, key=key.encode(), value=value)
        producer.flush()

    def send_warmup(n: int) -> str:
        send(f"warmup{n}", b"0")
        return f"warmup{n}"

    try:
        if not warm_up(send_warmup, arrivals, args.warmup_s, lambda: True):
            return 1
        records = [(f"r{n:06d}", b"x") for n in range(args.records)]
        latencies = publish_and_measure(records, send, arrivals, args.rate)
        read = "legacy UnboundedSource" if args.deprecated_read else "SDF"
        size = f" / {args.max_bundle_size} elements" if args.max_bundle_size else ""
        print(f"probe: {read} read, checkpoints every {args.checkpointing_interval_ms} ms, "
              f"bundles <= {args.max_bundle_time_ms} ms{size}, polling timeout {args.polling_timeout_s} s")
        return 0 if len(latencies) == len(records) else 1
    finally:
        producer.close()
        result.cancel()
        arrivals.close()
        admin.delete_topics([source, sink])
        admin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipeline", action="store_true",
                        help="measure `newswire run --mode follow --kafka_io xlang` (the product)")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20.0, help="records per second (default 20)")
    parser.add_argument("--checkpointing-interval-ms", type=int, default=5000)
    parser.add_argument("--max-bundle-time-ms", type=int, default=100)
    parser.add_argument("--parallelism", type=int, default=1)
    parser.add_argument("--warmup-s", type=float, default=180.0,
                        help="longest wait for the job to pass its first record (default 180)")
    parser.add_argument("--beam-arg", action="append", default=[], help="extra Beam option (repeatable)")
    parser.add_argument("--seed", type=int, default=11, help="--pipeline: seed of the generated stories")
    parser.add_argument("--log", default="/tmp/probe-newswire-run.log",
                        help="--pipeline: where the output of `newswire run` goes")
    parser.add_argument("--max-bundle-size", type=int, default=None, help="bare shape only")
    parser.add_argument("--polling-timeout-s", type=int, default=2, help="bare shape only")
    parser.add_argument("--deprecated-read", action="store_true",
                        help="bare shape: expand ReadFromKafka as the legacy UnboundedSource read")
    parser.add_argument("--no-python-step", action="store_true",
                        help="bare shape: Java read -> Java write only, to see what the Python step costs")
    args = parser.parse_args(argv)

    from newswire import settings

    bootstrap = settings.bootstrap_servers()
    return probe_pipeline(args, bootstrap) if args.pipeline else probe_bare(args, bootstrap)


if __name__ == "__main__":
    sys.exit(main())
