"""Where a drain's wall time goes, from the runner's own log of the bundles it runs.

FnApiRunner (what DirectRunner runs here) executes one bundle at a time, its input split over
the SDK worker processes, and logs "Running bundle for stage <fused stage>" at DEBUG before
each. A bundle therefore lasts until the next one starts; the time before the first bundle is
start-up, the time after the last one is the sinks finishing and the commit. Each fused stage is
put in a phase of the pipeline by the transforms fused into it, so the printout shows which
phases keep only one core busy (the single dedup key, the join's GroupByKey in the runner).

Imported by bench_pipeline.py (which puts this directory on ``sys.path``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise

BUNDLE_LOGGER = "apache_beam.runners.portability.fn_api_runner.fn_runner.run_bundle"
_RUNNING = "Running bundle for stage "

START, END, OTHER = "start-up", "sinks finishing, commit", "other stages"
READ, DEDUP, JOIN, ENRICH = (
    "read, parse, normalise", "dedup (one key)", "join (GroupByKey in the runner)",
    "classify, extract, validate, sinks",
)
# (phase, text in the fused stage's name); the first match wins. Should the dedup step be fused
# into the reading stage (as it was without prior state before the Reshuffle in front of the key,
# pipeline/dedup.py), the stage's first bundle is the read and its later bundles the dedup timers.
PHASES = (
    (ENRICH, "Process-EnrichStories"),
    (READ, "Process-NormaliseItems"),
    (DEDUP, "Process-DeduplicateStories-Deduplicate"),
    (JOIN, "JoinDecisions/BothSides/Read"),
)
ORDER = (START, READ, DEDUP, JOIN, ENRICH, OTHER, END)
_TIMERS = "Process-DeduplicateStories-Deduplicate"  # a later bundle of its stage is a timer firing


def phase_of(stage: str, again: bool = False) -> str:
    """The pipeline phase of a bundle of a fused stage, from the transforms in the stage's name;
    ``again``: the stage has run a bundle before."""
    if again and _TIMERS in stage:
        return DEDUP
    return next((phase for phase, marker in PHASES if marker in stage), OTHER)


def phase_seconds(bundles: list[tuple[float, str]], began: float, ended: float) -> dict[str, float]:
    """Wall seconds per phase of a run from ``began`` to ``ended``, given the start time and
    fused stage name of each bundle in the order they ran; phases in pipeline order."""
    spent = dict.fromkeys(ORDER, 0.0)
    if not bundles:
        spent[OTHER] = ended - began
        return spent
    spent[START] = bundles[0][0] - began
    seen: set[str] = set()
    for (at, stage), (until, _) in pairwise(bundles):
        spent[phase_of(stage, stage in seen)] += until - at
        seen.add(stage)
    spent[END] = ended - bundles[-1][0]
    return spent


class _BundleLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.bundles: list[tuple[float, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(_RUNNING):
            self.bundles.append((time.perf_counter(), message[len(_RUNNING):].split("\n", 1)[0]))


@contextmanager
def bundle_log() -> Iterator[list[tuple[float, str]]]:
    """Collect (perf_counter, fused stage) for every bundle the runner starts in this process;
    the runner's debug lines are not passed on to other log handlers."""
    logger = logging.getLogger(BUNDLE_LOGGER)
    handler = _BundleLog()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield handler.bundles
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def describe(spent: dict[str, float]) -> str:
    """One line: each phase that took time, with its wall seconds."""
    return ", ".join(f"{phase} {seconds:.1f}s" for phase, seconds in spent.items() if seconds >= 0.05)
