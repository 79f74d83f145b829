"""Process-wide defaults, each overridable from the environment or the command line."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BOOTSTRAP = "127.0.0.1:9092"
DEFAULT_DATA_DIR = "../shared/data"


def bootstrap_servers() -> str:
    """Kafka bootstrap servers: ``NEWSWIRE_BOOTSTRAP`` or the local broker."""
    return os.environ.get("NEWSWIRE_BOOTSTRAP", DEFAULT_BOOTSTRAP)


def shared_data_dir() -> Path:
    """Folder of the shared datasets (seed story, Reuters-21578, feeds): ``NEWSWIRE_DATA``."""
    return Path(os.environ.get("NEWSWIRE_DATA", DEFAULT_DATA_DIR))
