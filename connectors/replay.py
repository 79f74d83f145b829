"""Replay saved feeds or a JSONL archive of raw items into news.raw (backfill).

PATH is a feed file, a ``.jsonl`` file of raw items (one JSON object per line), or a folder
searched recursively for both (``.xml .rss .atom .rdf .json .feed .ninjs .jsonl``; other files
are skipped and counted). Everything goes through the same normalisation as the live
connector, so ids, canonical URLs and revisions match; input that cannot be used becomes a
dead letter on news.dlq with its reason. A progress bar runs on stderr and the final count is
printed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".json", ".feed", ".ninjs"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ACK_CHUNK = 5000


@dataclass(frozen=True)
class Replayed:
    """One unit of replay output: a raw record or a dead letter, and the input bytes consumed."""

    record: dict[str, Any] | None
    dead_letter: Any | None  # newswire.dlq.DeadLetter
    consumed: int


def replay_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The files under ``root`` to replay, and those skipped for their suffix."""
    if root.is_file():
        return [root], []
    files = sorted(p for p in root.rglob("*") if p.is_file())
    usable = [p for p in files if p.suffix.lower() in FEED_SUFFIXES | JSONL_SUFFIXES]
    return usable, [p for p in files if p not in usable]


def iter_file(path: Path, defaults: Any, fetched_at: str) -> Iterator[Replayed]:
    """Records and dead letters of one file (a feed, or JSONL of raw items)."""
    import orjson

    from connectors.formats import STAGE, FeedError, parse_feed
    from connectors.normalise import Source, renormalise
    from newswire.dlq import dead_letter

    origin = path.resolve().as_uri()
    if path.suffix.lower() in JSONL_SUFFIXES:
        fallback = Source(origin, defaults.name or path.stem, defaults.publisher, defaults.agency,
                          defaults.tags)
        with path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                where = f"{origin}#line={number}"
                if not line.strip():
                    yield Replayed(None, None, len(line))
                    continue
                try:
                    value = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    yield Replayed(None, dead_letter(STAGE, "bad_json", line, error=str(exc), source=where),
                                   len(line))
                    continue
                record = renormalise(value, fetched_at, fallback) if isinstance(value, dict) else None
                if record is None:
                    letter = dead_letter(STAGE, "bad_record", line, source=where,
                                         error="not an object with guid, url or title")
                    yield Replayed(None, letter, len(line))
                else:
                    yield Replayed(record, None, len(line))
        return
    body = path.read_bytes()
    source = Source(origin, defaults.name or path.stem, defaults.publisher, defaults.agency, defaults.tags)
    try:
        parsed = parse_feed(body, source, fetched_at=fetched_at)
    except FeedError as exc:
        letter = dead_letter(STAGE, exc.reason, body[:256 * 1024], error=exc.detail, source=origin)
        yield Replayed(None, letter, len(body))
        return
    for warning in parsed.warnings:
        log.warning("%s: %s", path, warning)
    for letter in parsed.rejected:
        yield Replayed(None, letter, 0)
    for index, record in enumerate(reversed(parsed.items)):  # oldest first
        yield Replayed(record, None, len(body) if index == 0 else 0)
    if not parsed.items:
        yield Replayed(None, None, len(body))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="feed file, JSONL of raw items, or a folder of them")
    parser.add_argument("--bootstrap", metavar="HOST:PORT",
                        help="Kafka bootstrap servers (default: NEWSWIRE_BOOTSTRAP or 127.0.0.1:9092)")
    parser.add_argument("--topic-prefix", default="", metavar="PREFIX", help="prefix for every topic name")
    parser.add_argument("--name", help="source name for saved feeds (default: the file name)")
    parser.add_argument("--publisher", help="publisher to record as the source")
    parser.add_argument("--agency", help="news agency to record as the source")
    parser.add_argument("--tag", action="append", default=[], dest="tags", help="source tag (repeatable)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


@dataclass(frozen=True)
class _Defaults:
    name: str | None
    publisher: str | None
    agency: str | None
    tags: tuple[str, ...]


class _Publisher:
    """Sends records and dead letters, settles acknowledgements in chunks, keeps the counts."""

    def __init__(self, producer: Any, topics: Any) -> None:
        self.producer = producer
        self.topics = topics
        self.counts = {"items": 0, "dead_letters": 0, "failed": 0}
        self.pending: list[tuple[str, Any]] = []

    def publish(self, unit: Replayed) -> None:
        from connectors.normalise import SCHEMA, SCHEMA_VERSION
        from newswire import dlq
        from newswire.kafka import Outgoing, send

        if unit.record is not None:
            record = Outgoing(self.topics.raw, unit.record["id"], unit.record, SCHEMA, SCHEMA_VERSION)
            self.pending.append(("items", send(self.producer, record)))
        if unit.dead_letter is not None:
            letter = unit.dead_letter
            log.warning("%s: %s (%s)", letter.source, letter.reason, letter.error[:200])
            outgoing = Outgoing(self.topics.dlq, letter.key, letter.to_dict(), dlq.SCHEMA, dlq.SCHEMA_VERSION)
            self.pending.append(("dead_letters", send(self.producer, outgoing)))
        if len(self.pending) >= ACK_CHUNK:
            self.settle()

    def settle(self) -> None:
        from kafka.errors import KafkaError

        for kind, future in self.pending:
            try:
                future.get(timeout=90)
            except KafkaError as exc:
                self.counts["failed"] += 1
                log.error("a %s was not acknowledged: %s", kind, exc)
            else:
                self.counts[kind] += 1
        self.pending.clear()

    @property
    def items(self) -> int:
        return self.counts["items"] + sum(1 for kind, _ in self.pending if kind == "items")


def run(args: argparse.Namespace) -> int:
    from kafka.errors import KafkaError
    from tqdm import tqdm

    from connectors.normalise import iso_utc
    from connectors.runner import make_connector_producer, utc_now
    from newswire.kafka import make_admin
    from newswire.topics import TopicNames, ensure_topics

    root = Path(args.path)
    if not root.exists():
        print(f"newswire replay: {root} does not exist", file=sys.stderr)
        return 2
    files, skipped = replay_files(root)
    for path in skipped:
        log.info("skipped %s (not a feed or JSONL suffix)", path)
    topics = TopicNames.prefixed(args.topic_prefix) if args.topic_prefix else TopicNames()
    defaults = _Defaults(args.name, args.publisher, args.agency, tuple(args.tags))
    fetched_at = iso_utc(utc_now())
    try:
        admin = make_admin(args.bootstrap)
        try:
            ensure_topics(admin, tuple(s for s in topics.specs() if s.name in (topics.raw, topics.dlq)))
        finally:
            admin.close()
        producer = make_connector_producer(args.bootstrap)
    except KafkaError as exc:
        print(f"newswire replay: Kafka not usable at {args.bootstrap or 'NEWSWIRE_BOOTSTRAP'}: {exc}",
              file=sys.stderr)
        return 1
    publisher = _Publisher(producer, topics)
    total = sum(p.stat().st_size for p in files)
    try:
        with tqdm(total=total, unit="B", unit_scale=True, desc="replay", disable=args.no_progress,
                  file=sys.stderr) as bar:
            for path in files:
                for unit in iter_file(path, defaults, fetched_at):
                    publisher.publish(unit)
                    bar.update(unit.consumed)
                bar.set_postfix(items=publisher.items)
            publisher.settle()
    except KafkaError as exc:
        print(f"newswire replay: publishing failed: {exc}", file=sys.stderr)
        return 1
    finally:
        producer.close(timeout=30)
    counts = publisher.counts
    print(f"replayed {counts['items']} items from {len(files)} files into {topics.raw} "
          f"({counts['dead_letters']} dead letters, {len(skipped)} files skipped, "
          f"{counts['failed']} not acknowledged)")
    return 1 if counts["failed"] else 0
