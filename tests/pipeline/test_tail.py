"""newswire tail: readable blocks and JSON lines, from the real broker."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import orjson
import pytest

from newswire.dlq import dead_letter
from newswire.kafka import encode_value, make_producer
from newswire.topics import TopicNames
from pipeline.tail import event_date, format_record, format_story
from tests.pipeline.fixtures import raw_item, story_from_raw


def test_story_block_shows_the_key_fields() -> None:
    story = story_from_raw(raw_item(3, trade=True))
    story["duplicates"] = [{"item_id": "x", "url": None, "publisher": "Fjord Daily", "distance": 2}]
    text = "\n".join(format_story(story))
    assert story["title"] in text
    assert f"story {story['story_id']} v1 (new)" in text
    assert "countries: Norway (NO: actor)" in text
    assert "products: steel (HS 72)" in text
    assert "events: 2026-03-06 talks on Friday" in text
    assert "dateline OSLO" in text
    assert "also published by: Fjord Daily (distance 2)" in text


def test_dead_letter_and_unknown_values_are_printed_too() -> None:
    letter = dead_letter("parse", "bad_json", b"{x", error="Expecting value", key="k", source="news.raw/0/3")
    block = format_record(letter.to_dict(), "news.dlq[0]@0")
    assert "stage parse, reason bad_json" in block and "source news.raw/0/3" in block
    assert "plain text" in format_record("plain text", "t[0]@1")


@pytest.mark.kafka
def test_tail_prints_stories_from_the_topic(kafka_bootstrap: str, topics: TopicNames) -> None:
    stories = [story_from_raw(raw_item(n, trade=True)) for n in range(3)]
    producer = make_producer(kafka_bootstrap)
    for story in stories:
        producer.send(topics.trade, key=story["story_id"].encode(), value=encode_value(story))
    producer.flush()
    producer.close()

    base = [
        sys.executable,
        "-m",
        "newswire.cli",
        "tail",
        "--topic",
        topics.trade,
        "--bootstrap",
        kafka_bootstrap,
        "--from-beginning",
        "--timeout",
        "10",
    ]
    as_json = subprocess.run([*base, "--json", "--max", "3"], capture_output=True, text=True, timeout=60)
    assert as_json.returncode == 0, as_json.stderr
    printed = [orjson.loads(line) for line in as_json.stdout.splitlines()]
    assert sorted(s["story_id"] for s in printed) == sorted(s["story_id"] for s in stories)

    readable = subprocess.run([*base, "--max", "2"], capture_output=True, text=True, timeout=60)
    assert readable.returncode == 0, readable.stderr
    assert readable.stdout.count(f"── {topics.trade}[") == 2
    assert sum(s["title"] in readable.stdout for s in stories) == 2


def test_event_dates_are_shown_as_precise_as_they_are_known() -> None:
    shown = [event_date({"date": when, "precision": precision}) for when, precision in [
        ("2026-06-10", "day"), ("2026-06-08", "week"), ("2026-06-01", "month"), ("2027-01-01", "year"),
        (None, "day"), ("2026-06-10", None), (date(2026, 6, 1), "month"),
    ]]
    assert shown == ["2026-06-10", "week of 2026-06-08", "2026-06", "2027", "?", "2026-06-10", "2026-06"]
