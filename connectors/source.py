"""The polling contract every connector follows, and its implementation for HTTP feeds.

A :class:`PollingSource` (like bytewax's ``SimplePollingSource``) is asked for its
:meth:`~PollingSource.next_batch`; the :class:`Batch` it returns carries the new items, the
dead letters, how long to wait before the next poll (``retry_after``) and the state snapshot
to keep *once the items are acknowledged*. The runner publishes the batch and only then calls
:meth:`~PollingSource.commit` (or :meth:`~PollingSource.commit_partial` when only some items
were acknowledged); :meth:`~PollingSource.snapshot` gives the state to persist, and a source
is resumed by constructing it with a restored state.
"""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from connectors.config import FeedConfig
from connectors.fetch import Fetcher, FetchResult
from connectors.formats import STAGE, FeedError, parse_feed
from connectors.normalise import iso_utc, parse_date
from connectors.state import SEEN_LIMIT, FeedState
from newswire.dlq import DeadLetter, dead_letter

log = logging.getLogger(__name__)

MAX_INTERVAL = 24 * 3600.0
MAX_RETRY_AFTER = 24 * 3600.0
DLQ_PAYLOAD_LIMIT = 256 * 1024


@dataclass(frozen=True)
class Batch:
    """The result of one poll: what to publish and the state to keep after the broker's ack.

    ``outcome`` is one of ``new`` (a body was parsed; it may hold zero new items),
    ``not_modified`` (HTTP 304), ``unchanged`` (same body as last time), ``error``,
    ``disabled`` (HTTP 410 Gone) or ``deferred`` (not due yet: Retry-After or backoff).
    """

    items: tuple[dict[str, Any], ...]
    dead_letters: tuple[DeadLetter, ...]
    state: FeedState
    retry_after: float
    outcome: str
    status: int | None = None
    error: str | None = None
    revisions: int = 0  # items re-published because their content changed
    warnings: tuple[str, ...] = ()


class PollingSource(Protocol):
    """One pollable source (a feed); see the module docstring for the protocol."""

    key: str

    def next_batch(self, now: datetime) -> Batch: ...

    def commit(self, batch: Batch) -> None: ...

    def commit_partial(
        self, batch: Batch, acknowledged: list[tuple[str, str]], reason: str, now: datetime
    ) -> Batch: ...

    def snapshot(self) -> FeedState: ...


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def backoff_delay(failures: int, interval: float, ceiling: float, rng: random.Random) -> float:
    """Exponential backoff with jitter: about ``interval * 2**(failures-1)``, at most ``ceiling``."""
    full = min(max(ceiling, interval), interval * 2 ** max(failures - 1, 0))
    return full / 2 + rng.uniform(0, full / 2)


def jittered(interval: float, rng: random.Random) -> float:
    """The regular interval with up to 10 % jitter, so many feeds do not fire in step."""
    return interval * rng.uniform(0.9, 1.0)


class FeedSource:
    """A configured HTTP feed as a :class:`PollingSource`."""

    def __init__(
        self,
        feed: FeedConfig,
        fetcher: Fetcher,
        state: FeedState | None = None,
        *,
        max_backoff: float = 6 * 3600.0,
        seen_limit: int = SEEN_LIMIT,
        rng: random.Random | None = None,
    ) -> None:
        self.feed = feed
        self.key = feed.url
        self.fetcher = fetcher
        self.state = state or FeedState(feed.url)
        self.max_backoff = max_backoff
        self.seen_limit = seen_limit
        self.rng = rng or random.Random()

    # --- scheduling ----------------------------------------------------------------------------

    def interval(self) -> float:
        """The configured interval, stretched to the feed's own ttl / update period."""
        hint = self.state.interval_hint or 0.0
        return max(self.feed.interval, min(hint, MAX_INTERVAL))

    def wait_before_poll(self, now: datetime) -> float:
        """Seconds until Retry-After / backoff allow the next poll (0 when allowed now)."""
        not_before = parse_date(self.state.not_before)
        if not not_before:
            return 0.0
        return max(0.0, (datetime.fromisoformat(not_before.replace("Z", "+00:00")) - now).total_seconds())

    def first_poll_delay(self, now: datetime) -> float:
        """Seconds until the first poll after a (re)start: the restored timetable is kept
        (interval since the last poll, Retry-After, backoff), plus up to 5 s of spread."""
        wait_for = self.wait_before_poll(now)
        last = parse_date(self.state.last_polled_at)
        if last:
            since = (now - datetime.fromisoformat(last.replace("Z", "+00:00"))).total_seconds()
            wait_for = max(wait_for, self.interval() - since)
        return max(wait_for, 0.0) + self.rng.uniform(0, min(self.interval(), 5.0))

    # --- the contract --------------------------------------------------------------------------

    def snapshot(self) -> FeedState:
        return self.state

    def commit(self, batch: Batch) -> None:
        self.state = batch.state

    def commit_partial(
        self, batch: Batch, acknowledged: list[tuple[str, str]], reason: str, now: datetime
    ) -> Batch:
        """Keep only what the broker acknowledged; validators stay old so the rest comes again."""
        failures = self.state.failures + 1
        delay = backoff_delay(failures, self.interval(), self.max_backoff, self.rng)
        state = replace(
            self.state.with_published(acknowledged, self.seen_limit),
            failures=failures,
            last_polled_at=batch.state.last_polled_at,
            last_error=reason,
            not_before=iso_utc(now + timedelta(seconds=delay)),
        )
        self.state = state
        return replace(batch, state=state, retry_after=delay, outcome="error", error=reason)

    def next_batch(self, now: datetime) -> Batch:
        state = self.state
        if state.disabled:
            return Batch((), (), state, MAX_INTERVAL, "disabled", error=state.disabled)
        wait = self.wait_before_poll(now)
        if wait > 0:
            return Batch((), (), state, wait, "deferred")
        url = state.permanent_url or self.feed.url
        result = self.fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
        polled = replace(state, last_polled_at=iso_utc(now))
        if result.permanent_url and result.permanent_url != state.permanent_url:
            log.info("feed %s moved permanently to %s", self.feed.url, result.permanent_url)
            polled = replace(polled, permanent_url=result.permanent_url)
        if result.error:
            return self._failed(result, polled, now)
        if result.not_modified:
            ok = self._succeeded(polled, now)
            return Batch((), (), ok, self._next_interval(), "not_modified", status=304)
        digest = body_hash(result.body)
        if digest == state.body_hash:
            ok = replace(self._succeeded(polled, now), etag=result.etag, last_modified=result.last_modified)
            return Batch((), (), ok, self._next_interval(), "unchanged", status=result.status)
        try:
            parsed = parse_feed(result.body, self.feed.source(), fetched_at=iso_utc(now),
                                content_type=result.content_type, content_language=result.content_language)
        except FeedError as exc:
            return self._failed(replace(result, error=exc.reason, detail=exc.detail), polled, now)
        for warning in parsed.warnings:
            log.warning("feed %s: %s", self.feed.url, warning)
        seen = state.seen_map()
        fresh: dict[str, dict[str, Any]] = {}
        revisions = 0
        for item in reversed(parsed.items):  # feeds list newest first; publish oldest first
            known = seen.get(item["id"])
            if known == item["revision"] or item["id"] in fresh:
                continue
            revisions += known is not None
            fresh[item["id"]] = item
        ok = replace(self._succeeded(polled, now), body_hash=digest, interval_hint=parsed.interval_hint,
                     etag=result.etag, last_modified=result.last_modified)
        ok = ok.with_published(((i["id"], i["revision"]) for i in fresh.values()), self.seen_limit)
        return Batch(tuple(fresh.values()), parsed.rejected, ok, self._next_interval(ok), "new",
                     status=result.status, revisions=revisions, warnings=parsed.warnings)

    # --- helpers -------------------------------------------------------------------------------

    def _next_interval(self, state: FeedState | None = None) -> float:
        hint = (state or self.state).interval_hint or 0.0
        return jittered(max(self.feed.interval, min(hint, MAX_INTERVAL)), self.rng)

    @staticmethod
    def _succeeded(state: FeedState, now: datetime) -> FeedState:
        return replace(state, failures=0, not_before=None, last_success_at=iso_utc(now), last_error=None)

    def _failed(self, result: FetchResult, state: FeedState, now: datetime) -> Batch:
        reason = result.error or "error"
        failures = state.failures + 1
        if result.status == 410:
            log.warning("feed %s is gone (HTTP 410): disabled", self.feed.url)
            gone = replace(state, disabled="http_410", failures=failures, last_error=reason)
            return Batch((), (self._dead_letter(result, reason),), gone, MAX_INTERVAL, "disabled",
                         status=410, error=reason)
        delay = backoff_delay(failures, self.interval(), self.max_backoff, self.rng)
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, MAX_RETRY_AFTER))
        failed = replace(state, failures=failures, last_error=f"{reason}: {result.detail}"[:500],
                         not_before=iso_utc(now + timedelta(seconds=delay)))
        log.warning("feed %s: %s (%s); failure %d, next try in %.0f s",
                    self.feed.url, reason, result.detail, failures, delay)
        return Batch((), (self._dead_letter(result, reason),), failed, delay, "error",
                     status=result.status, error=reason)

    def _dead_letter(self, result: FetchResult, reason: str) -> DeadLetter:
        payload = result.body[:DLQ_PAYLOAD_LIMIT]
        detail = result.detail + (" (payload truncated)" if len(result.body) > DLQ_PAYLOAD_LIMIT else "")
        return dead_letter(STAGE, reason, payload, error=detail, source=self.feed.url)
