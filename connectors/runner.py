"""Run many feed sources at once: poll, publish to news.raw, wait for the ack, then save state.

Concurrency is a thread pool (``workers`` threads, default 16) sharing one httpx client and
one Kafka producer, both thread-safe. Threads rather than asyncio because every step after the
fetch blocks anyway (feedparser is synchronous and CPU-bound, kafka-python's acks are futures
waited on in the caller); a worker is held by a slow feed at most for the fetch deadline, so
one slow or broken feed never stalls the others, and a scheduler keeps each feed on its own
timetable (interval, ttl, Retry-After, backoff).

Per poll, a worker: asks the source for its next batch, sends each new item (key = item id)
and each dead letter, waits for every acknowledgement, and only then commits the new state and
writes it to the compacted state topic. When some sends fail, only the acknowledged ids are
committed and the validators stay old, so the next poll fetches the full feed again and
publishes what is missing - nothing is lost, nothing acknowledged is re-sent.
"""

from __future__ import annotations

import heapq
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError, KafkaTimeoutError

from connectors.config import ConnectorConfig
from connectors.fetch import Fetcher
from connectors.normalise import SCHEMA as RAW_SCHEMA
from connectors.normalise import SCHEMA_VERSION as RAW_VERSION
from connectors.normalise import iso_utc
from connectors.source import Batch, FeedSource
from connectors.state import FeedState, state_record
from newswire import dlq
from newswire.kafka import Outgoing, send
from newswire.topics import TopicNames

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def make_connector_producer(bootstrap: str | None = None, **overrides: Any) -> KafkaProducer:
    """The connector's producer: ``newswire.kafka.make_producer`` (acks=all, one request in
    flight, retries) with a 60 s delivery timeout and idempotence off. kafka-python 3.0.12's
    idempotent producer was seen to wedge for good after a broker restart (it reset its producer
    id during the outage and never asked for a new one), holding every record; without it,
    records either land or fail within the delivery timeout, and a failure is fetched again.
    The rare duplicate of a retried send is absorbed by the pipeline's (id, revision) dedup."""
    from newswire.kafka import make_producer

    settings: dict[str, Any] = {"enable_idempotence": False, "delivery_timeout_ms": 60_000}
    settings.update(overrides)
    return make_producer(bootstrap, **settings)


@dataclass
class FeedMetrics:
    """Counters of one feed since the process started."""

    feed_url: str
    name: str
    polls: int = 0
    not_modified: int = 0  # HTTP 304
    unchanged: int = 0  # 200 with the same body as last time
    new_items: int = 0  # items published (new ids and new revisions)
    revisions: int = 0  # of which new revisions of known ids
    errors: int = 0
    dead_letters: int = 0
    deferred: int = 0  # polls skipped because of Retry-After / backoff
    last_status: int | None = None
    last_success: str | None = None
    last_error: str | None = None
    disabled: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Connector:
    """The connector process: sources, one producer, one fetcher, metrics and a scheduler."""

    def __init__(
        self,
        config: ConnectorConfig,
        producer: KafkaProducer,
        topics: TopicNames,
        states: dict[str, FeedState] | None = None,
        *,
        ack_timeout: float = 90.0,
        clock: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.producer = producer
        self.topics = topics
        self.ack_timeout = ack_timeout
        self.clock = clock
        self.rng = rng or random.Random()
        self.fetcher = Fetcher(
            user_agent=config.user_agent, connect_timeout=config.connect_timeout,
            read_timeout=config.read_timeout, deadline=config.deadline, max_bytes=config.max_bytes,
            max_redirects=config.max_redirects, max_connections=max(config.workers * 2, 8),
        )
        states = states or {}
        self.sources = [
            FeedSource(feed, self.fetcher, states.get(feed.url), max_backoff=config.max_backoff,
                       seen_limit=config.seen_limit, rng=self.rng)
            for feed in config.feeds
        ]
        self.metrics = {s.key: FeedMetrics(s.key, s.feed.name, last_success=s.state.last_success_at,
                                           last_error=s.state.last_error, disabled=s.state.disabled)
                        for s in self.sources}
        self._stop = threading.Event()
        self.ack_waits = 0  # times an acknowledgement took longer than ack_timeout (broker away)

    def close(self) -> None:
        self.fetcher.close()

    # --- one poll ------------------------------------------------------------------------------

    def poll(self, source: FeedSource) -> Batch:
        """Poll one source, publish its batch, wait for the acks, commit and save its state."""
        now = self.clock()
        batch = source.next_batch(now)
        metrics = self.metrics[source.key]
        if batch.outcome == "deferred":
            metrics.deferred += 1
            return batch
        acknowledged, failure = self._publish(batch)
        if failure is not None:
            log.error("feed %s: %d of %d items not acknowledged (%s); will fetch again",
                      source.key, len(batch.items) - len(acknowledged), len(batch.items), failure)
            batch = source.commit_partial(batch, acknowledged, f"publish_failed: {failure}", now)
            batch = replace(batch, items=tuple(i for i in batch.items
                                                if (i["id"], i["revision"]) in set(acknowledged)))
        else:
            source.commit(batch)
        self._save(source)
        self._count(metrics, batch, len(acknowledged))
        return batch

    def _publish(self, batch: Batch) -> tuple[list[tuple[str, str]], str | None]:
        sent: list[tuple[tuple[str, str], Any]] = []
        failure: str | None = None
        for item in batch.items:
            try:
                record = Outgoing(self.topics.raw, item["id"], item, RAW_SCHEMA, RAW_VERSION)
                future = send(self.producer, record)
            except KafkaError as exc:
                failure = f"{type(exc).__name__}: {exc}"
                break
            sent.append(((item["id"], item["revision"]), future))
        letters = []
        for letter in batch.dead_letters:
            try:
                letters.append(send(self.producer, Outgoing(self.topics.dlq, letter.key, letter.to_dict(),
                                                            dlq.SCHEMA, dlq.SCHEMA_VERSION)))
            except KafkaError as exc:
                log.error("dead letter for %s (%s) not sent: %s", letter.source, letter.reason, exc)
        acknowledged: list[tuple[str, str]] = []
        for pair, future in sent:
            try:
                self._await(future)
            except KafkaError as exc:
                failure = failure or f"{type(exc).__name__}: {exc}"
                continue
            acknowledged.append(pair)
        for future in letters:
            try:
                self._await(future)
            except KafkaError as exc:
                log.error("a dead letter was not acknowledged: %s", exc)
        return acknowledged, failure

    def _await(self, future: Any) -> None:
        """Wait for a record's fate. A record still queued (broker away) may yet be written, so
        it is waited for rather than given up - giving up would risk publishing it twice - unless
        the process is stopping; raises KafkaError when the record failed."""
        while True:
            try:
                future.get(timeout=self.ack_timeout)
                return
            except KafkaTimeoutError:
                if future.is_done or self._stop.is_set():
                    raise
                self.ack_waits += 1
                log.warning("no acknowledgement from Kafka for %.0f s; still waiting (broker away?)",
                            self.ack_timeout)

    def _save(self, source: FeedSource) -> None:
        try:
            self._await(send(self.producer, state_record(self.topics.connector_state, source.snapshot())))
        except KafkaError as exc:
            # The in-memory state is right (it holds only acknowledged ids); the next poll saves again.
            log.error("state of feed %s not saved: %s", source.key, exc)

    def _count(self, metrics: FeedMetrics, batch: Batch, published: int) -> None:
        metrics.polls += 1
        metrics.last_status = batch.status
        metrics.dead_letters += len(batch.dead_letters)
        metrics.new_items += published
        metrics.revisions += min(batch.revisions, published)
        if batch.outcome == "not_modified":
            metrics.not_modified += 1
        elif batch.outcome == "unchanged":
            metrics.unchanged += 1
        if batch.outcome in ("error", "disabled"):
            metrics.errors += 1
            metrics.last_error = batch.error
            metrics.disabled = batch.state.disabled
        else:
            metrics.last_success = batch.state.last_success_at
        log.debug("feed %s: %s, status %s, %d published", metrics.feed_url, batch.outcome,
                  batch.status, published)

    # --- scheduling ----------------------------------------------------------------------------

    def run_once(self, stop: threading.Event | None = None) -> dict[str, FeedMetrics]:
        """Poll every enabled feed once (Retry-After and backoff still apply), then return."""
        self._run(stop or threading.Event(), once=True)
        return self.metrics

    def run_forever(self, stop: threading.Event, report_every: float = 60.0) -> dict[str, FeedMetrics]:
        """Poll each feed on its own timetable until ``stop`` is set; in-flight polls finish."""
        self._run(stop, once=False, report_every=report_every)
        return self.metrics

    def _run(self, stop: threading.Event, once: bool, report_every: float = 60.0) -> None:
        self._stop = stop
        workers = max(1, self.config.workers)
        now = self.clock()
        start = time.monotonic()
        queue: list[tuple[float, int]] = []
        for index, source in enumerate(self.sources):
            if source.state.disabled:
                self.metrics[source.key].disabled = source.state.disabled
                continue
            delay = 0.0 if once else source.first_poll_delay(now)
            heapq.heappush(queue, (start + delay, index))
        in_flight: dict[Future[Batch], int] = {}
        next_report = start + report_every
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed") as pool:
            while (queue or in_flight) and not (once and stop.is_set() and not in_flight):
                clock = time.monotonic()
                while queue and queue[0][0] <= clock and len(in_flight) < workers and not stop.is_set():
                    _, index = heapq.heappop(queue)
                    in_flight[pool.submit(self.poll, self.sources[index])] = index
                if stop.is_set() and not in_flight:
                    break
                timeout = 1.0 if not queue else min(1.0, max(queue[0][0] - clock, 0.0))
                if in_flight:
                    done, _ = wait(list(in_flight), timeout=timeout, return_when=FIRST_COMPLETED)
                else:
                    stop.wait(timeout)
                    done = set()
                for future in done:
                    index = in_flight.pop(future)
                    next_in = self._settle(future, self.sources[index])
                    if not once and next_in is not None:
                        heapq.heappush(queue, (time.monotonic() + next_in, index))
                if not once and time.monotonic() >= next_report:
                    self.log_summary()
                    next_report = time.monotonic() + report_every

    def _settle(self, future: Future[Batch], source: FeedSource) -> float | None:
        """Seconds until the source's next poll, or None when it is switched off."""
        error = future.exception()
        if error is not None:  # a defect, not bad input: log it with its traceback and back off
            log.error("feed %s: poll failed unexpectedly", source.key, exc_info=error)
            metrics = self.metrics[source.key]
            metrics.polls += 1
            metrics.errors += 1
            metrics.last_error = f"{type(error).__name__}: {error}"
            return max(source.interval(), 60.0)
        batch = future.result()
        if batch.state.disabled:
            return None
        return batch.retry_after

    # --- reporting -----------------------------------------------------------------------------

    def log_summary(self) -> None:
        totals = summarise(self.metrics.values())
        log.info("feeds %d: polls %d, 304 %d, unchanged %d, new items %d, errors %d, disabled %d",
                 totals["feeds"], totals["polls"], totals["not_modified"], totals["unchanged"],
                 totals["new_items"], totals["errors"], totals["disabled"])
        for m in self.metrics.values():
            if m.last_error:
                log.info("feed %s: last error %s (errors %d, last success %s)",
                         m.feed_url, m.last_error, m.errors, m.last_success)


def summarise(metrics: Iterable[FeedMetrics]) -> dict[str, int]:
    """Totals over all feeds."""
    rows = list(metrics)
    keys = ("polls", "not_modified", "unchanged", "new_items", "revisions", "errors", "dead_letters",
            "deferred")
    totals = {key: sum(getattr(m, key) for m in rows) for key in keys}
    totals["feeds"] = len(rows)
    totals["disabled"] = sum(1 for m in rows if m.disabled)
    return totals


def format_table(metrics: Iterable[FeedMetrics]) -> str:
    """The per-feed metrics as a fixed-width text table."""
    header = ("feed", "polls", "304", "same", "new", "rev", "errors", "dlq", "waiting", "last success",
              "last error")
    rows = [header]
    for m in metrics:
        rows.append((m.name[:40], str(m.polls), str(m.not_modified), str(m.unchanged), str(m.new_items),
                     str(m.revisions), str(m.errors), str(m.dead_letters), str(m.deferred),
                     m.last_success or "-",
                     (m.disabled and f"disabled ({m.disabled})") or (m.last_error or "-")[:60]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


__all__ = ["Connector", "FeedMetrics", "format_table", "iso_utc", "summarise"]
