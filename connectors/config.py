"""The feeds configuration file (TOML).

Example::

    [connector]                 # optional; these are the defaults
    workers = 16                # feeds fetched at the same time
    user_agent = "newswire/0.1.0 (feed connector; ...)"
    connect_timeout = 5         # seconds
    read_timeout = 15           # seconds between two bytes
    deadline = 30               # seconds for a whole fetch
    max_bytes = 10485760        # body size limit (decoded)
    max_redirects = 5
    max_backoff = "6h"          # ceiling of the exponential backoff after failures
    seen_limit = 1000           # ids remembered per feed

    [defaults]                  # optional; applied to every feed that does not say otherwise
    interval = "5m"
    publisher = "Example Wire"
    tags = ["wire"]

    [[feeds]]
    url = "https://example.org/world.rss"   # required, http or https, unique
    name = "Example world"                  # default: the URL
    publisher = "Example Wire"              # who publishes the feed
    agency = "Example Wire"                 # news agency behind the items, when known
    interval = "2m"                         # seconds as a number, or "90s", "5m", "1h", "1d"
    tags = ["world", "trade"]

Durations may be numbers (seconds) or strings with ``s``, ``m``, ``h`` or ``d``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomllib

from connectors.fetch import MAX_BYTES, USER_AGENT
from connectors.normalise import Source
from connectors.state import SEEN_LIMIT

DEFAULT_INTERVAL = 300.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
FEED_KEYS = {"url", "name", "publisher", "agency", "interval", "tags"}
CONNECTOR_KEYS = {"workers", "user_agent", "connect_timeout", "read_timeout", "deadline", "max_bytes",
                  "max_redirects", "max_backoff", "seen_limit"}


class ConfigError(ValueError):
    """The configuration file is not usable; the message says where and why."""


@dataclass(frozen=True)
class FeedConfig:
    """One configured feed."""

    url: str
    name: str
    publisher: str | None = None
    agency: str | None = None
    interval: float = DEFAULT_INTERVAL
    tags: tuple[str, ...] = ()

    def source(self) -> Source:
        return Source(self.url, self.name, self.publisher, self.agency, self.tags)


@dataclass(frozen=True)
class ConnectorConfig:
    """Everything the connector needs: the feeds and the HTTP/polling settings."""

    feeds: tuple[FeedConfig, ...]
    workers: int = 16
    user_agent: str = USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    deadline: float = 30.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    max_backoff: float = 6 * 3600.0
    seen_limit: int = SEEN_LIMIT


def parse_duration(value: Any, where: str) -> float:
    """Seconds from a number or a string such as ``"90s"``, ``"5m"``, ``"1h"``."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration, got {value!r}")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ConfigError(f"{where}: expected a duration such as 300, \"90s\", \"5m\", \"1h\"; got {value!r}")
    if seconds <= 0:
        raise ConfigError(f"{where}: a duration must be positive, got {value!r}")
    return seconds


def load_config(path: str | Path) -> ConnectorConfig:
    """Read and check a TOML feeds file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_config(data, str(path))


def parse_config(data: dict[str, Any], origin: str = "config") -> ConnectorConfig:
    """Check a decoded configuration and build :class:`ConnectorConfig`."""
    unknown = set(data) - {"connector", "defaults", "feeds"}
    if unknown:
        raise ConfigError(
            f"{origin}: unknown sections {sorted(unknown)} (expected connector, defaults, feeds)")
    defaults = _table(data.get("defaults", {}), f"{origin} [defaults]")
    _no_unknown(defaults, FEED_KEYS - {"url", "name"}, f"{origin} [defaults]")
    raw_feeds = data.get("feeds")
    if not isinstance(raw_feeds, list) or not raw_feeds:
        raise ConfigError(f"{origin}: no [[feeds]] entries")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_feeds):
        where = f"{origin} feeds[{index}]"
        entry = {**defaults, **_table(raw, where)}
        _no_unknown(entry, FEED_KEYS, where)
        feed = _feed(entry, where)
        if feed.url in seen:
            raise ConfigError(f"{where}: duplicate url {feed.url}")
        seen.add(feed.url)
        feeds.append(feed)
    connector = _table(data.get("connector", {}), f"{origin} [connector]")
    _no_unknown(connector, CONNECTOR_KEYS, f"{origin} [connector]")
    settings: dict[str, Any] = {}
    for key in ("workers", "max_bytes", "max_redirects", "seen_limit"):
        if key in connector:
            value = connector[key]
            lowest = 0 if key == "max_redirects" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < lowest:
                raise ConfigError(f"{origin} [connector] {key}: expected a positive integer, got {value!r}")
            settings[key] = value
    for key in ("connect_timeout", "read_timeout", "deadline", "max_backoff"):
        if key in connector:
            settings[key] = parse_duration(connector[key], f"{origin} [connector] {key}")
    if "user_agent" in connector:
        if not isinstance(connector["user_agent"], str) or not connector["user_agent"].strip():
            raise ConfigError(f"{origin} [connector] user_agent: expected text")
        settings["user_agent"] = connector["user_agent"].strip()
    return ConnectorConfig(feeds=tuple(feeds), **settings)


def _feed(entry: dict[str, Any], where: str) -> FeedConfig:
    url = entry.get("url")
    if not isinstance(url, str) or urlsplit(url.strip()).scheme not in ("http", "https") \
            or not urlsplit(url.strip()).netloc:
        raise ConfigError(f"{where}: url must be an http(s) address, got {url!r}")
    url = url.strip()
    texts: dict[str, str | None] = {}
    for key in ("name", "publisher", "agency"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{where}: {key} must be text, got {value!r}")
        texts[key] = value.strip() if value and value.strip() else None
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"{where}: tags must be a list of text, got {tags!r}")
    interval = parse_duration(entry.get("interval", DEFAULT_INTERVAL), f"{where} interval")
    return FeedConfig(url=url, name=texts["name"] or url, publisher=texts["publisher"],
                      agency=texts["agency"], interval=interval, tags=tuple(tags))


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, got {type(value).__name__}")
    return value


def _no_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(allowed)})")
