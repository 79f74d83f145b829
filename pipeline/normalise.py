"""NormaliseItems: raw-item dicts -> :class:`newswire.records.NormalisedItem`.

Plain text from HTML, NFC, whitespace, canonical URL, UTC times, wire prefixes stripped into a
version marker, fingerprints for dedup (see newswire/records.py). Items that cannot be
normalised (an unparseable time, nothing left after cleaning) become dead letters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import orjson
from apache_beam import coders, pvalue
from apache_beam.metrics import Metrics

from newswire.dlq import dead_letter
from newswire.records import NormalisedItem, RejectedInput, normalise_item

NAMESPACE = "newswire"
DEAD_LETTERS = "dead_letters"


class NormalisedItemCoder(coders.Coder):
    """Compact JSON coding of NormalisedItem (instead of pickling each element)."""

    def encode(self, value: NormalisedItem) -> bytes:
        return value.to_bytes()

    def decode(self, encoded: bytes) -> NormalisedItem:
        return NormalisedItem.from_bytes(encoded)

    def is_deterministic(self) -> bool:
        return True

    def to_type_hint(self) -> type:
        return NormalisedItem


coders.registry.register_coder(NormalisedItem, NormalisedItemCoder)


class _NormaliseFn(beam.DoFn):
    def __init__(self) -> None:
        self.invalid = Metrics.counter(NAMESPACE, "invalid")

    def process(self, element: tuple[dict[str, Any], str]) -> Iterator[Any]:
        record, origin = element
        try:
            yield normalise_item(record, origin)
        except RejectedInput as exc:
            self.invalid.inc()
            yield pvalue.TaggedOutput(DEAD_LETTERS, dead_letter(
                exc.stage, exc.reason, orjson.dumps(record), error=exc.detail,
                key=record.get("id"), source=origin).to_dict())


class NormaliseItems(beam.PTransform):
    """(raw-item dict, origin) -> NormalisedItem; tagged output ``dead_letters``."""

    def expand(self, items: beam.PCollection) -> beam.pvalue.DoOutputsTuple:
        return (
            items
            | "Normalise" >> beam.ParDo(_NormaliseFn())
            .with_output_types(NormalisedItem)
            .with_outputs(DEAD_LETTERS, main="items")
        )
