"""The Beam Flink job server that `make flink-jar` assembles runs Python pipelines on Flink.

Runs a small pipeline (a shuffle, a combine, a file sink) on FlinkRunner with an embedded Flink
mini-cluster (``--flink_master=[local]``, ``--environment_type=LOOPBACK``) and compares its output
with DirectRunner's. Skips with a reason when the jar is absent or was built for another Beam
version than the installed SDK, unless NEWSWIRE_REQUIRE_FLINK=1, when that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

REPO = Path(__file__).resolve().parents[2]
DEFAULT_JAR = REPO / "deploy" / "flink" / "target" / "beam-flink-job-server.jar"
T = TypeVar("T")
RUNNER_JAR = re.compile(r"beam-runners-flink-(?P<flink>\d+\.\d+)-(?P<beam>\d+\.\d+\.\d+)\.jar")

pytestmark = pytest.mark.slow


def _unavailable(reason: str) -> None:
    if os.environ.get("NEWSWIRE_REQUIRE_FLINK", "") not in ("", "0"):
        pytest.fail(f"{reason} (NEWSWIRE_REQUIRE_FLINK=1 makes this a failure)")
    pytest.skip(reason)


def jar_beam_version(jar: Path) -> str | None:
    """The Beam version of the runner library listed beside a thin job-server jar."""
    for candidate in sorted((jar.parent / "lib").glob("beam-runners-flink-*.jar")):
        match = RUNNER_JAR.fullmatch(candidate.name)
        if match:
            return match["beam"]
    return None


@pytest.fixture(scope="module")
def flink_job_server_jar() -> Path:
    """The job-server jar (NEWSWIRE_FLINK_JOB_SERVER_JAR or make flink-jar's output)."""
    import apache_beam

    jar = Path(os.environ.get("NEWSWIRE_FLINK_JOB_SERVER_JAR", DEFAULT_JAR))
    if not jar.is_file():
        _unavailable(f"no Flink job server at {jar}: run `make flink-jar`")
    if shutil.which("java") is None:
        _unavailable("java not found on PATH (the job server is a Java program)")
    version = jar_beam_version(jar)
    if version != apache_beam.__version__:
        _unavailable(f"job server {jar} is Beam {version}, the installed SDK is "
                     f"apache-beam {apache_beam.__version__}: they must match")
    return jar


JOB_SERVER_START_FAILED = "Service failed to start up"  # Beam's message when the job server exits early


def retry_job_server_start(run: Callable[[], T]) -> T:
    """``run()``, run once more if Beam's Flink job-server process exited while starting (seen in
    about one CI run of several on this machine: exit status 0, nothing logged, unrelated to the
    pipeline). Any other failure, and a second start-up failure, is raised."""
    try:
        return run()
    except RuntimeError as exc:
        if JOB_SERVER_START_FAILED not in str(exc):
            raise
        warnings.warn(f"the Flink job server did not start ({exc}); trying once more", stacklevel=2)
        return run()


def count_words(lines: list[str], output: Path, options: list[str]) -> list[str]:
    """Run a word count (shuffle + combine + file sink) with ``options``; return sorted output."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    with beam.Pipeline(options=PipelineOptions(options)) as pipeline:
        (
            pipeline
            | "CreateLines" >> beam.Create(lines)
            | "SplitWords" >> beam.FlatMap(str.split)
            | "PairWithOne" >> beam.Map(lambda word: (word.lower(), 1))
            | "SumPerWord" >> beam.CombinePerKey(sum)
            | "FormatCounts" >> beam.MapTuple(lambda word, count: f"{word}\t{count}")
            | "WriteCounts" >> beam.io.WriteToText(str(output))
        )
    return sorted(
        line for part in output.parent.glob(output.name + "*") for line in part.read_text().splitlines()
    )


def test_flink_runner_output_equals_direct_runner(flink_job_server_jar: Path, tmp_path: Path) -> None:
    lines = [f"tariff talks round {n % 7} steel {n % 3} autos" for n in range(200)]
    direct = count_words(lines, tmp_path / "direct" / "counts", ["--runner=DirectRunner"])
    flink = retry_job_server_start(lambda: count_words(
        lines,
        tmp_path / "flink" / "counts",
        [
            "--runner=FlinkRunner",
            "--flink_master=[local]",
            f"--flink_job_server_jar={flink_job_server_jar}",
            "--environment_type=LOOPBACK",
            "--parallelism=2",
        ],
    ))
    assert "tariff\t200" in direct
    assert flink == direct


def test_jar_beam_version_reads_the_runner_library_name(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "beam-runners-flink-1.19-2.62.0.jar").touch()
    (tmp_path / "lib" / "beam-runners-flink-1.19-job-server-x.jar").touch()
    assert jar_beam_version(tmp_path / "job-server.jar") == "2.62.0"
    assert jar_beam_version(tmp_path / "missing" / "job-server.jar") is None
