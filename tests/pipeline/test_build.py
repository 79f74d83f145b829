"""The builder on TestPipeline with in-memory I/O: routing of stories, trade stories and dead letters."""

from __future__ import annotations

from pathlib import Path

import apache_beam as beam
import orjson
import pyarrow.dataset as ds
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from newswire.fingerprint import NEAR_DUPLICATE_MAX_DISTANCE
from pipeline.build import Sinks, Sources, build_pipeline, is_trade_story
from pipeline.messages import RawMessage
from pipeline.options import NewswireOptions, resolve
from pipeline.sinks import WriteStoriesToParquet
from tests.pipeline.fixtures import local_test_pipeline, raw_item, stand_in_factory, story_from_raw


class CollectInto(beam.PTransform):
    """A test sink: the elements it receives, checked with assert_that."""

    def __init__(self, expected: list, label: str) -> None:
        super().__init__()
        self.expected, self.label = expected, label

    def expand(self, pcoll: beam.PCollection) -> beam.pvalue.PDone:
        assert_that(pcoll, equal_to(self.expected), label=self.label)
        return beam.pvalue.PDone(pcoll.pipeline)


def _messages(items: list[dict]) -> list[RawMessage]:
    return [RawMessage(i["id"].encode(), orjson.dumps(i), f"mem/0/{n}") for n, i in enumerate(items)]


def test_is_trade_story() -> None:
    assert is_trade_story(story_from_raw(raw_item(1, trade=True)))
    assert not is_trade_story(story_from_raw(raw_item(1, trade=False)))
    assert not is_trade_story({"trade": None})


def test_build_routes_trade_stories_dead_letters_and_state(tmp_path: Path) -> None:
    items = [raw_item(n, trade=n % 4 == 0) for n in range(12)]
    messages = [*_messages(items), RawMessage(b"x", b"\xff not json", "mem/0/99")]
    settings = resolve(NewswireOptions([], source="jsonl", input_path="unused", parquet_path=str(tmp_path)))
    trade_ids = sorted(story_from_raw(i)["story_id"] for i in items if story_from_raw(i)["trade"]["is_trade"])
    assert len(trade_ids) == 3

    with local_test_pipeline() as p:
        sinks = Sinks(
            trade=beam.Map(lambda s: s["story_id"]) | CollectInto(trade_ids, "trade"),
            dlq=beam.Map(lambda d: (d["stage"], d["reason"], d["source"]))
            | CollectInto([("parse", "bad_json", "mem/0/99")], "dlq"),
            parquet=WriteStoriesToParquet(str(tmp_path)),
            state=beam.Map(lambda kv: kv[0]) | CollectInto([i["id"] for i in items], "state"),
        )
        outputs = build_pipeline(p, Sources(raw=beam.Create(messages)), sinks, settings, stand_in_factory)
        assert_that(
            outputs["stories"] | beam.Map(lambda s: s["item_id"]),
            equal_to([i["id"] for i in items]),
            label="stories",
        )

    table = ds.dataset(str(tmp_path / "parquet"), format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("item_id").to_pylist()) == sorted(i["id"] for i in items)


def test_build_passes_prior_state_to_the_stages(tmp_path: Path) -> None:
    items = [raw_item(n, trade=True) for n in range(4)]
    settings = resolve(NewswireOptions([], source="jsonl", input_path="unused", parquet_path=str(tmp_path)))
    with local_test_pipeline() as p:
        sources = Sources(
            raw=beam.Create(_messages(items)),
            state=beam.Create([(items[0]["id"], b"r"), (items[2]["id"], b"r")]),
        )
        outputs = build_pipeline(p, sources, Sinks(), settings, stand_in_factory)
        assert_that(
            outputs["stories"] | beam.Map(lambda s: s["item_id"]), equal_to([items[1]["id"], items[3]["id"]])
        )


def test_options_resolve_topics_outputs_and_defaults() -> None:
    settings = resolve(
        NewswireOptions(["--topic_prefix=x.", "--trade_topic=custom.trade", "--runner=FnApiRunner"])
    )
    assert (settings.topics.raw, settings.topics.trade, settings.topics.pipeline_state) == (
        "x.news.raw",
        "custom.trade",
        "x.newswire.pipeline-state",
    )
    assert settings.outputs == {"trade", "dlq", "parquet", "state"}
    assert settings.mode == "drain" and settings.ttl_days == 7.0
    assert settings.near_dup_max_distance == NEAR_DUPLICATE_MAX_DISTANCE == 19
    offline = resolve(PipelineOptions(["--source=jsonl", "--input_path=a.jsonl"]))
    assert offline.outputs == {"parquet"}
    assert resolve(PipelineOptions(["--outputs=none"])).outputs == frozenset()
