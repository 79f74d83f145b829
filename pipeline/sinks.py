"""Pipeline sinks: Kafka topics (news.trade, news.dlq), the Parquet dataset, the state staging file.

Kafka writes are at-least-once: each bundle is flushed with acks=all and every send is checked
before the bundle completes, so a failed write fails the run (which then commits nothing).
Parquet and state updates go to a staging folder; the driver moves/publishes them after the run
(:mod:`pipeline.commit`), which is what makes their appearance atomic and repeatable.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Callable, Iterator
from typing import Any

import apache_beam as beam
import orjson
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.metrics import Metrics
from apache_beam.options.value_provider import StaticValueProvider

from newswire.dlq import dead_letter
from newswire.kafka import encode_value, make_producer, schema_headers
from pipeline.rows import partition_of, rows_to_table, story_schema, story_to_row

log = logging.getLogger(__name__)

NAMESPACE = "newswire"
PARQUET_SUFFIX = ".parquet"
STATE_PREFIX = "state"


class _SendAndCheckFn(beam.DoFn):
    """Send records to one topic with a shared producer; flush and check every send at the end
    of the bundle, so a failed write fails the bundle (and the run, which then commits nothing)."""

    def __init__(self, bootstrap: str, topic: str, counter: str) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.written = Metrics.counter(NAMESPACE, counter)
        self._producer: Any = None
        self._pending: list[Any] = []

    def message(self, record: Any) -> dict[str, Any]:
        """The producer.send keyword arguments (key, value, headers) of one record."""
        raise NotImplementedError

    def setup(self) -> None:
        self._producer = make_producer(self.bootstrap, batch_size=512 * 1024, linger_ms=20)

    def start_bundle(self) -> None:
        self._pending = []

    def process(self, record: Any) -> None:
        self._pending.append(self._producer.send(self.topic, **self.message(record)))

    def finish_bundle(self) -> None:
        if not self._pending:
            return
        self._producer.flush()
        for future in self._pending:
            future.get(timeout=60)  # raises the send error
        self.written.inc(len(self._pending))
        self._pending = []

    def teardown(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=30)


class PublishToKafkaFn(_SendAndCheckFn):
    """Send each record as schema-tagged JSON, keyed by ``key_of``."""

    def __init__(
        self,
        bootstrap: str,
        topic: str,
        schema: str,
        schema_version: int,
        key_of: Callable[[dict[str, Any]], str | None],
        counter: str,
    ) -> None:
        super().__init__(bootstrap, topic, counter)
        self.headers = schema_headers(schema, schema_version)
        self.key_of = key_of

    def message(self, record: dict[str, Any]) -> dict[str, Any]:
        key = self.key_of(record)
        return {"key": key.encode() if key is not None else None, "value": encode_value(record),
                "headers": self.headers}


class PublishStories(beam.PTransform):
    """Publish stories to a topic (news.trade), key = story_id, story schema headers."""

    def __init__(self, bootstrap: str, topic: str, counter: str = "trade_written") -> None:
        super().__init__()
        self.fn = PublishToKafkaFn(bootstrap, topic, "newswire.story", 1, lambda s: s["story_id"], counter)

    def expand(self, stories: beam.PCollection) -> beam.pvalue.PDone:
        stories | "Publish" >> beam.ParDo(self.fn)
        return beam.pvalue.PDone(stories.pipeline)


class PublishDeadLetters(beam.PTransform):
    """Publish dead letters to news.dlq, key = the offending record's key."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        super().__init__()
        self.fn = PublishToKafkaFn(
            bootstrap, topic, "newswire.dead_letter", 1, lambda r: r.get("key"), "dlq_written"
        )

    def expand(self, records: beam.PCollection) -> beam.pvalue.PDone:
        records | "Publish" >> beam.ParDo(self.fn)
        return beam.pvalue.PDone(records.pipeline)


class PublishStateFn(_SendAndCheckFn):
    """Send ``(key, value)`` state updates to the compacted state topic (empty value = tombstone)."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        super().__init__(bootstrap, topic, "state_published")

    def message(self, update: tuple[str, bytes | None]) -> dict[str, Any]:
        key, value = update
        return {"key": key.encode(), "value": value or None}


class PublishStateUpdates(beam.PTransform):
    """Publish dedup state updates straight to the state topic (streaming mode, no commit step)."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        super().__init__()
        self.fn = PublishStateFn(bootstrap, topic)

    def expand(self, updates: beam.PCollection) -> beam.pvalue.PDone:
        updates | "Publish" >> beam.ParDo(self.fn)
        return beam.pvalue.PDone(updates.pipeline)


class StoryParquetSink(fileio.FileSink):
    """fileio sink writing rows of :func:`pipeline.rows.story_to_row` as one Parquet file."""

    def __init__(self, batch_rows: int = 1000) -> None:
        self.batch_rows = batch_rows
        self._fh: Any = None
        self._writer: pq.ParquetWriter | None = None
        self._rows: list[dict[str, Any]] = []

    def open(self, fh: Any) -> None:
        self._fh = fh
        self._writer = None
        self._rows = []

    def write(self, record: dict[str, Any]) -> None:
        self._rows.append(record)
        if len(self._rows) >= self.batch_rows:
            self._write_batch()

    def _write_batch(self) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._fh, story_schema(), compression="snappy")
        if self._rows:
            self._writer.write_table(rows_to_table(self._rows))
            self._rows = []

    def flush(self) -> None:
        self._write_batch()
        if self._writer is not None:
            self._writer.close()  # writes the footer; Beam closes the file handle after flush()
            self._writer = None


def partitioned_file_naming(root: str) -> Callable[..., str]:
    """File names ``dt=YYYY-MM-DD/part-NNNNN-of-MMMMM.parquet`` (the dt folder is created here)."""

    def name(
        window: Any, pane: Any, shard_index: int, total_shards: int, compression: str, destination: str
    ) -> str:
        os.makedirs(os.path.join(root, destination), exist_ok=True)
        return f"{destination}/part-{shard_index:05d}-of-{total_shards:05d}{PARQUET_SUFFIX}"

    return name


class ToParquetRowFn(beam.DoFn):
    """story -> (dt partition, row); a story that cannot be converted becomes a dead letter."""

    DEAD = "dead_letters"

    def __init__(self) -> None:
        self.rows = Metrics.counter(NAMESPACE, "parquet_rows")
        self.failed = Metrics.counter(NAMESPACE, "parquet_rejected")

    def process(self, story: dict[str, Any]) -> Iterator[Any]:
        try:
            partition, row = partition_of(story), story_to_row(story)
        except (ValueError, TypeError, KeyError) as exc:
            self.failed.inc()
            yield beam.pvalue.TaggedOutput(
                self.DEAD,
                dead_letter(
                    "sink",
                    "parquet_row",
                    encode_value(story),
                    error=f"{type(exc).__name__}: {exc}",
                    key=str(story.get("story_id")) if story.get("story_id") is not None else None,
                ).to_dict(),
            )
        else:
            self.rows.inc()
            yield partition, row


class WriteStoriesToParquet(beam.PTransform):
    """Write every story into ``staging_dir`` as Hive-partitioned Parquet; returns dead letters.

    The files are moved into the dataset by the driver after the run (:mod:`pipeline.commit`).
    """

    def __init__(self, staging_dir: str) -> None:
        super().__init__()
        self.staging_dir = staging_dir

    def expand(self, stories: beam.PCollection) -> beam.PCollection:
        converted = stories | "ToRow" >> beam.ParDo(ToParquetRowFn()).with_outputs(
            ToParquetRowFn.DEAD, main="rows"
        )
        files_dir = os.path.join(self.staging_dir, "parquet")
        _ = converted.rows | "WriteFiles" >> fileio.WriteToFiles(
            path=files_dir,
            destination=lambda kv: kv[0],
            sink=lambda dest: _RowSink(),
            file_naming=partitioned_file_naming(files_dir),
            temp_directory=StaticValueProvider(str, os.path.join(self.staging_dir, "tmp")),
            shards=1,
        )
        return converted[ToParquetRowFn.DEAD]


class _RowSink(StoryParquetSink):
    """StoryParquetSink fed ``(partition, row)`` pairs."""

    def write(self, record: Any) -> None:
        super().write(record[1])


def encode_state_update(update: tuple[str, bytes | None]) -> bytes:
    """One state update as a JSON line: key and base64 value (null = delete)."""
    key, value = update
    return orjson.dumps({"key": key, "value": None if value is None else base64.b64encode(value).decode()})


def decode_state_update(line: bytes | str) -> tuple[str, bytes | None]:
    """Inverse of :func:`encode_state_update`."""
    data = orjson.loads(line)
    value = data["value"]
    return data["key"], None if value is None else base64.b64decode(value)


class StageStateUpdates(beam.PTransform):
    """Write state updates as JSONL files under ``staging_dir/state``; the driver publishes them."""

    def __init__(self, staging_dir: str) -> None:
        super().__init__()
        self.staging_dir = staging_dir

    def expand(self, updates: beam.PCollection) -> beam.pvalue.PDone:
        counter = Metrics.counter(NAMESPACE, "state_updates")

        def encode(update: tuple[str, bytes | None]) -> bytes:
            counter.inc()
            return encode_state_update(update)

        return (
            updates
            | "Encode" >> beam.Map(encode)
            | "WriteState"
            >> beam.io.WriteToText(
                os.path.join(self.staging_dir, "state", STATE_PREFIX),
                file_name_suffix=".jsonl",
                coder=beam.coders.BytesCoder(),
            )
        )
