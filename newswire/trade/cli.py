"""Classify one story and print its key fields as JSON.

FILE is plain text (first line the title, unless it reads like body text: a dateline opening, a
finished sentence or more than 200 characters; --no-title forces a title-less body) or a raw item
as JSON (schemas/raw_item.v1.json: title, content HTML,
published_at, source.agency). "-" reads standard input.

Examples:
  newswire extract story.txt --published-at 2025-05-23T08:00:00Z
  newswire extract item.json
  curl -s http://127.0.0.1:8000/item.json | newswire extract -
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class StoryInput:
    """What the extractor needs from a file: title, plain-text body, publication time, agency."""

    title: str
    text: str
    published_at: str | None
    agency: str | None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="plain-text story or raw-item JSON; - for stdin")
    parser.add_argument("--published-at", metavar="TIME",
                        help="publication time (ISO 8601) to resolve relative dates; overrides the JSON's")
    parser.add_argument("--agency", help="agency hint when the text has no dateline (Reuters, AP...)")
    parser.add_argument("--no-title", action="store_true", help="plain text has no title line")


def read_source(name: str) -> str:
    """Text of FILE (UTF-8, undecodable bytes replaced) or of stdin for "-"."""
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_bytes().decode("utf-8", errors="replace")


def parse_story(raw: str, *, has_title: bool = True) -> StoryInput:
    """A raw-item JSON object or plain text as a :class:`StoryInput`; ValueError on bad JSON."""
    from newswire.text import html_to_text

    stripped = raw.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        try:
            item: Any = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON: {exc}") from exc
        if not isinstance(item, dict):
            raise ValueError("JSON input must be one raw item (an object)")
        body = item.get("content") or item.get("summary") or item.get("text") or ""
        source = item["source"] if isinstance(item.get("source"), dict) else {}
        return StoryInput(
            title=html_to_text(str(item.get("title") or "")).replace("\n", " "),
            text=html_to_text(str(body)),
            published_at=item.get("published_at"),
            agency=source.get("agency"),
        )
    text = stripped.replace("\r\n", "\n")
    first, _, rest = text.partition("\n")
    if not has_title or not looks_like_title(first):
        return StoryInput("", text, None, None)
    return StoryInput(first.strip(), rest.strip("\n"), None, None)


def looks_like_title(line: str) -> bool:
    """A headline: short, not a dateline opening, not a finished sentence."""
    from newswire.trade.wire import split_wire

    line = line.strip()
    if not line or len(line) > 200 or (line.endswith(".") and not line.endswith(("U.S.", "U.K."))):
        return False
    return split_wire(line + " x").dateline is None


def run(args: argparse.Namespace) -> int:
    from newswire.trade.classify import classify
    from newswire.trade.extract import extract_fields, publication_time

    try:
        raw = read_source(args.file)
    except OSError as exc:
        print(f"newswire extract: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        story = parse_story(raw, has_title=not args.no_title)
        published = publication_time(args.published_at or story.published_at)
    except ValueError as exc:
        print(f"newswire extract: {args.file}: {exc}", file=sys.stderr)
        return 1
    if not (story.title or story.text).strip():
        print(f"newswire extract: {args.file}: no text", file=sys.stderr)
        return 1
    fields = extract_fields(story.title, story.text, published, agency_hint=args.agency or story.agency)
    result = {"trade": classify(story.title, story.text).to_dict(), "fields": fields.to_dict()}
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0
