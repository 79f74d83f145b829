"""Dead letters: every rejected input, with the stage that rejected it and why."""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

SCHEMA = "newswire.dead_letter"
SCHEMA_VERSION = 1


def utc_now_iso() -> str:
    """The current time as UTC ISO 8601 with a ``Z`` suffix."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class DeadLetter:
    """One rejected input. ``payload`` is text when it decodes as UTF-8, else base64."""

    stage: str
    reason: str
    error: str
    key: str | None
    payload: str
    payload_encoding: str
    source: str | None
    failed_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, **asdict(self)}


def dead_letter(
    stage: str,
    reason: str,
    payload: bytes | str | None,
    *,
    error: str = "",
    key: str | None = None,
    source: str | None = None,
    failed_at: str | None = None,
) -> DeadLetter:
    """Build a dead letter, keeping the original bytes losslessly."""
    if payload is None:
        text, encoding = "", "text"
    elif isinstance(payload, str):
        text, encoding = payload, "text"
    else:
        try:
            text, encoding = payload.decode("utf-8"), "text"
        except UnicodeDecodeError:
            text, encoding = base64.b64encode(payload).decode("ascii"), "base64"
    return DeadLetter(
        stage=stage,
        reason=reason,
        error=error,
        key=key,
        payload=text,
        payload_encoding=encoding,
        source=source,
        failed_at=failed_at or utc_now_iso(),
    )
