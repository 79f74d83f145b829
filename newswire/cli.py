"""The ``newswire`` command: one entry point, one subcommand per capability.

Each subcommand lives in its own module exposing ``add_arguments(parser)`` and
``run(args) -> int``; modules keep heavy imports (Beam, pyarrow) inside ``run`` so that
``newswire --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from newswire import __version__

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "topics": ("newswire.topics_cli", "create the declared Kafka topics (idempotent) or list them"),
    "connect": ("connectors.cli", "poll the feeds of a configuration file and publish items to news.raw"),
    "replay": ("connectors.replay", "replay saved feed files or a JSONL of raw items into news.raw"),
    "run": ("pipeline.cli", "run the Beam pipeline: news.raw -> news.trade + Parquet + news.dlq"),
    "tail": ("pipeline.tail", "follow a topic (default news.trade) and print each story"),
    "extract": ("newswire.trade.cli", "classify a story and print its key fields as JSON"),
    "evaluate": ("newswire.trade.evaluate", "measure the trade classifier on Reuters-21578"),
    "demo": ("pipeline.demo", "end-to-end offline demo: sample feeds -> Kafka -> pipeline -> summary"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newswire",
        description="Stream wire feeds through Kafka and Apache Beam into deduplicated, "
        "classified trade stories with their key fields.",
    )
    parser.add_argument("--version", action="version", version=f"newswire {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=help_text, description=module.__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:  # kafka-python logs every connection at INFO
        logging.getLogger("kafka").setLevel(logging.WARNING)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    if extra and not getattr(args, "accepts_extra", False):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    args.extra = extra
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
