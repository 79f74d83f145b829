"""Offset planning and compacted-topic semantics (pure functions, no broker)."""

from __future__ import annotations

from collections import namedtuple

from pipeline.offsets import OffsetRange, latest_per_key, plan_ranges, run_id, split_range

Record = namedtuple("Record", "key value offset")


def test_plan_ranges_starts_at_committed_else_beginning_and_skips_empty_partitions() -> None:
    ranges = plan_ranges(
        starts={0: 5, 1: None, 2: 7, 3: 1},
        beginnings={0: 0, 1: 3, 2: 0, 3: 4},
        ends={0: 9, 1: 6, 2: 7, 3: 10},
        topic="news.raw",
    )
    assert ranges == [
        OffsetRange("news.raw", 0, 5, 9),
        OffsetRange("news.raw", 1, 3, 6),
        OffsetRange("news.raw", 3, 4, 10),  # committed 1 was deleted by retention
    ]


def test_split_range_covers_every_offset_once() -> None:
    pieces = split_range(OffsetRange("t", 2, 10, 33), 10)
    assert pieces == [OffsetRange("t", 2, 10, 20), OffsetRange("t", 2, 20, 30), OffsetRange("t", 2, 30, 33)]
    assert sum(p.size for p in pieces) == 23


def test_run_id_is_stable_and_depends_on_the_ranges() -> None:
    a = [OffsetRange("t", 1, 0, 5), OffsetRange("t", 0, 0, 3)]
    assert run_id(a) == run_id(list(reversed(a)))
    assert run_id(a) != run_id([OffsetRange("t", 1, 0, 6), OffsetRange("t", 0, 0, 3)])


def test_latest_per_key_keeps_last_value_and_honours_tombstones() -> None:
    records = [
        Record(b"a", b"1", 0),
        Record(b"b", b"1", 1),
        Record(b"a", b"2", 2),
        Record(b"b", None, 3),
        Record(None, b"orphan", 4),
        Record(b"c", b"9", 5),
    ]
    assert latest_per_key(records) == {"a": b"2", "c": b"9"}


def test_offset_range_round_trips_through_dict() -> None:
    r = OffsetRange("news.raw", 3, 100, 250)
    assert OffsetRange.from_dict(r.to_dict()) == r
