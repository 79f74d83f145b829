"""newswire demo: the local feed server, the summary helpers, and a full run on the real broker."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request
from email.utils import formatdate
from pathlib import Path

import pytest

from newswire.kafka import make_admin
from pipeline.demo import (
    describe_trade_story,
    latest_versions,
    serve_feeds,
    set_aside,
    version_chains,
)
from pipeline.rows import story_to_row
from tests.pipeline.fixtures import raw_item, story_from_raw


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_feed_server_serves_files_and_replaces_one_for_the_second_pass(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_text("<rss>first</rss>")
    (tmp_path / "rev2").mkdir()
    (tmp_path / "rev2" / "a.rss").write_text("<rss>second</rss>")
    later = {"If-Modified-Since": formatdate(4_000_000_000, usegmt=True)}
    with serve_feeds(tmp_path) as (port, overrides):
        url = f"http://127.0.0.1:{port}/a.rss"
        assert _get(url) == (200, b"<rss>first</rss>", "application/rss+xml")
        assert _get(url, later)[0] == 304
        overrides["/a.rss"] = tmp_path / "rev2" / "a.rss"
        assert _get(url, later)[:2] == (200, b"<rss>second</rss>")


def test_latest_versions_and_story_description() -> None:
    first = story_from_raw(raw_item(1, trade=True))
    second = dict(first, version=2, status="update", title="Norway confirms the tariff")
    other = story_from_raw(raw_item(2, trade=True, hours=5))
    rows = [story_to_row(s) for s in (second, first, other)]
    latest = latest_versions(rows)
    assert [(r["story_id"], r["version"]) for r in latest] == [(first["story_id"], 2), (other["story_id"], 1)]
    text = "\n".join(describe_trade_story(latest[0]))
    assert "Norway confirms the tariff" in text and "v2 update" in text
    assert (
        "countries: NO" in text
        and "products: steel HS72" in text
        and "events: 2026-03-06 talks on Friday" in text
    )


def test_a_dataset_with_files_is_set_aside(tmp_path: Path) -> None:
    dataset = tmp_path / "stories"
    assert set_aside(dataset, ".old") is None  # missing
    (dataset / "dt=2026-06-02").mkdir(parents=True)
    assert set_aside(dataset, ".old") is None  # no Parquet file: left as it is
    (dataset / "dt=2026-06-02" / "part-r1-0.parquet").write_bytes(b"PAR1")
    assert set_aside(dataset, ".old") == tmp_path / "stories.old"
    assert not dataset.exists()
    assert (tmp_path / "stories.old" / "dt=2026-06-02" / "part-r1-0.parquet").exists()


def test_version_chains_leave_retractions_aside() -> None:
    rows = [{"story_id": sid, "version": version, "status": status} for sid, version, status in [
        ("a", 1, "new"), ("a", 2, "update"), ("a", 3, "correction"),  # a chain of three
        ("b", 1, "new"), ("b", 2, "retraction"),  # withdrawn: not a chain
        ("c", 1, "new"), ("c", 2, "update"), ("c", 3, "retraction"),  # updated, then withdrawn: a chain
        ("d", 1, "new"), ("d", 1, "new"),  # one version written twice (an earlier run's file)
    ]]
    assert version_chains(rows) == 2


@pytest.mark.kafka
@pytest.mark.slow
def test_demo_runs_end_to_end(kafka_bootstrap: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newswire.cli",
            "demo",
            "--fresh",
            "--bootstrap",
            kafka_bootstrap,
            "--parquet-path",
            str(tmp_path / "stories"),
            "--show",
            "5",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    prefix = re.search(r"topics (demo\d+\.)news\.raw", done.stdout)
    try:
        assert done.returncode == 0, done.stderr[-3000:]
        for section in (
            "1. connectors",
            "2. second pass",
            "3. pipeline",
            "4. summary",
            "trade stories",
            "Parquet dataset:",
            "newswire tail --topic",
            "kcat -b",
        ):
            assert section in done.stdout
        raw = re.search(r"news\.raw: (\d+) raw items", done.stdout)
        trade = re.search(r"trade stories: (\d+)", done.stdout)
        assert raw and int(raw.group(1)) > 100
        assert trade and int(trade.group(1)) > 0
        assert list((tmp_path / "stories").rglob("dt=*/*.parquet"))
    finally:
        if prefix:
            admin = make_admin(kafka_bootstrap)
            admin.delete_topics([t for t in admin.list_topics() if t.startswith(prefix.group(1))])
            admin.close()
