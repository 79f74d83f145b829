"""ClassifyTrade and ExtractKeyFields: add the ``trade`` label and the key ``fields`` to stories.

Thin wrappers over newswire.trade.classify.classify and newswire.trade.extract.extract_fields.
A story the core functions fail on becomes a dead letter (stage "classify" / "extract") with
the error, never silently dropped. :class:`ValidateStories` checks the finished records
against schemas/story.v1.json before they reach a sink.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import apache_beam as beam
import orjson
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from newswire.dlq import dead_letter
from newswire.records import schema_errors

NAMESPACE = "newswire"
DEAD_LETTERS = "dead_letters"


def _reject(stage: str, reason: str, story: dict[str, Any], error: str) -> pvalue.TaggedOutput:
    return pvalue.TaggedOutput(DEAD_LETTERS, dead_letter(
        stage, reason, orjson.dumps(story), error=error, key=story.get("story_id"),
        source=f"item {story.get('item_id')}").to_dict())


class _EnrichFn(beam.DoFn):
    """Adds ``story[part] = compute(story)``; failures become dead letters of ``stage``."""

    def __init__(self, stage: str, part: str) -> None:
        self.stage = stage
        self.part = part
        self.failed = Metrics.counter(NAMESPACE, f"{stage}_failed")
        self.compute: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def load(self) -> Callable[[dict[str, Any]], dict[str, Any]]:
        raise NotImplementedError

    def setup(self) -> None:
        self.compute = self.load()

    def process(self, story: dict[str, Any]) -> Iterator[Any]:
        assert self.compute is not None
        try:
            value = self.compute(story)
        except Exception as exc:  # the core function's failure becomes data, with its reason
            self.failed.inc()
            yield _reject(self.stage, "error", story, f"{type(exc).__name__}: {exc}")
        else:
            yield {**story, self.part: value}


class _ClassifyFn(_EnrichFn):
    def __init__(self) -> None:
        super().__init__("classify", "trade")
        self.trade = Metrics.counter(NAMESPACE, "trade")

    def load(self) -> Callable[[dict[str, Any]], dict[str, Any]]:
        from newswire.trade.classify import classify

        def compute(story: dict[str, Any]) -> dict[str, Any]:
            label = classify(story["title"], story["text"]).to_dict()
            if label["is_trade"]:
                self.trade.inc()
            return label

        return compute


class _ExtractFn(_EnrichFn):
    def __init__(self) -> None:
        super().__init__("extract", "fields")

    def load(self) -> Callable[[dict[str, Any]], dict[str, Any]]:
        from newswire.trade.extract import extract_fields

        def compute(story: dict[str, Any]) -> dict[str, Any]:
            agency = story["source"].get("agency")
            fields = extract_fields(story["title"], story["text"], story["published_at"], agency_hint=agency)
            result: dict[str, Any] = fields.to_dict()
            return result

        return compute


class ClassifyTrade(beam.PTransform):
    """Story dict -> story dict with ``trade``; tagged output ``dead_letters``."""

    def expand(self, stories: beam.PCollection) -> beam.pvalue.DoOutputsTuple:
        return stories | "Classify" >> beam.ParDo(_ClassifyFn()).with_outputs(DEAD_LETTERS, main="stories")


class ExtractKeyFields(beam.PTransform):
    """Story dict -> story dict with ``fields``; tagged output ``dead_letters``."""

    def expand(self, stories: beam.PCollection) -> beam.pvalue.DoOutputsTuple:
        return stories | "Extract" >> beam.ParDo(_ExtractFn()).with_outputs(DEAD_LETTERS, main="stories")


class _ValidateFn(beam.DoFn):
    def __init__(self) -> None:
        self.stories = Metrics.counter(NAMESPACE, "stories")
        self.invalid = Metrics.counter(NAMESPACE, "invalid")

    def process(self, story: dict[str, Any]) -> Iterator[Any]:
        problems = schema_errors("story", story)
        if problems:
            self.invalid.inc()
            yield _reject("validate", "schema", story, "; ".join(problems[:5]))
        else:
            self.stories.inc()
            yield story


class ValidateStories(beam.PTransform):
    """Finished story dicts that satisfy schemas/story.v1.json; others become dead letters."""

    def expand(self, stories: beam.PCollection) -> beam.pvalue.DoOutputsTuple:
        return stories | "Validate" >> beam.ParDo(_ValidateFn()).with_outputs(DEAD_LETTERS, main="stories")
