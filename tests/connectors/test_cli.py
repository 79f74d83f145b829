"""`newswire connect` in-process: --once summary, JSON summary, configuration errors."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from newswire.cli import main
from newswire.topics import TopicNames
from tests.connectors.feedserver import FeedServer, Route


def test_config_error_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[[feeds]]\nurl = "ftp://x.example/feed"\n')
    assert main(["connect", "--feeds", str(path), "--once"]) == 2
    assert "url must be an http(s) address" in capsys.readouterr().err


@pytest.mark.kafka
def test_once_prints_per_feed_metrics(
    feed_server: FeedServer, fixtures: Path, tmp_path: Path, topics: TopicNames, kafka_bootstrap: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = feed_server.route("/rss20.xml", Route((fixtures / "rss20.xml").read_bytes()))
    busy = feed_server.route("/busy", Route(b"", status=429, headers={"Retry-After": "600"},
                                            validators=False))
    path = tmp_path / "feeds.toml"
    path.write_text(f'[[feeds]]\nurl = "{good}"\nname = "Harbour trade"\n\n'
                    f'[[feeds]]\nurl = "{busy}"\nname = "Busy desk"\n')
    prefix = topics.raw[: -len("news.raw")]
    args = ["connect", "--feeds", str(path), "--once", "--bootstrap", kafka_bootstrap,
            "--topic-prefix", prefix]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "Harbour trade" in table and "Busy desk" in table and "http_429" in table
    assert "2 feeds: 2 polls, 0 not modified, 3 new items" in table

    assert main([*args, "--json"]) == 0
    summary = orjson.loads(capsys.readouterr().out)
    by_name = {f["name"]: f for f in summary["feeds"]}
    assert by_name["Harbour trade"]["not_modified"] == 1
    assert by_name["Busy desk"]["deferred"] == 1  # Retry-After still running: not asked again
    assert len(feed_server.hits_for("/busy")) == 1
