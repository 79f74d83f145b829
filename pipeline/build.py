"""Assemble the pipeline from injected I/O: source -> ProcessRawItems -> sinks.

Sources and sinks are passed in, so the same graph runs on TestPipeline with in-memory input
(tests), on a JSONL file (offline runs, benchmark) and on Kafka (``newswire run``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import apache_beam as beam

from pipeline.options import RunSettings

NAMESPACE = "newswire"

ProcessFactory = Callable[[Any, RunSettings], beam.PTransform]


@dataclass(frozen=True)
class Sources:
    """``raw`` yields RawMessage; ``state`` (optional) yields the prior ``(key, bytes)`` state."""

    raw: beam.PTransform
    state: beam.PTransform | None = None


@dataclass(frozen=True)
class Sinks:
    """Each sink is optional. ``parquet`` returns a PCollection of dead letters of its own."""

    trade: beam.PTransform | None = None
    dlq: beam.PTransform | None = None
    parquet: beam.PTransform | None = None
    state: beam.PTransform | None = None


def default_process(prior_state: Any, settings: RunSettings) -> beam.PTransform:
    """The product's processing stages (pipeline.process)."""
    from pipeline.process import ProcessRawItems

    return ProcessRawItems(
        prior_state=prior_state,
        ttl_days=settings.ttl_days,
        near_dup_max_distance=settings.near_dup_max_distance,
    )


def is_trade_story(story: dict[str, Any]) -> bool:
    """True when the classifier labelled the story as trade."""
    return bool((story.get("trade") or {}).get("is_trade"))


class KeepTradeStories(beam.PTransform):
    """The stories labelled trade (the classifier counts them; the trade sink counts what it wrote)."""

    def expand(self, stories: beam.PCollection) -> beam.PCollection:
        return stories | "IsTrade" >> beam.Filter(is_trade_story)


def story_key(story: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return story["story_id"], story


def by_version(grouped: tuple[str, Iterable[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One story's versions of this run, oldest first."""
    return sorted(grouped[1], key=lambda story: story["version"])


class InVersionOrder(beam.PTransform):
    """Each story's versions together and oldest first, so that a topic keyed by story_id gets
    them in order (compaction keeps the last record of a key). The stages before run item by
    item, in any order, possibly on several workers."""

    def expand(self, stories: beam.PCollection) -> beam.PCollection:
        return (
            stories
            | "ByStory" >> beam.Map(story_key)
            | "GroupVersions" >> beam.GroupByKey()
            | "OldestFirst" >> beam.FlatMap(by_version)
        )


def build_pipeline(
    p: beam.Pipeline,
    sources: Sources,
    sinks: Sinks,
    settings: RunSettings,
    process: ProcessFactory = default_process,
) -> dict[str, beam.PCollection]:
    """Wire the graph; returns the stories, trade stories, all dead letters and state updates."""
    raw = p | "ReadRaw" >> sources.raw
    prior = p | "ReadPriorState" >> sources.state if sources.state is not None else None
    outputs = raw | "Process" >> process(prior, settings)
    stories = outputs["stories"]
    trade = stories | "KeepTrade" >> KeepTradeStories()

    dead_letters = [outputs["dead_letters"]]
    if sinks.parquet is not None:
        dead_letters.append(stories | "WriteParquet" >> sinks.parquet)
    all_dead = (
        dead_letters[0]
        if len(dead_letters) == 1
        else tuple(dead_letters) | "AllDeadLetters" >> beam.Flatten()
    )

    if sinks.trade is not None:
        # unbounded (streaming): versions leave the single dedup key in order and the stages
        # after it are per element; a GroupByKey in the global window would never fire
        ordered = trade | "InVersionOrder" >> InVersionOrder() if trade.is_bounded else trade
        _ = ordered | "WriteTrade" >> sinks.trade
    if sinks.dlq is not None:
        _ = all_dead | "WriteDeadLetters" >> sinks.dlq
    if sinks.state is not None:
        _ = outputs["state_updates"] | "StageState" >> sinks.state
    return {
        "stories": stories,
        "trade": trade,
        "dead_letters": all_dead,
        "state_updates": outputs["state_updates"],
    }
