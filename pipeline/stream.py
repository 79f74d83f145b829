"""Streaming follow mode (``--kafka_io xlang``): one continuous Beam job instead of drain cycles.

On a portable runner (Flink), ``newswire run --mode follow --kafka_io xlang`` submits a single
streaming job: Beam's Java KafkaIO reads news.raw without end, the same processing stages as a
drain run (:func:`pipeline.build.build_pipeline`) follow, and the sinks publish to news.trade,
news.dlq and the state topic as each bundle finishes. There is no Parquet output and no commit
step: the read commits the consumer group's offsets when a Flink checkpoint completes.

The read is expanded as Beam's legacy ``UnboundedSource`` (``use_deprecated_read``): on the
portable Flink runner the default splittable-DoFn read delivered records seconds late (measured
by ``deploy/flink/probe_streaming_latency.py``; docs/deploying.md has the figures).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
from apache_beam.options.pipeline_options import JobServerOptions, PipelineOptions
from apache_beam.runners.runner import PipelineState

from pipeline.build import ProcessFactory, Sinks, Sources, build_pipeline, default_process
from pipeline.javakafka import java_client_config
from pipeline.offsets import make_reader, snapshot_ranges
from pipeline.options import RunSettings
from pipeline.sinks import PublishDeadLetters, PublishStateUpdates, PublishStories
from pipeline.sources import ReadLatestState, ReadRawFromKafkaStream

log = logging.getLogger(__name__)

# Beam (Java) options a streaming run gets unless the command line sets them.
STREAM_DEFAULTS: dict[str, Any] = {
    "checkpointing_interval": 5000,  # ms; offsets are committed when a checkpoint completes
    "max_bundle_time_mills": 100,  # ms; the Flink runner's name ("mills"); outputs leave per bundle
}
CANCEL_TIMEOUT_S = 60.0
TERMINAL = frozenset(
    {PipelineState.DONE, PipelineState.FAILED, PipelineState.CANCELLED, PipelineState.UPDATED,
     PipelineState.DRAINED}
)


@dataclass(frozen=True)
class StreamReport:
    """How a streaming run ended."""

    state: str
    seconds: float
    stopped: bool

    @property
    def ok(self) -> bool:
        """A run stopped on request (and cancelled) or finished by itself is a success."""
        return self.state in (PipelineState.DONE, PipelineState.CANCELLED) and (
            self.stopped or self.state == PipelineState.DONE
        )

    def summary(self) -> str:
        how = "stopped on request" if self.stopped else "ended by itself"
        return f"streaming job {how} after {self.seconds:.0f}s, final state {self.state}"


def expansion_service(jar: str) -> Any:
    """Beam's expansion service for the Java KafkaIO, run from ``jar`` (``make flink-jar``).

    EMBEDDED: Flink runs the Java transform in its own JVM (no Docker). ``use_deprecated_read``:
    the read is the legacy UnboundedSource, not the splittable DoFn.
    """
    from apache_beam.transforms.external import JavaJarExpansionService

    if not os.path.exists(jar):
        raise FileNotFoundError(f"expansion-service jar {jar} not found; run `make flink-jar`")
    return JavaJarExpansionService(
        jar,
        extra_args=["{{PORT}}", "--defaultEnvironmentType=EMBEDDED", "--experiments=use_deprecated_read"],
    )


def streaming_options(options: PipelineOptions, artifacts_dir: str | None) -> PipelineOptions:
    """``options`` with ``streaming`` on and :data:`STREAM_DEFAULTS` where the user set nothing."""
    values = options.get_all_options(drop_default=True, retain_unknown_options=True)
    for name, value in STREAM_DEFAULTS.items():
        values.setdefault(name, value)
    values["streaming"] = True
    if artifacts_dir is not None:
        values["artifacts_dir"] = artifacts_dir
    return PipelineOptions.from_dictionary(values)


def build_stream(
    pipeline: beam.Pipeline, settings: RunSettings, process: ProcessFactory = default_process
) -> None:
    """Wire the streaming graph: Java KafkaIO read -> the processing stages -> Kafka sinks."""
    consumer_config = java_client_config(settings.bootstrap)
    consumer_config.update({"group.id": settings.group, "auto.offset.reset": "earliest"})
    raw = ReadRawFromKafkaStream(
        settings.topics.raw, consumer_config, expansion_service(settings.expansion_jar or "")
    )
    state_source = None
    if "state" in settings.outputs:
        consumer = make_reader(settings.bootstrap, group=settings.group)
        try:
            state_ranges = snapshot_ranges(consumer, settings.topics.pipeline_state, from_committed=False)
        finally:
            consumer.close()
        state_source = ReadLatestState(state_ranges, settings.bootstrap)
    outputs = settings.outputs
    sinks = Sinks(
        trade=PublishStories(settings.bootstrap, settings.topics.trade) if "trade" in outputs else None,
        dlq=PublishDeadLetters(settings.bootstrap, settings.topics.dlq) if "dlq" in outputs else None,
        state=PublishStateUpdates(settings.bootstrap, settings.topics.pipeline_state)
        if "state" in outputs
        else None,
    )
    build_pipeline(pipeline, Sources(raw=raw, state=state_source), sinks, settings, process)


def wait_for_end(result: Any, stop: threading.Event, poll_s: float = 1.0) -> bool:
    """Wait until the job ends or ``stop`` is set; True when stopped on request."""
    while not stop.wait(poll_s):
        if result.state in TERMINAL:
            return False
    return True


def cancel(result: Any, timeout_s: float = CANCEL_TIMEOUT_S) -> str:
    """Cancel the job and wait (bounded) for a final state; returns the last state seen."""
    result.cancel()
    deadline = time.monotonic() + timeout_s
    state = result.state
    while state not in TERMINAL and time.monotonic() < deadline:
        time.sleep(0.5)
        state = result.state
    return str(state)


def follow_stream(
    settings: RunSettings,
    options: PipelineOptions,
    stop: threading.Event,
    process: ProcessFactory = default_process,
) -> StreamReport:
    """Run the streaming job until ``stop`` is set (then cancel it) or it ends by itself."""
    started = time.monotonic()
    own_artifacts = None
    if options.view_as(JobServerOptions).artifacts_dir is None:
        # Beam's job-server shutdown fails to stop the JVM when it deletes its own temporary
        # artifacts folder while the job server is still cleaning it; a folder of ours avoids that.
        own_artifacts = tempfile.mkdtemp(prefix="newswire-artifacts-")
    run_options = streaming_options(options, own_artifacts)
    pipeline = beam.Pipeline(options=run_options)
    build_stream(pipeline, settings, process)
    on_interrupt = signal.getsignal(signal.SIGINT)
    try:
        result = pipeline.run()
        if on_interrupt is not None and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, on_interrupt)  # the job server's start replaced it
        log.info("streaming job submitted; reading %s as group %s", settings.topics.raw, settings.group)
        stopped = wait_for_end(result, stop)
        state = cancel(result) if stopped else str(result.state)
        log.info("streaming job %s", state)
        return StreamReport(state, time.monotonic() - started, stopped)
    finally:
        if own_artifacts is not None:
            shutil.rmtree(own_artifacts, ignore_errors=True)
