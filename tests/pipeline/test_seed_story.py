"""The seed story (../shared/data/seed, read at run time) through every processing stage."""

from __future__ import annotations

import glob
from pathlib import Path

import apache_beam as beam
import orjson
from apache_beam.testing.test_pipeline import TestPipeline

import schemas
from pipeline.messages import RawMessage
from pipeline.process import ProcessRawItems
from tests.pipeline.stories import raw_item


def test_seed_story_is_a_trade_story_with_its_key_fields(shared_data: Path, tmp_path: Path) -> None:
    [path] = sorted((shared_data / "seed").glob("*.txt"))
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    record = raw_item("seed", title.strip(), [body], published_at="2025-05-23T06:00:00Z",
                      source="wirewatch", content=body, summary=None)
    record["source"] = {**record["source"], "agency": None, "publisher": "Seed", "name": "seed"}
    p = TestPipeline()
    outputs = (p | beam.Create([RawMessage(b"seed", orjson.dumps(record), "seed:1")])
               | ProcessRawItems())
    _ = (outputs["stories"] | beam.Map(orjson.dumps)
         | beam.io.WriteToText(str(tmp_path / "stories"), coder=beam.coders.BytesCoder()))
    p.run().wait_until_finish()
    [story] = [orjson.loads(line) for name in glob.glob(str(tmp_path / "stories*"))
               for line in Path(name).read_bytes().splitlines()]
    assert schemas.errors(schemas.STORY, story) == []
    assert story["trade"]["is_trade"]
    assert {"tariffs", "negotiations"} & set(story["trade"]["subtopics"])
    fields = story["fields"]
    assert {"JP", "US", "CA"} <= {c["code"] for c in fields["countries"]}
    assert fields["agency"] == "Reuters"
    assert (fields["dateline"] or "").lower() == "tokyo"
    assert "2025-05-30" in {e["date"] for e in fields["events"]}
    assert "\u2019" in story["title"] and "\n\n" in story["text"]  # typography and paragraphs kept
