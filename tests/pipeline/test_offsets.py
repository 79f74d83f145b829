"""Offset planning and compacted-topic semantics (pure functions, no broker)."""

from __future__ import annotations

from collections import namedtuple

from pipeline.offsets import (
    OffsetRange,
    cap_ranges,
    clamp_ranges,
    latest_per_key,
    plan_ranges,
    run_id,
    split_range,
)

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


def test_cap_ranges_shares_the_cap_fairly_and_keeps_the_starts() -> None:
    ranges = [OffsetRange("t", 0, 100, 200), OffsetRange("t", 1, 0, 3), OffsetRange("t", 2, 50, 60)]
    assert cap_ranges(ranges, 0) == ranges
    assert cap_ranges(ranges, 113) == ranges
    # shares of 20: 6 each; partition 1 has only 3, so its rest goes to the other two
    assert cap_ranges(ranges, 20) == [
        OffsetRange("t", 0, 100, 109), OffsetRange("t", 1, 0, 3), OffsetRange("t", 2, 50, 58)
    ]
    for cap in (1, 2, 5, 20, 50, 112):
        capped = cap_ranges(ranges, cap)
        assert sum(r.size for r in capped) == cap
        assert all(r.size > 0 for r in capped)
        by_partition = {r.partition: r for r in ranges}
        assert all(r.start == by_partition[r.partition].start for r in capped)
        assert all(r.stop <= by_partition[r.partition].stop for r in capped)


def test_clamp_ranges_stops_at_the_first_snapshot_and_drops_new_partitions() -> None:
    now = [OffsetRange("t", 0, 7, 30), OffsetRange("t", 1, 4, 9), OffsetRange("t", 2, 0, 5)]
    ends = {("t", 0): 20, ("t", 1): 4}
    assert clamp_ranges(now, ends) == [OffsetRange("t", 0, 7, 20)]


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
