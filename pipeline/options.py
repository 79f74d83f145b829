"""The pipeline's options: one Beam ``PipelineOptions`` subclass, plus resolved settings."""

from __future__ import annotations

from dataclasses import dataclass

from apache_beam.options.pipeline_options import PipelineOptions

from newswire import settings
from newswire.topics import TopicNames
from pipeline.optionspec import OUTPUTS, add_option_arguments


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


def parse_outputs(text: str, source: str) -> frozenset[str]:
    """``auto``/``none``/a comma list -> the set of outputs; raises ``ValueError`` on unknown names."""
    text = text.strip().lower()
    if text == "auto":
        return frozenset(OUTPUTS) if source == "kafka" else frozenset({"parquet"})
    if text in ("", "none"):
        return frozenset()
    names = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = names - set(OUTPUTS)
    if unknown:
        raise ValueError(f"unknown outputs {sorted(unknown)}; choose among {', '.join(OUTPUTS)}")
    return names


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
    return RunSettings(
        mode=o.mode,
        source=o.source,
        input_path=o.input_path,
        bootstrap=o.bootstrap_servers or settings.bootstrap_servers(),
        topics=topics,
        group=o.consumer_group,
        outputs=parse_outputs(o.outputs, o.source),
        parquet_path=o.parquet_path,
        ttl_days=o.ttl_days,
        near_dup_max_distance=o.near_dup_max_distance,
        poll_interval_s=o.poll_interval_s,
        max_cycles=o.max_cycles,
        max_range_size=o.max_range_size,
    )
