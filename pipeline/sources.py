"""Pipeline sources: bounded reads of Kafka offset ranges, the latest pipeline state, JSONL files.

Kafka is read with kafka-python (Beam's Python SDK has no native Kafka IO): the driver plans
offset ranges (:func:`pipeline.offsets.snapshot_ranges`), the pipeline gets only those small
range descriptors through ``Create`` and a DoFn reads each range with assign/seek/poll. The bulk
data never passes through ``Create`` (it would be pickled into the graph). JSONL files are read
the same way, in byte ranges (:mod:`pipeline.files`), so that both workers parse and normalise.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import apache_beam as beam
from apache_beam.metrics import Metrics

from pipeline import files
from pipeline.messages import RawMessage
from pipeline.offsets import OffsetRange, latest_per_key, make_reader, read_range, split_range

NAMESPACE = "newswire"


def to_raw_message(record: Any) -> RawMessage:
    """A Kafka record as the pipeline's input message: a kafka-python ConsumerRecord, or a Beam
    Row of the Java KafkaIO read ``with_metadata`` (same attribute names)."""
    return RawMessage(
        key=record.key,
        value=record.value if record.value is not None else b"",
        origin=f"{record.topic}/{record.partition}/{record.offset}",
        timestamp_ms=record.timestamp,
    )


class ReadOffsetRangesFn(beam.DoFn):
    """Read every record of each incoming OffsetRange, as RawMessage."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.read = Metrics.counter(NAMESPACE, "source_read")
        self._consumer: Any = None

    def setup(self) -> None:
        self._consumer = make_reader(self.bootstrap)

    def process(self, offset_range: OffsetRange) -> Iterator[RawMessage]:
        for record in read_range(self._consumer, offset_range):
            self.read.inc()
            yield to_raw_message(record)

    def teardown(self) -> None:
        if self._consumer is not None:
            self._consumer.close()


class ReadLatestStateFn(beam.DoFn):
    """Read whole partitions of a compacted topic and emit the latest ``(key, value)`` per key."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.loaded = Metrics.counter(NAMESPACE, "state_loaded")
        self._consumer: Any = None

    def setup(self) -> None:
        self._consumer = make_reader(self.bootstrap)

    def process(self, offset_range: OffsetRange) -> Iterator[tuple[str, bytes]]:
        for key, value in latest_per_key(read_range(self._consumer, offset_range)).items():
            self.loaded.inc()
            yield key, value

    def teardown(self) -> None:
        if self._consumer is not None:
            self._consumer.close()


class ReadRawFromKafka(beam.PTransform):
    """Read the planned offset ranges of the raw topic (bounded), split into read tasks."""

    def __init__(self, ranges: Sequence[OffsetRange], bootstrap: str, max_range_size: int = 5000) -> None:
        super().__init__()
        self.pieces = [piece for r in ranges for piece in split_range(r, max_range_size)]
        self.bootstrap = bootstrap

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        return (
            pbegin
            | "PlanRanges" >> beam.Create(self.pieces)
            | "SpreadRanges" >> beam.Reshuffle()
            | "ReadRanges" >> beam.ParDo(ReadOffsetRangesFn(self.bootstrap))
        )


class ReadLatestState(beam.PTransform):
    """The latest value of every key of the (compacted) pipeline-state topic, read before the run.

    ``ranges`` must cover whole partitions (one range each) so that "latest" is well defined.
    """

    def __init__(self, ranges: Sequence[OffsetRange], bootstrap: str) -> None:
        super().__init__()
        self.ranges = list(ranges)
        self.bootstrap = bootstrap

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        return (
            pbegin
            | "PlanStateRanges" >> beam.Create(self.ranges)
            | "SpreadStateRanges" >> beam.Reshuffle()
            | "ReadState" >> beam.ParDo(ReadLatestStateFn(self.bootstrap))
        )


def line_to_raw_message(line: bytes, origin: str) -> RawMessage:
    """One JSONL line as an input message (no key: the item id is inside the value)."""
    return RawMessage(key=None, value=line, origin=origin)


class ReadFileRangesFn(beam.DoFn):
    """Read the lines of each incoming FileRange as RawMessage (origin "file:<path>@<byte offset>");
    blank lines are not records."""

    def __init__(self) -> None:
        self.read = Metrics.counter(NAMESPACE, "source_read")

    def process(self, file_range: files.FileRange) -> Iterator[RawMessage]:
        for offset, line in files.read_range(file_range):
            if line.strip():
                self.read.inc()
                yield line_to_raw_message(line, f"file:{file_range.path}@{offset}")


class ReadRawFromJsonl(beam.PTransform):
    """Raw items from JSONL file(s), one JSON object per line, read in byte ranges spread over the
    workers. ``path``: a path or glob (FileNotFoundError when it matches no file), or the files
    already matched (:func:`pipeline.files.match_files`)."""

    def __init__(self, path: str | Sequence[files.MatchedFile], range_bytes: int = files.RANGE_BYTES) -> None:
        super().__init__()
        self.ranges = files.plan_file_ranges(path, range_bytes)

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        return (
            pbegin
            | "PlanFileRanges" >> beam.Create(self.ranges)
            | "SpreadFileRanges" >> beam.Reshuffle()
            | "ReadFileRanges" >> beam.ParDo(ReadFileRangesFn())
        )


class ReadRawFromKafkaStream(beam.PTransform):
    """Read the raw topic without end through Beam's cross-language (Java) KafkaIO.

    The Java read resumes from the consumer group's committed offsets and commits the offsets
    it has read when a checkpoint completes (``commit_offset_in_finalize``), so a restarted job
    goes on where the last completed checkpoint left. ``expansion`` is the expansion service
    (:func:`pipeline.stream.expansion_service`). Elements are stamped with the time they were read.
    The legacy read that the expansion service is asked for refuses a consumer polling timeout
    other than the default, so none is set.
    """

    def __init__(self, topic: str, consumer_config: dict[str, str], expansion: Any) -> None:
        super().__init__()
        self.topic = topic
        self.consumer_config = consumer_config
        self.expansion = expansion

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        from apache_beam.io.kafka import ReadFromKafka

        read = Metrics.counter(NAMESPACE, "source_read")

        def to_message(row: Any) -> RawMessage:
            read.inc()
            return to_raw_message(row)

        return (
            pbegin
            | "ReadKafka" >> ReadFromKafka(
                consumer_config=self.consumer_config,
                topics=[self.topic],
                commit_offset_in_finalize=True,
                timestamp_policy=ReadFromKafka.processing_time_policy,
                with_metadata=True,
                expansion_service=self.expansion,
            )
            | "ToRawMessage" >> beam.Map(to_message)
        )
