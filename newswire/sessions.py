"""The live processes of a process session (Linux /proc), to check that a run left nothing behind."""

from __future__ import annotations

import os
from pathlib import Path


def session_processes(session: int) -> list[int]:
    """Pids of the live (not zombie) processes of ``session``: a child started with
    ``start_new_session=True`` leads a session whose id is its pid."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # the process ended meanwhile
                continue
            fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, pgrp, session
            if int(fields[3]) == session and fields[0] != "Z":
                found.append(int(entry))
    return found
