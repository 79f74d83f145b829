"""Small invented raw items and stories for the pipeline I/O tests, plus a stand-in for the stages.

The stand-in (``StandInProcess``) is used only by unit tests of sources, sinks and the builder,
so they do not depend on the processing stages; end-to-end tests use pipeline.process.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import Any

import apache_beam as beam
import orjson

from newswire.dlq import dead_letter
from pipeline import passthrough

BASE_TIME = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "dor", "anu", "bri", "cos", "fen", "gar", "hul")
PRODUCTS = ("steel coils", "aluminium sheet", "soybeans", "solar panels", "shrimp", "tyres", "wine")


def words(n: int, count: int) -> list[str]:
    """``count`` invented words unique to ``n`` (so fixture stories are not near-duplicates)."""
    digest = hashlib.sha256(f"w{n}".encode()).digest()
    return [
        "".join(SYLLABLES[b % len(SYLLABLES)] for b in digest[i * 3 : i * 3 + 3]).capitalize()
        for i in range(count)
    ]


def raw_item(n: int, *, trade: bool, publisher: str = "Harbour Wire", hours: float = 0.0) -> dict[str, Any]:
    """One schema-valid raw item; trade items are about tariffs, others about sailing races."""
    w = words(n, 8)
    if trade:
        product = PRODUCTS[n % len(PRODUCTS)]
        title = f"Norway weighs {10 + n % 20}% tariff on {product} after {w[0]} complaint"
        body = (
            f"<p>OSLO (Harbour Wire) - Norway's trade ministry said on Monday it would consider a tariff "
            f"of {10 + n % 20}% on imported {product} after a complaint by the {w[0]} {w[1]} group.</p>"
            f"<p>Minister {w[2]} {w[3]} told reporters the anti-dumping case would be settled before "
            f"talks with {w[4]} officials. Exporters from {w[5]} said duties would hurt {w[6]} {w[7]}.</p>"
        )
    else:
        title = f"{w[0]} wins the {w[1]} regatta after a close finish"
        body = (
            f"<p>BERGEN (Harbour Wire) - {w[2]} {w[3]} crossed the line first at {w[1]} in light winds, "
            f"ahead of the {w[4]} crew.</p><p>The {w[5]} club hosts the next race near {w[6]} {w[7]}.</p>"
        )
    published = BASE_TIME + timedelta(hours=hours)
    ident = hashlib.sha256(f"item-{n}".encode()).hexdigest()[:32]
    return {
        "schema": "newswire.raw_item",
        "schema_version": 1,
        "id": ident,
        "revision": hashlib.sha256((title + body).encode()).hexdigest()[:16],
        "guid": f"urn:harbour:{n}",
        "url": f"https://news.example.test/story/{n}",
        "title": title,
        "summary": None,
        "content": body,
        "authors": ["Kari Nordvik"],
        "categories": ["World"],
        "language": "en",
        "published_at": iso(published),
        "updated_at": None,
        "fetched_at": iso(published + timedelta(minutes=3)),
        "source": {
            "feed_url": "http://127.0.0.1/harbour.xml",
            "name": publisher,
            "publisher": publisher,
            "agency": None,
            "format": "rss20",
        },
        "connector_version": "test/1",
    }


def records_with_bad_input(
    items: list[dict[str, Any]], invalid_from: dict[str, Any]
) -> list[tuple[bytes, bytes]]:
    """``items`` as (key, value) records, then an exact duplicate of the first, bad JSON (key
    ``broken-1``) and a copy of ``invalid_from`` without a title (key ``no-title-item``)."""
    from newswire.kafka import encode_value

    invalid = dict(invalid_from, id="no-title-item")
    del invalid["title"]
    return [
        *[(i["id"].encode(), encode_value(i)) for i in items],
        (items[0]["id"].encode(), encode_value(items[0])),  # exact duplicate
        (b"broken-1", b'{"schema": "newswire.raw_item", "id": '),  # bad JSON
        (b"no-title-item", encode_value(invalid)),  # schema violation
    ]


def story_from_raw(item: dict[str, Any], version: int = 1) -> dict[str, Any]:
    """The pass-through story of ``item`` (pipeline.passthrough), with invented key fields for
    trade items so that readers and sinks have fields to show."""
    story = passthrough.story_from_raw(item, version)
    if story["trade"]["is_trade"]:
        story["fields"].update(
            countries=[{"code": "NO", "name": "Norway", "roles": ["actor"], "mentions": 1}],
            products=[{"name": "steel", "hs_chapter": 72}],
            events=[{"text": "talks on Friday", "date": "2026-03-06", "kind": "talks"}],
            dateline="OSLO",
        )
    else:
        story["fields"]["dateline"] = "BERGEN"
    story["fields"].update(agency="Harbour Wire", bylines=item["authors"])
    return story


class _StandInFn(beam.DoFn):
    def __init__(self, known: frozenset[str] = frozenset()) -> None:
        self.known = known

    def process(self, message: Any, prior: list[tuple[str, bytes]]) -> Any:
        seen = {key for key, _ in prior}
        try:
            item = orjson.loads(message.value)
            item_id = item["id"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            yield beam.pvalue.TaggedOutput(
                "dead_letters",
                dead_letter(
                    "parse", "bad_json", message.value, error=str(exc), source=message.origin
                ).to_dict(),
            )
            return
        if item_id in seen:
            return
        yield story_from_raw(item)
        yield beam.pvalue.TaggedOutput("state_updates", (item_id, item["revision"].encode()))


class StandInProcess(beam.PTransform):
    """Parse JSON -> story; bad JSON -> dead letter; ids already in prior state are dropped."""

    def __init__(self, prior_state: Any = None) -> None:
        super().__init__()
        self.prior_state = prior_state

    def expand(self, raw: beam.PCollection) -> dict[str, beam.PCollection]:
        prior = (
            self.prior_state if self.prior_state is not None else raw.pipeline | "NoPrior" >> beam.Create([])
        )
        out = raw | beam.ParDo(_StandInFn(), beam.pvalue.AsList(prior)).with_outputs(
            "dead_letters", "state_updates", main="stories"
        )
        return {"stories": out.stories, "dead_letters": out.dead_letters, "state_updates": out.state_updates}


def stand_in_factory(prior_state: Any, settings: Any) -> beam.PTransform:
    return StandInProcess(prior_state)


def local_test_pipeline() -> Any:
    """TestPipeline on FnApiRunner (DirectRunner would first try to download Prism)."""
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner
    from apache_beam.testing.test_pipeline import TestPipeline

    return TestPipeline(runner=FnApiRunner())
