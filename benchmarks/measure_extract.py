"""Speed and coverage of the key-field extractor (bare loop, one core).

Stories: Reuters-21578 ModApte TRAIN (LEWISSPLIT="TRAIN", TOPICS="YES"; never TEST) from the shared
data folder, each rebuilt as a wire text ("TOKYO, March 3 - body"); or, with ``--stories FILE``,
the raw items of benchmarks/generate_stories.py, normalised as the pipeline does. Times
``extract_fields(...).to_dict()`` (and with ``--with-classify`` also ``classify``) per story with
the CPU clock of this process, over ``--repeat`` passes: the first pass also fills the
extractor's word caches, so the later passes show the steady state. Prints CPU milliseconds per
story (median, mean, 99th percentile) per pass, and how many stories got each field.

    python benchmarks/measure_extract.py                      # all TRAIN documents, 3 passes
    python benchmarks/measure_extract.py --limit 2000 --with-classify
    python benchmarks/measure_extract.py --topic trade        # only the trade stories
    python benchmarks/generate_stories.py --count 3000 --seed 7 --out /tmp/s.jsonl
    python benchmarks/measure_extract.py --stories /tmp/s.jsonl
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from newswire.trade import reuters
from newswire.trade.extract import extract_fields

FIELDS = ("countries", "people", "organisations", "tariff_rates", "money", "products", "actions", "events",
          "dateline", "agency")

Story = tuple[str, str, datetime | str | None, str | None]  # title, text, published_at, agency hint


def reuters_stories(data: Path | None, topic: str | None) -> list[Story]:
    """Reuters-21578 TRAIN documents as wire stories (dateline put back in front of the body)."""
    docs = reuters.modapte(reuters.load(data), reuters.TRAIN)
    if topic:
        docs = [d for d in docs if topic in d.topics]
    return [(d.title, f"{d.dateline} - {d.text}" if d.dateline else d.text, d.date, None) for d in docs]


def generated_stories(path: Path) -> list[Story]:
    """Raw items (JSON lines) normalised as the pipeline does; items it rejects are skipped."""
    from newswire.records import RejectedInput, normalise_item, parse_raw_item

    stories: list[Story] = []
    for n, line in enumerate(path.read_bytes().splitlines()):
        try:
            item = normalise_item(parse_raw_item(line), f"{path}:{n}")
        except RejectedInput:
            continue
        stories.append((item.title, item.text, item.published_at, item.source.get("agency")))
    return stories


def one_pass(stories: list[Story], classify: Callable[[str, str], Any] | None,
             found: Counter[str] | None) -> list[float]:
    """CPU seconds of each story; counts the fields found into ``found`` when given."""
    times: list[float] = []
    clock = time.process_time
    for title, text, published, agency in stories:
        started = clock()
        if classify is not None:
            classify(title, text)
        fields = extract_fields(title, text, published, agency_hint=agency).to_dict()
        times.append(clock() - started)
        if found is not None:
            found.update(name for name in FIELDS if fields[name])
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="reuters21578 folder (default: shared data)")
    parser.add_argument("--stories", type=Path, help="raw items (JSONL) instead of Reuters-21578 TRAIN")
    parser.add_argument("--limit", type=int, default=0, help="at most this many stories (0: all)")
    parser.add_argument("--topic", help="only Reuters documents with this topic (e.g. trade)")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the stories (default 3)")
    parser.add_argument("--with-classify", action="store_true", help="time classify() + extract_fields()")
    args = parser.parse_args(argv)

    try:
        stories = generated_stories(args.stories) if args.stories else reuters_stories(args.data, args.topic)
    except FileNotFoundError as exc:
        print(f"measure_extract: {exc}", file=sys.stderr)
        return 1
    if args.limit:
        stories = stories[: args.limit]
    if not stories:
        print("measure_extract: no stories", file=sys.stderr)
        return 1
    classify: Callable[[str, str], Any] | None = None
    if args.with_classify:
        from newswire.trade import classify as classifier

        classify = classifier.classify

    extract_fields(*stories[0][:3])  # load the gazetteers outside the timing
    if classify is not None:
        classify(*stories[0][:2])

    what = "classify + extract" if classify is not None else "extract"
    source = str(args.stories) if args.stories else "Reuters-21578 TRAIN"
    chars = sum(len(s[0]) + len(s[1]) for s in stories) / len(stories)
    print(f"{what}: {len(stories)} stories from {source} (mean {chars:.0f} characters), "
          f"CPU time of this process, one core")
    found: Counter[str] = Counter()
    medians: list[float] = []
    for number in range(1, max(1, args.repeat) + 1):
        ms = sorted(t * 1000 for t in one_pass(stories, classify, found if number == 1 else None))
        medians.append(ms[len(ms) // 2])
        note = "  (fills the word caches)" if number == 1 and args.repeat > 1 else ""
        print(f"  pass {number}: median {ms[len(ms) // 2]:.3f} ms, mean {statistics.fmean(ms):.3f} ms, "
              f"p99 {ms[int(len(ms) * 0.99)]:.3f} ms = {len(ms) / (sum(ms) / 1000):,.0f} stories/s{note}")
    later = medians[1:] or medians
    print(f"  median CPU ms per story, later passes: {statistics.median(later):.3f}")
    print("stories with the field:")
    for name in FIELDS:
        print(f"  {name:<14} {found[name]:>6}  {100 * found[name] / len(stories):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
