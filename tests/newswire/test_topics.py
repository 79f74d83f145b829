"""Topic declarations and their idempotent creation on the real broker."""

from __future__ import annotations

import uuid

import pytest
from kafka.admin import ConfigResource, ConfigResourceType

from newswire.kafka import make_admin
from newswire.topics import ALL_TOPICS, TopicNames, ensure_topics


def test_declared_topics_cover_the_product() -> None:
    names = {spec.name for spec in ALL_TOPICS}
    assert {"news.raw", "news.trade", "news.dlq"} <= names
    compacted = {s.name for s in ALL_TOPICS if s.configs.get("cleanup.policy") == "compact"}
    assert {"news.trade", "newswire.connector-state"} <= compacted


def test_prefixed_names_keep_the_declared_settings() -> None:
    names = TopicNames.prefixed("x.")
    assert names.trade == "x.news.trade"
    assert [s.partitions for s in names.specs()] == [s.partitions for s in ALL_TOPICS]


@pytest.mark.kafka
def test_ensure_topics_is_idempotent_and_applies_configs(kafka_bootstrap: str) -> None:
    names = TopicNames.prefixed(f"idem{uuid.uuid4().hex[:8]}.")
    admin = make_admin(kafka_bootstrap)
    try:
        assert len(ensure_topics(admin, names.specs())) == len(ALL_TOPICS)
        assert ensure_topics(admin, names.specs()) == []
        described = {t["name"]: t for t in admin.describe_topics([names.raw, names.trade])}
        assert len(described[names.raw]["partitions"]) == 4
        resource = ConfigResource(ConfigResourceType.TOPIC, names.trade)
        configs = admin.describe_configs([resource])["topic"][names.trade]
        assert configs["cleanup.policy"]["value"] == "compact"
        admin.delete_topics([s.name for s in names.specs()])
    finally:
        admin.close()
