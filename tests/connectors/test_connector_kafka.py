"""The connector against the real broker: keys, acknowledgements, state, restarts, slow feeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from connectors.config import ConnectorConfig, FeedConfig
from connectors.formats import parse_feed
from connectors.normalise import Source
from connectors.runner import Connector, make_connector_producer
from connectors.state import restore_states
from newswire.topics import TopicNames
from schemas import errors
from tests.connectors.feedserver import FeedServer, Route
from tests.connectors.kafkautil import read_all, wait_for

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).resolve().parents[2]
GOOD = ("rss20.xml", "rss10.rdf", "atom10.xml", "atom03.xml", "jsonfeed.json", "ninjs.json", "latin1.xml")


def expected_ids(fixtures: Path, names: tuple[str, ...], server: FeedServer) -> set[str]:
    ids: set[str] = set()
    for name in names:
        source = Source(server.url("/" + name), name)
        ids |= {r["id"] for r in parse_feed((fixtures / name).read_bytes(), source, fetched_at="x").items}
    return ids


def serve(server: FeedServer, fixtures: Path, names: tuple[str, ...]) -> list[FeedConfig]:
    feeds = []
    for name in names:
        kind = "application/json" if name.endswith(".json") else "application/xml"
        url = server.route("/" + name, Route((fixtures / name).read_bytes(), content_type=kind))
        feeds.append(FeedConfig(url=url, name=name, publisher="Test Publisher", interval=60))
    return feeds


def connector(feeds: list[FeedConfig], topics: TopicNames, bootstrap: str, states=None) -> Connector:
    config = ConnectorConfig(feeds=tuple(feeds), workers=4, read_timeout=5, deadline=10)
    return Connector(config, make_connector_producer(bootstrap), topics, states or {})


def test_items_land_once_with_stable_keys(
    feed_server: FeedServer, fixtures: Path, topics: TopicNames, kafka_bootstrap: str
) -> None:
    feeds = serve(feed_server, fixtures, GOOD)
    page = Route((fixtures / "page.html").read_bytes(), content_type="text/html")
    feeds.append(FeedConfig(url=feed_server.route("/page.html", page), name="html"))
    feeds.append(FeedConfig(url=feed_server.url("/missing.xml"), name="missing"))
    first = connector(feeds, topics, kafka_bootstrap)
    metrics = first.run_once()
    first.producer.close()
    first.close()

    records = read_all(topics.raw, kafka_bootstrap)
    assert {r.key for r in records} == expected_ids(fixtures, GOOD, feed_server)
    assert len(records) == len({r.key for r in records})  # each item exactly once
    for record in records:
        assert record.key == record.value["id"]
        assert record.headers["schema"] == "newswire.raw_item" and record.headers["schema_version"] == "1"
        assert errors("raw_item", record.value) == []
    letters = read_all(topics.dlq, kafka_bootstrap)
    assert {(d.value["reason"], d.value["source"]) for d in letters} >= {
        ("not_a_feed", feed_server.url("/page.html")), ("http_404", feed_server.url("/missing.xml"))}
    assert all(errors("dead_letter", d.value) == [] and d.headers["schema"] == "newswire.dead_letter"
               for d in letters)
    assert metrics[feed_server.url("/missing.xml")].errors == 1
    assert sum(m.new_items for m in metrics.values()) == len(records)

    # A new process restores the state: conditional GETs, nothing re-sent.
    states = restore_states(topics.connector_state, kafka_bootstrap)
    assert set(states) == {f.url for f in feeds}
    second = connector(feeds, topics, kafka_bootstrap, states)
    again = second.run_once()
    assert sum(m.new_items for m in again.values()) == 0
    assert sum(m.not_modified for m in again.values()) == len(GOOD)
    # An edit under the same guid is published again as a new revision, with the same key.
    body = (fixtures / "rss20.xml").read_bytes().replace(b"to 18%</title>", b"to 20%</title>")
    feed_server.route("/rss20.xml", Route(body, content_type="application/xml"))
    edited = second.run_once()
    second.producer.close()
    second.close()
    assert edited[feed_server.url("/rss20.xml")].revisions == 1
    after = read_all(topics.raw, kafka_bootstrap)
    assert len(after) == len(records) + 1
    newest = after[-1] if after[-1].value["title"].endswith("20%") else next(
        r for r in after if r.value["title"].endswith("20%"))
    original = next(r for r in records if r.key == newest.key)
    assert newest.value["revision"] != original.value["revision"]


def test_a_slow_feed_does_not_stall_the_others(
    feed_server: FeedServer, fixtures: Path, topics: TopicNames, kafka_bootstrap: str
) -> None:
    fast = serve(feed_server, fixtures, ("rss20.xml", "atom10.xml", "jsonfeed.json"))
    gate = threading.Event()
    slow_body = (fixtures / "ninjs.json").read_bytes()
    slow = FeedConfig(url=feed_server.route("/slow.json", Route(slow_body, content_type="application/json",
                                                                gate=gate)), name="slow")
    runner = connector([slow, *fast], topics, kafka_bootstrap)
    thread = threading.Thread(target=runner.run_once)
    thread.start()
    try:
        fast_ids = expected_ids(fixtures, ("rss20.xml", "atom10.xml", "jsonfeed.json"), feed_server)
        wait_for(lambda: {r.key for r in read_all(topics.raw, kafka_bootstrap)} >= fast_ids)
        assert thread.is_alive() and len(feed_server.hits_for("/slow.json")) == 1  # still waiting
        assert len(read_all(topics.raw, kafka_bootstrap)) == len(fast_ids)
    finally:
        gate.set()
        thread.join(60)
        runner.producer.close()
        runner.close()
    assert len(read_all(topics.raw, kafka_bootstrap)) == len(fast_ids) + 2


def write_config(path: Path, feeds: list[FeedConfig]) -> Path:
    lines = ["[connector]", "workers = 4", "read_timeout = 30", "deadline = 60", ""]
    for feed in feeds:
        lines += ["[[feeds]]", f'url = "{feed.url}"', f'name = "{feed.name}"', 'interval = "1m"', ""]
    path.write_text("\n".join(lines))
    return path


def connect_process(config: Path, topics: TopicNames, bootstrap: str, *extra: str) -> subprocess.Popen[str]:
    prefix = topics.raw[: -len("news.raw")]
    command = [sys.executable, "-m", "newswire.cli", "connect", "--feeds", str(config),
               "--bootstrap", bootstrap, "--topic-prefix", prefix, *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_killed_mid_cycle_then_restarted_publishes_each_item_once(
    feed_server: FeedServer, fixtures: Path, topics: TopicNames, kafka_bootstrap: str, tmp_path: Path
) -> None:
    names = ("rss20.xml", "atom10.xml", "jsonfeed.json", "rss10.rdf")
    fast = serve(feed_server, fixtures, names)
    gate = threading.Event()
    slow = FeedConfig(url=feed_server.route("/slow.json", Route((fixtures / "ninjs.json").read_bytes(),
                                                                content_type="application/json", gate=gate)),
                      name="slow")
    config = write_config(tmp_path / "feeds.toml", [slow, *fast])
    process = connect_process(config, topics, kafka_bootstrap, "--once")
    try:
        # Wait until the fast feeds are published and their state saved, the slow one still pending.
        wait_for(lambda: len(restore_states(topics.connector_state, kafka_bootstrap)) == len(fast), 90)
        assert process.poll() is None
        process.send_signal(signal.SIGKILL)  # no chance to clean up
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    published_before = read_all(topics.raw, kafka_bootstrap)
    assert {r.key for r in published_before} == expected_ids(fixtures, names, feed_server)

    gate.set()
    restart = connect_process(config, topics, kafka_bootstrap, "--once")
    out, err = restart.communicate(timeout=120)
    assert restart.returncode == 0, err
    records = read_all(topics.raw, kafka_bootstrap)
    keys = [r.key for r in records]
    assert len(keys) == len(set(keys)), "an item was published twice"
    slow_ids = {r["id"] for r in parse_feed((fixtures / "ninjs.json").read_bytes(), Source(slow.url, "slow"),
                                            fetched_at="x").items}
    assert slow_ids and not slow_ids & {r.key for r in published_before}
    assert set(keys) == expected_ids(fixtures, names, feed_server) | slow_ids
    assert "new items" in out


def test_continuous_mode_stops_cleanly_on_sigterm(
    feed_server: FeedServer, fixtures: Path, topics: TopicNames, kafka_bootstrap: str, tmp_path: Path
) -> None:
    feeds = serve(feed_server, fixtures, ("rss20.xml", "atom03.xml"))
    config = write_config(tmp_path / "feeds.toml", feeds)
    process = connect_process(config, topics, kafka_bootstrap, "--report-every", "1")
    try:
        wanted = expected_ids(fixtures, ("rss20.xml", "atom03.xml"), feed_server)
        wait_for(lambda: {r.key for r in read_all(topics.raw, kafka_bootstrap)} >= wanted, 90)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "finishing in-flight polls" in err
    assert len(read_all(topics.raw, kafka_bootstrap)) == len(wanted)
