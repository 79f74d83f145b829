"""Shared fixtures: the real local Kafka broker, per-test topics, and ../shared/data.

Integration tests use the broker that ``make test`` starts (NEWSWIRE_BOOTSTRAP). Without a
broker they skip with a reason, unless NEWSWIRE_REQUIRE_KAFKA=1 (set by ``make test``), when
they fail. Tests that read ../shared/data skip when it is absent, unless REQUIRE_SHARED_DATA=1.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from newswire import settings
from newswire.topics import TopicNames, ensure_topics


def _required(variable: str) -> bool:
    return os.environ.get(variable, "") not in ("", "0")


def _unavailable(reason: str, variable: str) -> None:
    if _required(variable):
        pytest.fail(f"{reason} ({variable}=1 makes this a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared datasets folder (NEWSWIRE_DATA, default ../shared/data)."""
    path = settings.shared_data_dir()
    if not path.is_dir():
        _unavailable(f"shared data not found at {path.resolve()}", "REQUIRE_SHARED_DATA")
    return path


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """Bootstrap servers of the real broker; checks it answers."""
    from kafka.errors import KafkaError

    from newswire.kafka import make_admin

    bootstrap = settings.bootstrap_servers()
    try:
        make_admin(bootstrap, request_timeout_ms=5000).close()
    except KafkaError as exc:
        _unavailable(f"no Kafka broker at {bootstrap}: {exc}", "NEWSWIRE_REQUIRE_KAFKA")
    return bootstrap


@pytest.fixture
def topics(kafka_bootstrap: str) -> Iterator[TopicNames]:
    """Fresh, uniquely prefixed copies of all declared topics for one test."""
    from newswire.kafka import make_admin

    names = TopicNames.prefixed(f"t{uuid.uuid4().hex[:10]}.")
    admin = make_admin(kafka_bootstrap)
    try:
        ensure_topics(admin, names.specs())
        yield names
        admin.delete_topics([spec.name for spec in names.specs()])
    finally:
        admin.close()
