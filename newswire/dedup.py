"""Deduplication decisions and the state they need, without Beam.

A :class:`DedupIndex` holds one compact :class:`StoryState` per known story plus lookup maps
(item id, canonical URL, content hash, headline key per publisher, MinHash LSH bands). Items are
presented in event-time order to :meth:`DedupIndex.observe`, which decides for each one:

1. ``exact``   same item id and revision, same normalised content, or same canonical URL with
               (near-)identical text: dropped, counted;
2. ``version`` same item id with a new revision, same URL with changed text, a wire marker
               (UPDATE n, REFILE, CORRECTED, LEAD, WRAPUP) on an item whose headline or text
               matches a story of the same publisher, or a kill notice naming a known story:
               same ``story_id``, ``version`` + 1, status update / correction / retraction;
3. ``near``    MinHash signature within ``near_max_distance`` of 64 slots of a known story's
               (another publisher's copy): not a story of its own, listed in the story's
               ``duplicates``;
4. ``new``     anything else: a new story whose ``story_id`` is the item id.

:func:`deduplicate_batch` applies that to a batch and returns the story versions to emit, with
each version's copies. State records (``key -> bytes``) persist the index between runs:
``dedup/story/<story_id>`` (orjson, versioned) and ``dedup/clock``; an empty value deletes a
key (write it as a Kafka tombstone). The state's clock is the latest fetch time seen, and
:meth:`DedupIndex.evict` forgets stories not seen for the TTL of that event-time clock.
"""

from __future__ import annotations

import binascii
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

import numpy as np
import orjson

from newswire import fingerprint, versions
from newswire.records import NormalisedItem
from newswire.text import is_site_root

STATE_FORMAT = 1
STORY_PREFIX = "dedup/story/"
CLOCK_KEY = "dedup/clock"
DAY_MS = 86_400_000
DEFAULT_TTL_MS = 7 * DAY_MS
MAX_LIST = 16  # per-story caps on remembered revisions, URLs, hashes, headline keys
MAX_SIGNATURES = 4
MAX_COPIES = 32
REFRESH_MS = DAY_MS  # an exact duplicate re-persists its story only when this much later
# An LSH bucket with more signatures than this holds stories alike only in boilerplate (the four
# smallest shingle hashes of a band came from a byline or a standard footer). Scanning such
# buckets made each look-up grow with the index (416 candidates per item at 30,000 generated
# stories, 50 without them, the same decisions); they are scanned only when the item has no
# other candidate. A story adds at most MAX_SIGNATURES rows, so 64 rows are 16 stories or more.
LSH_BUCKET_CAP = 64

EXACT, VERSION, NEAR, NEW = "exact", "version", "near", "new"


def lsh_candidates(buckets: list[int | list[int]], cap: int = LSH_BUCKET_CAP) -> list[int]:
    """The rows of an item's LSH buckets (each one row, or a list of rows), leaving out buckets
    of more than ``cap`` rows unless every bucket is that large (so an item is never left without
    the candidates it has)."""
    rows: list[int] = []
    for bucket in [b for b in buckets if isinstance(b, int) or len(b) <= cap] or buckets:
        if isinstance(bucket, int):
            rows.append(bucket)
        else:
            rows.extend(bucket)
    return rows


@dataclass(slots=True)
class StoryState:
    """What the deduplicator remembers of one story (persisted as one state record).

    Its collections are tuples, replaced rather than changed: a tuple of strings (and a dict of
    such tuples) is not tracked by Python's garbage collector, whose full collections otherwise
    walk every list of every story in the index (they took 40% of deciding 50,000 items).
    """

    story_id: str
    version: int
    status: str
    publisher_key: str
    last_seen_ms: int
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item id -> revisions (versions)
    copies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item id -> revisions (copies)
    copy_list: tuple[dict[str, Any], ...] = ()  # the "duplicates" entries
    urls: tuple[str, ...] = ()
    hashes: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()  # MinHash, fingerprint.encode_signature
    title_keys: tuple[str, ...] = ()

    def encode(self) -> bytes:
        return orjson.dumps({"format": STATE_FORMAT, **{name: getattr(self, name) for name in _STORY_FIELDS}})

    @classmethod
    def decode(cls, data: bytes) -> StoryState:
        record = orjson.loads(data)
        if record.pop("format", None) != STATE_FORMAT:
            raise ValueError("unknown dedup state format")
        for name in ("items", "copies"):
            record[name] = {item_id: tuple(revisions) for item_id, revisions in record[name].items()}
        for name in ("copy_list", "urls", "hashes", "signatures", "title_keys"):
            record[name] = tuple(record[name])
        return cls(**record)


_STORY_FIELDS = tuple(f.name for f in fields(StoryState))


@dataclass(frozen=True)
class Decision:
    """The fate of one item: ``kind`` (exact/version/near/new), its story, and for versions
    the new version number and status; ``distance`` (MinHash slots that differ) for copies."""

    kind: str
    story_id: str
    version: int = 0
    status: str = ""
    reason: str = ""
    distance: int = 0


@lru_cache(maxsize=4096)
def _is_site_root(url: str) -> bool:
    """:func:`newswire.text.is_site_root`, memoised: each item's URL is asked about twice."""
    return is_site_root(url)


def _remembered(values: tuple[str, ...], value: str, cap: int = MAX_LIST) -> tuple[str, ...]:
    """``values`` with ``value`` added at the end if it is new, the latest ``cap`` kept."""
    return values if value in values else (*values, value)[-cap:]


class DedupIndex:
    """All known stories of one dedup key, with lookup maps rebuilt from the story states."""

    def __init__(self, near_max_distance: int = fingerprint.NEAR_DUPLICATE_MAX_DISTANCE) -> None:
        if not 0 <= near_max_distance < fingerprint.MINHASH_SLOTS:
            raise ValueError(f"near_max_distance must be within 0..{fingerprint.MINHASH_SLOTS - 1}")
        self.near_max_distance = near_max_distance
        self.stories: dict[str, StoryState] = {}
        self.clock_ms: int | None = None
        self._by_item: dict[str, str] = {}
        self._by_url: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._by_title: dict[tuple[str, str], str] = {}
        # signatures live in one matrix (a row each); LSH buckets hold row numbers, so that all
        # candidates of an item are compared in one vectorised step
        self._matrix: np.ndarray = np.zeros((1024, fingerprint.MINHASH_SLOTS), dtype=np.uint32)
        self._row_story: list[str | None] = []
        self._free_rows: list[int] = []
        self._story_rows: dict[str, tuple[int, ...]] = {}
        # LSH band key -> its row, or its rows when several (most buckets hold one row: an int is
        # not tracked by the garbage collector, a list is, and a full collection walks them all)
        self._by_band: dict[bytes, int | list[int]] = {}
        self._dirty: set[str] = set()  # stories to persist (state_updates)
        self._stale: set[str] = set()  # stories changed since their bytes were cached
        self._encoded: dict[str, bytes] = {}
        self._deleted: set[str] = set()
        self._clock_dirty = False
        self._last_keys: tuple[bytes, list[bytes]] = (b"", [])  # see _lsh_keys

    # -- state records ------------------------------------------------------------------------

    def load(self, records: Iterable[tuple[str, bytes | None]]) -> int:
        """Restore from persisted state records; returns the number of stories loaded.
        Unknown keys and empty values (deletions) are skipped."""
        loaded = 0
        for key, value in records:
            if not value:
                continue
            if key == CLOCK_KEY:
                clock = int(orjson.loads(value)["clock_ms"])
                self.clock_ms = clock if self.clock_ms is None else max(self.clock_ms, clock)
            elif key.startswith(STORY_PREFIX) and key[len(STORY_PREFIX):] not in self.stories:
                # a story already in the index is newer than a persisted record of it
                self._index(StoryState.decode(value), value)
                loaded += 1
        return loaded

    def take_updates(self, hold_until_ms: int | None = None) -> list[tuple[str, bytes]]:
        """State records changed since the last call (sorted by key); ``b""`` deletes a key.

        Changed stories last seen at or before ``hold_until_ms`` are held back: they are due for
        expiry, and emitting them now could race with their deletion.
        """
        updates = [(STORY_PREFIX + sid, b"") for sid in self._deleted if sid not in self.stories]
        held = {sid for sid in self._dirty if sid in self.stories and hold_until_ms is not None
                and self.stories[sid].last_seen_ms <= hold_until_ms}
        updates += [(STORY_PREFIX + sid, self._story_bytes(sid))
                    for sid in self._dirty - held if sid in self.stories]
        if self._clock_dirty and self.clock_ms is not None:
            updates.append((CLOCK_KEY, orjson.dumps({"format": STATE_FORMAT, "clock_ms": self.clock_ms})))
        self._dirty = held
        self._deleted.clear()
        self._clock_dirty = False
        return sorted(updates)

    def _story_bytes(self, sid: str) -> bytes:
        data = self._encoded.get(sid)
        if data is None or sid in self._stale:
            data = self._encoded[sid] = self.stories[sid].encode()
            self._stale.discard(sid)
        return data

    def encode(self) -> bytes:
        """The whole index as bytes (for the pipeline's keyed state between bundles): a JSON
        header line, then one JSON line per story; unchanged stories reuse their cached bytes."""
        header = orjson.dumps(
            {"clock_ms": self.clock_ms, "near": self.near_max_distance, "dirty": sorted(self._dirty),
             "deleted": sorted(self._deleted), "clock_dirty": self._clock_dirty}
        )
        return b"\n".join([header, *(self._story_bytes(sid) for sid in self.stories)])

    @classmethod
    def decode(cls, data: bytes) -> DedupIndex:
        header, *lines = data.split(b"\n")
        record = orjson.loads(header)
        index = cls(record["near"])
        for line in lines:
            index._index(StoryState.decode(line), line)
        index.clock_ms = record["clock_ms"]
        index._dirty = set(record["dirty"])
        index._deleted = set(record["deleted"])
        index._clock_dirty = record["clock_dirty"]
        return index

    # -- maps ------------------------------------------------------------------------------------

    def _index(self, story: StoryState, encoded: bytes | None = None) -> None:
        sid = story.story_id
        self.stories[sid] = story
        if encoded is not None:
            self._encoded[sid] = encoded
            self._stale.discard(sid)
        else:
            self._stale.add(sid)
        for item_id in story.items:
            self._by_item[item_id] = sid
        for item_id in story.copies:
            self._by_item.setdefault(item_id, sid)
        for url in story.urls:
            self._by_url[url] = sid
        for digest in story.hashes:
            self._by_hash[digest] = sid
        for key in story.title_keys:
            self._by_title[(story.publisher_key, key)] = sid
        self._story_rows[sid] = ()
        for text in story.signatures:
            if text:
                self._add_signature(sid, binascii.a2b_base64(text))

    def _add_signature(self, sid: str, raw: bytes) -> None:
        """Index a signature given as its little-endian bytes (decoded base64)."""
        if self._free_rows:
            row = self._free_rows.pop()
            self._row_story[row] = sid
        else:
            row = len(self._row_story)
            self._row_story.append(sid)
            if row >= len(self._matrix):
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
        self._matrix[row] = np.frombuffer(raw, dtype="<u4")
        self._story_rows[sid] = (*self._story_rows.get(sid, ()), row)
        by_band = self._by_band
        for key in self._lsh_keys(raw):
            bucket = by_band.get(key)
            if bucket is None:
                by_band[key] = row
            elif isinstance(bucket, int):
                by_band[key] = [bucket, row]
            else:
                bucket.append(row)

    def _lsh_keys(self, raw: bytes) -> list[bytes]:
        """:func:`fingerprint.lsh_keys_of_bytes`, keeping the last answer: an item's signature is
        looked up, then (for a new story or version) added."""
        if raw != self._last_keys[0]:
            self._last_keys = (raw, fingerprint.lsh_keys_of_bytes(raw))
        return self._last_keys[1]

    def _drop_row(self, row: int) -> None:
        for key in fingerprint.lsh_keys(self._matrix[row]):
            bucket = self._by_band.get(key)
            if bucket == row:
                del self._by_band[key]
            elif isinstance(bucket, list):
                bucket.remove(row)
                if len(bucket) == 1:
                    self._by_band[key] = bucket[0]
        self._row_story[row] = None
        self._free_rows.append(row)

    def _distance(self, signature: np.ndarray | None, sid: str) -> int:
        rows = self._story_rows.get(sid)
        if signature is None or not rows:
            return fingerprint.MINHASH_SLOTS
        return int(np.count_nonzero(self._matrix[list(rows)] != signature, axis=1).min())

    def _unindex(self, story: StoryState) -> None:
        sid = story.story_id
        for mapping, keys in (
            (self._by_item, [*story.items, *story.copies]),
            (self._by_url, story.urls),
            (self._by_hash, story.hashes),
        ):
            for key in keys:
                if mapping.get(key) == sid:
                    del mapping[key]
        for title in story.title_keys:
            if self._by_title.get((story.publisher_key, title)) == sid:
                del self._by_title[(story.publisher_key, title)]
        for row in self._story_rows.pop(sid, ()):
            self._drop_row(row)
        del self.stories[sid]
        self._encoded.pop(sid, None)
        self._stale.discard(sid)

    def evict(self, horizon_ms: int) -> list[str]:
        """Forget stories last seen at or before ``horizon_ms``; returns their ids."""
        gone = [s for s in self.stories.values() if s.last_seen_ms <= horizon_ms]
        for story in gone:
            self._unindex(story)
            self._dirty.discard(story.story_id)
            self._deleted.add(story.story_id)
        return [s.story_id for s in gone]

    def oldest_seen_ms(self) -> int | None:
        """The earliest ``last_seen_ms`` of any story (when the next TTL expiry is due)."""
        return min((s.last_seen_ms for s in self.stories.values()), default=None)

    # -- decisions -----------------------------------------------------------------------------

    def _limit(self, item: NormalisedItem) -> int:
        return fingerprint.near_duplicate_limit(item.word_count, self.near_max_distance)

    def _nearest(self, signature: np.ndarray | None, raw: bytes, limit: int) -> tuple[StoryState | None, int]:
        """The indexed story whose signature is nearest (ties: the smallest story id) and its
        distance; no story when even the nearest is more than ``limit`` slots away."""
        best: StoryState | None = None
        best_distance = fingerprint.MINHASH_SLOTS
        if signature is None:
            return best, best_distance
        buckets = [bucket for bucket in map(self._by_band.get, self._lsh_keys(raw)) if bucket is not None]
        candidates = lsh_candidates(buckets)
        if not candidates:
            return best, best_distance
        rows = np.array(candidates, dtype=np.intp)  # a row listed twice changes no minimum
        distances = np.count_nonzero(self._matrix[rows] != signature, axis=1)
        best_distance = int(distances.min())
        if best_distance > limit:
            return best, best_distance
        sid = min(str(self._row_story[row]) for row in rows[distances == best_distance])
        return self.stories[sid], best_distance

    def _touch(self, story: StoryState, item: NormalisedItem) -> None:
        if item.seen_ms > story.last_seen_ms:
            if item.seen_ms - story.last_seen_ms >= REFRESH_MS:
                self._dirty.add(story.story_id)
            story.last_seen_ms = item.seen_ms

    def _add_fingerprints(self, story: StoryState, item: NormalisedItem) -> None:
        sid = story.story_id
        if item.url and not _is_site_root(item.url):
            story.urls = _remembered(story.urls, item.url)
            self._by_url[item.url] = sid
        story.hashes = _remembered(story.hashes, item.content_hash)
        self._by_hash[item.content_hash] = sid
        if item.signature and item.signature not in story.signatures:
            story.signatures = (*story.signatures, item.signature)
            self._add_signature(sid, binascii.a2b_base64(item.signature))
            if len(story.signatures) > MAX_SIGNATURES:  # keep the first and the latest ones
                story.signatures = story.signatures[:1] + story.signatures[2:]
                rows = self._story_rows[sid]
                self._story_rows[sid] = rows[:1] + rows[2:]
                self._drop_row(rows[1])
        if item.marker_kind != versions.KILL:
            story.title_keys = _remembered(story.title_keys, item.title_key)
            self._by_title[(story.publisher_key, item.title_key)] = sid

    def _version(self, story: StoryState, item: NormalisedItem, reason: str) -> Decision:
        story.version += 1
        story.status = versions.VersionMarker("", item.marker_kind).status if item.marker_kind else "update"
        story.items[item.item_id] = _remembered(story.items.get(item.item_id, ()), item.revision)
        self._by_item[item.item_id] = story.story_id
        self._add_fingerprints(story, item)
        self._touch(story, item)
        self._dirty.add(story.story_id)
        return Decision(VERSION, story.story_id, story.version, story.status, reason)

    def _exact(self, story: StoryState, item: NormalisedItem, reason: str) -> Decision:
        known = story.items if item.item_id in story.items else story.copies
        revisions = known.get(item.item_id, ())
        if item.revision not in revisions:
            known[item.item_id] = _remembered(revisions, item.revision)
            self._dirty.add(story.story_id)
        self._by_item.setdefault(item.item_id, story.story_id)
        self._touch(story, item)
        return Decision(EXACT, story.story_id, reason=reason)

    def _copy(self, story: StoryState, item: NormalisedItem, distance: int) -> Decision:
        story.copies[item.item_id] = _remembered(story.copies.get(item.item_id, ()), item.revision)
        self._by_item.setdefault(item.item_id, story.story_id)
        if all(c["item_id"] != item.item_id for c in story.copy_list):
            entry = {"item_id": item.item_id, "url": item.url,
                     "publisher": item.source.get("publisher") or item.source.get("name"),
                     "distance": distance}
            story.copy_list = (*story.copy_list, entry)[-MAX_COPIES:]
        self._touch(story, item)
        self._dirty.add(story.story_id)
        return Decision(NEAR, story.story_id, reason="minhash", distance=distance)

    def observe(self, item: NormalisedItem) -> Decision:
        """Decide the fate of one item and update the index accordingly."""
        decision = self._decide(item)
        self._stale.add(decision.story_id)
        return decision

    def _decide(self, item: NormalisedItem) -> Decision:
        if self.clock_ms is None or item.seen_ms > self.clock_ms:
            self.clock_ms = item.seen_ms
            self._clock_dirty = True
        raw = binascii.a2b_base64(item.signature)  # b"" for no signature
        signature = np.frombuffer(raw, dtype="<u4") if raw else None
        sid = self._by_item.get(item.item_id)
        story = self.stories.get(sid) if sid else None
        if story is not None:
            if item.item_id in story.copies and item.item_id not in story.items:
                if item.revision in story.copies[item.item_id]:
                    return self._exact(story, item, "item")
                return self._copy(story, item, self._distance(signature, story.story_id))
            if item.revision in story.items.get(item.item_id, ()):
                return self._exact(story, item, "item")
        by_hash = self.stories.get(self._by_hash.get(item.content_hash, ""))
        if by_hash is not None and item.marker_kind != versions.KILL:
            return self._exact(by_hash, item, "content")
        if story is not None:  # same item id, new revision
            return self._version(story, item, "item")
        if item.url and not _is_site_root(item.url):
            by_url = self.stories.get(self._by_url.get(item.url, ""))
            if by_url is not None:
                distance = self._distance(signature, by_url.story_id)
                if distance <= self._limit(item) and item.marker_kind is None:
                    return self._exact(by_url, item, "url")
                return self._version(by_url, item, "url")
        if item.marker_kind is not None:
            keys = [item.kill_ref] if item.kill_ref else []
            keys.append(item.title_key)
            for key in keys:
                target = self.stories.get(self._by_title.get((item.publisher_key, key), ""))
                if target is not None:
                    return self._version(target, item, "headline")
        limit = self._limit(item)
        nearest, distance = self._nearest(signature, raw, limit)
        if nearest is not None and distance <= limit:
            if item.marker_kind is not None and nearest.publisher_key == item.publisher_key:
                return self._version(nearest, item, "marker")
            return self._copy(nearest, item, distance)
        return self._new(item)

    def _new(self, item: NormalisedItem) -> Decision:
        status = "retraction" if item.marker_kind == versions.KILL else "new"
        story = StoryState(item.item_id, 1, status, item.publisher_key, item.seen_ms,
                           items={item.item_id: (item.revision,)})
        self.stories[story.story_id] = story
        self._by_item[item.item_id] = story.story_id
        self._add_fingerprints(story, item)
        self._dirty.add(story.story_id)
        return Decision(NEW, story.story_id, 1, status, "first")


def order_key(item: NormalisedItem) -> tuple[int, int, str, str, str, str]:
    """Event-time order of a batch; ties broken by fetch time, ids, feed and URL, so that the
    order (and so the stories) do not depend on arrival order."""
    return (item.event_ms, item.seen_ms, item.item_id, item.revision, item.source["feed_url"], item.url or "")


@dataclass
class BatchResult:
    """The story versions to emit (item, decision, duplicates) and a count per decision kind."""

    versions: list[tuple[NormalisedItem, Decision, list[dict[str, Any]]]]
    counts: dict[str, int]


def deduplicate_batch(index: DedupIndex, items: Iterable[NormalisedItem]) -> BatchResult:
    """Observe ``items`` in event-time order; each emitted version lists the copies its story
    has at the end of the batch."""
    counts = {EXACT: 0, VERSION: 0, NEAR: 0, NEW: 0}
    emitted: list[tuple[NormalisedItem, Decision]] = []
    for item in sorted(items, key=order_key):
        decision = index.observe(item)
        counts[decision.kind] += 1
        if decision.kind in (NEW, VERSION):
            emitted.append((item, decision))
    result = []
    for item, decision in emitted:
        story = index.stories.get(decision.story_id)
        copies = [dict(c) for c in story.copy_list] if story else []
        result.append((item, decision, copies))
    return BatchResult(result, counts)
