"""Topic declarations and their idempotent creation on the real broker."""

from __future__ import annotations

import time
import uuid

import pytest
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

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


def _topic_configs(admin: KafkaAdminClient, topic: str) -> dict[str, dict[str, object]]:
    """Dynamic configs of a topic; a just-created topic may need a moment to show them."""
    resource = ConfigResource(ConfigResourceType.TOPIC, topic)
    for _ in range(20):
        configs: dict[str, dict[str, object]] = admin.describe_configs([resource])["topic"][topic]
        if configs:
            return configs
        time.sleep(0.25)
    return {}


@pytest.mark.kafka
def test_ensure_topics_is_idempotent_and_applies_configs(kafka_bootstrap: str) -> None:
    names = TopicNames.prefixed(f"idem{uuid.uuid4().hex[:8]}.")
    admin = make_admin(kafka_bootstrap)
    try:
        assert len(ensure_topics(admin, names.specs())) == len(ALL_TOPICS)
        assert ensure_topics(admin, names.specs()) == []
        described = {t["name"]: t for t in admin.describe_topics([names.raw, names.trade])}
        assert len(described[names.raw]["partitions"]) == 4
        assert _topic_configs(admin, names.trade)["cleanup.policy"]["value"] == "compact"
        admin.delete_topics([s.name for s in names.specs()])
    finally:
        admin.close()
