"""The benchmark story generator: schema-valid, deterministic, the promised mix of items."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from types import ModuleType

import orjson
import pytest

import schemas

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_stories.py"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_stories", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def items(gen: ModuleType) -> list[tuple[dict, dict]]:
    return list(gen.generate(4000, seed=11))


def test_every_item_is_schema_valid(items: list[tuple[dict, dict]]) -> None:
    for record, _ in items[:600]:
        assert schemas.errors("raw_item", record) == []


def test_same_seed_same_items_other_seed_other_items(gen: ModuleType) -> None:
    first = [orjson.dumps(r) for r, _ in gen.generate(200, seed=3)]
    again = [orjson.dumps(r) for r, _ in gen.generate(200, seed=3)]
    other = [orjson.dumps(r) for r, _ in gen.generate(200, seed=4)]
    assert first == again
    assert first != other


def test_proportions_roughly_as_documented(items: list[tuple[dict, dict]]) -> None:
    kinds = Counter(truth["kind"] for _, truth in items)
    share = {kind: n / len(items) for kind, n in kinds.items()}
    trade = sum(truth["trade"] for _, truth in items) / len(items)
    assert 0.11 <= trade <= 0.19
    assert 0.03 <= share["exact_duplicate"] <= 0.07
    assert 0.03 <= share["near_duplicate"] <= 0.07
    assert 0.015 <= share["update"] <= 0.045


def test_duplicates_copies_and_updates_point_at_an_earlier_original(items: list[tuple[dict, dict]]) -> None:
    originals: dict[str, dict] = {}
    for record, truth in items:
        if truth["kind"] == "original":
            assert truth["group"] == record["id"]
            originals[record["id"]] = record
            continue
        source = originals[truth["group"]]
        if truth["kind"] == "exact_duplicate":
            assert record["id"] == source["id"]
            assert (record["title"], record["content"]) == (source["title"], source["content"])
            assert record["source"]["name"] != source["source"]["name"]
        elif truth["kind"] == "near_duplicate":
            assert record["id"] != source["id"]
            words = re.findall(r"\w+", re.sub(r"<[^>]+>", " ", record["content"]))
            assert words != re.findall(r"\w+", re.sub(r"<[^>]+>", " ", source["content"]))
            assert record["source"]["publisher"] != source["source"]["publisher"]
        else:
            assert record["title"] == f"UPDATE {truth['version'] - 1}-{source['title']}"
            assert record["published_at"] > source["published_at"]


def test_bodies_are_reuters_sized_feed_html_with_dateline_and_byline(items: list[tuple[dict, dict]]) -> None:
    from newswire.text import html_to_text

    texts = [html_to_text(record["content"]) for record, _ in items]
    sizes = sorted(len(text) for text in texts)
    assert 2000 <= sizes[len(sizes) // 2] <= 4000
    assert sizes[-1] <= 5000
    for text in texts[:200]:
        assert re.match(r"[A-Z .]+, [A-Z][a-z]+ \d{1,2} \([A-Za-z ]+\) --? ", text)
        assert "(Reporting by " in text
    contents = [record["content"] for record, _ in items]
    assert all(content.startswith("<p") for content in contents)
    for markup in ("<img ", "<a href=", "<strong>", "&#8220;", '<p dir="ltr">'):  # as real feeds have
        assert 0.05 < sum(markup in content for content in contents) / len(contents) < 1


def test_publication_times_are_aware_and_span_three_days(items: list[tuple[dict, dict]]) -> None:
    moments = [datetime.fromisoformat(record["published_at"]) for record, _ in items]
    assert all(moment.utcoffset() is not None for moment in moments)
    assert len({moment.date() for moment in moments}) == 3


def test_cli_writes_jsonl_and_truth(gen: ModuleType, tmp_path: Path) -> None:
    out, truth = tmp_path / "s.jsonl", tmp_path / "t.jsonl"
    assert gen.main(["--count", "150", "--out", str(out), "--seed", "7", "--truth", str(truth)]) == 0
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    facts = [orjson.loads(line) for line in truth.read_bytes().splitlines()]
    assert len(records) == len(facts) == 150
    assert [r["id"] for r in records] == [f["id"] for f in facts]
