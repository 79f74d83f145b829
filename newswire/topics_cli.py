"""Create the declared topics (idempotent), or list them with partitions and configs.

Examples:
  newswire topics create            # what `make kafka-up` runs
  newswire topics list
"""

from __future__ import annotations

import argparse
import logging
import time

from kafka.errors import KafkaError

from newswire.kafka import make_admin
from newswire.topics import ALL_TOPICS, ensure_topics

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["create", "list"], nargs="?", default="create")
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers (default NEWSWIRE_BOOTSTRAP "
                        "or 127.0.0.1:9092)")
    parser.add_argument("--replication-factor", type=int, default=1,
                        help="replication factor for new topics (3 in production)")
    parser.add_argument("--wait", type=float, default=30.0,
                        help="seconds to wait for the broker to answer (default 30)")


def _connect(bootstrap: str | None, wait: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + wait
    while True:
        try:
            return make_admin(bootstrap)
        except KafkaError as exc:
            if time.monotonic() >= deadline:
                raise SystemExit(f"newswire topics: broker at {bootstrap or 'default'} not "
                                 f"reachable after {wait:.0f}s: {exc}") from exc
            time.sleep(0.5)


def run(args: argparse.Namespace) -> int:
    admin = _connect(args.bootstrap, args.wait)
    try:
        if args.action == "create":
            created = ensure_topics(admin, replication_factor=args.replication_factor)
            print(f"topics: {len(created)} created, {len(ALL_TOPICS) - len(created)} already present")
        for spec in ALL_TOPICS:
            print(f"  {spec.name:<28} partitions={spec.partitions:<2} "
                  f"{' '.join(f'{k}={v}' for k, v in spec.configs.items())}")
    finally:
        admin.close()
    return 0
