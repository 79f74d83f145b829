"""The pipeline's stage functions in a plain Python loop, without Beam or I/O.

Imported by the benchmark scripts beside it (which put the repository on ``sys.path``).

One loop serves both ``bench_pipeline.py``'s bare phase (calls made directly) and
``measure_stages.py`` (each call timed by stage), so the two always measure the same work:
parse (+ raw-item check), normalise, deduplicate (one batch, as the pipeline's single dedup key
does), the story record, classify, extract and the story schema check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newswire import dedup
from newswire.records import (
    RejectedInput,
    normalise_item,
    parse_raw_item,
    schema_errors,
    story_record,
)
from newswire.trade.classify import classify
from newswire.trade.extract import extract_fields

STAGES = ("parse", "normalise", "dedup", "story_record", "classify", "extract", "schema")

# call(stage, function, *args, **kwargs) -> function(*args, **kwargs), perhaps timed
Call = Callable[..., Any]


def direct(stage: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``function`` as it is (the bare phase)."""
    return function(*args, **kwargs)


@dataclass
class LoopResult:
    """What the loop made of its input lines."""

    items: int
    stories: int
    trade: int
    rejected: int


def run_stages(lines: list[bytes], call: Call = direct) -> LoopResult:
    """Every stage over raw-item JSON ``lines``, each core function invoked through ``call``."""
    items, rejected = [], 0
    for n, line in enumerate(lines):
        try:
            raw = call("parse", parse_raw_item, line)
            items.append(call("normalise", normalise_item, raw, f"line {n}"))
        except RejectedInput:
            rejected += 1
    result = call("dedup", dedup.deduplicate_batch, dedup.DedupIndex(), items)
    stories = trade = 0
    for item, decision, copies in result.versions:
        story = call("story_record", story_record, item, decision.story_id, decision.version,
                     decision.status, copies)
        story["trade"] = call("classify", classify, story["title"], story["text"]).to_dict()
        story["fields"] = call("extract", extract_fields, story["title"], story["text"],
                               story["published_at"], agency_hint=story["source"].get("agency")).to_dict()
        if call("schema", schema_errors, "story", story):
            rejected += 1
            continue
        stories += 1
        trade += bool(story["trade"]["is_trade"])
    return LoopResult(len(lines), stories, trade, rejected)
