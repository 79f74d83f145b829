"""Parquet rows: schema derived from schemas/story.v1.json, conversion, partitions, readers."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import schemas
from pipeline.rows import partition_of, rows_to_table, story_schema, story_to_row
from tests.pipeline.fixtures import raw_item, story_from_raw


def test_schema_has_every_story_property_with_native_types() -> None:
    schema = story_schema()
    assert schema.names == list(schemas.load(schemas.STORY)["properties"])
    assert schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("version").type == pa.int64()
    assert pa.types.is_struct(schema.field("trade").type)
    events = schema.field("fields").type.field("events").type.value_type
    assert events.field("date").type == pa.date32()


def test_story_to_row_converts_dates_and_keeps_nested_values() -> None:
    story = story_from_raw(raw_item(4, trade=True, hours=30))
    assert schemas.errors(schemas.STORY, story) == []
    row = story_to_row(story)
    assert row["published_at"] == datetime(2026, 3, 3, 14, 0, tzinfo=timezone.utc)
    assert row["updated_at"] is None
    assert row["fields"]["events"][0]["date"] == date(2026, 3, 6)
    assert row["fields"]["products"] == [{"name": "steel", "hs_chapter": 72}]
    assert row["trade"]["is_trade"] is True


def test_story_to_row_rejects_a_bad_timestamp() -> None:
    story = story_from_raw(raw_item(1, trade=False))
    story["published_at"] = "last Tuesday"
    with pytest.raises(ValueError):
        story_to_row(story)


@pytest.mark.parametrize(
    ("published", "updated", "expected"),
    [
        ("2026-03-02T23:30:00-05:00", None, "dt=2026-03-03"),  # UTC date, not local
        (None, "2026-01-09T10:00:00Z", "dt=2026-01-09"),
        (None, None, "dt=2026-03-02"),  # falls back to processed_at
    ],
)
def test_partition_of_uses_published_then_updated_then_processed(
    published: str | None, updated: str | None, expected: str
) -> None:
    story = story_from_raw(raw_item(2, trade=False))
    story["published_at"], story["updated_at"] = published, updated
    assert partition_of(story) == expected


def test_table_is_readable_by_pyarrow_and_duckdb(tmp_path: Path) -> None:
    stories = [story_from_raw(raw_item(n, trade=n % 2 == 0)) for n in range(6)]
    path = tmp_path / "dt=2026-03-02" / "part.parquet"
    path.parent.mkdir()
    pq.write_table(rows_to_table([story_to_row(s) for s in stories]), path)

    table = pq.read_table(path)
    assert table.num_rows == 6
    assert sorted(table.column("story_id").to_pylist()) == sorted(s["story_id"] for s in stories)

    trade_ids = duckdb.sql(
        "SELECT story_id, fields.products[1].hs_chapter AS hs "
        f"FROM read_parquet('{tmp_path}/dt=*/*.parquet', hive_partitioning=true) "
        "WHERE trade.is_trade ORDER BY story_id"
    ).fetchall()
    assert trade_ids == sorted((s["story_id"], 72) for s in stories if s["trade"]["is_trade"])
