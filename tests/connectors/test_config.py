"""The TOML feeds file."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.config import ConfigError, load_config, parse_config, parse_duration

EXAMPLE = """
[connector]
workers = 4
max_bytes = 1048576
deadline = "45s"

[defaults]
interval = "5m"
publisher = "Harbour Wire"
tags = ["wire"]

[[feeds]]
url = "https://wire.example.org/trade.rss"
name = "Harbour trade"
agency = "Harbour Wire"
interval = "2m"
tags = ["trade"]

[[feeds]]
url = "https://quayside.example.com/feed.json"
"""


def test_example_config(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(EXAMPLE)
    config = load_config(path)
    assert (config.workers, config.max_bytes, config.deadline) == (4, 1048576, 45.0)
    trade, quay = config.feeds
    assert (trade.name, trade.interval, trade.tags, trade.agency) == ("Harbour trade", 120.0, ("trade",),
                                                                     "Harbour Wire")
    assert trade.publisher == "Harbour Wire"  # from [defaults]
    assert (quay.name, quay.interval, quay.tags) == (quay.url, 300.0, ("wire",))
    assert quay.source().feed_url == quay.url


@pytest.mark.parametrize(("value", "seconds"), [(90, 90.0), ("90s", 90.0), ("5m", 300.0), ("1.5h", 5400.0),
                                                ("1d", 86400.0)])
def test_durations(value: object, seconds: float) -> None:
    assert parse_duration(value, "x") == seconds


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "no \\[\\[feeds\\]\\]"),
        ({"feeds": [{"name": "x"}]}, "url must be an http"),
        ({"feeds": [{"url": "ftp://x.example/f"}]}, "url must be an http"),
        ({"feeds": [{"url": "https://x.example/f"}, {"url": "https://x.example/f"}]}, "duplicate url"),
        ({"feeds": [{"url": "https://x.example/f", "interval": "soon"}]}, "expected a duration"),
        ({"feeds": [{"url": "https://x.example/f", "interval": 0}]}, "must be positive"),
        ({"feeds": [{"url": "https://x.example/f", "colour": "red"}]}, "unknown keys"),
        ({"feeds": [{"url": "https://x.example/f", "tags": "trade"}]}, "tags must be a list"),
        ({"feeds": [{"url": "https://x.example/f"}], "extra": {}}, "unknown sections"),
        ({"feeds": [{"url": "https://x.example/f"}], "connector": {"workers": 0}}, "positive integer"),
    ],
)
def test_config_errors(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(data)


def test_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text("[[feeds]\nurl = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
