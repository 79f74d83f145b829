"""Probe: publish-to-arrival latency of a streaming Beam job on Flink with cross-language KafkaIO.

Not the newswire pipeline (whose follow mode is a loop of bounded drain runs), but the shape a
continuous one would have: Java ReadFromKafka (unbounded) -> a Python step -> Java WriteToKafka,
on the embedded Flink of the job server, streaming, with checkpoints. It publishes records
carrying their send time to a fresh input topic at a steady rate, reads the output topic, and
prints p50/p99/max of (arrival - send). Everything runs on this machine; the topics are deleted.

  make flink-jar
  NEWSWIRE_BOOTSTRAP=127.0.0.1:9092 python deploy/flink/probe_streaming_latency.py --records 1000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


def build(pipeline, bootstrap: str, source: str, sink: str, expansion, python_step: bool) -> None:  # type: ignore[no-untyped-def]
    import apache_beam as beam
    from apache_beam.io.kafka import ReadFromKafka, WriteToKafka

    records = pipeline | "Read" >> ReadFromKafka(
        consumer_config={"bootstrap.servers": bootstrap, "auto.offset.reset": "earliest",
                         "group.id": f"probe-{uuid.uuid4().hex[:8]}"},
        topics=[source],
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=50.0, help="records per second (default 50)")
    parser.add_argument("--checkpointing-interval-ms", type=int, default=5000)
    parser.add_argument("--max-bundle-time-ms", type=int, default=100)
    parser.add_argument("--no-python-step", action="store_true",
                        help="Java read -> Java write only, to see what the Python step costs")
    parser.add_argument("--warmup-s", type=float, default=120.0,
                        help="longest wait for the job to pass its first record (default 120)")
    args = parser.parse_args(argv)

    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.transforms.external import JavaJarExpansionService

    from newswire import settings
    from newswire.kafka import make_admin, make_consumer, make_producer
    from newswire.topics import TopicSpec, ensure_topics

    bootstrap = settings.bootstrap_servers()
    run = uuid.uuid4().hex[:8]
    source, sink = f"probe.{run}.in", f"probe.{run}.out"
    admin = make_admin(bootstrap)
    ensure_topics(admin, (TopicSpec(source, 2), TopicSpec(sink, 2)))
    expansion = JavaJarExpansionService(
        str(HERE / "target" / "beam-expansion-service.jar"),
        extra_args=["{{PORT}}", "--defaultEnvironmentType=EMBEDDED"],
    )
    options = PipelineOptions([
        "--runner=FlinkRunner", "--flink_master=[local]",
        f"--flink_job_server_jar={HERE / 'target' / 'beam-flink-job-server.jar'}",
        "--environment_type=LOOPBACK", "--streaming", "--parallelism=1",
        f"--checkpointing_interval={args.checkpointing_interval_ms}",
        f"--max_bundle_time_mills={args.max_bundle_time_ms}",
    ])
    pipeline = beam.Pipeline(options=options)
    build(pipeline, bootstrap, source, sink, expansion, python_step=not args.no_python_step)
    result = pipeline.run()

    arrivals: dict[str, float] = {}
    stop = threading.Event()

    def consume() -> None:
        consumer = make_consumer(sink, bootstrap=bootstrap, consumer_timeout_ms=500)
        try:
            while not stop.is_set():
                for record in consumer:
                    arrivals.setdefault(record.key.decode(), time.time())
        finally:
            consumer.close()

    reader = threading.Thread(target=consume, daemon=True)
    reader.start()
    producer = make_producer(bootstrap, linger_ms=0)
    try:
        started = time.monotonic()
        while "warmup" not in arrivals:  # the job is up once a record makes it through
            if time.monotonic() - started > args.warmup_s:
                print(f"probe: no record came through in {args.warmup_s:.0f} s", file=sys.stderr)
                return 1
            producer.send(source, key=b"warmup", value=b"0")
            producer.flush()
            time.sleep(2)
        print(f"probe: job passing records after {time.monotonic() - started:.0f} s; "
              f"publishing {args.records} at {args.rate:.0f}/s")
        sent: dict[str, float] = {}
        publishing = time.monotonic()
        for n in range(args.records):
            key = f"r{n:06d}"
            sent[key] = time.time()
            producer.send(source, key=key.encode(), value=b"x")
            producer.flush()
            time.sleep(max(0.0, publishing + (n + 1) / args.rate - time.monotonic()))
        deadline = time.monotonic() + 60
        while len(sent.keys() & arrivals.keys()) < len(sent) and time.monotonic() < deadline:
            time.sleep(0.2)
        latencies = [arrivals[k] - t for k, t in sent.items() if k in arrivals]
        print(f"probe: published at {len(sent) / (time.monotonic() - publishing):.0f}/s (incl. the wait); "
              f"checkpoints every {args.checkpointing_interval_ms} ms, "
              f"bundles <= {args.max_bundle_time_ms} ms")
        print(f"probe: {len(latencies)}/{len(sent)} arrived; latency s: "
              f"p50 {percentile(latencies, 50):.3f}  p99 {percentile(latencies, 99):.3f}  "
              f"max {max(latencies):.3f}  mean {statistics.fmean(latencies):.3f}")
        return 0 if len(latencies) == len(sent) else 1
    finally:
        stop.set()
        producer.close()
        result.cancel()
        reader.join(timeout=10)
        admin.delete_topics([source, sink])
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
