"""Measure the near-duplicate threshold and the speed of the processing stages' core functions.

Three measurements, each printed as a small table:

1. ``--reuters DIR``: false merges on Reuters-21578 TRAIN (ModApte: LEWISSPLIT="TRAIN",
   TOPICS="YES"; never the TEST split). Every pair of documents whose MinHash signatures differ
   in at most 24 of 64 slots is found through the LSH bands and checked against the exact
   Jaccard similarity of its word 3-shingle sets; pairs below 0.5 exact Jaccard are false merges.
   The same is counted for SimHash at Hamming distance <= 3 and <= 6.
2. ``--generated FILE --truth FILE`` (benchmarks/generate_stories.py output): recall of the
   generator's syndicated copies per threshold, and how many different originals would merge.
3. The bare-loop speed of parse + normalise + dedup over the generated file, and with
   ``--beam`` the speed of ProcessRawItems (all stages incl. classify and extract) on
   DirectRunner reading the same file, against a bare loop of the same core functions.

    python benchmarks/measure_dedup.py --reuters ../shared/data/reuters21578 \\
        --generated var/bench/stories.jsonl --truth var/bench/truth.jsonl
"""

from __future__ import annotations

import argparse
import html
import itertools
import re
import sys
import time
from collections import Counter
from pathlib import Path

import orjson

from newswire import dedup, fingerprint
from newswire.records import normalise_item, parse_raw_item

THRESHOLDS = (3, 8, 12, 16, 19, 22, 24)
_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.DOTALL)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL) for name in ("TITLE", "BODY")}


def reuters_train(folder: Path) -> list[tuple[str, str]]:
    """(title, body) of the ModApte TRAIN documents."""
    docs = []
    for path in sorted(folder.glob("reut2-*.sgm")):
        for attrs, body in _DOC.findall(path.read_bytes().decode("latin-1")):
            if 'LEWISSPLIT="TRAIN"' not in attrs or 'TOPICS="YES"' not in attrs:
                continue
            fields = {name: pattern.search(body) for name, pattern in _FIELD.items()}
            title = html.unescape(fields["TITLE"].group(1)) if fields["TITLE"] else ""
            text = html.unescape(fields["BODY"].group(1)) if fields["BODY"] else ""
            docs.append((title.strip(), text.replace("\x03", "").strip()))
    return docs


def shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(max(1, len(tokens) - 2))}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def measure_reuters(folder: Path) -> None:
    docs = reuters_train(folder)
    tokens = [fingerprint.words(t) + fingerprint.words(b) for t, b in docs]
    signatures = [fingerprint.minhash(t) for t in tokens]
    simhashes = [fingerprint.simhash(t) for t in tokens]
    usable = [i for i, s in enumerate(signatures) if s is not None]
    buckets: dict[int, list[int]] = {}
    for i in usable:
        for key in fingerprint.lsh_keys(signatures[i]):  # type: ignore[arg-type]
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(itertools.combinations(members, 2))
    by_distance: list[tuple[int, float, int, int]] = []
    for i, j in pairs:
        distance = fingerprint.slot_distance(signatures[i], signatures[j])  # type: ignore[arg-type]
        if distance <= max(THRESHOLDS):
            by_distance.append((distance, jaccard(shingles(tokens[i]), shingles(tokens[j])), i, j))
    print(f"Reuters-21578 TRAIN: {len(docs)} documents, {len(usable)} with >= {fingerprint.MIN_SHINGLES} "
          f"shingles; {len(pairs)} LSH candidate pairs")
    print(f"  (texts under {fingerprint.SHORT_TEXT_WORDS} words: at most "
          f"{fingerprint.SHORT_TEXT_MAX_DISTANCE})")
    print("  MinHash max distance | pairs | same headline | other headline | false merges (J<0.5) "
          "| lowest J")
    for threshold in THRESHOLDS:
        found = [(d, j) for d, j, i, _ in by_distance
                 if d <= fingerprint.near_duplicate_limit(len(tokens[i]), threshold)]
        false = [j for _, j in found if j < 0.5]
        lowest = min((j for _, j in found), default=float("nan"))
        same = sum(1 for d, _, i, j in by_distance
                   if d <= fingerprint.near_duplicate_limit(len(tokens[i]), threshold)
                   and docs[i][0] == docs[j][0])
        print(f"  {threshold:>20} | {len(found):>5} | {same:>13} | {len(found) - same:>14} "
              f"| {len(false):>20} | {lowest:.2f}")
    simhash_buckets: dict[tuple[int, int], list[int]] = {}
    for i in usable:
        for position, band in enumerate(fingerprint.bands(simhashes[i])):
            simhash_buckets.setdefault((position, band), []).append(i)
    close = {
        (i, j) for members in simhash_buckets.values() for i, j in itertools.combinations(members, 2)
        if fingerprint.hamming(simhashes[i], simhashes[j]) <= fingerprint.SIMHASH_MAX_DISTANCE
    }
    exact = [jaccard(shingles(tokens[i]), shingles(tokens[j])) for i, j in close]
    print(f"  SimHash Hamming <= {fingerprint.SIMHASH_MAX_DISTANCE}: {len(close)} pairs, "
          f"{sum(1 for j in exact if j >= 0.5)} true copies, "
          f"{sum(1 for j in exact if j < 0.5)} false merges")
    other = [t for t in by_distance if docs[t[2]][0] != docs[t[3]][0]
             and t[0] <= fingerprint.near_duplicate_limit(len(tokens[t[2]]))]
    print(f"  pairs merged at the default limits whose headlines differ ({len(other)}; judge by eye):")
    for distance, exact, i, j in sorted(other):
        print(f"    {distance:>2} J={exact:.2f} {len(tokens[i]):>4}w "
              f"{docs[i][0][:45]!r} / {docs[j][0][:45]!r}")


def measure_generated(path: Path, truth_path: Path) -> None:
    lines = path.read_bytes().splitlines()
    truth = [orjson.loads(line) for line in truth_path.read_bytes().splitlines()]
    started = time.perf_counter()
    records = [parse_raw_item(line) for line in lines]
    parsed = time.perf_counter()
    items = [normalise_item(record) for record in records]
    normalised = time.perf_counter()
    index = dedup.DedupIndex()
    decisions = [index.observe(item) for item in sorted(items, key=dedup.order_key)]
    done = time.perf_counter()
    n = len(lines)
    print(f"bare loop over {n} generated items: parse {n / (parsed - started):,.0f}/s, "
          f"normalise {n / (normalised - parsed):,.0f}/s, dedup {n / (done - normalised):,.0f}/s, "
          f"all three {n / (done - started):,.0f}/s")
    print("  decisions:", dict(Counter(d.kind for d in decisions)))
    originals = {t["group"]: item for item, t in zip(items, truth, strict=True) if t["kind"] == "original"}
    signature = {id(item): fingerprint.decode_signature(item.signature) for item in items}
    copy_distances = Counter()
    for item, t in zip(items, truth, strict=True):
        if t["kind"] == "near_duplicate":
            a, b = signature[id(item)], signature[id(originals[t["group"]])]
            copy_distances[fingerprint.slot_distance(a, b) if a is not None and b is not None else 64] += 1
    total = sum(copy_distances.values())
    print("  MinHash max distance | copies found (recall) | pairs of different originals that would merge")
    sample = [signature[id(item)] for item in list(originals.values())[:3000]]
    sample = [s for s in sample if s is not None]
    original_pairs = Counter(
        fingerprint.slot_distance(a, b) for a, b in itertools.combinations(sample, 2)
    )
    for threshold in THRESHOLDS:
        found = sum(c for d, c in copy_distances.items() if d <= threshold)
        merges = sum(c for d, c in original_pairs.items() if d <= threshold)
        print(f"  {threshold:>20} | {found:>5}/{total} ({found / total:.1%}) | {merges} of "
              f"{sum(original_pairs.values())}")


def measure_beam(path: Path, enrich: bool) -> None:
    """Bare loop vs DirectRunner over the same JSONL: parse -> normalise -> dedup, and with
    ``enrich`` the whole ProcessRawItems (classify, extract, validate too)."""
    import resource

    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from newswire.records import schema_errors, story_record
    from pipeline.dedup import DeduplicateStories
    from pipeline.messages import RawMessage
    from pipeline.normalise import NormaliseItems
    from pipeline.parse import ParseRawItems
    from pipeline.process import ProcessRawItems

    lines = path.read_bytes().splitlines()
    started = time.perf_counter()
    result = dedup.deduplicate_batch(dedup.DedupIndex(), (normalise_item(parse_raw_item(x)) for x in lines))
    stories = [story_record(i, d.story_id, d.version, d.status, c) for i, d, c in result.versions]
    if enrich:
        from newswire.trade.classify import classify
        from newswire.trade.extract import extract_fields

        for story in stories:
            story["trade"] = classify(story["title"], story["text"]).to_dict()
            story["fields"] = extract_fields(story["title"], story["text"], story["published_at"],
                                             agency_hint=story["source"]["agency"]).to_dict()
            schema_errors("story", story)
    bare = len(lines) / (time.perf_counter() - started)
    del result, stories

    started = time.perf_counter()
    with beam.Pipeline(options=PipelineOptions(["--runner=DirectRunner"])) as p:
        raw = (p | beam.io.ReadFromText(str(path), coder=beam.coders.BytesCoder())
               | beam.Map(lambda line: RawMessage(None, line, "file")))
        if enrich:
            outputs = raw | ProcessRawItems()
        else:
            parsed = raw | ParseRawItems()
            outputs = (parsed.items | NormaliseItems()).items | DeduplicateStories()
        for name in ("stories", "state_updates"):
            _ = outputs[name] | f"Count{name}" >> beam.combiners.Count.Globally()
    piped = len(lines) / (time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = "all stages (ProcessRawItems)" if enrich else "parse + normalise + dedup"
    print(f"{what}, {len(lines)} items: bare loop {bare:,.0f}/s, DirectRunner {piped:,.0f}/s "
          f"(ratio {piped / bare:.2f}), peak RSS {peak:,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuters", type=Path, help="folder of reut2-*.sgm (Reuters-21578)")
    parser.add_argument("--generated", type=Path, help="JSONL from benchmarks/generate_stories.py")
    parser.add_argument("--truth", type=Path, help="its --truth file")
    parser.add_argument("--beam", action="store_true", help="time parse+normalise+dedup on DirectRunner")
    parser.add_argument("--beam-all", action="store_true", help="time all of ProcessRawItems on DirectRunner")
    args = parser.parse_args(argv)
    if args.reuters:
        measure_reuters(args.reuters)
    if args.generated and args.truth:
        measure_generated(args.generated, args.truth)
    if args.generated and args.beam:
        measure_beam(args.generated, enrich=False)
    if args.generated and args.beam_all:
        measure_beam(args.generated, enrich=True)
    if not args.reuters and not args.generated:
        parser.print_help()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
