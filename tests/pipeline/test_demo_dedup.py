"""Dedup against the demo feeds' ground truth (deploy/demo/expected.json): the feeds are parsed
by the connectors' parser, normalised and deduplicated by the core functions, and every story
group of expected.json must come out as exactly one story with the expected versions."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import orjson
import pytest

from connectors.config import load_config
from connectors.formats import parse_feed
from newswire import dedup
from newswire.records import NormalisedItem, normalise_item, parse_raw_item

DEMO = Path(__file__).resolve().parents[2] / "deploy" / "demo"


def feed_items(name: str, path: Path, fetched_at: str) -> list[tuple[NormalisedItem, str]]:
    feeds = {feed.name: feed for feed in load_config(DEMO / "feeds.toml").feeds}
    parsed = parse_feed(path.read_bytes(), feeds[name].source(), fetched_at=fetched_at)
    return [(normalise_item(parse_raw_item(orjson.dumps(r))), r["guid"]) for r in parsed.items]


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    if not (DEMO / "expected.json").is_file():
        pytest.skip("deploy/demo/expected.json not present")
    data: dict[str, Any] = orjson.loads((DEMO / "expected.json").read_bytes())
    return data


def test_demo_feeds_dedup_to_the_expected_stories(expected: dict[str, Any]) -> None:
    items = [
        pair
        for name, feed in expected["feeds"].items() if not feed.get("broken")
        for pair in feed_items(name, DEMO / feed["file"], "2026-06-04T12:00:00Z")
    ]
    assert len(items) == expected["counts"]["items_first_pass"]
    group_of = {guid: label["group"] for guid, label in expected["labels"].items()}
    index = dedup.DedupIndex()
    kinds: Counter[str] = Counter()
    groups_of_story: dict[str, set[str]] = defaultdict(set)
    for item, guid in sorted(items, key=lambda pair: dedup.order_key(pair[0])):
        decision = index.observe(item)
        kinds[decision.status if decision.status == "retraction" else decision.kind] += 1
        groups_of_story[decision.story_id].add(group_of[guid])
    counts = expected["counts"]
    assert all(len(groups) == 1 for groups in groups_of_story.values())  # no false merge
    assert len(groups_of_story) == counts["stories"]  # no group split over stories
    assert kinds == {"new": counts["originals"], "exact": counts["exact_duplicates"],
                     "near": counts["near_duplicates"], "version": counts["versions"],
                     "retraction": counts["withdrawn"]}
    copies = sum(1 for story in index.stories.values() if story.copy_list)
    assert copies == counts["near_duplicate_groups"]

    second = expected["second_pass"]
    restored = dedup.DedupIndex()
    restored.load(index.take_updates())
    result = dedup.deduplicate_batch(restored, [
        item for item, _ in feed_items(second["feed"], DEMO / second["file"], "2026-06-04T13:00:00Z")])
    assert [(d.kind, d.version, d.status) for _, d, _ in result.versions] == [("version", 2, "update")]
    assert [i.title for i, _, _ in result.versions] == [
        entry["title"] for entry in expected["second_pass_items"]]
