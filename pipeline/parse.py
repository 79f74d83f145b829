"""ParseRawItems: ``news.raw`` bytes -> raw-item dicts valid per schemas/raw_item.v1.json.

Bad JSON, a value that is not an object, a schema violation (wrong type, missing id...) become
dead letters (stage "parse" or "validate") carrying the original bytes, key and origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from newswire.dlq import dead_letter
from newswire.records import RejectedInput, parse_raw_item
from pipeline.messages import RawMessage

NAMESPACE = "newswire"
DEAD_LETTERS = "dead_letters"


def _key_text(key: bytes | None) -> str | None:
    return key.decode("utf-8", "replace") if key is not None else None


class _ParseFn(beam.DoFn):
    def __init__(self) -> None:
        self.read = Metrics.counter(NAMESPACE, "read")
        self.invalid = Metrics.counter(NAMESPACE, "invalid")

    def process(self, message: RawMessage) -> Iterator[Any]:
        self.read.inc()
        try:
            yield parse_raw_item(message.value), message.origin
        except RejectedInput as exc:
            self.invalid.inc()
            yield pvalue.TaggedOutput(DEAD_LETTERS, dead_letter(
                exc.stage, exc.reason, message.value, error=exc.detail,
                key=_key_text(message.key), source=message.origin).to_dict())


class ParseRawItems(beam.PTransform):
    """RawMessage -> (raw-item dict, origin); tagged output ``dead_letters`` for rejects."""

    def expand(self, messages: beam.PCollection) -> beam.pvalue.DoOutputsTuple:
        return messages | "Parse" >> beam.ParDo(_ParseFn()).with_outputs(DEAD_LETTERS, main="items")
