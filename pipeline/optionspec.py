"""The pipeline's own options as plain data, without importing Beam.

Shared by :class:`pipeline.options.NewswireOptions` (a Beam ``PipelineOptions`` subclass) and by
``newswire run --help``, which must stay fast and therefore cannot import Beam.
"""

from __future__ import annotations

import argparse
from typing import Any

from newswire.fingerprint import NEAR_DUPLICATE_MAX_DISTANCE

MODES = ("drain", "follow")
SOURCES = ("kafka", "jsonl")
OUTPUTS = ("trade", "dlq", "parquet", "state")
KAFKA_IO = ("python", "xlang")
STREAM_OUTPUTS = ("trade", "dlq", "state")

# (flag, argparse keyword arguments); flags use Beam's underscore style.
OPTION_SPECS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "--mode",
        {
            "choices": MODES,
            "default": "drain",
            "help": "drain: read news.raw from the committed offsets up to the current end, write, "
            "commit, exit; follow: repeat drain cycles until SIGINT/SIGTERM (default drain)",
        },
    ),
    (
        "--source",
        {
            "choices": SOURCES,
            "default": "kafka",
            "help": "where raw items come from: the raw Kafka topic, or a JSONL file (default kafka)",
        },
    ),
    (
        "--input_path",
        {"default": None, "help": "JSONL file (or glob) of raw items, one per line, for --source jsonl"},
    ),
    (
        "--bootstrap_servers",
        {"default": None, "help": "Kafka bootstrap servers (default $NEWSWIRE_BOOTSTRAP or 127.0.0.1:9092)"},
    ),
    (
        "--topic_prefix",
        {"default": "", "help": "prefix added to every default topic name, for side-by-side deployments"},
    ),
    ("--raw_topic", {"default": None, "help": "input topic (default <prefix>news.raw)"}),
    ("--trade_topic", {"default": None, "help": "trade stories topic (default <prefix>news.trade)"}),
    ("--dlq_topic", {"default": None, "help": "dead-letter topic (default <prefix>news.dlq)"}),
    (
        "--state_topic",
        {
            "default": None,
            "help": "compacted deduplication-state topic (default <prefix>newswire.pipeline-state)",
        },
    ),
    (
        "--consumer_group",
        {
            "default": "newswire-pipeline",
            "help": "consumer group whose committed offsets mark what was processed "
            "(default newswire-pipeline)",
        },
    ),
    (
        "--outputs",
        {
            "default": "auto",
            "help": "comma-separated outputs among trade,dlq,parquet,state, or none; auto = all four "
            "for --source kafka, parquet only for --source jsonl (default auto)",
        },
    ),
    (
        "--parquet_path",
        {
            "default": "var/stories",
            "help": "root of the Parquet dataset, partitioned dt=YYYY-MM-DD (default var/stories)",
        },
    ),
    (
        "--ttl_days",
        {
            "type": float,
            "default": 7.0,
            "help": "how long (event time) deduplication state is kept, in days (default 7)",
        },
    ),
    (
        "--near_dup_max_distance",
        {
            "type": int,
            "default": NEAR_DUPLICATE_MAX_DISTANCE,
            "help": "how many of the 64 MinHash slots of two near-duplicate copies may differ "
            f"(default {NEAR_DUPLICATE_MAX_DISTANCE}: estimated Jaccard >= 0.70; stricter for "
            "texts under 40 words; docs/pipeline-stages.md has the measurements)",
        },
    ),
    (
        "--poll_interval_s",
        {
            "type": float,
            "default": 5.0,
            "help": "follow mode: seconds to wait between drain cycles (default 5)",
        },
    ),
    (
        "--max_cycles",
        {
            "type": int,
            "default": 0,
            "help": "follow mode: stop after this many cycles; 0 = until SIGINT/SIGTERM (default 0)",
        },
    ),
    (
        "--max_records_per_cycle",
        {
            "type": int,
            "default": 50000,
            "help": "Kafka source: read at most this many records in one cycle, so that memory stays "
            "bounded (50,000 records: about 1.8 GB in the driver and 1.3 GB per worker process); "
            "a drain with more to read runs several cycles, each committed, up to the end offsets "
            "it found when it started; 0 = no cap (default 50000)",
        },
    ),
    (
        "--kafka_io",
        {
            "choices": KAFKA_IO,
            "default": "python",
            "help": "python: bounded kafka-python reads, follow mode = repeated drain cycles; xlang: "
            "--mode follow runs ONE streaming job on a portable runner (Flink) reading news.raw with "
            "Beam's Java KafkaIO (offsets committed at each checkpoint); writes Kafka only "
            "(trade, dlq, state) (default python)",
        },
    ),
    (
        "--expansion_jar",
        {
            "default": None,
            "help": "--kafka_io xlang: Beam expansion-service jar for the Java KafkaIO (default: "
            "beam-expansion-service.jar beside --flink_job_server_jar, else "
            "deploy/flink/target/beam-expansion-service.jar)",
        },
    ),
    (
        "--max_range_size",
        {
            "type": int,
            "default": 5000,
            "help": "largest number of offsets read by one read task (default 5000)",
        },
    ),
)


def add_option_arguments(parser: argparse.ArgumentParser | Any) -> None:
    """Declare every pipeline option on an argparse parser (or Beam's wrapper of one)."""
    for flag, kwargs in OPTION_SPECS:
        parser.add_argument(flag, **kwargs)
