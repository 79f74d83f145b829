"""The session-cluster recipe: a separate Flink cluster, the job server submitting to it, and the
Python code running in an external worker pool (``--environment_type=EXTERNAL``).

deploy/flink/local-session.sh starts a JobManager and a TaskManager whose classpath holds Flink's
jars only, so the Beam classes reach the TaskManager through the job server's submission, as on a
real cluster. Skips like test_flink_runner when the job server is absent or of another version.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.test_flink_runner import count_words, flink_job_server_jar  # noqa: F401  (fixture)

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "deploy" / "flink" / "local-session.sh"

pytestmark = pytest.mark.slow


def free_port_block(size: int) -> int:
    """A port p such that p .. p+size-1 are free on loopback now."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + size > 65535:
            continue
        try:
            for port in range(base, base + size):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no block of free ports found")


def session(action: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), action], capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.fixture
def flink_session(flink_job_server_jar: Path, tmp_path: Path) -> Iterator[str]:  # noqa: F811
    """A running local session cluster; yields its REST address (host:port)."""
    port = free_port_block(3)
    env = {**os.environ, "FLINK_REST_PORT": str(port), "FLINK_DATA_DIR": str(tmp_path / "flink")}
    started = session("up", env)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        yield f"127.0.0.1:{port}"
    finally:
        stopped = session("down", env)
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        assert session("status", env).returncode == 3


@pytest.fixture
def worker_pool() -> Iterator[str]:
    """Beam's Python worker pool (what a TaskManager sidecar runs); yields its address."""
    port = free_port_block(1)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    pool = subprocess.Popen(
        [sys.executable, "-m", "apache_beam.runners.worker.worker_pool_main", f"--service_port={port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield f"localhost:{port}"
    finally:
        pool.terminate()
        pool.wait(timeout=30)


def test_session_cluster_with_external_workers_equals_direct_runner(
    flink_job_server_jar: Path,  # noqa: F811
    flink_session: str,
    worker_pool: str,
    tmp_path: Path,
) -> None:
    lines = [f"quota review {n % 5} for {n % 4} mills" for n in range(120)]
    direct = count_words(lines, tmp_path / "direct" / "counts", ["--runner=DirectRunner"])
    flink = count_words(
        lines,
        tmp_path / "flink" / "counts",
        [
            "--runner=FlinkRunner",
            f"--flink_master={flink_session}",
            f"--flink_job_server_jar={flink_job_server_jar}",
            "--environment_type=EXTERNAL",
            f"--environment_config={worker_pool}",
            "--parallelism=2",
        ],
    )
    assert "quota\t120" in direct
    assert flink == direct
