"""The Kafka topics of the product, declared once, and their idempotent creation."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

log = logging.getLogger(__name__)

DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class TopicSpec:
    """One topic: name, partitions and the topic-level configs that matter to us."""

    name: str
    partitions: int
    configs: dict[str, str] = field(default_factory=dict)
    purpose: str = ""


RAW = TopicSpec(
    "news.raw", 4, {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
    "one record per feed item, key = item id",
)
TRADE = TopicSpec(
    "news.trade", 4,
    {"cleanup.policy": "compact", "min.compaction.lag.ms": str(60 * 60 * 1000)},
    "enriched trade stories, key = story id; compacted so the latest version stays",
)
DLQ = TopicSpec(
    "news.dlq", 1, {"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
    "rejected input with stage and reason",
)
CONNECTOR_STATE = TopicSpec(
    "newswire.connector-state", 1, {"cleanup.policy": "compact"},
    "per-feed connector state (validators, published ids), key = feed URL",
)
PIPELINE_STATE = TopicSpec(
    "newswire.pipeline-state", 4, {"cleanup.policy": "compact"},
    "deduplication state snapshots of the pipeline, key = fingerprint bucket",
)

ALL_TOPICS: tuple[TopicSpec, ...] = (RAW, TRADE, DLQ, CONNECTOR_STATE, PIPELINE_STATE)


@dataclass(frozen=True)
class TopicNames:
    """The names a component uses; tests and side-by-side deployments give them a prefix."""

    raw: str = RAW.name
    trade: str = TRADE.name
    dlq: str = DLQ.name
    connector_state: str = CONNECTOR_STATE.name
    pipeline_state: str = PIPELINE_STATE.name

    @classmethod
    def prefixed(cls, prefix: str) -> TopicNames:
        """Every default name with ``prefix`` in front (``prefix + "news.raw"``...)."""
        return cls(*(prefix + spec.name for spec in ALL_TOPICS))

    def specs(self) -> tuple[TopicSpec, ...]:
        """The declared specs under these names."""
        names = (self.raw, self.trade, self.dlq, self.connector_state, self.pipeline_state)
        return tuple(
            TopicSpec(name, spec.partitions, spec.configs, spec.purpose)
            for name, spec in zip(names, ALL_TOPICS, strict=True)
        )


def ensure_topics(
    admin: KafkaAdminClient,
    specs: tuple[TopicSpec, ...] = ALL_TOPICS,
    replication_factor: int = 1,
) -> list[str]:
    """Create the topics that do not exist yet; return the names created."""
    existing = set(admin.list_topics())
    missing = [s for s in specs if s.name not in existing]
    created: list[str] = []
    for spec in missing:
        topic = NewTopic(spec.name, spec.partitions, replication_factor, topic_configs=spec.configs)
        try:
            admin.create_topics([topic])
            created.append(spec.name)
            log.info("created topic %s (%d partitions)", spec.name, spec.partitions)
        except TopicAlreadyExistsError:
            log.info("topic %s already exists", spec.name)
    return created
