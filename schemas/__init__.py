"""JSON Schemas of the records on the product's topics, versioned by file name.

``raw_item.v1.json`` (news.raw), ``story.v1.json`` (news.trade and Parquet rows),
``dead_letter.v1.json`` (news.dlq). Load them with :func:`load`, validate with :func:`validator`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import orjson
from jsonschema import Draft202012Validator, FormatChecker

RAW_ITEM = "raw_item"
STORY = "story"
DEAD_LETTER = "dead_letter"


@cache
def load(name: str, version: int = 1) -> dict[str, Any]:
    """The schema document ``<name>.v<version>.json``."""
    data = resources.files(__package__).joinpath(f"{name}.v{version}.json").read_bytes()
    schema: dict[str, Any] = orjson.loads(data)
    return schema


@cache
def validator(name: str, version: int = 1) -> Draft202012Validator:
    """A reusable validator (formats such as date-time are checked)."""
    return Draft202012Validator(load(name, version), format_checker=FormatChecker())


def errors(name: str, record: Any, version: int = 1) -> list[str]:
    """Human-readable validation errors of ``record``; empty when it is valid."""
    found = validator(name, version).iter_errors(record)
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found]
