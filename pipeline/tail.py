"""Follow a topic (default news.trade) and print each record: a readable block per story, or JSON lines.

  newswire tail                              new trade stories as they arrive (Ctrl-C to stop)
  newswire tail --from-beginning --max 20    the first 20 records of the topic, then exit
  newswire tail --json | jq .title           one JSON object per line, for scripts
  newswire tail --topic news.dlq             dead letters: stage, reason, error, payload

No consumer group is used and nothing is committed: tailing never disturbs other consumers.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

WIDTH = 100


def event_date(event: dict[str, Any]) -> str:
    """An event's date as precise as it is known: 2026-06-10, week of 2026-06-08, 2026-06, 2026."""
    value, precision = event.get("date"), event.get("precision")
    if not value:
        return "?"
    when = str(value)  # ISO text from JSON, a date from Parquet
    if precision == "week":
        return f"week of {when}"
    if precision == "month":
        return when[:7]
    if precision == "year":
        return when[:4]
    return when


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", default="news.trade", help="topic to follow (default news.trade)")
    parser.add_argument(
        "--bootstrap", default=None, help="Kafka bootstrap servers (default $NEWSWIRE_BOOTSTRAP)"
    )
    parser.add_argument("--json", action="store_true", help="print each value as one JSON line")
    parser.add_argument(
        "--from-beginning", action="store_true", help="start at the oldest record instead of only new ones"
    )
    parser.add_argument(
        "--max", type=int, default=0, metavar="N", help="exit after N records (default: never)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="exit after this long without a new record (default: never)",
    )


def _join(values: list[str]) -> str:
    return ", ".join(v for v in values if v)


def _clip(text: str, limit: int = WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_story(story: dict[str, Any]) -> list[str]:
    """The readable lines of one enriched story."""
    trade = story.get("trade") or {}
    fields = story.get("fields") or {}
    source = story.get("source") or {}
    marker = f" {story['version_marker']}" if story.get("version_marker") else ""
    lines = [
        f"{story.get('title', '')}",
        f"  story {story.get('story_id')} v{story.get('version')} ({story.get('status')}{marker})"
        f" · published {story.get('published_at') or 'unknown'}"
        f" · {source.get('publisher') or source.get('name')}",
    ]
    if story.get("url"):
        lines.append(f"  {story['url']}")
    if trade:
        label = "trade" if trade.get("is_trade") else "not trade"
        evidence = _clip(_join(trade.get("evidence") or []), 60)
        lines.append(
            f"  {label} (score {trade.get('score', 0):.2f}) {_join(trade.get('subtopics') or [])}"
            + (f"  evidence: {evidence}" if evidence else "")
        )
    details = [
        (
            "countries",
            [
                f"{c.get('name')} ({c.get('code')}{': ' + '/'.join(c['roles']) if c.get('roles') else ''})"
                for c in fields.get("countries") or []
            ],
        ),
        (
            "people",
            [
                f"{p.get('name')}{', ' + p['title'] if p.get('title') else ''}"
                for p in fields.get("people") or []
            ],
        ),
        ("organisations", [o.get("name", "") for o in fields.get("organisations") or []]),
        ("tariff rates", [t.get("text", "") for t in fields.get("tariff_rates") or []]),
        ("money", [m.get("text", "") for m in fields.get("money") or []]),
        (
            "products",
            [
                f"{p.get('name')}{' (HS ' + str(p['hs_chapter']) + ')' if p.get('hs_chapter') else ''}"
                for p in fields.get("products") or []
            ],
        ),
        ("actions", list(fields.get("actions") or [])),
        ("events", [f"{event_date(e)} {e.get('text')}" for e in fields.get("events") or []]),
    ]
    for name, values in details:
        if values:
            lines.append(f"  {name}: {_clip(_join(values), WIDTH - len(name))}")
    tail = [
        f"dateline {fields['dateline']}" if fields.get("dateline") else "",
        f"agency {fields['agency']}" if fields.get("agency") else "",
        f"by {_join(fields.get('bylines') or [])}" if fields.get("bylines") else "",
        f"edited by {_join(fields.get('editors') or [])}" if fields.get("editors") else "",
    ]
    if any(tail):
        lines.append("  " + " · ".join(t for t in tail if t))
    if story.get("duplicates"):
        copies = [
            f"{d.get('publisher') or d.get('item_id')} (distance {d.get('distance')})"
            for d in story["duplicates"]
        ]
        lines.append(f"  also published by: {_clip(_join(copies))}")
    return lines


def format_dead_letter(record: dict[str, Any]) -> list[str]:
    """The readable lines of one dead letter."""
    return [
        f"dead letter: stage {record.get('stage')}, reason {record.get('reason')}",
        f"  error: {_clip(record.get('error') or '')}",
        f"  key {record.get('key')} · source {record.get('source')} · at {record.get('failed_at')}",
        f"  payload ({record.get('payload_encoding')}): {_clip(record.get('payload') or '', 80)}",
    ]


def format_record(value: Any, location: str) -> str:
    """One block: a header line with where the record is, then its readable lines."""
    header = f"── {location} " + "─" * max(0, WIDTH - len(location) - 4)
    if isinstance(value, dict) and value.get("schema") == "newswire.story":
        body = format_story(value)
    elif isinstance(value, dict) and value.get("schema") == "newswire.dead_letter":
        body = format_dead_letter(value)
    elif isinstance(value, dict) and value.get("schema") == "newswire.raw_item":
        source = value.get("source") or {}
        body = [
            str(value.get("title")),
            f"  item {value.get('id')} · {source.get('name')} · {value.get('url')}",
        ]
    else:
        body = [_clip(str(value), WIDTH * 3)]
    return "\n".join([header, *body])


def run(args: argparse.Namespace) -> int:
    import orjson
    from kafka.errors import KafkaError

    from newswire.kafka import make_consumer
    from pipeline.offsets import partitions_of

    try:
        consumer = make_consumer(bootstrap=args.bootstrap, group_id=None)
        partitions = partitions_of(consumer, args.topic)
    except (KafkaError, LookupError) as exc:
        print(f"newswire tail: {exc}", file=sys.stderr)
        return 2
    consumer.assign(partitions)
    if args.from_beginning:
        consumer.seek_to_beginning(*partitions)
    else:
        consumer.seek_to_end(*partitions)
    shown, last = 0, time.monotonic()
    try:
        while not args.max or shown < args.max:
            batches = consumer.poll(timeout_ms=500)
            if not batches and args.timeout and time.monotonic() - last > args.timeout:
                break
            for record in (r for batch in batches.values() for r in batch):
                last = time.monotonic()
                try:
                    value: Any = orjson.loads(record.value) if record.value is not None else None
                except orjson.JSONDecodeError:
                    value = record.value.decode("utf-8", "replace")
                if args.json:
                    print(orjson.dumps(value).decode(), flush=True)
                else:
                    key = record.key.decode("utf-8", "replace") if record.key else None
                    print(
                        format_record(value, f"{record.topic}[{record.partition}]@{record.offset} key={key}"),
                        flush=True,
                    )
                shown += 1
                if args.max and shown >= args.max:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
    return 0
