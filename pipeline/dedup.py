"""DeduplicateStories: exact duplicates, near-duplicate copies and versions, with keyed state.

Deciding needs only an item's ids, hashes, MinHash, canonical URL, times and version marker, so
only that light form (:func:`light_item`, no title, text or people) goes through the single
dedup key, in batches of :data:`LIGHT_BATCH` (one element and one bag entry per batch: the key's
per-element costs are serial), whose state holds the :class:`newswire.dedup.DedupIndex`
(compact: a few hundred bytes per story, see docs/pipeline-stages.md). Light items are buffered
in a bag and decided when an event-time timer fires, in event-time order, so that the outcome
does not depend on bundle order and a re-run over the same input gives the same stories. A
second event-time timer expires stories not seen for the TTL. There are no processing-time
timers (those push DirectRunner onto its old runner, DESIGN section 3).

Each light item carries its item key (:func:`item_key`, a digest of the whole normalised item).
The decisions (story id, version, status, copies) come out keyed by it and are joined back to
the full items with a GroupByKey on that key (:class:`JoinDecisions`), so the stages after
dedup see ordinary per-story elements that a runner can spread over its workers; only the
single-key decision step is serial.

State survives across runs through ``prior_state`` (records read back from the compacted state
topic; they flow into the same key and are applied before the first decision) and the
``state_updates`` output (records to persist).
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import orjson
from apache_beam import coders, pvalue
from apache_beam.metrics import Metrics
from apache_beam.runners.worker.statecache import CacheAware
from apache_beam.transforms.timeutil import TimeDomain
from apache_beam.transforms.userstate import BagStateSpec, ReadModifyWriteStateSpec, TimerSpec, on_timer
from apache_beam.utils.timestamp import Timestamp

from newswire import dedup
from newswire.fingerprint import NEAR_DUPLICATE_MAX_DISTANCE
from newswire.records import NormalisedItem, story_record

NAMESPACE = "newswire"
STATE_UPDATES = "state_updates"
DEDUP_KEY = "all"
KIND_PRIOR, KIND_ITEM = "prior", "item"  # the two kinds of input of the dedup key
KIND_BATCH, KIND_PRIOR_BATCH = "batch", "prior-batch"  # batches of light items, of state records
BATCH_ENTRY = "*"  # a bag's key of a batch entry (item keys are hex digests or "", state keys paths)
LIGHT_BATCH = 1000  # light items (or prior state records) per element and bag entry (bounded runs)
_RECORDS = coders.IterableCoder(coders.TupleCoder([coders.StrUtf8Coder(), coders.BytesCoder()]))
FULL, DECISION = 0, 1  # the two sides of the join

# (DEDUP_KEY, (kind, state key or item key or "", state value or encoded batch or whole item))
_KEYED = tuple[str, tuple[str, str, bytes]]
# (item key, (FULL or DECISION, encoded full item or encoded decision))
_JOIN = tuple[str, tuple[int, bytes]]


def item_key(encoded: bytes) -> str:
    """The join key of a normalised item: a digest of its encoding (equal only for equal items)."""
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def light_item(item: NormalisedItem) -> NormalisedItem:
    """What the deduplicator reads of an item: everything but the title, text, people and
    categories (newswire.dedup decides on ids, hashes, MinHash, URL, times and markers)."""
    return dataclasses.replace(item, title="", text="", authors=(), categories=())


def encode_decision(story_id: str, version: int, status: str, copies: list[dict[str, Any]]) -> bytes:
    return orjson.dumps([story_id, version, status, copies])


def decode_decision(data: bytes) -> tuple[str, int, str, list[dict[str, Any]]]:
    story_id, version, status, copies = orjson.loads(data)
    return story_id, version, status, copies


def _light_entry(item: NormalisedItem) -> tuple[str, bytes]:
    """(item key, encoded light item): what the deduplicator needs of an item."""
    return item_key(item.to_bytes()), light_item(item).to_bytes()


def _batch_keyed(entries: list[tuple[str, bytes]]) -> tuple[str, tuple[str, str, bytes]]:
    """(DEDUP_KEY, (KIND_BATCH, "", batch)): a batch of (item key, light item) for the dedup key."""
    return DEDUP_KEY, (KIND_BATCH, "", _RECORDS.encode(entries))


def _whole_keyed(item: NormalisedItem) -> tuple[str, tuple[str, str, bytes]]:
    """(DEDUP_KEY, (KIND_ITEM, "", full item)): streaming sends whole items through the dedup key."""
    return DEDUP_KEY, (KIND_ITEM, "", item.to_bytes())


def _full_keyed(item: NormalisedItem) -> tuple[str, tuple[int, bytes]]:
    """(item key, (FULL, item)): the join's side of the full items."""
    encoded = item.to_bytes()
    return item_key(encoded), (FULL, encoded)


def _keyed_record(record: tuple[str, bytes | None]) -> tuple[str, tuple[str, str, bytes]]:
    key, value = record
    return DEDUP_KEY, (KIND_PRIOR, key, value or b"")


def _keyed_records(records: list[tuple[str, bytes | None]]) -> tuple[str, tuple[str, str, bytes]]:
    """(DEDUP_KEY, (KIND_PRIOR_BATCH, "", records)): a batch of prior state records."""
    return DEDUP_KEY, (KIND_PRIOR_BATCH, "", _RECORDS.encode([(key, value or b"") for key, value in records]))


def _key_batches() -> beam.PTransform:
    """Lists of LIGHT_BATCH elements (fewer at the end of a bundle) for the single dedup key."""
    return beam.BatchElements(min_batch_size=LIGHT_BATCH, max_batch_size=LIGHT_BATCH)


def _unbatched(entries: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The (key, bytes) pairs of a bag of the dedup key, batches opened."""
    records: list[tuple[str, bytes]] = []
    for key, value in entries:
        if key == BATCH_ENTRY:
            records.extend(_RECORDS.decode(value))
        else:
            records.append((key, value))
    return records


class StoredIndex(CacheAware):
    """The index as the keyed state holds it.

    Beam's state cache weighs every value it caches by walking its object graph; for the index
    that walk costs about as much as deciding the items (0.67 s per write at 10,000 stories,
    growing with the index), in the one serial step of the pipeline. The DoFn keeps the decoded
    index itself (``_DeduplicateFn._cache``), so the cache is told to weigh only this holder.
    """

    def __init__(self, index: dedup.DedupIndex) -> None:
        super().__init__()
        self.index = index

    def get_referents_for_cache(self) -> list[Any]:
        return []


class DedupIndexCoder(coders.Coder):
    """Codes the whole index for the keyed state (once per bundle, not per element)."""

    def encode(self, value: StoredIndex) -> bytes:
        return value.index.encode()

    def decode(self, encoded: bytes) -> StoredIndex:
        return StoredIndex(dedup.DedupIndex.decode(encoded))

    def is_deterministic(self) -> bool:
        return True


ITEMS = BagStateSpec("items", coders.TupleCoder([coders.StrUtf8Coder(), coders.BytesCoder()]))
PRIOR = BagStateSpec("prior", coders.TupleCoder([coders.StrUtf8Coder(), coders.BytesCoder()]))
INDEX = ReadModifyWriteStateSpec("index", DedupIndexCoder())
GENERATION = ReadModifyWriteStateSpec("generation", coders.StrUtf8Coder())
# (clock_ms, oldest last_seen_ms) of the stored index: tells the expiry timer whether anything is
# due without decoding the index (which takes seconds at 50,000 stories)
HORIZON = ReadModifyWriteStateSpec("horizon", coders.TupleCoder([coders.VarIntCoder(), coders.VarIntCoder()]))
FLUSH = TimerSpec("flush", TimeDomain.WATERMARK)
EXPIRE = TimerSpec("expire", TimeDomain.WATERMARK)
_ITEMS = beam.DoFn.StateParam(ITEMS)
_PRIOR = beam.DoFn.StateParam(PRIOR)
_INDEX = beam.DoFn.StateParam(INDEX)
_GENERATION = beam.DoFn.StateParam(GENERATION)
_HORIZON = beam.DoFn.StateParam(HORIZON)
_FLUSH = beam.DoFn.TimerParam(FLUSH)
_EXPIRE = beam.DoFn.TimerParam(EXPIRE)


def expiry_now_ms(fire_ms: int, clock_ms: int | None) -> int:
    """The event time an expiry timer firing at ``fire_ms`` evicts at: never beyond the latest
    item seen, so that a watermark jumping ahead (the end of a bounded run) expires nothing early."""
    return min(fire_ms, clock_ms) if clock_ms is not None else fire_ms


def expiry_due(horizon: tuple[int, int], fire_ms: int, ttl_ms: int) -> bool:
    """Whether an expiry timer firing at ``fire_ms`` evicts anything from an index whose clock
    and oldest ``last_seen_ms`` are ``horizon``."""
    clock_ms, oldest_ms = horizon
    return oldest_ms <= expiry_now_ms(fire_ms, clock_ms) - ttl_ms


class _DeduplicateFn(beam.DoFn):
    """Input: (DEDUP_KEY, (KIND_PRIOR, state key, state value)) for prior state records and
    (DEDUP_KEY, (KIND_BATCH, "", encoded (item key, light item) pairs)) for batches of light items
    (streaming: (DEDUP_KEY, (KIND_ITEM, "", encoded whole item)) per item). Output: (item key,
    (DECISION, encoded decision)) for each story version; tagged ``state_updates``."""

    def __init__(self, ttl_ms: int, near_max_distance: int, emit_stories: bool = False) -> None:
        self.ttl_ms = ttl_ms
        self.near_max_distance = near_max_distance
        self.emit_stories = emit_stories  # streaming: full items in, story dicts out (no join)
        self.exact = Metrics.counter(NAMESPACE, "exact_duplicates")
        self.near = Metrics.counter(NAMESPACE, "near_duplicates")
        self.versions = Metrics.counter(NAMESPACE, "versions")
        self.retractions = Metrics.counter(NAMESPACE, "retractions")
        self.restored = Metrics.counter(NAMESPACE, "state_restored")
        self.expired = Metrics.counter(NAMESPACE, "state_expired")
        self._cache: dict[str, tuple[str, dedup.DedupIndex]] = {}
        self._flush_at: dict[str, Timestamp] = {}

    def start_bundle(self) -> None:
        self._flush_at = {}

    def setup(self) -> None:
        # The decoded index of each key, valid while the key's "generation" state still holds
        # the token written with it; saves decoding the whole index at every timer.
        self._cache = {}

    def process(
        self,
        element: tuple[str, tuple[str, str, bytes]],
        timestamp: Any = beam.DoFn.TimestampParam,
        items: Any = _ITEMS,
        prior: Any = _PRIOR,
        flush: Any = _FLUSH,
    ) -> None:
        kind, key, value = element[1]
        if kind in (KIND_PRIOR, KIND_PRIOR_BATCH):
            prior.add((BATCH_ENTRY if kind == KIND_PRIOR_BATCH else key, value))
        else:
            items.add((BATCH_ENTRY if kind == KIND_BATCH else key, value))
        self._set_flush(element[0], max(timestamp, Timestamp(0)), flush)

    def _set_flush(self, key: str, at: Timestamp, flush: Any) -> None:
        """Fire the flush once the watermark passes the bundle's earliest item of ``key``.

        Every ``set`` is a message to the runner, so it is sent only when it moves the timer
        earlier than this bundle has set it: a few times per bundle instead of once per item.
        """
        if key not in self._flush_at or at < self._flush_at[key]:
            self._flush_at[key] = at
            flush.set(at)

    def _index(self, key: str, state: Any, generation: Any, prior: Any) -> dedup.DedupIndex:
        cached = self._cache.pop(key, None)  # popped: a failed bundle must not leave it half-changed
        token = generation.read()
        if cached is not None and token is not None and cached[0] == token:
            index = cached[1]
        else:
            stored = state.read()
            index = stored.index if stored is not None else dedup.DedupIndex(self.near_max_distance)
        records = _unbatched(prior.read())
        if records:
            self.restored.inc(index.load(records))
            prior.clear()
        return index

    def _store(
        self, key: str, index: dedup.DedupIndex, state: Any, generation: Any, horizon: Any
    ) -> int | None:
        """Write the index and its horizon; returns its oldest ``last_seen_ms`` (None when empty)."""
        token = uuid.uuid4().hex
        state.write(StoredIndex(index))
        generation.write(token)
        oldest = index.oldest_seen_ms()
        if index.clock_ms is not None and oldest is not None:
            horizon.write((index.clock_ms, oldest))
        else:
            horizon.clear()
        self._cache[key] = (token, index)
        return oldest

    @on_timer(FLUSH)
    def on_flush(
        self,
        key: Any = beam.DoFn.KeyParam,
        items: Any = _ITEMS,
        prior: Any = _PRIOR,
        state: Any = _INDEX,
        generation: Any = _GENERATION,
        horizon: Any = _HORIZON,
        expire: Any = _EXPIRE,
    ) -> Iterator[Any]:
        index = self._index(key, state, generation, prior)
        yield from self._decide(index, items)
        oldest = self._store(key, index, state, generation, horizon)
        if oldest is not None:
            expire.set(Timestamp(micros=(oldest + self.ttl_ms) * 1000))

    def _decide(self, index: dedup.DedupIndex, items: Any) -> Iterator[Any]:
        """Decide the buffered items (then cleared): the decisions (or, streaming, the stories)
        and the state updates to emit."""
        batch = [(item_key, NormalisedItem.from_bytes(value)) for item_key, value in _unbatched(items.read())]
        key_of = {id(item): item_key for item_key, item in batch}
        result = dedup.deduplicate_batch(index, (item for _, item in batch))
        items.clear()
        self.exact.inc(result.counts[dedup.EXACT])
        self.near.inc(result.counts[dedup.NEAR])
        for item, decision, copies in result.versions:
            if decision.status == "retraction":
                self.retractions.inc()
            elif decision.kind == dedup.VERSION:
                self.versions.inc()
            fate = (decision.story_id, decision.version, decision.status, copies)
            if self.emit_stories:
                yield story_record(item, *fate)
            else:
                yield key_of[id(item)], (DECISION, encode_decision(*fate))
        # stories already due for expiry are persisted (deleted) by the expiry timer only, so
        # that one run never emits both a value and a deletion for the same key
        due = index.clock_ms - self.ttl_ms if index.clock_ms is not None else None
        for update in index.take_updates(hold_until_ms=due):
            yield pvalue.TaggedOutput(STATE_UPDATES, update)

    @on_timer(EXPIRE)
    def on_expire(
        self,
        key: Any = beam.DoFn.KeyParam,
        fire: Any = beam.DoFn.TimestampParam,
        prior: Any = _PRIOR,
        state: Any = _INDEX,
        generation: Any = _GENERATION,
        horizon: Any = _HORIZON,
    ) -> Iterator[Any]:
        fire_ms = fire.micros // 1000
        known = horizon.read()
        nothing_due = known is not None and not expiry_due(known, fire_ms, self.ttl_ms)
        if nothing_due and next(iter(prior.read()), None) is None:
            self.expired.inc(0)  # still reported: 0 expired
            return  # nothing to evict and no prior state to load: the index stays as stored
        index = self._index(key, state, generation, prior)
        gone = index.evict(expiry_now_ms(fire_ms, index.clock_ms) - self.ttl_ms)
        self.expired.inc(len(gone))
        for update in index.take_updates():
            yield pvalue.TaggedOutput(STATE_UPDATES, update)
        self._store(key, index, state, generation, horizon)


class _JoinFn(beam.DoFn):
    """(item key, [(FULL, item), (DECISION, decision)...]) -> one story dict per decision.

    Items without a decision were duplicates (counted by the deduplicator) and end here. Equal
    items share a key; they are interchangeable, so the first one serves.
    """

    def process(self, element: tuple[str, Iterable[tuple[int, bytes]]]) -> Iterator[dict[str, Any]]:
        full: bytes | None = None
        decisions: list[bytes] = []
        for side, value in element[1]:
            if side == DECISION:
                decisions.append(value)
            elif full is None:
                full = value
        if not decisions:
            return
        if full is None:  # cannot happen: every decided item was sent to both sides
            raise LookupError(f"no item for the dedup decision of item key {element[0]}")
        item = NormalisedItem.from_bytes(full)
        for decision in decisions:
            story_id, version, status, copies = decode_decision(decision)
            yield story_record(item, story_id, version, status, copies)


class JoinDecisions(beam.PTransform):
    """(item key, (FULL, item)) and (item key, (DECISION, decision)) -> story dicts."""

    def expand(self, sides: tuple[beam.PCollection, beam.PCollection]) -> beam.PCollection:
        return (
            sides
            | "BothSides" >> beam.Flatten()
            | "ByItemKey" >> beam.GroupByKey()
            | "ToStories" >> beam.ParDo(_JoinFn())
        )


class DeduplicateStories(beam.PTransform):
    """NormalisedItem -> story dicts (before enrichment); tagged output ``state_updates``.

    ``prior_state``: (key, value) records persisted by earlier runs, or None.
    """

    def __init__(
        self,
        prior_state: beam.PCollection | None = None,
        ttl_days: float = 7.0,
        near_dup_max_distance: int = NEAR_DUPLICATE_MAX_DISTANCE,
    ) -> None:
        super().__init__()
        self.prior_state = prior_state
        self.ttl_ms = int(ttl_days * dedup.DAY_MS)
        self.near_max_distance = near_dup_max_distance
        dedup.DedupIndex(near_dup_max_distance)  # validates the threshold early

    def expand(self, items: beam.PCollection) -> dict[str, beam.PCollection]:
        if not items.is_bounded:
            return self._expand_unbounded(items)
        light = (
            items
            | "LightItems" >> beam.Map(_light_entry)
            | "Batch" >> _key_batches()
            | "KeyBatches" >> beam.Map(_batch_keyed).with_output_types(_KEYED)
        )
        full = items | "FullItems" >> beam.Map(_full_keyed).with_output_types(_JOIN)
        if self.prior_state is not None:
            prior = (
                self.prior_state
                | "BatchPriorState" >> _key_batches()
                | "KeyPriorState" >> beam.Map(_keyed_records).with_output_types(_KEYED)
            )
            light = (light, prior) | "WithPriorState" >> beam.Flatten()
        else:
            # FnApiRunner runs a stage holding a stateful DoFn in one worker; fused with the read,
            # parse and normalise before it, that whole stage would too (the Flatten above
            # breaks the fusion when there is prior state). 50 batch elements per 50,000 items.
            light = light | "ApartFromTheRead" >> beam.Reshuffle()
        decided = light | "Deduplicate" >> beam.ParDo(
            _DeduplicateFn(self.ttl_ms, self.near_max_distance)
        ).with_output_types(_JOIN).with_outputs(STATE_UPDATES, main="decisions")
        stories = (full, decided.decisions) | "JoinDecisions" >> JoinDecisions()
        return {"stories": stories, STATE_UPDATES: decided[STATE_UPDATES]}

    def _expand_unbounded(self, items: beam.PCollection) -> dict[str, beam.PCollection]:
        """Streaming: a GroupByKey in the global window never fires on unbounded input, so whole
        items go through the dedup key and the stories come straight out of it (no join)."""
        keyed = items | "WholeItems" >> beam.Map(_whole_keyed).with_output_types(_KEYED)
        if self.prior_state is not None:
            prior = self.prior_state | "KeyPriorState" >> beam.Map(_keyed_record).with_output_types(_KEYED)
            keyed = (keyed, prior) | "WithPriorState" >> beam.Flatten()
        decided = keyed | "Deduplicate" >> beam.ParDo(
            _DeduplicateFn(self.ttl_ms, self.near_max_distance, emit_stories=True)
        ).with_outputs(STATE_UPDATES, main="stories")
        return {"stories": decided.stories, STATE_UPDATES: decided[STATE_UPDATES]}
