"""Speed and coverage of the key-field extractor (bare loop, one core) on Reuters-21578 TRAIN.

Reads the ModApte TRAIN documents (LEWISSPLIT="TRAIN", TOPICS="YES"; never TEST) from the shared
data folder, rebuilds each story as a wire text ("TOKYO, March 3 - body"), and times
``extract_fields`` (and with ``--with-classify`` also ``classify``) per story. Prints stories per
second (CPU time of this process, and wall clock), mean / median / 99th percentile CPU milliseconds,
and how many stories got each field.

    python benchmarks/measure_extract.py                      # all TRAIN documents
    python benchmarks/measure_extract.py --limit 2000 --with-classify
    python benchmarks/measure_extract.py --topic trade        # only the trade stories
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from newswire.trade import reuters
from newswire.trade.extract import extract_fields

FIELDS = ("countries", "people", "organisations", "tariff_rates", "money", "products", "actions", "events",
          "dateline", "agency")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="reuters21578 folder (default: shared data)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents (0: all)")
    parser.add_argument("--topic", help="only documents with this topic (e.g. trade)")
    parser.add_argument("--with-classify", action="store_true", help="time classify() + extract_fields()")
    args = parser.parse_args(argv)

    try:
        docs = reuters.modapte(reuters.load(args.data), reuters.TRAIN)
    except FileNotFoundError as exc:
        print(f"measure_extract: {exc}", file=sys.stderr)
        return 1
    if args.topic:
        docs = [d for d in docs if args.topic in d.topics]
    if args.limit:
        docs = docs[: args.limit]
    stories = [(d.title, f"{d.dateline} - {d.text}" if d.dateline else d.text, d.date) for d in docs]
    classify = None
    if args.with_classify:
        from newswire.trade.classify import classify

    extract_fields(*stories[0][:2], stories[0][2])  # load the gazetteers outside the timing
    if classify is not None:
        classify(*stories[0][:2])
    found: Counter[str] = Counter()
    times: list[float] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for title, text, published in stories:
        t0 = time.process_time()
        if classify is not None:
            classify(title, text)
        fields = extract_fields(title, text, published, agency_hint=None).to_dict()
        times.append(time.process_time() - t0)
        found.update(name for name in FIELDS if fields[name])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    what = "classify + extract" if classify is not None else "extract"
    chars = sum(len(t) + len(b) for t, b, _ in stories) / len(stories)
    print(f"{what}: {len(stories)} Reuters-21578 TRAIN stories (mean {chars:.0f} characters)")
    print(f"  CPU time {cpu:.2f} s = {len(stories) / cpu:,.0f} stories/s; wall clock {elapsed:.2f} s = "
          f"{len(stories) / elapsed:,.0f} stories/s (differs when other processes share the cores)")
    ms = sorted(t * 1000 for t in times)
    print(f"  CPU per story: mean {statistics.fmean(ms):.3f} ms, median {ms[len(ms) // 2]:.3f} ms, "
          f"p99 {ms[int(len(ms) * 0.99)]:.3f} ms, max {ms[-1]:.3f} ms")
    print("stories with the field:")
    for name in FIELDS:
        print(f"  {name:<14} {found[name]:>6}  {100 * found[name] / len(stories):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
