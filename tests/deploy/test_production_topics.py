"""deploy/kafka/production_topics.py: the plan (pure) and its application on the real broker.

The local broker is a single node, so the broker test uses replication 1 and
min.insync.replicas 1; the production values (3 and 2) are checked in the plan.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from newswire.kafka import make_admin
from newswire.topics import ALL_TOPICS, TRADE, TopicNames

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "kafka" / "production_topics.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("production_topics", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


pt = load_script()


def test_production_specs_add_durability_and_keep_the_declared_configs() -> None:
    specs = {s.name: s for s in pt.production_specs(ALL_TOPICS, min_insync_replicas=2)}
    assert all(s.configs["min.insync.replicas"] == "2" for s in specs.values())
    assert all(s.configs["unclean.leader.election.enable"] == "false" for s in specs.values())
    trade = specs[TRADE.name]
    assert trade.configs["cleanup.policy"] == "compact"
    assert trade.configs["min.compaction.lag.ms"] == TRADE.configs["min.compaction.lag.ms"]
    assert trade.configs["segment.ms"] == str(pt.DAY_MS)
    assert "segment.ms" not in specs["news.raw"].configs  # deleted by retention, not compacted
    assert [s.partitions for s in specs.values()] == [s.partitions for s in ALL_TOPICS]


def test_plan_creates_missing_updates_differences_and_reports_what_it_leaves_alone() -> None:
    raw, trade = pt.production_specs(ALL_TOPICS[:2], min_insync_replicas=2)
    existing = {
        trade.name: pt.Existing(partitions=8, replication_factor=1,
                                configs={**trade.configs, "min.insync.replicas": "1"}),
    }
    plans = {p.name: p for p in pt.plan_topics([raw, trade], existing, replication_factor=3)}
    assert plans[raw.name].action == "create" and plans[raw.name].configs == raw.configs
    assert plans[trade.name].action == "update"
    assert plans[trade.name].configs == {"min.insync.replicas": "2"}
    assert len(plans[trade.name].problems) == 2  # partitions 8 != 4, replication 1 < 3
    same = {trade.name: pt.Existing(trade.partitions, 3, dict(trade.configs))}
    assert pt.plan_topics([trade], same, replication_factor=3)[0].action == "unchanged"


@pytest.fixture
def prefix(kafka_bootstrap: str) -> Iterator[str]:
    name = f"p{uuid.uuid4().hex[:10]}."
    yield name
    admin = make_admin(kafka_bootstrap)
    try:
        present = set(admin.list_topics())
        admin.delete_topics([s.name for s in TopicNames.prefixed(name).specs() if s.name in present])
    finally:
        admin.close()


def run_script(bootstrap: str, prefix: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--bootstrap", bootstrap, "--prefix", prefix,
         "--replication-factor", "1", "--min-insync-replicas", "1", *extra],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.kafka
def test_apply_on_the_broker_is_idempotent_and_repairs_drift(kafka_bootstrap: str, prefix: str) -> None:
    from kafka.admin import ConfigResource, ConfigResourceType

    names = TopicNames.prefixed(prefix)
    dry = run_script(kafka_bootstrap, prefix, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    admin = make_admin(kafka_bootstrap)
    try:
        assert not {s.name for s in names.specs()} & set(admin.list_topics())

        first = run_script(kafka_bootstrap, prefix)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "applied: 5 created, 0 updated" in first.stdout
        found = pt.describe(admin, [names.trade])[names.trade]
        assert found.configs["cleanup.policy"] == "compact"
        assert found.configs["segment.ms"] == str(pt.DAY_MS)
        assert found.configs["min.insync.replicas"] == "1"

        admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, names.trade, {"segment.ms": "600000"})],
                            incremental=True)
        again = run_script(kafka_bootstrap, prefix)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "applied: 0 created, 1 updated" in again.stdout
        assert pt.describe(admin, [names.trade])[names.trade].configs["segment.ms"] == str(pt.DAY_MS)
        assert "applied: 0 created, 0 updated" in run_script(kafka_bootstrap, prefix).stdout
    finally:
        admin.close()
