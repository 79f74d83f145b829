"""A stand-in for the processing stages: each raw item becomes a minimal schema-valid story.

No normalisation, deduplication or enrichment: the title and HTML content are copied, the trade
label comes from a few keywords of the title and the key fields are empty. Used
where the stages themselves are not the point: the benchmark's I/O ceiling (``io_only``: sources,
sinks and commit with nothing in between) and the tests of sinks, rows and readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import orjson

from pipeline.messages import RawMessage

TRADE_WORDS = {
    "tariff": "tariffs",
    "trade talks": "negotiations",
    "export controls": "export_controls",
    "anti-dumping": "trade_remedies",
}
STATE_UPDATES = "state_updates"
DEAD_LETTERS = "dead_letters"


def keyword_label(title: str) -> dict[str, Any]:
    """A trade label from keywords of the title (not the classifier: a stand-in)."""
    lowered = title.lower()
    evidence = [word for word in TRADE_WORDS if word in lowered]
    return {
        "is_trade": bool(evidence),
        "score": 0.9 if evidence else 0.05,
        "subtopics": sorted({TRADE_WORDS[word] for word in evidence}),
        "evidence": evidence,
    }


def empty_fields() -> dict[str, Any]:
    """Key fields with nothing found."""
    return {
        "countries": [], "people": [], "organisations": [], "tariff_rates": [], "money": [],
        "products": [], "actions": [], "events": [], "dateline": None, "agency": None,
        "bylines": [], "editors": [],
    }


def story_from_raw(item: dict[str, Any], version: int = 1) -> dict[str, Any]:
    """A schema-valid story (schemas/story.v1.json) for a raw-item dict, ``story_id`` = item id."""
    return {
        "schema": "newswire.story",
        "schema_version": 1,
        "story_id": item["id"],
        "version": version,
        "item_id": item["id"],
        "revision": item["revision"],
        "status": "new" if version == 1 else "update",
        "version_marker": None,
        "title": item["title"],
        "text": item["content"] or "",
        "url": item["url"],
        "published_at": item["published_at"],
        "updated_at": item["updated_at"],
        "language": item["language"],
        "authors": item["authors"],
        "categories": item["categories"],
        "source": {k: item["source"][k] for k in ("feed_url", "name", "publisher", "agency")},
        "duplicates": [],
        "trade": keyword_label(item["title"]),
        "fields": empty_fields(),
        "processed_at": item["fetched_at"],
    }


def pass_through(message: RawMessage) -> Iterator[Any]:
    """RawMessage -> its story, and a state update (item id -> revision) per story."""
    item = orjson.loads(message.value)
    yield story_from_raw(item)
    yield beam.pvalue.TaggedOutput(STATE_UPDATES, (item["id"], item["revision"].encode()))


class PassThroughStages(beam.PTransform):
    """In place of ProcessRawItems: {"stories", "dead_letters" (none), "state_updates"}."""

    def expand(self, raw: beam.PCollection) -> dict[str, beam.PCollection]:
        out = raw | "PassThrough" >> beam.FlatMap(pass_through).with_outputs(
            STATE_UPDATES, DEAD_LETTERS, main="stories")
        return {"stories": out.stories, "dead_letters": out[DEAD_LETTERS],
                "state_updates": out[STATE_UPDATES]}


def passthrough_factory(prior_state: Any, settings: Any) -> beam.PTransform:
    """A pipeline.build ProcessFactory giving :class:`PassThroughStages` (prior state unused)."""
    return PassThroughStages()
