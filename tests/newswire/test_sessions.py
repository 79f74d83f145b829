"""session_processes on real child processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from newswire.sessions import session_processes


def test_a_childs_session_lists_it_and_its_own_children_until_they_end() -> None:
    code = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import time; time.sleep(30)'])"
    child = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    try:
        for _ in range(100):  # the grandchild needs a moment to start
            found = session_processes(child.pid)
            if len(found) == 2:
                break
            subprocess.run(["sleep", "0.05"])
        assert child.pid in found and len(found) == 2
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(10)
    for _ in range(100):  # the killed grandchild is reaped by init
        if not session_processes(child.pid):
            break
        subprocess.run(["sleep", "0.05"])
    assert session_processes(child.pid) == []
