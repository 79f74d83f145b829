"""The demo's sample feeds: well-formed, 100+ items, and consistent with expected.json."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any

import feedparser
import orjson
import pytest

import schemas
from connectors.config import ConnectorConfig, load_config
from connectors.formats import FeedError, parse_feed
from connectors.normalise import canonical_url

DEMO = Path(__file__).resolve().parents[2] / "deploy" / "demo"
EXPECTED = orjson.loads((DEMO / "expected.json").read_bytes())
WELL_FORMED = {name: f for name, f in EXPECTED["feeds"].items() if "broken" not in f}
BROKEN = {name: f for name, f in EXPECTED["feeds"].items() if "broken" in f}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@cache
def parsed(file: str) -> tuple[dict[str, Any], ...]:
    """Entries of one feed file as (guid, title, url, content, published) dicts, read independently."""
    data = (DEMO / file).read_bytes()
    if file.endswith(".json"):
        doc = orjson.loads(data)
        if isinstance(doc, dict):  # JSON Feed
            return tuple({"guid": i["id"], "title": i["title"], "url": i["url"], "content": i["content_html"],
                          "published": i["date_published"]} for i in doc["items"])
        return tuple({"guid": i["uri"], "title": i["headlines"][0]["value"], "url": i["links"][0]["href"],
                      "content": i["bodies"][0]["value"], "published": i["firstcreated"],
                      "pubstatus": i["pubstatus"]} for i in doc)
    feed = feedparser.parse(data)
    assert not feed.bozo, f"{file}: {feed.get('bozo_exception')}"
    return tuple({"guid": e.id, "title": e.title, "url": e.link, "content": e.content[0].value,
                  "published": e.published} for e in feed.entries)


def _aware(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = parsedate_to_datetime(text)
    assert moment.utcoffset() is not None, text
    return moment


def test_at_least_100_items_in_at_least_5_publishers_and_5_formats() -> None:
    total = sum(len(parsed(f["file"])) for f in WELL_FORMED.values())
    assert total >= 100
    assert total == EXPECTED["counts"]["items_first_pass"]
    assert len(WELL_FORMED) >= 5
    formats = Counter(f["format"] for f in WELL_FORMED.values())
    assert formats["rss20"] >= 2 and formats["atom10"] == 1 and formats["jsonfeed"] == 1
    assert formats["ninjs"] == 1


@pytest.mark.parametrize("name", sorted(WELL_FORMED))
def test_every_well_formed_feed_parses_cleanly_with_the_expected_items(name: str) -> None:
    feed = WELL_FORMED[name]
    entries = parsed(feed["file"])
    expected = [i for i in EXPECTED["items"] if i["feed"] == name]
    assert len(entries) == feed["items"] == len(expected)
    assert {(e["guid"], e["title"]) for e in entries} == {(i["guid"], i["title"]) for i in expected}
    for entry in entries:
        assert _aware(entry["published"])
        assert entry["content"].startswith("<p>")


def test_the_broken_feed_is_an_html_page_that_feedparser_flags() -> None:
    assert len(BROKEN) == 1
    (feed,) = BROKEN.values()
    data = (DEMO / feed["file"]).read_bytes()
    assert data.lstrip().lower().startswith(b"<!doctype html")
    result = feedparser.parse(data)
    assert result.bozo and not result.entries and not result.version
    assert EXPECTED["counts"]["dead_letters_connector"] == 1


def test_the_latin1_feed_is_really_latin1_with_accented_names() -> None:
    (name,) = [n for n, f in WELL_FORMED.items() if f["encoding"] == "iso-8859-1"]
    data = (DEMO / WELL_FORMED[name]["file"]).read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = " ".join(e["content"] for e in parsed(WELL_FORMED[name]["file"]))
    for accented in ("José Ángel Muñoz", "Begoña Echevarría", "João Gonçalves", "Córdoba"):
        assert accented in text


def test_publication_dates_span_three_utc_days() -> None:
    days = {i["dt"] for i in EXPECTED["items"]}
    assert len(days) == 3
    for item in EXPECTED["items"]:
        assert item["published_at"].endswith("Z") and item["published_at"][:10] == item["dt"]


def test_counts_agree_with_the_item_list() -> None:
    items, counts = EXPECTED["items"], EXPECTED["counts"]
    kinds = Counter(i["kind"] for i in items)
    assert counts["originals"] == kinds["original"] == counts["stories"] == len(EXPECTED["groups"])
    assert counts["exact_duplicates"] == kinds["exact_duplicate"]
    assert counts["exact_duplicates"] == sum(counts["exact_duplicates_by"].values())
    assert counts["near_duplicates"] == kinds["near_duplicate"]
    near_groups = {i["group"] for i in items if i["kind"] == "near_duplicate"}
    assert counts["near_duplicate_groups"] == len(near_groups)
    assert counts["versions"] == kinds["version"]
    assert counts["withdrawn"] == kinds["kill"] == 1
    trade_groups = sum(1 for g in EXPECTED["groups"].values() if g["trade"])
    assert counts["trade_stories"] == trade_groups
    assert counts["non_trade_stories"] == len(EXPECTED["groups"]) - trade_groups
    assert counts["items_first_pass"] == len(items)
    for item in [*items, *EXPECTED["second_pass_items"]]:
        assert EXPECTED["labels"][item["guid"]] == {"trade": item["trade"], "group": item["group"]}
        assert item["guid"] in {m["guid"] for m in EXPECTED["groups"][item["group"]]["items"]}


def _content(item: dict[str, Any]) -> str:
    file = EXPECTED["feeds"][item["feed"]]["file"]
    return next(e["content"] for e in parsed(file) if e["guid"] == item["guid"])


def _original(group: str) -> dict[str, Any]:
    return next(i for i in EXPECTED["items"] if i["group"] == group and i["kind"] == "original")


def test_exact_duplicates_are_exact() -> None:
    dups = [i for i in EXPECTED["items"] if i["kind"] == "exact_duplicate"]
    assert {d["how"] for d in dups} == {"guid", "url", "content"}
    for dup in dups:
        original = _original(dup["group"])
        assert dup["feed"] != original["feed"]
        assert _content(dup) == _content(original) and dup["title"] == original["title"]
        if dup["how"] == "guid":
            assert dup["guid"] == original["guid"] and dup["url"] == original["url"]
        elif dup["how"] == "url":
            assert dup["guid"] != original["guid"] and dup["url"] != original["url"]
            assert canonical_url(dup["url"]) == canonical_url(original["url"])
        else:
            assert dup["guid"] != original["guid"] and dup["url"] != original["url"]


def _shingles(html: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", _text(html).lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_near_duplicates_are_close_but_not_equal_copies_by_another_publisher() -> None:
    copies = [i for i in EXPECTED["items"] if i["kind"] == "near_duplicate"]
    assert len(copies) >= 8
    for copy in copies:
        original = _original(copy["group"])
        assert copy["feed"] != original["feed"] and copy["guid"] != original["guid"]
        a, b = _shingles(_content(copy)), _shingles(_content(original))
        assert a != b
        assert len(a & b) / len(a | b) >= 0.6
    assert max(Counter(c["group"] for c in copies).values()) == 3  # one story carried by three others


def test_versions_and_the_kill_notice_carry_wire_prefixes() -> None:
    versions = [i for i in EXPECTED["items"] if i["kind"] == "version"]
    prefix = re.compile(r"^(UPDATE \d+-|REFILE-|CORRECTED-|\(LEAD\) )")
    prefixes = {prefix.match(v["title"]).group(1) for v in versions}  # type: ignore[union-attr]
    assert prefixes == {"UPDATE 1-", "UPDATE 2-", "REFILE-", "CORRECTED-", "(LEAD) "}
    for version in versions:
        earlier = [i for i in EXPECTED["items"]
                   if i["group"] == version["group"] and i["version"] < version["version"]]
        assert earlier and all(i["published_at"] < version["published_at"] for i in earlier)
    (kill,) = [i for i in EXPECTED["items"] if i["kind"] == "kill"]
    original = _original(kill["group"])
    assert kill["title"] == f"WITHDRAWN-{original['title']}"
    assert EXPECTED["groups"][kill["group"]]["withdrawn"] is True
    entry = next(e for e in parsed(EXPECTED["feeds"][kill["feed"]]["file"]) if e["guid"] == kill["guid"])
    assert entry["pubstatus"] == "withdrawn"


def test_second_pass_changes_exactly_one_item_under_the_same_guid() -> None:
    second = EXPECTED["second_pass"]
    first_file = EXPECTED["feeds"][second["feed"]]["file"]
    before = {e["guid"]: e for e in parsed(first_file)}
    after = {e["guid"]: e for e in parsed(second["file"])}
    assert set(before) == set(after)
    changed = [g for g in before if before[g]["content"] != after[g]["content"]]
    assert changed == second["changed_guids"] and len(changed) == 1
    assert before[changed[0]]["title"] == after[changed[0]]["title"]


def test_hard_negatives_are_labelled_not_trade_and_chip_controls_avoid_the_word() -> None:
    negatives = {i["hard_negative"] for i in EXPECTED["items"] if "hard_negative" in i and not i["trade"]}
    traps = {"sports_trade", "equity_trading", "trade_union", "trade_fair", "trademark", "fair_trade"}
    assert traps <= negatives
    controls = [i for i in EXPECTED["items"]
                if i["kind"] == "original" and i["subtopics"] == ["export_controls"]]
    assert any("trade" not in (i["title"] + _text(_content(i))).lower() for i in controls)
    subtopics = {s for i in EXPECTED["items"] if i["trade"] for s in i["subtopics"]}
    story_schema = schemas.load("story")["properties"]["trade"]["properties"]["subtopics"]["items"]["enum"]
    assert subtopics == set(story_schema)


def _config(tmp_path: Path) -> ConnectorConfig:
    text = (DEMO / "feeds.toml").read_text(encoding="utf-8").replace("{port}", "8765")
    (tmp_path / "feeds.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path / "feeds.toml")


def test_feeds_toml_loads_and_names_every_feed(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert {f.name for f in config.feeds} == set(EXPECTED["feeds"])
    for feed in config.feeds:
        assert feed.url == f"http://127.0.0.1:8765/{EXPECTED['feeds'][feed.name]['file'].removeprefix('feeds/')}"


def test_the_connector_parser_turns_every_item_into_a_schema_valid_raw_record(tmp_path: Path) -> None:
    records = []
    for feed in _config(tmp_path).feeds:
        data = (DEMO / EXPECTED["feeds"][feed.name]["file"]).read_bytes()
        if feed.name in BROKEN:
            with pytest.raises(FeedError):
                parse_feed(data, feed.source(), fetched_at="2026-06-05T00:00:00Z")
            continue
        result = parse_feed(data, feed.source(), fetched_at="2026-06-05T00:00:00Z")
        assert not result.rejected and not result.warnings
        records += result.items
    assert len(records) == EXPECTED["counts"]["items_first_pass"]
    for record in records:
        assert schemas.errors("raw_item", record) == []
    same_guid = EXPECTED["counts"]["exact_duplicates_by"]["guid"]
    assert len({r["id"] for r in records}) == len(records) - same_guid


def test_feed_files_are_in_sync_with_the_catalog() -> None:
    result = subprocess.run([sys.executable, str(DEMO / "build_feeds.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_expected_key_fields_are_backed_by_the_story_text() -> None:
    with_fields = {g: grp for g, grp in EXPECTED["groups"].items() if "fields" in grp}
    assert len(with_fields) >= 8
    for group, grp in with_fields.items():
        fields, original = grp["fields"], _original(group)
        text = _text(_content(original))
        assert grp["trade"], group
        assert text.startswith(f"{fields['dateline'].upper()}, ") and f"({fields['agency']})" in text
        byline = text[text.rindex("(Reporting by"):]
        for name in [*fields["bylines"], *fields["editors"]]:
            assert name in byline, (group, name)
        for name, title in fields.get("people", {}).items():
            assert name in text and title in text, (group, name)
        for rate in fields.get("tariff_rates", []):
            for value in (rate["rate"], rate.get("from_rate")):
                if value is not None:
                    assert re.search(rf"\b{value:g}(%| percent)", text), (group, value)
        for event in fields.get("events", []):
            assert event["text"] in text and event["date"].startswith("2026-")
