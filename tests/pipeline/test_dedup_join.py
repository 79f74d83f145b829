"""The light dedup key and the join back to the full items (pipeline/dedup.py)."""

from __future__ import annotations

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from newswire import dedup
from newswire.records import NormalisedItem, normalise_item
from pipeline.dedup import (
    DeduplicateStories,
    expiry_due,
    expiry_now_ms,
    item_key,
    light_item,
)
from tests.pipeline import stories as s


def first_run_items() -> list[dict]:
    return [
        s.raw_item("tariff", s.TARIFF_TITLE, s.TARIFF_PARAGRAPHS),
        s.raw_item("copy", s.COPY_TITLE, s.COPY_PARAGRAPHS, source="harbour", minutes=20),
        s.raw_item("tariff-u1", "UPDATE 1-" + s.TARIFF_TITLE, s.UPDATE_PARAGRAPHS, minutes=60),
        s.raw_item("sail", s.SAILING_TITLE, s.SAILING_PARAGRAPHS, source="valley", minutes=5),
        s.raw_item("kill", s.KILL_TITLE, s.KILL_PARAGRAPHS, minutes=120),
    ]


def test_the_light_item_has_no_text_and_decides_like_the_full_item() -> None:
    items = [normalise_item(raw, f"o{n}") for n, raw in enumerate(first_run_items())]
    light = [light_item(item) for item in items]
    assert all(not (x.title or x.text or x.authors or x.categories) for x in light)
    assert all(len(x.to_bytes()) < len(item.to_bytes()) for x, item in zip(light, items, strict=True))

    def decisions(batch: list) -> list[tuple[str, str, int, str, list]]:
        result = dedup.deduplicate_batch(dedup.DedupIndex(), batch)
        return [(i.item_id, d.story_id, d.version, d.status, c) for i, d, c in result.versions]

    assert decisions(light) == decisions(items)
    assert [status for *_, status, _ in decisions(items)] == ["new", "new", "update", "retraction"]


def test_a_batch_of_light_items_comes_back_as_the_same_items() -> None:
    from pipeline.dedup import BATCH_ENTRY, KIND_BATCH, _batch_keyed, _unbatched

    items = [light_item(normalise_item(raw, f"news.raw/0/{n}")) for n, raw in enumerate(first_run_items())]
    entries = [(f"key{n}", item.to_bytes()) for n, item in enumerate(items)]
    dedup_key, (kind, _, batch) = _batch_keyed(entries)
    assert (dedup_key, kind) == ("all", KIND_BATCH)
    opened = _unbatched([(BATCH_ENTRY, batch)])
    assert [(key, NormalisedItem.from_bytes(value)) for key, value in opened] == list(
        zip([f"key{n}" for n in range(len(items))], items, strict=True))
    assert _unbatched([(BATCH_ENTRY, _batch_keyed([])[1][2])]) == []


def test_prior_state_records_in_batches_come_back_as_they_were_with_deletions_empty() -> None:
    from pipeline.dedup import BATCH_ENTRY, KIND_PRIOR_BATCH, _keyed_records, _unbatched

    records = [("dedup/story/a", b'{"format":1}'), ("dedup/story/b", None), ("dedup/clock", b"{}")]
    dedup_key, (kind, _, batch) = _keyed_records(records)
    assert dedup_key == "all"
    assert kind == KIND_PRIOR_BATCH
    single = ("dedup/story/c", b"x")
    assert _unbatched([(BATCH_ENTRY, batch), single]) == [
        ("dedup/story/a", b'{"format":1}'), ("dedup/story/b", b""), ("dedup/clock", b"{}"), single,
    ]


def test_item_keys_differ_unless_the_items_are_equal() -> None:
    raw = first_run_items()[0]
    a, b = normalise_item(raw, "news.raw/0/1"), normalise_item(raw, "news.raw/0/2")
    assert item_key(a.to_bytes()) == item_key(normalise_item(raw, "news.raw/0/1").to_bytes())
    assert item_key(a.to_bytes()) != item_key(b.to_bytes())


def test_equal_items_and_copies_give_one_story_each_with_its_full_text() -> None:
    raws = first_run_items()
    same = [(raws[0], "file:x"), (raws[0], "file:x")]  # byte-equal items share an item key
    with TestPipeline() as p:
        items = p | beam.Create([*same, *((r, "file:x") for r in raws[1:])]) | beam.Map(
            lambda e: normalise_item(*e))
        deduped = items | DeduplicateStories()
        assert_that(
            deduped["stories"] | beam.Map(lambda st: (st["item_id"], st["version"], st["title"][:24],
                                                      bool(st["text"]))),
            equal_to([
                (raws[0]["id"], 1, s.TARIFF_TITLE[:24], True),
                (raws[2]["id"], 2, s.TARIFF_TITLE[:24], True),
                (raws[3]["id"], 1, s.SAILING_TITLE[:24], True),
                (raws[4]["id"], 3, "Wirewatch story headlined"[:24], True),
            ]),
        )


def test_the_stored_index_round_trips_and_is_weighed_without_walking_the_index() -> None:
    from apache_beam.runners.worker.statecache import get_deep_size

    from pipeline.dedup import DedupIndexCoder, StoredIndex

    index = dedup.DedupIndex()
    items = [normalise_item(raw, f"o{n}") for n, raw in enumerate(first_run_items())]
    dedup.deduplicate_batch(index, items)
    coder = DedupIndexCoder()
    decoded = coder.decode(coder.encode(StoredIndex(index)))
    assert isinstance(decoded, StoredIndex)
    assert decoded.index.encode() == index.encode()
    assert get_deep_size(StoredIndex(index)) < get_deep_size(index) / 10


def test_the_expiry_timer_knows_from_the_horizon_alone_whether_anything_is_due() -> None:
    day = dedup.DAY_MS
    clock, oldest = 20 * day, 10 * day  # latest item seen, oldest story's last sighting
    assert expiry_now_ms(fire_ms=30 * day, clock_ms=clock) == clock  # never beyond the data
    assert expiry_now_ms(fire_ms=15 * day, clock_ms=None) == 15 * day
    assert not expiry_due((clock, oldest), fire_ms=10**15, ttl_ms=11 * day)  # end of a bounded run
    assert expiry_due((clock, oldest), fire_ms=10**15, ttl_ms=10 * day)  # exactly the TTL old
    assert not expiry_due((clock, oldest), fire_ms=16 * day, ttl_ms=7 * day)  # the data reaches it later
    assert expiry_due((clock, oldest), fire_ms=17 * day, ttl_ms=7 * day)
