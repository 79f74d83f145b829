"""Measure the trade classifier on Reuters-21578 (ModApte split, topic ``trade``).

    newswire evaluate reuters [--data DIR] [--min-test-f1 X] [--json]

Classifies every ModApte TRAIN and TEST story that has at least one topic (7,775 and 3,019)
and prints precision, recall and F1 for the topic ``trade`` on each split, the confusion
counts, the worst errors on TRAIN with the evidence that decided them, and the classifier's
speed (stories per second on one core). The classifier is tuned on TRAIN only; TEST is only
reported. Exits with status 1 when TEST F1 is below --min-test-f1 (a regression floor), 2 when
the data is missing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newswire.trade import reuters
from newswire.trade.classify import TradeLabel, classify, knowledge

log = logging.getLogger(__name__)

TOPIC = "trade"


@dataclass(frozen=True)
class Confusion:
    """Confusion counts of a binary decision, with precision, recall and F1."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def confusion(truth: Sequence[bool], predicted: Sequence[bool]) -> Confusion:
    """Count agreements and errors of ``predicted`` against ``truth``."""
    pairs = list(zip(truth, predicted, strict=True))
    return Confusion(
        tp=sum(1 for t, p in pairs if t and p),
        fp=sum(1 for t, p in pairs if not t and p),
        fn=sum(1 for t, p in pairs if t and not p),
        tn=sum(1 for t, p in pairs if not t and not p),
    )


@dataclass(frozen=True)
class Judged:
    """One story with its gold label and the classifier's decision."""

    doc: reuters.ReutersDoc
    gold: bool
    label: TradeLabel


@dataclass(frozen=True)
class SplitResult:
    """The evaluation of one split."""

    name: str
    judged: tuple[Judged, ...]
    seconds: float

    @property
    def confusion(self) -> Confusion:
        return confusion([j.gold for j in self.judged], [j.label.is_trade for j in self.judged])

    def worst_errors(self, count: int) -> list[Judged]:
        """The most confident mistakes: false positives with the highest scores and false
        negatives with the lowest, ordered by their distance from the threshold."""
        threshold = knowledge().threshold
        wrong = [j for j in self.judged if j.gold != j.label.is_trade]
        return sorted(wrong, key=lambda j: -abs(j.label.score - threshold))[:count]


def judge(docs: Sequence[reuters.ReutersDoc], name: str) -> SplitResult:
    """Classify ``docs`` (CPU-timed, in this process) and pair each decision with its gold label."""
    start = time.process_time()  # CPU time of this process: one core, whatever else runs
    labels = [classify(d.title, d.text) for d in docs]
    seconds = time.process_time() - start
    judged = tuple(Judged(d, TOPIC in d.topics, lab) for d, lab in zip(docs, labels, strict=True))
    return SplitResult(name, judged, seconds)


def _error_dict(j: Judged) -> dict[str, Any]:
    return {"id": j.doc.id, "kind": "false positive" if j.label.is_trade else "false negative",
            "title": j.doc.title, "topics": list(j.doc.topics), "score": j.label.score,
            "evidence": list(j.label.evidence)}


def report(results: Sequence[SplitResult], worst: int) -> dict[str, Any]:
    """Everything the command prints, as plain data."""
    stories = sum(len(r.judged) for r in results)
    seconds = sum(r.seconds for r in results)
    train = next(r for r in results if r.name == reuters.TRAIN)
    return {
        "dataset": "Reuters-21578 ModApte, stories with at least one topic",
        "topic": TOPIC,
        "knowledge_version": knowledge().version,
        "splits": {r.name: {"stories": len(r.judged), "positives": sum(j.gold for j in r.judged),
                            **r.confusion.to_dict()} for r in results},
        "worst_train_errors": [_error_dict(j) for j in train.worst_errors(worst)],
        "speed": {"stories": stories, "cpu_seconds": round(seconds, 3),
                  "stories_per_second": round(stories / seconds, 1) if seconds else None,
                  "ms_per_story": round(1000 * seconds / stories, 4) if stories else None},
    }


def format_text(data: dict[str, Any]) -> str:
    """A readable rendering of :func:`report`."""
    lines = [f"{data['dataset']} - topic '{data['topic']}' (knowledge {data['knowledge_version']})", "",
             f"{'split':<6} {'stories':>7} {'gold':>5} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>6}"
             f" {'precision':>9} {'recall':>7} {'F1':>7}"]
    for name, s in data["splits"].items():
        lines.append(f"{name:<6} {s['stories']:>7} {s['positives']:>5} {s['tp']:>5} {s['fp']:>5}"
                     f" {s['fn']:>5} {s['tn']:>6} {s['precision']:>9.4f} {s['recall']:>7.4f}"
                     f" {s['f1']:>7.4f}")
    lines += ["", f"{len(data['worst_train_errors'])} worst errors on TRAIN:"]
    for e in data["worst_train_errors"]:
        lines.append(f"  {e['kind']:<14} score {e['score']:.4f} #{e['id']} {e['title']!r}"
                     f" topics={','.join(e['topics'])}")
        lines.append(f"    evidence: {'; '.join(e['evidence']) or '-'}")
    speed = data["speed"]
    lines += ["", f"speed: {speed['stories']} stories in {speed['cpu_seconds']} CPU s on one core = "
              f"{speed['stories_per_second']} stories/s ({speed['ms_per_story']} ms/story)"]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", choices=["reuters"], help="the benchmark to run")
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of reut2-*.sgm (default: <NEWSWIRE_DATA>/reuters21578)")
    parser.add_argument("--min-test-f1", type=float, default=None,
                        help="exit with status 1 when TEST F1 is below this floor")
    parser.add_argument("--worst", type=int, default=10, help="how many TRAIN errors to list")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    try:
        docs = reuters.load(args.data)
    except FileNotFoundError as exc:
        log.error("cannot evaluate: %s", exc)
        return 2
    knowledge()  # load once, outside the timed loops
    results = [judge(reuters.modapte(docs, split), split) for split in (reuters.TRAIN, reuters.TEST)]
    data = report(results, args.worst)
    print(json.dumps(data, indent=2) if args.json else format_text(data))
    test_f1 = data["splits"][reuters.TEST]["f1"]
    if args.min_test_f1 is not None and test_f1 < args.min_test_f1:
        log.error("TEST F1 %.4f is below the floor %.4f", test_f1, args.min_test_f1)
        return 1
    return 0


if __name__ == "__main__":
    from newswire.cli import main

    sys.exit(main(["evaluate", *sys.argv[1:]]))
