"""deploy/local/kafka.sh gives clear messages when the setup is broken."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "local" / "kafka.sh"
TOOLS = ["bash", "cat", "dirname", "grep", "kill", "mkdir", "nohup", "pgrep", "rm", "sleep", "tail",
         "touch"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120)


def _env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    return {**os.environ, "KAFKA_PORT": str(port), "KAFKA_DATA_DIR": str(tmp_path / "data"), **extra}


def test_missing_java_is_named(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    result = _run(_env(tmp_path, _free_port(), PATH=str(bin_dir)), "up")
    assert result.returncode == 1
    assert "java not found" in result.stderr


def test_port_already_taken_is_reported(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _run(_env(tmp_path, port), "up")
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "already taken" in result.stderr


@pytest.mark.slow
def test_broker_not_ready_in_time_is_stopped_and_reported(tmp_path: Path) -> None:
    port = _free_port()
    env = _env(tmp_path, port, KAFKA_START_TIMEOUT="0", KAFKA_CONTROLLER_PORT=str(_free_port()))
    result = _run(env, "up")
    assert result.returncode == 1
    assert "not ready after 0s" in result.stderr
    status = _run(env, "status")
    assert status.returncode == 3, status.stdout


def test_status_of_a_stopped_broker(tmp_path: Path) -> None:
    result = _run(_env(tmp_path, _free_port()), "status")
    assert result.returncode == 3
    assert "not running" in result.stdout
