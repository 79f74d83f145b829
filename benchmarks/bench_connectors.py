"""Connector throughput: feeds polled per minute and items published per second.

Starts what it needs and stops it again: a Kafka broker of its own (deploy/local/kafka.sh on
BENCH_KAFKA_PORT, default 29292, data under var/) and a local HTTP server in a separate process
serving N generated RSS feeds with ETag validators. Then, per run (fresh topics, empty state):

* cycle 0: every feed is new - N x ITEMS items fetched, parsed, published with acks=all and
  the state saved -> items published per second;
* cycles 1..C: a small share of the feeds gained one item, the rest answer 304 to the
  conditional GET -> feeds polled per minute.

Prints the median over the runs. Usage: ``python benchmarks/bench_connectors.py [--feeds 500]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
KAFKA_SH = ROOT / "deploy" / "local" / "kafka.sh"
STORY = ("Officials said the customs rates on item {n} of feed {f} would change from the first of the "
         "month, after talks between the trade ministries. Importers asked for more time to adjust.")


# --- the feed server (its own process, so its CPU is not counted in the connector's GIL) -------


def feed_body(feed: int, items: int, version: int) -> bytes:
    entries = []
    for n in range(items + version):
        entries.append(
            f"<item><title>Feed {feed} story {n}: tariff schedule revised</title>"
            f"<link>http://bench.example/{feed}/{n}?utm_source=rss</link><guid>bench-{feed}-{n}-x</guid>"
            f"<pubDate>{formatdate(1_700_000_000 + n * 60, usegmt=True)}</pubDate>"
            f"<description>{STORY.format(n=n, f=feed)}</description></item>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench {feed}</title>'
            f"<link>http://bench.example/{feed}</link><description>generated</description>"
            f"{''.join(entries)}</channel></rss>").encode()


def serve(port_out: Any, items: int, changed_every: int) -> None:
    state = {"round": 0}
    cache: dict[tuple[int, int], bytes] = {}

    def version(feed: int) -> int:  # how many times this feed changed up to the current round
        return sum(1 for r in range(1, state["round"] + 1) if (feed + r) % changed_every == 0)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            if self.path.startswith("/_round/"):
                state["round"] = int(self.path.rsplit("/", 1)[1])
                self._reply(200, b"ok", {})
                return
            feed = int(self.path.strip("/").split(".")[0])
            current = version(feed)
            etag = f'"{feed}-{current}"'
            if self.headers.get("If-None-Match") == etag:
                self._reply(304, b"", {"ETag": etag})
                return
            body = cache.get((feed, current))
            if body is None:
                body = cache[(feed, current)] = feed_body(feed, items, current)
            self._reply(200, body, {"ETag": etag, "Content-Type": "application/rss+xml; charset=utf-8"})

        def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    port_out.put(server.server_address[1])
    server.serve_forever()


# --- the broker --------------------------------------------------------------------------------


def kafka(action: str, port: int, data: Path) -> None:
    env = {**os.environ, "KAFKA_PORT": str(port), "KAFKA_CONTROLLER_PORT": str(port + 1),
           "KAFKA_DATA_DIR": str(data)}
    subprocess.run([str(KAFKA_SH), action], env=env, check=True, stdout=sys.stderr)


# --- the measurement ---------------------------------------------------------------------------


def one_run(base: str, bootstrap: str, args: argparse.Namespace) -> tuple[float, list[float], dict[str, int]]:
    import httpx

    from connectors.config import ConnectorConfig, FeedConfig
    from connectors.runner import Connector, make_connector_producer, summarise
    from newswire.kafka import make_admin
    from newswire.topics import TopicNames, ensure_topics

    topics = TopicNames.prefixed(f"bench{uuid.uuid4().hex[:8]}.")
    admin = make_admin(bootstrap)
    ensure_topics(admin, topics.specs())
    httpx.get(f"{base}/_round/0")
    feeds = tuple(FeedConfig(url=f"{base}/{i}.xml", name=f"bench {i}", interval=60)
                  for i in range(args.feeds))
    config = ConnectorConfig(feeds=feeds, workers=args.workers)
    producer = make_connector_producer(bootstrap)
    connector = Connector(config, producer, topics, {})
    try:
        started = time.perf_counter()
        connector.run_once()
        first = time.perf_counter() - started
        published = summarise(connector.metrics.values())["new_items"]
        rates = []
        for cycle in range(1, args.cycles + 1):
            httpx.get(f"{base}/_round/{cycle}")
            started = time.perf_counter()
            connector.run_once()
            rates.append(args.feeds / (time.perf_counter() - started) * 60)
        totals = summarise(connector.metrics.values())
    finally:
        connector.close()
        producer.close()
        admin.delete_topics([s.name for s in topics.specs()])
        admin.close()
    return published / first, rates, totals


def publish_only(bootstrap: str, count: int) -> float:
    """Items per second of the publishing step alone: the connector's send + wait for acks=all."""
    from connectors.formats import parse_feed
    from connectors.normalise import SCHEMA, SCHEMA_VERSION, Source
    from connectors.runner import make_connector_producer
    from newswire.kafka import Outgoing, make_admin, send
    from newswire.topics import TopicNames, ensure_topics

    topics = TopicNames.prefixed(f"benchsend{uuid.uuid4().hex[:8]}.")
    admin = make_admin(bootstrap)
    ensure_topics(admin, tuple(s for s in topics.specs() if s.name == topics.raw))
    records = []
    for feed in range(count // 20 + 1):
        parsed = parse_feed(feed_body(feed, 20, 0), Source(f"http://bench.example/{feed}.xml", "b"),
                            fetched_at="2025-01-01T00:00:00Z")
        records.extend(parsed.items)
    records = records[:count]
    producer = make_connector_producer(bootstrap)
    try:
        started = time.perf_counter()
        futures = [send(producer, Outgoing(topics.raw, r["id"], r, SCHEMA, SCHEMA_VERSION)) for r in records]
        for future in futures:
            future.get(timeout=120)
        rate = len(records) / (time.perf_counter() - started)
    finally:
        producer.close()
        admin.delete_topics([topics.raw])
        admin.close()
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=500, help="number of local feeds (default 500)")
    parser.add_argument("--items", type=int, default=20, help="items per feed (default 20)")
    parser.add_argument("--changed-every", type=int, default=20,
                        help="one feed in this many gains an item per cycle (default 20 = 5%%)")
    parser.add_argument("--cycles", type=int, default=3, help="conditional cycles per run (default 3)")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are printed (default 3)")
    parser.add_argument("--workers", type=int, default=16, help="connector threads (default 16)")
    parser.add_argument("--kafka-port", type=int, default=int(os.environ.get("BENCH_KAFKA_PORT", "29292")))
    args = parser.parse_args()

    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    data = ROOT / "var" / f"kafka-bench-connectors-{args.kafka_port}"
    shutil.rmtree(data, ignore_errors=True)
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.items, args.changed_every), daemon=True)
    server.start()
    kafka("up", args.kafka_port, data)
    try:
        base = f"http://127.0.0.1:{ports.get(timeout=30)}"
        bootstrap = f"127.0.0.1:{args.kafka_port}"
        item_rates, feed_rates, send_rates = [], [], []
        for run in range(1, args.runs + 1):
            items_per_s, rates, totals = one_run(base, bootstrap, args)
            item_rates.append(items_per_s)
            feed_rates.append(statistics.median(rates))
            send_rates.append(publish_only(bootstrap, args.feeds * args.items))
            print(f"run {run}: cycle 0 {items_per_s:,.0f} items/s published; conditional cycles "
                  f"{', '.join(f'{r:,.0f}' for r in rates)} feeds/min; polls {totals['polls']}, "
                  f"304 {totals['not_modified']}, new items {totals['new_items']}, errors {totals['errors']}",
                  flush=True)
    finally:
        kafka("down", args.kafka_port, data)
        server.terminate()
        server.join(10)
        shutil.rmtree(data, ignore_errors=True)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\nconnectors on {cores} cores, {args.feeds} local feeds x {args.items} items, "
          f"{args.workers} workers, 1 in {args.changed_every} feeds changed per cycle, "
          f"median of {args.runs} runs:")
    figures = [
        ("feeds polled per minute (conditional GET, most unchanged)", feed_rates),
        ("items per second, first cycle (fetch + parse + publish, acks=all)", item_rates),
        ("items per second, publishing alone (send + acks=all)", send_rates),
    ]
    for label, values in figures:
        print(f"  {label:<68} {statistics.median(values):>9,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
