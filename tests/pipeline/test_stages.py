"""The processing stages on TestPipeline: parse, normalise, dedup (with state carried across
runs), enrich, and ProcessRawItems as a whole, with dead letters and counters."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

import apache_beam as beam
import orjson
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

import schemas
from newswire.dedup import CLOCK_KEY, STORY_PREFIX
from newswire.records import normalise_item, parse_raw_item, story_record
from newswire.trade.classify import classify
from newswire.trade.extract import extract_fields
from pipeline.dedup import STATE_UPDATES, DeduplicateStories
from pipeline.enrich import DEAD_LETTERS, EnrichStories, _EnrichFn
from pipeline.messages import RawMessage
from pipeline.normalise import NormaliseItems
from pipeline.parse import ParseRawItems
from pipeline.process import ProcessRawItems
from tests.pipeline import stories as s


def message(record: dict[str, Any] | bytes, n: int) -> RawMessage:
    value = record if isinstance(record, bytes) else s.encoded(record)
    key = None if isinstance(record, bytes) else str(record.get("id", "")).encode()
    return RawMessage(key=key, value=value, origin=f"news.raw/0/{n}", timestamp_ms=1_780_000_000_000 + n)


def first_run_records() -> list[dict[str, Any] | bytes]:
    tariff = s.raw_item("tariff", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS)
    return [
        tariff,
        s.raw_item("tariff", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS, source="wirewatch-world"),  # exact (item)
        s.raw_item("copy", s.COPY_TITLE, s.COPY_PARAGRAPHS, source="harbour", minutes=20),  # near copy
        s.raw_item("tariff-u1", "UPDATE 1-" + s.TARIFF_TITLE, s.UPDATE_PARAGRAPHS, minutes=60),  # version
        s.raw_item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley", minutes=5),
        s.raw_item("export", s.EXPORT_TITLE, s.EXPORT_PARAGRAPHS, minutes=30),
        b"{broken json",
        s.encoded({**tariff, "id": 7}),
        s.encoded({**s.raw_item("late", s.SAILING_TITLE, s.SAILING_PARAGRAPHS),
                   "fetched_at": "2026-13-45T00:00:00Z"}),  # not a date-time: schema error
    ]


def second_run_records() -> list[dict[str, Any] | bytes]:
    return [
        *first_run_records()[:6],  # everything again: all exact duplicates now
        s.raw_item("tariff-c", "CORRECTED-" + s.TARIFF_TITLE, s.CORRECTED_PARAGRAPHS, minutes=90),
        s.raw_item("kill", s.KILL_TITLE, s.KILL_PARAGRAPHS, minutes=120),
    ]


def write_jsonl(pcoll: beam.PCollection, path: Path, label: str) -> None:
    _ = (pcoll | f"Encode{label}" >> beam.Map(orjson.dumps)
         | f"Write{label}" >> beam.io.WriteToText(str(path / label), coder=beam.coders.BytesCoder()))


def read_jsonl(path: Path, label: str) -> list[Any]:
    return [orjson.loads(line) for name in sorted(glob.glob(str(path / f"{label}*")))
            for line in Path(name).read_bytes().splitlines()]


def run_process(records: list[dict[str, Any] | bytes], out: Path,
                prior: list[tuple[str, bytes]] | None = None) -> dict[str, int]:
    """Run ProcessRawItems; outputs land as JSONL under ``out``; returns the counters."""
    p = TestPipeline()
    raw = p | "Raw" >> beam.Create([message(r, n) for n, r in enumerate(records)])
    prior_state = p | "Prior" >> beam.Create(prior) if prior is not None else None
    outputs = raw | ProcessRawItems(prior_state=prior_state)
    write_jsonl(outputs["stories"], out, "stories")
    write_jsonl(outputs["dead_letters"], out, "dead_letters")
    write_jsonl(outputs["state_updates"] | beam.Map(lambda kv: [kv[0], kv[1].decode()]), out, "state")
    result = p.run()
    result.wait_until_finish()
    return {c.key.metric.name: c.committed for c in result.metrics().query()["counters"]
            if c.key.metric.namespace == "newswire"}


def test_parse_raw_items_routes_bad_input_to_dead_letters() -> None:
    records = first_run_records()
    good = [(r["id"], f"news.raw/0/{n}") for n, r in enumerate(records) if isinstance(r, dict)]
    with TestPipeline() as p:
        parsed = p | beam.Create([message(r, n) for n, r in enumerate(records)]) | ParseRawItems()
        assert_that(parsed.items | beam.Map(lambda e: (e[0]["id"], e[1])), equal_to(good), label="items")
        assert_that(
            parsed.dead_letters
            | beam.Map(lambda d: (d["stage"], d["reason"], d["source"], d["payload"][:9],
                                  schemas.errors(schemas.DEAD_LETTER, d))),
            equal_to([("parse", "bad_json", "news.raw/0/6", "{broken j", []),
                      ("validate", "missing_id", "news.raw/0/7", '{"schema"', []),
                      ("validate", "schema", "news.raw/0/8", '{"schema"', [])]),
            label="dead_letters")


def test_normalise_items_rejects_unusable_times() -> None:
    good = s.raw_item("tariff", "REFILE-" + s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS)
    bad = {**s.raw_item("late", s.SAILING_TITLE, s.SAILING_PARAGRAPHS), "fetched_at": "2026-13-45T00:00:00Z"}
    with TestPipeline() as p:
        normalised = p | beam.Create([(good, "a"), (bad, "b")]) | NormaliseItems()
        assert_that(normalised.items | beam.Map(lambda i: (i.title, i.version_marker, i.origin)),
                    equal_to([(s.TARIFF_TITLE, "REFILE", "a")]), label="items")
        assert_that(normalised.dead_letters
                    | beam.Map(lambda d: (d["stage"], d["reason"], d["key"], d["source"])),
                    equal_to([("normalise", "bad_time", bad["id"], "b")]), label="dead_letters")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("first")
    return out, run_process(first_run_records(), out)


def test_stories_are_schema_valid_deduplicated_and_enriched(first_run: tuple[Path, dict[str, int]]) -> None:
    out, _ = first_run
    stories = read_jsonl(out, "stories")
    for story in stories:
        assert schemas.errors(schemas.STORY, story) == []
    by_title = {(st["title"], st["version"]): st for st in stories}
    assert sorted(by_title) == sorted([(s.TARIFF_TITLE, 1), (s.TARIFF_TITLE, 2), (s.SAILING_TITLE, 1),
                                       (s.EXPORT_TITLE, 1)])
    v1, v2 = by_title[(s.TARIFF_TITLE, 1)], by_title[(s.TARIFF_TITLE, 2)]
    assert v1["story_id"] == v2["story_id"] == v1["item_id"]
    assert (v2["status"], v2["version_marker"]) == ("update", "UPDATE 1")
    assert [d["publisher"] for d in v1["duplicates"]] == ["Harbour Daily"]
    assert v1["trade"]["is_trade"] and "tariffs" in v1["trade"]["subtopics"]
    assert not by_title[(s.SAILING_TITLE, 1)]["trade"]["is_trade"]
    assert by_title[(s.EXPORT_TITLE, 1)]["trade"]["is_trade"]
    assert "JP" in {c["code"] for c in v1["fields"]["countries"]}


def test_dead_letters_and_counters(first_run: tuple[Path, dict[str, int]]) -> None:
    out, counters = first_run
    dead = read_jsonl(out, "dead_letters")
    assert sorted((d["stage"], d["reason"]) for d in dead) == [
        ("parse", "bad_json"), ("validate", "missing_id"), ("validate", "schema")]
    assert all(schemas.errors(schemas.DEAD_LETTER, d) == [] for d in dead)
    assert {k: counters.get(k, 0) for k in ("read", "invalid", "exact_duplicates", "near_duplicates",
                                            "versions", "retractions", "trade", "stories")} == {
        "read": 9, "invalid": 3, "exact_duplicates": 1, "near_duplicates": 1, "versions": 1,
        "retractions": 0, "trade": 3, "stories": 4}


def test_a_rerun_gives_identical_records(first_run: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    out, _ = first_run
    run_process(list(reversed(first_run_records())), tmp_path)
    for label in ("stories", "state"):
        assert sorted(map(orjson.dumps, read_jsonl(tmp_path, label))) == sorted(
            map(orjson.dumps, read_jsonl(out, label)))


def test_state_from_a_first_run_carries_into_the_second(first_run: tuple[Path, dict[str, int]],
                                                        tmp_path: Path) -> None:
    out, _ = first_run
    state = [(key, value.encode()) for key, value in read_jsonl(out, "state")]
    assert CLOCK_KEY in dict(state) and sum(k.startswith(STORY_PREFIX) for k, _ in state) == 3
    counters = run_process(second_run_records(), tmp_path, prior=state)
    stories = read_jsonl(tmp_path, "stories")
    assert sorted((st["title"], st["version"], st["status"]) for st in stories) == [
        (s.TARIFF_TITLE, 3, "correction"),
        (s.KILL_TITLE.removeprefix("KILL - "), 4, "retraction"),
    ]
    assert len({st["story_id"] for st in stories}) == 1
    assert counters["exact_duplicates"] == 6 and counters["stories"] == 2
    assert counters["state_restored"] == 3 and counters["retractions"] == 1
    assert all(st["duplicates"] for st in stories)  # the copy seen in the first run is still listed


def test_stories_not_seen_for_the_ttl_expire_by_event_time_timer(tmp_path: Path) -> None:
    old = s.raw_item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley")
    new = s.raw_item("export", s.EXPORT_TITLE, s.EXPORT_PARAGRAPHS, minutes=8 * 24 * 60)
    p = TestPipeline()
    items = p | beam.Create([(old, "a"), (new, "b")]) | NormaliseItems()
    deduped = items.items | DeduplicateStories(ttl_days=7)
    write_jsonl(deduped[STATE_UPDATES] | beam.Map(lambda kv: [kv[0], kv[1].decode()]), tmp_path, "state")
    write_jsonl(deduped["stories"] | beam.Map(lambda st: st["story_id"]), tmp_path, "stories")
    result = p.run()
    result.wait_until_finish()
    counters = {c.key.metric.name: c.committed for c in result.metrics().query()["counters"]}
    state = read_jsonl(tmp_path, "state")
    assert sorted(read_jsonl(tmp_path, "stories")) == sorted([old["id"], new["id"]])
    assert [STORY_PREFIX + old["id"], ""] in state  # the deletion of the expired story
    assert len([k for k, _ in state if k == STORY_PREFIX + old["id"]]) == 1  # and no value for it
    assert counters["state_expired"] == 1


def test_the_expired_counter_reads_0_when_nothing_was_due() -> None:
    first = s.raw_item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley")
    second = s.raw_item("export", s.EXPORT_TITLE, s.EXPORT_PARAGRAPHS, minutes=60)
    p = TestPipeline()
    items = p | beam.Create([(first, "a"), (second, "b")]) | NormaliseItems()
    _ = items.items | DeduplicateStories(ttl_days=7)
    result = p.run()
    result.wait_until_finish()
    counters = {c.key.metric.name: c.committed for c in result.metrics().query()["counters"]}
    assert counters["state_expired"] == 0


class _FailingOnSailing(_EnrichFn):
    """An enrich step whose core function raises on one story (stands in for a bug)."""

    def __init__(self) -> None:
        super().__init__("extract", "fields")

    def load(self) -> Any:
        def compute(story: dict[str, Any]) -> dict[str, Any]:
            if "regatta" in story["title"]:
                raise ValueError("no fields for boats")
            return {"ok": True}

        return compute


def test_an_enrich_failure_becomes_a_dead_letter_and_the_rest_of_its_batch_goes_on() -> None:
    stories = [{"story_id": "a", "item_id": "a", "title": "Local crew wins regatta", "text": ""},
               {"story_id": "b", "item_id": "b", "title": "Steel duty raised", "text": ""},
               {"story_id": "c", "item_id": "c", "title": "Port tariffs cut", "text": ""}]
    with TestPipeline() as p:
        out = p | beam.Create([stories]) | beam.ParDo(_FailingOnSailing()).with_outputs(
            DEAD_LETTERS, main="stories")
        assert_that(out.stories | beam.Map(lambda batch: [(st["story_id"], st["fields"]) for st in batch]),
                    equal_to([[("b", {"ok": True}), ("c", {"ok": True})]]), label="stories")
        assert_that(out[DEAD_LETTERS] | beam.Map(lambda d: (d["stage"], d["reason"], d["key"], d["error"],
                                                           schemas.errors(schemas.DEAD_LETTER, d))),
                    equal_to([("extract", "error", "a", "ValueError: no fields for boats", [])]),
                    label="dead_letters")


def test_enrich_stories_in_batches_gives_each_story_once_as_the_core_functions_do() -> None:
    raw = [r for r in first_run_records() if isinstance(r, dict) and isinstance(r.get("id"), str)][:6]
    stories = [story_record(normalise_item(parse_raw_item(s.encoded(r)), f"n{n}"), f"story-{n}", 1, "new", [])
               for n, r in enumerate(raw)]
    expected = [(st["story_id"], classify(st["title"], st["text"]).to_dict(),
                 extract_fields(st["title"], st["text"], st["published_at"],
                                agency_hint=st["source"].get("agency")).to_dict()) for st in stories]
    with TestPipeline() as p:
        out = p | beam.Create(stories) | EnrichStories(batch_size=4)  # 6 stories: a full and a partial batch
        assert_that(out["stories"] | beam.Map(lambda st: (st["story_id"], st["trade"], st["fields"])),
                    equal_to(expected), label="stories")
        assert_that(out[DEAD_LETTERS], equal_to([]), label="dead_letters")
