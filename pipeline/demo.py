"""End-to-end offline demo: the team's sample wire feeds -> connectors -> Kafka -> pipeline -> summary.

Serves deploy/demo/feeds/ over a local HTTP server on 127.0.0.1, polls every feed once with the
connectors (then a second pass in which one story was edited under the same guid), drains the
pipeline, and prints what came out: counts per stage, the trade stories with their key fields,
where the Parquet files are and how to subscribe to news.trade. Needs a running broker
(`make demo` starts one). Nothing is faked: a missing component is reported as missing.

Running it again shows the same results without re-publishing (the connectors remember what they
sent, the pipeline what it read); --fresh uses new topics and a new dataset folder instead.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from pipeline.tail import event_date

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "deploy" / "demo"
CONTENT_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/json"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bootstrap", default=None, help="Kafka bootstrap servers (default $NEWSWIRE_BOOTSTRAP)"
    )
    parser.add_argument(
        "--parquet-path", default="var/demo/stories", help="Parquet dataset (default var/demo/stories)"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="use new topics (prefix demo<time>.) and a new dataset folder, to start from zero",
    )
    parser.add_argument(
        "--show", type=int, default=50, metavar="N", help="trade stories to print (default 50)"
    )


class FeedHandler(SimpleHTTPRequestHandler):
    """Serves the demo feeds; ``overrides`` maps a URL path to another file (the second pass)."""

    overrides: ClassVar[dict[str, Path]] = {}

    def translate_path(self, path: str) -> str:
        override = self.overrides.get(path.split("?", 1)[0])
        return str(override) if override else super().translate_path(path)

    def send_head(self) -> Any:
        if self.path.split("?", 1)[0] in self.overrides:  # a replaced file is always "modified"
            del self.headers["If-Modified-Since"]
            del self.headers["If-None-Match"]
        return super().send_head()

    def guess_type(self, path: Any) -> str:
        return CONTENT_TYPES.get(Path(str(path)).suffix, "application/octet-stream")

    def log_message(self, format: str, *args: Any) -> None:
        logging.getLogger("demo.http").debug(format, *args)


@contextmanager
def serve_feeds(directory: Path) -> Iterator[tuple[int, dict[str, Path]]]:
    """A local HTTP server on 127.0.0.1 (free port) serving ``directory``; yields (port, overrides)."""
    overrides: dict[str, Path] = {}
    handler = type("DemoFeedHandler", (FeedHandler,), {"overrides": overrides})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], overrides
    finally:
        server.shutdown()
        server.server_close()


def missing_component() -> str | None:
    """What the demo needs and is not built yet, if anything."""
    import importlib.util

    for module, what in (
        ("connectors.cli", "the connectors (newswire connect)"),
        ("pipeline.process", "the pipeline's processing stages (pipeline/process.py)"),
    ):
        if importlib.util.find_spec(module) is None:
            return f"{what}: module {module} is missing"
    for path in (DEMO / "feeds.toml", DEMO / "feeds"):
        if not path.exists():
            return f"the sample feeds: {path.relative_to(ROOT)} is missing"
    return None


def connect_once(feeds_file: Path, bootstrap: str, prefix: str) -> tuple[int, str]:
    command = [
        sys.executable,
        "-m",
        "newswire.cli",
        "connect",
        "--feeds",
        str(feeds_file),
        "--once",
        "--bootstrap",
        bootstrap,
    ]
    if prefix:
        command += ["--topic-prefix", prefix]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return done.returncode, (done.stdout + ("\n" + done.stderr[-2000:] if done.returncode else "")).strip()


def indent(text: str, pad: str = "    ") -> str:
    return "\n".join(pad + line for line in text.splitlines())


def latest_versions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The highest version of each story, ordered by publication time."""
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["story_id"] not in latest or row["version"] > latest[row["story_id"]]["version"]:
            latest[row["story_id"]] = row
    return sorted(latest.values(), key=lambda r: (str(r["published_at"]), r["story_id"]))


def version_chains(rows: list[dict[str, Any]]) -> int:
    """Stories with more than one version, a retraction not counted as one (as the demo's ground
    truth counts them)."""
    versions = Counter(story for story, _ in {(row["story_id"], row["version"]) for row in rows
                                              if row["status"] != "retraction"})
    return sum(1 for count in versions.values() if count > 1)


def describe_trade_story(row: dict[str, Any]) -> list[str]:
    """A few lines with a trade story's key fields."""
    fields = row.get("fields") or {}
    trade = row.get("trade") or {}

    def names(key: str, show: Any) -> str:
        return ", ".join(filter(None, (show(x) for x in fields.get(key) or [])))

    lines = [
        f"* {row['title']}",
        f"    v{row['version']} {row['status']} · {row['published_at']:%Y-%m-%d %H:%M} UTC · "
        f"{(row.get('source') or {}).get('publisher')} · {', '.join(trade.get('subtopics') or []) or '-'}"
        f" (score {trade.get('score', 0):.2f})",
    ]
    facts = [
        ("countries", names("countries", lambda c: c["code"])),
        ("people", names("people", lambda p: p["name"] + (f" ({p['title']})" if p.get("title") else ""))),
        (
            "products",
            names("products", lambda p: p["name"] + (f" HS{p['hs_chapter']}" if p.get("hs_chapter") else "")),
        ),
        ("rates", names("tariff_rates", lambda t: t["text"])),
        ("events", names("events", lambda e: f"{event_date(e)} {e['text']}")),
        ("dateline", fields.get("dateline") or ""),
        ("agency", fields.get("agency") or ""),
    ]
    shown = [f"{k}: {v}" if len(v) < 96 else f"{k}: {v[:94]}…" for k, v in facts if v]
    line = "    "
    for fact in shown:
        if len(line) + len(fact) > 108 and line.strip():
            lines.append(line.rstrip(" ·"))
            line = "    "
        line += fact + " · "
    if line.strip():
        lines.append(line.rstrip(" ·"))
    if row.get("duplicates"):
        lines.append(
            f"    also carried by: {', '.join(d['publisher'] or d['item_id'] for d in row['duplicates'])}"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    import orjson
    from kafka.errors import KafkaError

    from newswire import settings
    from newswire.kafka import make_admin
    from newswire.topics import TopicNames, ensure_topics

    for name in ("apache_beam", "pipeline.commit", "pipeline.offsets", "pipeline.drain"):
        logging.getLogger(name).setLevel(logging.ERROR)
    problem = missing_component()
    if problem:
        print(f"newswire demo: cannot run the demo, {problem}.", file=sys.stderr)
        return 1
    bootstrap = args.bootstrap or settings.bootstrap_servers()
    prefix = f"demo{int(time.time())}." if args.fresh else ""
    topics = TopicNames.prefixed(prefix)
    dataset = Path(args.parquet_path) / prefix.rstrip(".") if args.fresh else Path(args.parquet_path)
    try:
        admin = make_admin(bootstrap, request_timeout_ms=10_000)
        created = ensure_topics(admin, topics.specs())
        admin.close()
    except KafkaError as exc:
        print(
            f"newswire demo: no Kafka broker at {bootstrap} ({exc}); start one with `make kafka-up`",
            file=sys.stderr,
        )
        return 1
    print(f"newswire demo — broker {bootstrap}, topics {topics.raw} ... ({len(created)} created now)\n")
    if topics.raw in created:
        moved = set_aside(dataset, f".before-{int(time.time())}")
        if moved:
            print(f"   {topics.raw} is new but {dataset} held files of an earlier broker: moved to {moved}\n")

    expected = (
        orjson.loads((DEMO / "expected.json").read_bytes()) if (DEMO / "expected.json").exists() else {}
    )
    second = expected.get("second_pass") or {}
    workdir = ROOT / "var" / "demo"
    workdir.mkdir(parents=True, exist_ok=True)
    feeds_file = workdir / "feeds.toml"
    with serve_feeds(DEMO / "feeds") as (port, overrides):
        feeds_file.write_text((DEMO / "feeds.toml").read_text().replace("{port}", str(port)))
        print(f"1. connectors: polling the sample feeds served at http://127.0.0.1:{port}/")
        code, out = connect_once(feeds_file, bootstrap, prefix)
        print(indent(out))
        if code != 0:
            print(f"newswire demo: the connectors failed (exit {code}); stopping here.", file=sys.stderr)
            return 1
        if second.get("file") and second.get("serve_at"):
            overrides[second["serve_at"]] = DEMO / second["file"]
            print(f"\n2. second pass: {second['serve_at']} now serves an edited story under the same guid")
            code, out = connect_once(feeds_file, bootstrap, prefix)
            print(indent(out))
            if code != 0:
                print(f"newswire demo: the second pass failed (exit {code}); stopping here.", file=sys.stderr)
                return 1

    print("\n3. pipeline: drain news.raw (DirectRunner) -> news.trade, Parquet, news.dlq")
    from pipeline.cli import format_report
    from pipeline.drain import drain_once
    from pipeline.options import NewswireOptions, resolve

    options = NewswireOptions(
        [f"--bootstrap_servers={bootstrap}", f"--topic_prefix={prefix}", f"--parquet_path={dataset}"]
    )
    report = drain_once(resolve(options), options)
    print(indent(format_report(report)))

    summarise(dataset, bootstrap, topics, expected.get("counts") or {}, args.show)
    return 0


def set_aside(dataset: Path, suffix: str) -> Path | None:
    """Rename a dataset that holds Parquet files to ``<dataset><suffix>`` (its rows came from
    another broker's history, and a new drain would add its own next to them); returns the new
    path, or None when there was nothing to move."""
    if not any(dataset.glob("dt=*/*.parquet")):
        return None
    target = dataset.with_name(dataset.name + suffix)
    dataset.rename(target)
    return target


def summarise(dataset: Path, bootstrap: str, topics: Any, expected: dict[str, Any], show: int) -> None:
    """Print what the dataset and the topics hold now."""
    import pyarrow.dataset as ds

    from pipeline.offsets import make_reader, partitions_of

    files = sorted(dataset.glob("dt=*/*.parquet"))
    rows = (
        ds.dataset(str(dataset), format="parquet", partitioning="hive").to_table().to_pylist()
        if files
        else []
    )
    stories = latest_versions(rows)
    trade = [r for r in stories if (r.get("trade") or {}).get("is_trade")]
    reader = make_reader(bootstrap)
    try:
        held = {
            name: sum(reader.end_offsets(partitions_of(reader, name)).values())
            for name in (topics.raw, topics.trade, topics.dlq)
        }
    finally:
        reader.close()

    def vs(key: str) -> str:
        return f" (expected {expected[key]})" if key in expected else ""

    print("\n4. summary")
    raw_expected = (
        f" (expected {expected['items_first_pass']} + {expected.get('items_second_pass_changed', 0)}"
        " from the second pass)"
        if "items_first_pass" in expected
        else ""
    )
    print(f"   {topics.raw}: {held[topics.raw]} raw items{raw_expected}")
    print(
        f"   stories: {len(stories)}{vs('stories')}, story versions (Parquet rows): {len(rows)}, "
        f"trade stories: {len(trade)}{vs('trade_stories')}, non-trade: {len(stories) - len(trade)}"
        f"{vs('non_trade_stories')}"
    )
    print(
        f"   stories with near-duplicate copies: {sum(1 for r in stories if r.get('duplicates'))}"
        f"{vs('near_duplicate_groups')}, stories with more than one version (retractions aside): "
        f"{version_chains(rows)}{vs('version_chains')}, "
        f"retracted: {sum(1 for r in stories if r['status'] == 'retraction')}{vs('withdrawn')}"
    )
    print(f"   {topics.trade}: {held[topics.trade]} records; {topics.dlq}: {held[topics.dlq]} dead letters")

    limit = "" if len(trade) <= show else f", first {show} of {len(trade)}"
    print(f"\n   trade stories (latest version){limit}:")
    for row in trade[:show]:
        print(indent("\n".join(describe_trade_story(row)), "   "))

    where = dataset.resolve()
    partitions = len({f.parent.name for f in files})
    print(f"\n   Parquet dataset: {where} ({len(files)} files in {partitions} dt= partitions)")
    print(
        f'     .venv/bin/python -c "import duckdb; print(duckdb.sql(\\"SELECT dt, count(*) FROM '
        f"read_parquet('{where}/dt=*/*.parquet', hive_partitioning=true) GROUP BY dt ORDER BY dt\\\"))\""
    )
    print(f"\n   subscribe to {topics.trade}:")
    print(f"     .venv/bin/newswire tail --topic {topics.trade} --bootstrap {bootstrap} --from-beginning")
    print(f"     .venv/bin/newswire tail --topic {topics.trade} --bootstrap {bootstrap} --json")
    print(f"     kcat -b {bootstrap} -t {topics.trade} -C -f '%k %h\\n%s\\n\\n'")
