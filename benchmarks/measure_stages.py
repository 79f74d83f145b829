"""CPU per item of each pipeline stage's core function, in a bare loop on one core.

    python benchmarks/measure_stages.py var/bench/stories-3000-7-<hash>.jsonl --repeat 3

Times, with this process's CPU clock, each stage of the loop in benchmarks/stage_loop.py (the one
``make bench``'s bare phase runs) over the generated raw items of benchmarks/generate_stories.py;
prints milliseconds per input item for each stage and in all, per pass, and the median over the
passes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from stage_loop import STAGES, run_stages  # noqa: E402


def one_pass(lines: list[bytes]) -> dict[str, float]:
    """CPU seconds spent in each stage over ``lines``."""
    spent = dict.fromkeys(STAGES, 0.0)

    def timed(stage: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        result = function(*args, **kwargs)
        spent[stage] += time.process_time() - started
        return result

    run_stages(lines, timed)
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
