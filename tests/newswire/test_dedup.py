"""Dedup decisions: exact duplicates, copies, versions, retractions, state records, TTL."""

from __future__ import annotations

import random

import pytest

from newswire import dedup
from newswire.records import NormalisedItem, normalise_item
from tests.pipeline import stories as s


def item(key: str, title: str, paragraphs: list[str], **kwargs: object) -> NormalisedItem:
    return normalise_item(s.raw_item(key, title, paragraphs, **kwargs))  # type: ignore[arg-type]


def original() -> NormalisedItem:
    return item("tariff", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS)


def observe_all(index: dedup.DedupIndex, *items: NormalisedItem) -> list[dedup.Decision]:
    return [index.observe(i) for i in items]


def test_new_story_takes_the_item_id() -> None:
    index = dedup.DedupIndex()
    first = original()
    decision = index.observe(first)
    assert (decision.kind, decision.story_id, decision.version, decision.status) == (
        "new", first.item_id, 1, "new")


def test_exact_duplicates_by_item_content_and_url() -> None:
    index = dedup.DedupIndex()
    first = original()
    same_item = item("tariff", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS, minutes=30)  # re-fetched later
    other_feed = item("tariff-world", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS, source="wirewatch-world",
                      url="https://wirewatch.example/news/tariff-world")
    same_url = item("tariff-again", s.TARIFF_TITLE, [*s.TARIFF_PARAGRAPHS, "Wirewatch Business desk."],
                    url=first.url)
    decisions = observe_all(index, first, same_item, other_feed, same_url)
    assert [(d.kind, d.reason) for d in decisions[1:]] == [
        ("exact", "item"), ("exact", "content"), ("exact", "url")]
    assert {d.story_id for d in decisions} == {first.item_id}
    assert index.stories[first.item_id].copy_list == ()  # same publisher: not listed as copies


def test_copy_from_another_publisher_is_listed_with_its_distance() -> None:
    index = dedup.DedupIndex()
    first = original()
    copy = item("copy", s.COPY_TITLE, s.COPY_PARAGRAPHS, source="harbour", minutes=20)
    identical = item("verbatim", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS, source="valley", minutes=25)
    decisions = observe_all(index, first, copy, identical)
    assert [d.kind for d in decisions] == ["new", "near", "exact"]
    listed = index.stories[first.item_id].copy_list  # exact duplicates are dropped, not listed
    assert [(c["item_id"], c["publisher"]) for c in listed] == [(copy.item_id, "Harbour Daily")]
    assert 0 < listed[0]["distance"] <= dedup.fingerprint.NEAR_DUPLICATE_MAX_DISTANCE
    # the same copy delivered again is an exact duplicate, an edited copy stays a copy
    again = observe_all(index, copy, item("copy", s.COPY_TITLE, s.COPY_PARAGRAPHS[:-1], source="harbour"))
    assert [d.kind for d in again] == ["exact", "near"]


def test_versions_by_revision_marker_and_kill_notice() -> None:
    index = dedup.DedupIndex()
    first = original()
    revised = item("tariff", s.TARIFF_TITLE, [*s.TARIFF_PARAGRAPHS[:5], "Editing by Lars Brook and Ivo Renn"],
                   minutes=10)
    update = item("tariff-u1", "UPDATE 1-" + s.TARIFF_TITLE, s.UPDATE_PARAGRAPHS, minutes=60)
    corrected = item("tariff-c", "CORRECTED-" + s.TARIFF_TITLE, s.CORRECTED_PARAGRAPHS, minutes=90)
    kill = item("kill", s.KILL_TITLE, s.KILL_PARAGRAPHS, minutes=120)
    decisions = observe_all(index, first, revised, update, corrected, kill)
    assert [(d.kind, d.version, d.status) for d in decisions] == [
        ("new", 1, "new"), ("version", 2, "update"), ("version", 3, "update"),
        ("version", 4, "correction"), ("version", 5, "retraction"),
    ]
    assert {d.story_id for d in decisions} == {first.item_id}


def test_unknown_kill_notice_and_marker_without_story_are_new() -> None:
    index = dedup.DedupIndex()
    kill = index.observe(item("kill", s.KILL_TITLE, s.KILL_PARAGRAPHS))
    assert (kill.kind, kill.status) == ("new", "retraction")
    update = index.observe(item("u", "UPDATE 2-" + s.EXPORT_TITLE, s.EXPORT_PARAGRAPHS))
    assert (update.kind, update.status, update.version) == ("new", "new", 1)


def test_marker_from_another_publisher_does_not_update_by_headline() -> None:
    index = dedup.DedupIndex()
    index.observe(original())
    other = index.observe(item("other", "UPDATE 1-" + s.TARIFF_TITLE, s.SAILING_PARAGRAPHS, source="valley"))
    assert other.kind == "new"


def test_different_stories_stay_apart() -> None:
    index = dedup.DedupIndex()
    decisions = observe_all(index, original(),
                            item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley"),
                            item("export", s.EXPORT_TITLE, s.EXPORT_PARAGRAPHS))
    assert [d.kind for d in decisions] == ["new", "new", "new"]


def batch_items() -> list[NormalisedItem]:
    return [
        original(),
        item("copy", s.COPY_TITLE, s.COPY_PARAGRAPHS, source="harbour", minutes=20),
        item("tariff-u1", "UPDATE 1-" + s.TARIFF_TITLE, s.UPDATE_PARAGRAPHS, minutes=60),
        item("tariff", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS, minutes=61),
        item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley", minutes=5),
    ]


def test_batch_result_does_not_depend_on_arrival_order() -> None:
    expected = dedup.deduplicate_batch(dedup.DedupIndex(), batch_items())
    assert expected.counts == {"new": 2, "version": 1, "near": 1, "exact": 1}
    shuffled = batch_items()
    random.Random(3).shuffle(shuffled)
    again = dedup.deduplicate_batch(dedup.DedupIndex(), shuffled)
    assert [(i.item_id, d, c) for i, d, c in again.versions] == [
        (i.item_id, d, c) for i, d, c in expected.versions]
    # every emitted version of the tariff story lists the copy
    tariff_versions = [c for i, d, c in expected.versions if d.story_id == original().item_id]
    assert len(tariff_versions) == 2 and all(len(c) == 1 for c in tariff_versions)


def test_state_records_restore_the_index() -> None:
    index = dedup.DedupIndex()
    dedup.deduplicate_batch(index, batch_items())
    updates = index.take_updates()
    assert index.take_updates() == []  # nothing changed since
    keys = [k for k, _ in updates]
    assert dedup.CLOCK_KEY in keys and len([k for k in keys if k.startswith(dedup.STORY_PREFIX)]) == 2
    restored = dedup.DedupIndex()
    assert restored.load(updates) == 2
    assert restored.clock_ms == index.clock_ms
    second_run = dedup.deduplicate_batch(restored, [
        *batch_items(),
        item("tariff-c", "CORRECTED-" + s.TARIFF_TITLE, s.CORRECTED_PARAGRAPHS, minutes=90),
    ])
    assert second_run.counts == {"new": 0, "version": 1, "near": 0, "exact": 5}
    [(_, decision, copies)] = second_run.versions
    assert (decision.version, decision.status, len(copies)) == (3, "correction", 1)


def test_index_bytes_round_trip_keeps_pending_updates() -> None:
    index = dedup.DedupIndex()
    dedup.deduplicate_batch(index, batch_items())
    copy = dedup.DedupIndex.decode(index.encode())
    assert copy.take_updates() == index.take_updates()


def test_eviction_after_ttl_emits_deletions() -> None:
    index = dedup.DedupIndex()
    first = original()
    index.observe(first)
    later = item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley", minutes=8 * 24 * 60)
    index.observe(later)
    index.take_updates()
    gone = index.evict(index.clock_ms - dedup.DEFAULT_TTL_MS)
    assert gone == [first.item_id]
    assert index.take_updates() == [(dedup.STORY_PREFIX + first.item_id, b"")]
    # forgotten: the same item is a new story again
    assert index.observe(first).kind == "new"
    assert index.oldest_seen_ms() == first.seen_ms


def test_updates_of_stories_due_for_expiry_are_held_back() -> None:
    index = dedup.DedupIndex()
    first = original()
    index.observe(first)
    index.observe(item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley", minutes=8 * 24 * 60))
    assert index.clock_ms is not None
    updates = dict(index.take_updates(hold_until_ms=index.clock_ms - dedup.DEFAULT_TTL_MS))
    assert dedup.STORY_PREFIX + first.item_id not in updates
    index.evict(index.clock_ms - dedup.DEFAULT_TTL_MS)
    assert index.take_updates() == [(dedup.STORY_PREFIX + first.item_id, b"")]


def test_load_skips_deletions_foreign_keys_and_known_stories() -> None:
    index = dedup.DedupIndex()
    assert index.load([("dedup/story/x", b""), ("connector/feed", b"{}"), ("dedup/story/y", None)]) == 0
    index.observe(original())
    updates = index.take_updates()
    index.observe(item("tariff", s.TARIFF_TITLE, s.CORRECTED_PARAGRAPHS))  # version 2, in memory
    assert index.load(updates) == 0
    assert index.stories[original().item_id].version == 2


def test_threshold_is_validated() -> None:
    with pytest.raises(ValueError):
        dedup.DedupIndex(near_max_distance=64)


def test_boilerplate_buckets_are_scanned_only_when_there_is_nothing_else() -> None:
    boilerplate = list(range(100, 100 + dedup.LSH_BUCKET_CAP + 1))  # one row too many
    specific = [7, 9]
    assert dedup.lsh_candidates([boilerplate, specific]) == specific
    assert dedup.lsh_candidates([boilerplate]) == boilerplate
    assert dedup.lsh_candidates([boilerplate[:-1], specific]) == [*boilerplate[:-1], *specific]
    assert dedup.lsh_candidates([]) == []
    assert dedup.lsh_candidates([boilerplate, 5, specific]) == [5, *specific]  # a one-row bucket is an int


def test_lsh_buckets_follow_signatures_kept_and_dropped() -> None:
    index = dedup.DedupIndex()
    first = original()
    def note(n: int) -> str:  # new words enough to change the MinHash
        return f"Desk note {n}: " + " ".join(f"w{n}x{k}" for k in range(n * 5))

    revisions = [item("tariff", s.TARIFF_TITLE, [*s.TARIFF_PARAGRAPHS, note(n)], minutes=n)
                 for n in range(1, dedup.MAX_SIGNATURES + 2)]
    assert [d.kind for d in observe_all(index, first, *revisions)] == ["new"] + ["version"] * len(revisions)
    story = index.stories[first.item_id]
    distinct = list(dict.fromkeys(i.signature for i in [first, *revisions]))  # an edit may keep the MinHash
    assert len(distinct) > dedup.MAX_SIGNATURES
    assert story.signatures == (distinct[0], *distinct[1 - dedup.MAX_SIGNATURES:])  # the first, the latest
    later = item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley", minutes=8 * 24 * 60)
    index.observe(later)

    def rows_in_buckets() -> set[int]:
        return {row for bucket in index._by_band.values()
                for row in ([bucket] if isinstance(bucket, int) else bucket)}

    rows_of = {sid: set(rows) for sid, rows in index._story_rows.items()}
    assert rows_in_buckets() == rows_of[first.item_id] | rows_of[later.item_id]
    assert index.evict(index.clock_ms - dedup.DEFAULT_TTL_MS) == [first.item_id]
    assert rows_in_buckets() == rows_of[later.item_id]
    assert index.observe(revisions[-1]).kind == "new"  # its signature is forgotten too
    index.evict(index.clock_ms)
    assert index._by_band == {} and index.stories == {}
