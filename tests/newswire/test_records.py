"""Parsing and validating raw items, normalising them, building story records."""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson
import pytest

import schemas
from newswire.records import (
    NormalisedItem,
    RejectedInput,
    _checker,
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
        (encoded({**tariff(), "published_at": "0001-01-01T00:00:00+01:00"}), "validate", "schema"),
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


_ODD_VALUES: list[Any] = [
    None, 0, -1, 1.5, True, "", "x", "US", "us", "2026-05-04", "2026-02-30", "2026-05-04T10:00:00Z",
    "2026-13-01T00:00:00Z", "soon", [], {}, ["x"], [1], {"a": 1},
]


def _enriched_story() -> dict[str, Any]:
    item = normalise_item(tariff())
    copies = [{"item_id": "c1", "url": None, "publisher": "Harbour", "distance": 4}]
    return {
        **story_record(item, item.item_id, 2, "update", copies),
        "trade": {"is_trade": True, "score": 0.9, "subtopics": ["tariffs"], "evidence": ["tariff"]},
        "fields": {"countries": [{"code": "JP", "name": "Japan", "roles": ["party"], "mentions": 2}],
                   "people": [{"name": "Kaito Morimoto", "title": "minister", "affiliation": None,
                               "country": "JP", "mentions": 1}],
                   "organisations": [{"name": "Cabinet Office", "kind": None, "country": "JP"}],
                   "tariff_rates": [{"rate": 25.0, "from_rate": None, "text": "25% levy"}],
                   "money": [{"amount": 1e9, "currency": "USD", "text": "$1 billion"}],
                   "products": [{"name": "autos", "hs_chapter": 87}], "actions": ["talks"],
                   "events": [{"text": "fifth round", "date": "2026-05-11", "kind": "talks",
                               "precision": "week"}],
                   "dateline": "TOKYO", "agency": "Wirewatch", "bylines": ["Emi Tanabe"], "editors": []},
    }


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


def _mutated(record: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """A copy with one to three keys dropped, added or given an odd value, anywhere in the tree."""
    record = copy.deepcopy(record)
    for _ in range(rnd.randint(1, 3)):
        *parents, last = rnd.choice(_paths(record))
        parent = record
        for key in parents:
            parent = parent[key]
        roll = rnd.random()
        if roll < 0.3 and isinstance(parent, dict):
            del parent[last]
        elif roll < 0.4 and isinstance(parent, dict):
            parent[rnd.choice(["extra", "mentions", "kind", "tags"])] = rnd.choice(_ODD_VALUES)
        else:
            parent[last] = rnd.choice(_ODD_VALUES)
    return record


@pytest.mark.parametrize(("name", "make"), [(schemas.RAW_ITEM, tariff), (schemas.STORY, _enriched_story)])
def test_fast_validity_check_agrees_with_the_full_error_listing(name: str, make: Any) -> None:
    # schema_errors answers valid records from a yes/no check and lists errors only after a "no":
    # the two must agree on every record, or errors would be hidden (or a valid record rejected)
    checker = _checker(name)
    assert checker is not None
    valid, explain = checker
    rnd = random.Random(20260526)
    base = make()
    assert valid(base) and schema_errors(name, base) == []
    records = [_mutated(base, rnd) for _ in range(400)]
    verdicts = [valid(record) for record in records]
    for record, verdict in zip(records, verdicts, strict=True):
        listed = list(explain(record, "<root>"))
        assert verdict == (not listed), (record, listed)
        assert schema_errors(name, record) == listed
    assert 50 < verdicts.count(False) < 400  # the mutations do break records, and not all of them


def test_fast_validator_checks_formats_patterns_enums_and_minimums() -> None:
    story = _enriched_story()
    cases = {
        ("published_at",): "2026-05-04",
        ("processed_at",): "2026-02-30T00:00:00Z",
        ("version",): 0,
        ("status",): "draft",
        ("schema_version",): 2,
        ("story_id",): "",
        ("fields", "countries", 0, "code"): "jp",
        ("fields", "events", 0, "date"): "2026-02-30",
        ("fields", "people", 0, "mentions"): True,
        ("trade", "subtopics", 0): "tarifs",
        ("duplicates", 0, "distance"): -1,
    }
    for path, value in cases.items():
        record = copy.deepcopy(story)
        parent: Any = record
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value
        assert schema_errors(schemas.STORY, record), path


def test_const_one_is_not_json_true() -> None:
    story = _enriched_story()
    assert not schema_errors(schemas.STORY, story)
    story["schema_version"] = True
    assert schema_errors(schemas.STORY, story) == ["schema_version: 1 was expected"]


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
