"""The pipeline's options: one Beam ``PipelineOptions`` subclass, plus resolved settings."""

from __future__ import annotations

import os
from dataclasses import dataclass

from apache_beam.options.pipeline_options import FlinkRunnerOptions, PipelineOptions, StandardOptions

from newswire import settings
from newswire.topics import TopicNames
from pipeline.optionspec import OUTPUTS, STREAM_OUTPUTS, add_option_arguments

EXPANSION_JAR_NAME = "beam-expansion-service.jar"
DEFAULT_EXPANSION_JAR = os.path.join("deploy", "flink", "target", EXPANSION_JAR_NAME)
PORTABLE_RUNNERS = ("FlinkRunner", "PortableRunner")


class NewswireOptions(PipelineOptions):
    """Options of ``newswire run``; every other flag is a Beam option (runner, workers...)."""

    @classmethod
    def _add_argparse_args(cls, parser):  # type: ignore[no-untyped-def]
        add_option_arguments(parser)


@dataclass(frozen=True)
class RunSettings:
    """The options resolved into plain values (defaults filled in, topics named, outputs parsed)."""

    mode: str
    source: str
    input_path: str | None
    bootstrap: str
    topics: TopicNames
    group: str
    outputs: frozenset[str]
    parquet_path: str
    ttl_days: float
    near_dup_max_distance: int
    poll_interval_s: float
    max_cycles: int
    max_range_size: int
    max_records_per_cycle: int = 0
    kafka_io: str = "python"
    expansion_jar: str | None = None

    @property
    def streaming(self) -> bool:
        """True when follow mode runs one continuous job (``--kafka_io xlang``)."""
        return self.mode == "follow" and self.kafka_io == "xlang"


def parse_outputs(text: str, source: str, streaming: bool = False) -> frozenset[str]:
    """``auto``/``none``/a comma list -> the set of outputs; raises ``ValueError`` on unknown names.

    A streaming run writes Kafka only: ``auto`` means trade, dlq and state, and parquet is refused.
    """
    text = text.strip().lower()
    if text == "auto":
        if streaming:
            return frozenset(STREAM_OUTPUTS)
        return frozenset(OUTPUTS) if source == "kafka" else frozenset({"parquet"})
    if text in ("", "none"):
        return frozenset()
    names = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = names - set(OUTPUTS)
    if unknown:
        raise ValueError(f"unknown outputs {sorted(unknown)}; choose among {', '.join(OUTPUTS)}")
    if streaming and names - set(STREAM_OUTPUTS):
        raise ValueError(
            f"--kafka_io xlang (streaming) writes Kafka only; choose among {', '.join(STREAM_OUTPUTS)}"
        )
    return names


def expansion_jar_path(explicit: str | None, job_server_jar: str | None) -> str:
    """The expansion-service jar: the explicit one, the one beside the job-server jar, or the default."""
    if explicit:
        return explicit
    if job_server_jar:
        beside = os.path.join(os.path.dirname(job_server_jar), EXPANSION_JAR_NAME)
        if os.path.exists(beside):
            return beside
    return DEFAULT_EXPANSION_JAR


def check_streaming(mode: str, source: str, runner: str | None) -> None:
    """``--kafka_io xlang`` needs follow mode, the Kafka source and a portable runner."""
    if mode != "follow":
        raise ValueError("--kafka_io xlang is for --mode follow (drain runs read with kafka-python)")
    if source != "kafka":
        raise ValueError("--kafka_io xlang reads Kafka; it cannot be combined with --source jsonl")
    if runner not in PORTABLE_RUNNERS:
        raise ValueError(
            f"--kafka_io xlang needs a portable runner ({' or '.join(PORTABLE_RUNNERS)}), "
            f"not {runner or 'the default DirectRunner'}"
        )


def resolve(options: PipelineOptions) -> RunSettings:
    """Fill in defaults that depend on the environment or on other options."""
    o = options.view_as(NewswireOptions)
    base = TopicNames.prefixed(o.topic_prefix or "")
    topics = TopicNames(
        raw=o.raw_topic or base.raw,
        trade=o.trade_topic or base.trade,
        dlq=o.dlq_topic or base.dlq,
        connector_state=base.connector_state,
        pipeline_state=o.state_topic or base.pipeline_state,
    )
    if o.source == "jsonl" and not o.input_path:
        raise ValueError("--source jsonl needs --input_path")
    if o.mode == "follow" and o.source != "kafka":
        raise ValueError("--mode follow reads Kafka; use --mode drain with --source jsonl")
    if o.max_range_size < 1:
        raise ValueError("--max_range_size must be at least 1")
    if o.max_records_per_cycle < 0:
        raise ValueError("--max_records_per_cycle must be 0 (no cap) or more")
    streaming = o.kafka_io == "xlang"
    expansion_jar = None
    if streaming:
        check_streaming(o.mode, o.source, options.view_as(StandardOptions).runner)
        job_server_jar = options.view_as(FlinkRunnerOptions).flink_job_server_jar
        expansion_jar = expansion_jar_path(o.expansion_jar, job_server_jar)
    return RunSettings(
        mode=o.mode,
        source=o.source,
        input_path=o.input_path,
        bootstrap=o.bootstrap_servers or settings.bootstrap_servers(),
        topics=topics,
        group=o.consumer_group,
        outputs=parse_outputs(o.outputs, o.source, streaming),
        parquet_path=o.parquet_path,
        ttl_days=o.ttl_days,
        near_dup_max_distance=o.near_dup_max_distance,
        poll_interval_s=o.poll_interval_s,
        max_cycles=o.max_cycles,
        max_range_size=o.max_range_size,
        max_records_per_cycle=o.max_records_per_cycle,
        kafka_io=o.kafka_io,
        expansion_jar=expansion_jar,
    )
