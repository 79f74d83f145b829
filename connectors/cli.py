"""Poll the feeds of a configuration file and publish every new item to news.raw.

Continuous by default: each feed is polled on its own timetable (its interval, stretched to the
feed's ttl / update period; Retry-After and backoff after failures) until SIGINT or SIGTERM,
when in-flight polls finish, their state is saved and the process exits. With --once every
enabled feed is polled one time and a per-feed summary is printed.

State (validators, published ids, backoff, 410-disabled feeds) lives in the compacted topic
newswire.connector-state and is restored at start, so a restart neither re-sends nor skips.
See docs/connectors.md for the configuration format.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--feeds", required=True, metavar="FILE", help="TOML file listing the feeds")
    parser.add_argument("--once", action="store_true", help="poll every feed once, print a summary, exit")
    parser.add_argument("--bootstrap", metavar="HOST:PORT",
                        help="Kafka bootstrap servers (default: NEWSWIRE_BOOTSTRAP or 127.0.0.1:9092)")
    parser.add_argument("--topic-prefix", default="", metavar="PREFIX",
                        help="prefix for every topic name (side-by-side deployments, tests)")
    parser.add_argument("--workers", type=int, metavar="N", help="feeds fetched at once (overrides the file)")
    parser.add_argument("--report-every", type=float, default=60.0, metavar="SECONDS",
                        help="interval of the metrics log line in continuous mode (default 60)")
    parser.add_argument("--json", action="store_true", help="with --once: print the summary as JSON")


def run(args: argparse.Namespace) -> int:
    import orjson
    from kafka.errors import KafkaError

    from connectors.config import ConfigError, load_config
    from connectors.runner import Connector, format_table, make_connector_producer, summarise
    from connectors.state import restore_states
    from newswire.kafka import make_admin
    from newswire.topics import TopicNames, ensure_topics

    try:
        config = load_config(args.feeds)
    except ConfigError as exc:
        print(f"newswire connect: {exc}", file=sys.stderr)
        return 2
    if args.workers:
        from dataclasses import replace

        config = replace(config, workers=args.workers)
    topics = TopicNames.prefixed(args.topic_prefix) if args.topic_prefix else TopicNames()
    try:
        admin = make_admin(args.bootstrap)
        try:
            wanted = {topics.raw, topics.dlq, topics.connector_state}
            ensure_topics(admin, tuple(s for s in topics.specs() if s.name in wanted))
        finally:
            admin.close()
        states = restore_states(topics.connector_state, args.bootstrap)
        producer = make_connector_producer(args.bootstrap)
    except (KafkaError, LookupError, TimeoutError) as exc:
        print(f"newswire connect: Kafka not usable at {args.bootstrap or 'NEWSWIRE_BOOTSTRAP'}: {exc}",
              file=sys.stderr)
        return 1
    connector = Connector(config, producer, topics, states)
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        log.info("signal %d: finishing in-flight polls, then stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("connector: %d feeds, %d workers, %d states restored, topics %s",
             len(config.feeds), config.workers, len(states), topics.raw)
    try:
        if args.once:
            metrics = connector.run_once(stop)
        else:
            metrics = connector.run_forever(stop, report_every=args.report_every)
    finally:
        connector.close()
        producer.flush()
        producer.close()
    totals = summarise(metrics.values())
    if args.once and args.json:
        print(orjson.dumps({"totals": totals, "feeds": [m.to_dict() for m in metrics.values()]},
                           option=orjson.OPT_INDENT_2).decode())
    elif args.once:
        print(format_table(metrics.values()))
        print(f"\n{totals['feeds']} feeds: {totals['polls']} polls, "
              f"{totals['not_modified']} not modified, {totals['new_items']} new items "
              f"({totals['revisions']} revisions), {totals['errors']} errors, "
              f"{totals['dead_letters']} dead letters, {totals['disabled']} disabled")
    else:
        connector.log_summary()
    return 0
