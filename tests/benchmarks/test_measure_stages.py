"""benchmarks/measure_stages.py on a few generated items: every stage is timed and printed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import orjson
import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_stage_costs_something_and_the_median_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stories = tmp_path / "s.jsonl"
    stories.write_bytes(b"\n".join(orjson.dumps(r) for r, _ in load("generate_stories").generate(60, seed=3)))
    stages = load("measure_stages")
    spent = stages.one_pass(stories.read_bytes().splitlines())
    assert set(spent) == set(stages.STAGES)
    assert all(spent[s] > 0 for s in ("normalise", "classify", "extract"))
    assert stages.main([str(stories), "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert "pass 2:" in out and "median of 2 passes over 60 items" in out
