"""`newswire replay`: saved feed files and JSONL archives through the same normalisation."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
import pytest

from connectors.formats import parse_feed
from connectors.normalise import Source
from connectors.replay import iter_file, replay_files
from newswire.cli import main
from newswire.topics import TopicNames
from schemas import errors
from tests.connectors.kafkautil import read_all


class Defaults:
    name = None
    publisher = "Archive"
    agency = None
    tags = ("backfill",)


def test_folder_walk_skips_other_suffixes(fixtures: Path) -> None:
    files, skipped = replay_files(fixtures)
    assert fixtures / "rss20.xml" in files and fixtures / "ninjs.json" in files
    assert {p.name for p in skipped} == {"page.html", "xxe.xml.tmpl"}


def test_saved_feed_gives_the_live_records(fixtures: Path) -> None:
    units = list(iter_file(fixtures / "atom10.xml", Defaults, "2025-06-10T12:00:00Z"))
    records = [u.record for u in units if u.record]
    assert len(records) == 2
    assert all(errors("raw_item", r) == [] for r in records)
    assert records[0]["source"]["feed_url"] == (fixtures / "atom10.xml").resolve().as_uri()
    assert records[0]["source"]["publisher"] == "Archive" and records[0]["source"]["tags"] == ["backfill"]
    live = parse_feed((fixtures / "atom10.xml").read_bytes(), Source("https://x.example/atom", "x"),
                      fetched_at="2025-06-10T12:00:00Z")
    assert {r["id"] for r in records} == {r["id"] for r in live.items}  # ids do not depend on the source
    assert sum(u.consumed for u in units) == (fixtures / "atom10.xml").stat().st_size


@pytest.mark.parametrize(("name", "reason"), [("garbage.xml", "bad_xml"), ("notfeed.json", "not_a_feed")])
def test_unusable_files_become_dead_letters(fixtures: Path, name: str, reason: str) -> None:
    (unit,) = iter_file(fixtures / name, Defaults, "2025-06-10T12:00:00Z")
    assert unit.record is None and unit.dead_letter.reason == reason
    assert errors("dead_letter", unit.dead_letter.to_dict()) == []


def jsonl_archive(fixtures: Path, path: Path) -> list[dict]:
    good = list(parse_feed((fixtures / "rss20.xml").read_bytes(), Source("https://wire.example.org/rss", "w"),
                           fetched_at="2025-06-01T00:00:00Z").items)
    lines = [orjson.dumps(r) for r in good] + [b"{not json", b"[1, 2]", b"", b'{"summary": "no identity"}']
    path.write_bytes(b"\n".join(lines) + b"\n")
    return good


def test_jsonl_archive(fixtures: Path, tmp_path: Path) -> None:
    good = jsonl_archive(fixtures, tmp_path / "archive.jsonl")
    units = list(iter_file(tmp_path / "archive.jsonl", Defaults, "2025-06-10T12:00:00Z"))
    records = [u.record for u in units if u.record]
    assert [r["id"] for r in records] == [r["id"] for r in good]
    assert [r["revision"] for r in records] == [r["revision"] for r in good]
    assert records[0]["fetched_at"] == "2025-06-01T00:00:00Z"  # kept from the archive
    assert [u.dead_letter.reason for u in units if u.dead_letter] == ["bad_json", "bad_record", "bad_record"]
    assert sum(u.consumed for u in units) == (tmp_path / "archive.jsonl").stat().st_size


@pytest.mark.kafka
def test_replay_command_publishes_and_counts(
    fixtures: Path,
    tmp_path: Path,
    topics: TopicNames,
    kafka_bootstrap: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prefix = topics.raw[: -len("news.raw")]
    jsonl_archive(fixtures, tmp_path / "archive.jsonl")
    for name in ("rss20.xml", "garbage.xml", "ninjs.json"):
        (tmp_path / name).write_bytes((fixtures / name).read_bytes())
    code = main(["replay", str(tmp_path), "--bootstrap", kafka_bootstrap, "--topic-prefix", prefix,
                 "--no-progress"])
    out = capsys.readouterr().out
    assert code == 0
    raw = read_all(topics.raw, kafka_bootstrap)
    assert len(raw) == 3 + 3 + 2  # archive, rss20, ninjs
    assert all(r.key == r.value["id"] and errors("raw_item", r.value) == [] for r in raw)
    dlq = read_all(topics.dlq, kafka_bootstrap)
    assert sorted(d.value["reason"] for d in dlq) == ["bad_json", "bad_record", "bad_record", "bad_xml"]
    assert f"replayed {len(raw)} items from 4 files" in out
    assert "4 dead letters" in out


@pytest.mark.kafka
@pytest.mark.shared_data
def test_replay_of_the_shared_feeds(
    shared_data: Path, topics: TopicNames, kafka_bootstrap: str, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = shared_data / "feeds"
    with (feeds / "MANIFEST.tsv").open(encoding="utf-8", errors="replace") as handle:
        expected = sum(int(row["items"]) for row in csv.DictReader(handle, delimiter="\t"))
    prefix = topics.raw[: -len("news.raw")]
    assert main(["replay", str(feeds), "--bootstrap", kafka_bootstrap, "--topic-prefix", prefix,
                 "--no-progress"]) == 0
    raw = read_all(topics.raw, kafka_bootstrap)
    assert len(raw) == expected
    assert all(errors("raw_item", r.value) == [] for r in raw)
    assert read_all(topics.dlq, kafka_bootstrap) == []
    assert f"replayed {expected} items" in capsys.readouterr().out
