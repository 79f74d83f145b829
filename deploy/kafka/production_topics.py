"""Create or update newswire's topics with production settings.

The topics of ``newswire.topics`` (names, partitions, cleanup policy, retention) with replication
3, ``min.insync.replicas=2``, no unclean leader election and regular segment rolls for compacted
topics. Missing topics are created; existing ones get the configs that differ, set
incrementally (other settings untouched). Partition counts and replication of existing topics are
never changed: differences are reported.

  python deploy/kafka/production_topics.py --bootstrap BROKERS --dry-run    # print the plan
  python deploy/kafka/production_topics.py --bootstrap BROKERS              # apply it

Clients are configured like every newswire client (NEWSWIRE_BOOTSTRAP, NEWSWIRE_KAFKA_* for
SASL_SSL). Exit status 0 when the topics match the plan afterwards, 1 when differences remain
that this script does not fix (partitions, replication), 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from newswire.topics import ALL_TOPICS, TopicNames, TopicSpec

log = logging.getLogger("production_topics")

DAY_MS = 24 * 60 * 60 * 1000
COMPACTED_EXTRA = {"segment.ms": str(DAY_MS), "delete.retention.ms": str(DAY_MS)}


@dataclass(frozen=True)
class Existing:
    """What the cluster says about one topic: partitions, replicas per partition, configs."""

    partitions: int
    replication_factor: int
    configs: Mapping[str, str]


@dataclass(frozen=True)
class TopicPlan:
    """What to do with one topic."""

    name: str
    action: str  # "create", "update" or "unchanged"
    partitions: int
    configs: Mapping[str, str]  # all configs for "create", the ones to set for "update"
    problems: tuple[str, ...] = field(default_factory=tuple)


def production_specs(specs: Sequence[TopicSpec], min_insync_replicas: int) -> tuple[TopicSpec, ...]:
    """The declared topics with production configs added to their own."""
    out = []
    for spec in specs:
        configs = {"min.insync.replicas": str(min_insync_replicas),
                   "unclean.leader.election.enable": "false"}
        if "compact" in spec.configs.get("cleanup.policy", ""):
            configs.update(COMPACTED_EXTRA)
        configs.update(spec.configs)
        out.append(replace(spec, configs=configs))
    return tuple(out)


def plan_topics(
    specs: Sequence[TopicSpec], existing: Mapping[str, Existing], replication_factor: int
) -> list[TopicPlan]:
    """Compare the wanted topics with the cluster's; pure (no I/O)."""
    plans = []
    for spec in specs:
        found = existing.get(spec.name)
        if found is None:
            plans.append(TopicPlan(spec.name, "create", spec.partitions, dict(spec.configs)))
            continue
        changes = {k: v for k, v in spec.configs.items() if found.configs.get(k) != v}
        problems = []
        if found.partitions != spec.partitions:
            problems.append(f"has {found.partitions} partitions, declared {spec.partitions} "
                            "(left alone: changing partitions moves keys)")
        if found.replication_factor < replication_factor:
            problems.append(f"replication factor {found.replication_factor} < {replication_factor} "
                            "(needs a partition reassignment)")
        plans.append(TopicPlan(spec.name, "update" if changes else "unchanged", found.partitions,
                               changes, tuple(problems)))
    return plans


def describe(admin, names: Sequence[str]) -> dict[str, Existing]:  # type: ignore[no-untyped-def]
    """The current state of those of ``names`` that exist."""
    from kafka.admin import ConfigResource, ConfigResourceType

    present = [n for n in names if n in set(admin.list_topics())]
    if not present:
        return {}
    configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, n) for n in present])
    result = {}
    for topic in admin.describe_topics(present):
        partitions = topic["partitions"]
        entries = configs.get("topic", {}).get(topic["name"], {})
        result[topic["name"]] = Existing(
            partitions=len(partitions),
            replication_factor=min((len(p["replica_nodes"]) for p in partitions), default=0),
            configs={k: v["value"] for k, v in entries.items()},
        )
    return result


def apply(admin, plans: Sequence[TopicPlan], replication_factor: int) -> None:  # type: ignore[no-untyped-def]
    """Create the missing topics and set the changed configs."""
    from kafka.admin import ConfigResource, ConfigResourceType, NewTopic

    for plan in plans:
        if plan.action == "create":
            admin.create_topics([NewTopic(plan.name, plan.partitions, replication_factor,
                                          topic_configs=dict(plan.configs))], wait_for_metadata=True)
        elif plan.action == "update":
            admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, plan.name, dict(plan.configs))],
                                incremental=True)


def settle(admin, specs: Sequence[TopicSpec], replication_factor: int, tries: int = 20) -> list[str]:  # type: ignore[no-untyped-def]
    """Names of topics still differing from the plan, after waiting for the brokers to agree."""
    pending: list[str] = []
    for _ in range(tries):
        after = plan_topics(specs, describe(admin, [s.name for s in specs]), replication_factor)
        pending = [p.name for p in after if p.action != "unchanged"]
        if not pending:
            break
        time.sleep(0.5)
    return pending


def describe_plan(plan: TopicPlan) -> str:
    configs = " ".join(f"{k}={v}" for k, v in sorted(plan.configs.items()))
    lines = [f"{plan.action:<9} {plan.name} (partitions {plan.partitions}) {configs}".rstrip()]
    lines.extend(f"  problem: {problem}" for problem in plan.problems)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers (default NEWSWIRE_BOOTSTRAP)")
    parser.add_argument("--replication-factor", type=int, default=3)
    parser.add_argument("--min-insync-replicas", type=int, default=2)
    parser.add_argument("--prefix", default="", help="prefix of every topic name (default none)")
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    args = parser.parse_args(argv)
    if not 1 <= args.min_insync_replicas <= args.replication_factor:
        print("production_topics: need 1 <= --min-insync-replicas <= --replication-factor", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING)

    from newswire.kafka import make_admin

    names = TopicNames.prefixed(args.prefix)
    specs = production_specs(names.specs() if args.prefix else ALL_TOPICS, args.min_insync_replicas)
    admin = make_admin(args.bootstrap)
    try:
        plans = plan_topics(specs, describe(admin, [s.name for s in specs]), args.replication_factor)
        for plan in plans:
            print(describe_plan(plan))
        if args.dry_run:
            print("dry run: nothing changed")
        else:
            apply(admin, plans, args.replication_factor)
            pending = settle(admin, specs, args.replication_factor)
            if pending:
                print(f"production_topics: still differing after apply: {', '.join(pending)}",
                      file=sys.stderr)
                return 1
            print(f"applied: {sum(p.action == 'create' for p in plans)} created, "
                  f"{sum(p.action == 'update' for p in plans)} updated")
        return 1 if any(p.problems for p in plans) else 0
    finally:
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
