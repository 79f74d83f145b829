"""Parsing and validating raw items, normalising them, building story records."""

from __future__ import annotations

import copy

import orjson
import pytest

import schemas
from newswire.records import (
    NormalisedItem,
    RejectedInput,
    normalise_item,
    parse_raw_item,
    schema_errors,
    story_record,
)
from tests.pipeline.stories import (
    KILL_PARAGRAPHS,
    KILL_TITLE,
    TARIFF_PARAGRAPHS,
    TARIFF_TITLE,
    encoded,
    raw_item,
)


def tariff() -> dict:
    return raw_item("tariff", TARIFF_TITLE, TARIFF_PARAGRAPHS)


def test_parse_accepts_a_valid_item() -> None:
    assert parse_raw_item(encoded(tariff())) == tariff()


@pytest.mark.parametrize(
    ("value", "stage", "reason"),
    [
        (b"{not json", "parse", "bad_json"),
        (b"\xff\xfe", "parse", "bad_json"),
        (b"[1, 2]", "validate", "not_an_object"),
        (encoded({k: v for k, v in tariff().items() if k != "id"}), "validate", "missing_id"),
        (encoded({**tariff(), "id": ""}), "validate", "missing_id"),
        (encoded({**tariff(), "title": 42}), "validate", "schema"),
        (encoded({**tariff(), "published_at": "last Tuesday"}), "validate", "schema"),
        (encoded({**tariff(), "extra": 1}), "validate", "schema"),
    ],
)
def test_parse_rejects_with_stage_and_reason(value: bytes, stage: str, reason: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        parse_raw_item(value)
    assert (caught.value.stage, caught.value.reason) == (stage, reason)
    assert caught.value.detail


def _mutations() -> list[dict]:
    base = tariff()
    cases = []
    for key in ("id", "title", "authors", "source", "schema_version", "language"):
        for bad in (None, 3, "x", [], {}):
            record = copy.deepcopy(base)
            record[key] = bad
            cases.append(record)
    record = copy.deepcopy(base)
    record["source"]["format"] = None
    cases.append(record)
    record = copy.deepcopy(base)
    record["authors"] = ["ok", 5]
    cases.append(record)
    return cases


@pytest.mark.parametrize("record", _mutations())
def test_fast_validator_agrees_with_jsonschema(record: dict) -> None:
    assert bool(schema_errors(schemas.RAW_ITEM, record)) == bool(schemas.errors(schemas.RAW_ITEM, record))


def test_normalise_cleans_text_title_url_and_times() -> None:
    record = raw_item(
        "tariff", "UPDATE 1-" + TARIFF_TITLE, TARIFF_PARAGRAPHS,
        url="HTTPS://Wirewatch.Example/news/tariff?utm_source=rss",
        published_at="2026-05-04T08:00:00+02:00", language="en-GB",
    )
    item = normalise_item(record, "news.raw/0/7")
    assert item.title == TARIFF_TITLE
    assert (item.version_marker, item.marker_kind) == ("UPDATE 1", "update")
    assert item.text == "\n\n".join(TARIFF_PARAGRAPHS)
    assert item.url == "https://wirewatch.example/news/tariff"
    assert item.published_at == "2026-05-04T06:00:00Z"
    assert item.language == "en"
    assert item.publisher_key == "wirewatch"
    assert item.origin == "news.raw/0/7"
    assert item.signature and item.word_count > 100


def test_event_time_falls_back_to_fetch_time() -> None:
    future = normalise_item(raw_item("t", TARIFF_TITLE, TARIFF_PARAGRAPHS,
                                     published_at="2030-01-01T00:00:00Z"))
    assert future.event_ms == future.seen_ms
    undated = normalise_item(raw_item("t", TARIFF_TITLE, TARIFF_PARAGRAPHS, published_at=None))
    assert undated.event_ms == undated.seen_ms
    dated = normalise_item(raw_item("t", TARIFF_TITLE, TARIFF_PARAGRAPHS))
    assert dated.event_ms == dated.seen_ms - 60_000


def test_normalise_marks_kill_notices_and_the_story_they_name() -> None:
    item = normalise_item(raw_item("kill", KILL_TITLE, KILL_PARAGRAPHS))
    assert item.marker_kind == "kill"
    assert item.kill_ref == normalise_item(tariff()).title_key


def test_normalise_rejects_bad_times_and_empty_items() -> None:
    with pytest.raises(RejectedInput) as caught:
        normalise_item({**tariff(), "fetched_at": "soon"})
    assert (caught.value.stage, caught.value.reason) == ("normalise", "bad_time")
    with pytest.raises(RejectedInput) as caught:
        normalise_item({**tariff(), "title": "<b></b>", "summary": None, "content": "<script>x</script>"})
    assert caught.value.reason == "empty"


def test_normalised_item_bytes_round_trip() -> None:
    item = normalise_item(tariff(), "file:1")
    assert NormalisedItem.from_bytes(item.to_bytes()) == item


def test_story_record_is_schema_valid_once_enriched_and_deterministic() -> None:
    item = normalise_item(tariff())
    story = story_record(item, item.item_id, 1, "new", [])
    assert story == story_record(normalise_item(tariff()), item.item_id, 1, "new", [])
    assert story["processed_at"] == item.fetched_at
    enriched = {
        **story,
        "trade": {"is_trade": True, "score": 0.9, "subtopics": ["tariffs"], "evidence": ["tariff"]},
        "fields": {"countries": [], "people": [], "organisations": [], "tariff_rates": [], "money": [],
                   "products": [], "actions": [], "events": [], "dateline": None, "agency": None,
                   "bylines": [], "editors": []},
    }
    assert schemas.errors(schemas.STORY, enriched) == []
    assert schema_errors(schemas.STORY, enriched) == []
    orjson.dumps(enriched)  # JSON-ready
