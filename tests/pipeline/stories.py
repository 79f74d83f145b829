"""Invented wire stories and raw items for the processing-stage tests (written for this project).

``raw_item()`` builds one schema-valid raw item; the ``*_PARAGRAPHS`` texts are a trade story,
its syndicated copy, its updates, and unrelated stories, so the dedup cases can be spelled out
in a line each.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import Any

import orjson

BASE_TIME = datetime(2026, 5, 4, 6, 0, tzinfo=timezone.utc)

SOURCES: dict[str, dict[str, Any]] = {
    "wirewatch": {"feed_url": "https://wirewatch.example/feeds/business.rss", "name": "Wirewatch Business",
                  "publisher": "Wirewatch", "agency": "Wirewatch", "format": "rss20"},
    "wirewatch-world": {"feed_url": "https://wirewatch.example/feeds/world.rss", "name": "Wirewatch World",
                        "publisher": "Wirewatch", "agency": "Wirewatch", "format": "rss20"},
    "harbour": {"feed_url": "https://harbour-daily.example/atom.xml", "name": "Harbour Daily",
                "publisher": "Harbour Daily", "agency": None, "format": "atom10"},
    "valley": {"feed_url": "https://valley-times.example/feed.json", "name": "Valley Times",
               "publisher": "Valley Times", "agency": None, "format": "jsonfeed"},
}

TARIFF_TITLE = "Japan and U.S. set fifth round of talks on car tariffs"
TARIFF_PARAGRAPHS = [
    "TOKYO, May 4 (Wirewatch) - Japan's top trade negotiator will fly to Washington next week for a "
    "fifth round of talks on U.S. tariffs on Japanese cars and steel, the cabinet office said on Monday.",
    "Economy minister Kaito Morimoto told reporters that Tokyo wanted the 25% levy on autos cut before "
    "the summer, and that farm purchases could form part of a package deal.",
    "Washington has kept a 10% baseline duty on most Japanese goods since April, while talks on "
    "shipbuilding cooperation and semiconductor supply chains have moved slowly.",
    "Carmakers account for roughly a fifth of Japan's exports to the United States, and several of them "
    "have warned that profits will fall this year if the levy stays in place.",
    "Officials from both sides said a joint statement was possible if the negotiators narrowed their "
    "differences on agricultural access, in particular rice and beef.",
    "Reporting by Emi Tanabe; Editing by Lars Brook",
]
# the copy another publisher runs: headline reworded, last text paragraph trimmed, a credit line
COPY_TITLE = "Japan, U.S. set fifth round of car tariff talks"
COPY_PARAGRAPHS = [*TARIFF_PARAGRAPHS[:4], "Harbour Daily staff contributed to this report.",
                   TARIFF_PARAGRAPHS[5]]
# a later transmission with two new paragraphs on top
UPDATE_PARAGRAPHS = [
    "TOKYO, May 4 (Wirewatch) - Japan's top trade negotiator will fly to Washington on Thursday for a "
    "fifth round of talks on U.S. tariffs on Japanese cars and steel, after Prime Minister Haruto Sena "
    "said Tokyo would not accept a deal that left the auto levy in place.",
    "Sena, speaking in parliament, said any agreement had to lower the duty on cars and parts.",
    *TARIFF_PARAGRAPHS[1:],
]
CORRECTED_PARAGRAPHS = [TARIFF_PARAGRAPHS[0].replace("fifth", "sixth"), *TARIFF_PARAGRAPHS[1:]]
KILL_TITLE = "KILL - Wirewatch story headlined 'Japan and U.S. set fifth round of talks on car tariffs'"
KILL_PARAGRAPHS = [
    "The Wirewatch story headlined 'Japan and U.S. set fifth round of talks on car tariffs' is withdrawn. "
    "Please delete the story from your files. A replacement story will not be issued."
]

SAILING_TITLE = "Local crew wins rain-soaked harbour regatta"
SAILING_PARAGRAPHS = [
    "A crew from the northern yacht club won the spring harbour regatta on Sunday after heavy rain and "
    "shifting winds forced organisers to shorten three of the five races.",
    "Skipper Nora Vell said the team had practised in poor weather all winter and was glad it paid off.",
    "About two hundred spectators watched from the pier, and the club said next year's event would add "
    "a youth division for sailors under sixteen.",
]
EXPORT_TITLE = "Netherlands tightens export controls on chip-making tools"
EXPORT_PARAGRAPHS = [
    "AMSTERDAM, May 4 (Wirewatch) - The Dutch government widened export controls on advanced "
    "chip-making equipment on Monday, requiring licences for shipments of more lithography tools.",
    "Trade minister Sanne Dekker said the rules followed talks with allies and would take effect in June.",
    "Exporters that already hold licences will have to apply again for deliveries after September.",
]


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in paragraphs)


def raw_item(
    key: str,
    title: str,
    paragraphs: list[str],
    *,
    source: str = "wirewatch",
    minutes: float = 0,
    guid: str | None = None,
    url: str | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """A schema-valid raw item: id from ``key``, revision from the content, published
    ``minutes`` after BASE_TIME and fetched a minute later."""
    content = html(paragraphs)
    published = BASE_TIME + timedelta(minutes=minutes)
    record: dict[str, Any] = {
        "schema": "newswire.raw_item",
        "schema_version": 1,
        "id": hashlib.sha256(key.encode()).hexdigest()[:32],
        "revision": hashlib.sha256(f"{title}\x1f{content}".encode()).hexdigest()[:32],
        "guid": guid if guid is not None else f"urn:test:{key}",
        "url": url if url is not None else f"https://{source}.example/news/{key}",
        "title": title,
        "summary": paragraphs[0][:140],
        "content": content,
        "authors": ["Emi Tanabe"],
        "categories": ["Business"],
        "language": "en",
        "published_at": iso(published),
        "updated_at": None,
        "fetched_at": iso(published + timedelta(minutes=1)),
        "source": dict(SOURCES[source]),
        "connector_version": "test/1",
    }
    record.update(overrides)
    return record


def encoded(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record)
