"""CPU per item of each pipeline stage's core function, in a bare loop on one core.

    python benchmarks/measure_stages.py var/bench/stories-3000-7-<hash>.jsonl --repeat 3

Times, with this process's CPU clock, parse (+ raw-item check), normalise, dedup (one batch, as
the pipeline's single key does), the story record, classify, extract and the story schema check
over the generated raw items of benchmarks/generate_stories.py; prints milliseconds per input
item for each stage and in all, per pass, and the median over the passes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newswire import dedup  # noqa: E402
from newswire.records import normalise_item, parse_raw_item, schema_errors, story_record  # noqa: E402
from newswire.trade.classify import classify  # noqa: E402
from newswire.trade.extract import extract_fields  # noqa: E402

STAGES = ("parse", "normalise", "dedup", "story_record", "classify", "extract", "schema")


def one_pass(lines: list[bytes]) -> dict[str, float]:
    """CPU seconds spent in each stage over ``lines``."""
    spent = dict.fromkeys(STAGES, 0.0)

    def timed(stage: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        result = function(*args, **kwargs)
        spent[stage] += time.process_time() - started
        return result

    items = []
    for n, line in enumerate(lines):
        raw = timed("parse", parse_raw_item, line)
        items.append(timed("normalise", normalise_item, raw, f"line {n}"))
    result = timed("dedup", dedup.deduplicate_batch, dedup.DedupIndex(), items)
    for item, decision, copies in result.versions:
        story = timed("story_record", story_record, item, decision.story_id, decision.version,
                      decision.status, copies)
        story["trade"] = timed("classify", classify, story["title"], story["text"]).to_dict()
        story["fields"] = timed("extract", extract_fields, story["title"], story["text"],
                                story["published_at"], agency_hint=story["source"].get("agency")).to_dict()
        timed("schema", schema_errors, "story", story)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", type=Path, help="JSONL of raw items (benchmarks/generate_stories.py)")
    parser.add_argument("--repeat", type=int, default=3, help="passes (default 3; the first warms caches)")
    args = parser.parse_args(argv)
    lines = args.stories.read_bytes().splitlines()
    passes = []
    for n in range(args.repeat):
        spent = one_pass(lines)
        per_item = {stage: seconds * 1000 / len(lines) for stage, seconds in spent.items()}
        passes.append(per_item)
        print(f"pass {n + 1}: " + ", ".join(f"{k} {v:.3f}" for k, v in per_item.items())
              + f"; all {sum(per_item.values()):.3f} ms/item")
    median = {stage: statistics.median(p[stage] for p in passes) for stage in STAGES}
    print(f"median of {len(passes)} passes over {len(lines):,} items (CPU ms per item): "
          + ", ".join(f"{k} {v:.3f}" for k, v in median.items()) + f"; all {sum(median.values()):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
