"""benchmarks/stage_timeline.py: a drain's wall time by phase, from the runner's bundle log."""

from __future__ import annotations

import logging

import pytest

from tests.benchmarks.test_measure_stages import load

timeline = load("stage_timeline")

NORMALISE = "(ref_AppliedPTransform_Process-NormaliseItems-Map_7)"
DEDUPLICATE = "(ref_AppliedPTransform_Process-DeduplicateStories-Deduplicate-ParDo_50)"
JOIN = "Process/DeduplicateStories/JoinDecisions"
READ_STAGE = f"((ReadRaw/SpreadRanges/Read)+{NORMALISE})"
DEDUP_STAGE = f"((Process/DeduplicateStories/WithPriorState/Read)+{DEDUPLICATE})"
JOIN_STAGE = f"({JOIN}/BothSides/Read)+({JOIN}/ByItemKey/Write)"
ENRICH_STAGE = f"(({JOIN}/ByItemKey/Read)+(ref_AppliedPTransform_Process-EnrichStories-Classify_60))"
FUSED_STAGE = f"((ReadLines/Read)+{NORMALISE}+{DEDUPLICATE})"


def test_each_bundle_lasts_until_the_next_starts_and_counts_in_its_stages_phase() -> None:
    bundles = [(1.0, "(PlanRanges/Impulse)"), (1.5, READ_STAGE), (4.0, DEDUP_STAGE), (5.0, DEDUP_STAGE),
               (8.0, JOIN_STAGE), (9.0, ENRICH_STAGE), (19.0, "(WriteTrade/Publish)")]
    spent = timeline.phase_seconds(bundles, began=0.0, ended=21.0)
    assert spent == {
        timeline.START: 1.0, timeline.READ: 2.5, timeline.DEDUP: 4.0, timeline.JOIN: 1.0,
        timeline.ENRICH: 10.0, timeline.OTHER: 0.5, timeline.END: 2.0,
    }
    assert sum(spent.values()) == 21.0
    assert list(spent) == list(timeline.ORDER)


def test_a_dedup_step_fused_into_the_read_counts_its_later_bundles_as_dedup() -> None:
    spent = timeline.phase_seconds([(0.5, FUSED_STAGE), (3.0, FUSED_STAGE), (4.5, ENRICH_STAGE)], 0.0, 9.0)
    assert (spent[timeline.READ], spent[timeline.DEDUP], spent[timeline.ENRICH]) == (2.5, 1.5, 0.0)
    assert spent[timeline.END] == 4.5


def test_a_run_without_bundles_is_all_other_and_the_summary_skips_empty_phases() -> None:
    spent = timeline.phase_seconds([], 2.0, 3.5)
    assert spent[timeline.OTHER] == 1.5
    assert timeline.describe(spent) == "other stages 1.5s"


def test_the_bundle_log_collects_stage_names_and_keeps_the_runners_debug_lines_to_itself(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger(timeline.BUNDLE_LOGGER)
    before = (logger.level, logger.propagate, list(logger.handlers))
    with caplog.at_level(logging.DEBUG), timeline.bundle_log() as bundles:
        logger.debug("Running bundle for stage %s\n\tExpected outputs: %s", READ_STAGE, "x")
        logger.debug("Update: a watermark")
    assert [stage for _, stage in bundles] == [READ_STAGE]
    assert not [r for r in caplog.records if r.name == timeline.BUNDLE_LOGGER]
    assert (logger.level, logger.propagate, list(logger.handlers)) == before
