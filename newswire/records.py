"""Raw items in, normalised items and story records out: the pure core of the pipeline stages.

- :func:`parse_raw_item`: bytes -> raw-item dict valid per schemas/raw_item.v1.json, or
  :class:`RejectedInput` with the stage ("parse"/"validate") and a reason.
- :func:`normalise_item`: raw-item dict -> :class:`NormalisedItem` (plain text, clean title
  and its version marker, canonical URL, UTC times, fingerprints).
- :func:`story_record`: a normalised item plus the deduplicator's decision -> the story dict of
  schemas/story.v1.json without its ``trade`` and ``fields`` parts (the enrich stage adds them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache
from operator import attrgetter
from typing import Any

import orjson

import schemas
from newswire import fingerprint, text, versions

STORY_SCHEMA = "newswire.story"
STORY_SCHEMA_VERSION = 1
_FUTURE_SLACK = timedelta(days=1)  # a published_at later than fetched_at + this is not believed


class RejectedInput(ValueError):
    """An input a stage cannot use: becomes a dead letter with ``stage`` and ``reason``."""

    def __init__(self, stage: str, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.stage = stage
        self.reason = reason
        self.detail = detail


# -- a fast validator for the subset of JSON Schema our schema files use ------------------------
#
# Each schema node compiles to two functions: ``valid`` (a yes/no answer that returns at the first
# failure and builds no text: what almost every record needs) and ``explain`` (a generator of
# error messages, run only when ``valid`` said no). Both implement the same rules.

Valid = Callable[[Any], bool]
Check = Callable[[Any, str], Iterator[str]]
_CLASSES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
}
_KEYWORDS = {"type", "const", "enum", "required", "properties", "additionalProperties", "items", "minLength",
             "minimum", "format", "pattern"}
_IGNORED = {"$schema", "$id", "$defs", "title", "description"}


def _valid_format(name: str, value: str) -> bool:
    try:
        if name == "date-time":
            if "T" not in value.upper():
                return False
            text.parse_utc(value)
        elif name == "date":
            date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _type_test(type_names: list[str]) -> Valid | None:
    """``isinstance`` against the JSON types' classes; ``bool`` counts as a number only when
    "boolean" is one of the types (JSON Schema: true is not an integer)."""
    if not type_names:
        return None
    classes = tuple(cls for name in type_names for cls in _CLASSES[name])
    if "boolean" in type_names or not {"integer", "number"} & set(type_names):
        return lambda value: isinstance(value, classes)
    return lambda value: isinstance(value, classes) and not isinstance(value, bool)


def _object_test(
    required: list[str], properties: dict[str, tuple[frozenset[type], Valid]], closed: bool
) -> Valid:
    """An object with the ``required`` keys whose known properties are valid (and, when
    ``closed``, no others); a property is valid by its exact type alone, or by its test."""
    required_keys = frozenset(required)

    def valid(value: Any) -> bool:
        if not isinstance(value, dict) or not value.keys() >= required_keys:
            return False
        for name, child in value.items():
            known = properties.get(name)
            if known is None:
                if closed:
                    return False
            elif type(child) not in known[0] and not known[1](child):
                return False
        return True

    return valid


def _array_test(items: Valid | None, exact: frozenset[type]) -> Valid:
    """An array whose every item passes ``items`` (any items when ``None``); with ``exact``
    types, an array of only such items passes without a test per item."""
    if items is None:
        return lambda value: isinstance(value, list)
    test = items
    if exact:
        return lambda value: isinstance(value, list) and (
            exact.issuperset(map(type, value)) or all(map(test, value))
        )
    return lambda value: isinstance(value, list) and all(map(test, value))


def _equals_json(value: Any, const: Any) -> bool:
    """JSON Schema equality for ``const``: like ``==`` except that booleans never equal numbers."""
    return value == const and isinstance(value, bool) == isinstance(const, bool)


def _compile(node: dict[str, Any], root: dict[str, Any]) -> tuple[Valid, Check, frozenset[type]]:
    """``(valid, explain, exact)`` for one schema node, ``exact`` being the types whose values
    are valid whatever they hold (those of a type-only node, else none); raises
    ``NotImplementedError`` for keywords it lacks."""
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        return _compile(root["$defs"][name], root)
    unknown = set(node) - _IGNORED - _KEYWORDS
    if unknown:
        raise NotImplementedError(f"schema keywords {sorted(unknown)}")
    types = node.get("type")
    type_names = [types] if isinstance(types, str) else list(types or [])
    type_ok = _type_test(type_names)
    compiled = {k: _compile(v, root) for k, v in node.get("properties", {}).items()}
    props_valid = {k: (exact, valid) for k, (valid, _, exact) in compiled.items()}
    props_explain = {k: explain for k, (_, explain, _) in compiled.items()}
    closed = node.get("additionalProperties") is False
    required = node.get("required", [])
    items_valid, items_explain, items_exact = (
        _compile(node["items"], root) if "items" in node else (None, None, frozenset())
    )
    pattern = re.compile(node["pattern"]) if "pattern" in node else None
    has_const, const = "const" in node, node.get("const")
    has_enum, enum = "enum" in node, node.get("enum", [])
    min_length = node.get("minLength", 0)
    fmt = node.get("format")
    has_minimum, minimum = "minimum" in node, node.get("minimum", 0)

    object_ok = _object_test(required, props_valid, closed)
    array_ok = _array_test(items_valid, items_exact)
    keywords = set(node) - _IGNORED
    exact: frozenset[type] = frozenset()
    if type_ok is not None and keywords == {"type"}:
        valid: Valid = type_ok  # most leaves: only a type
        # bool is excluded from the numbers by its exact type, as type_ok excludes it
        exact = frozenset(cls for name in type_names for cls in _CLASSES[name])
    elif type_names == ["object"] and keywords <= {"type", "required", "properties", "additionalProperties"}:
        valid = object_ok
    elif type_names == ["array"] and keywords <= {"type", "items"}:
        valid = array_ok
    else:

        def valid(value: Any) -> bool:
            if type_ok is not None and not type_ok(value):
                return False
            if has_const and not _equals_json(value, const):
                return False
            if has_enum and value not in enum:
                return False
            if isinstance(value, str):
                return (
                    len(value) >= min_length
                    and (fmt is None or _valid_format(fmt, value))
                    and (pattern is None or pattern.search(value) is not None)
                )
            if isinstance(value, dict):
                return object_ok(value)
            if isinstance(value, list):
                return array_ok(value)
            return not (
                has_minimum and not isinstance(value, bool) and isinstance(value, (int, float))
                and value < minimum
            )

    def explain(value: Any, path: str) -> Iterator[str]:
        if type_ok is not None and not type_ok(value):
            yield f"{path}: {value!r:.60} is not of type {' or '.join(type_names)}"
            return
        if has_const and not _equals_json(value, const):
            yield f"{path}: {const!r} was expected"
        if has_enum and value not in enum:
            yield f"{path}: {value!r:.60} is not one of {enum}"
        if isinstance(value, str):
            if len(value) < min_length:
                yield f"{path}: {value!r} is too short"
            if fmt is not None and not _valid_format(fmt, value):
                yield f"{path}: {value!r:.60} is not a {fmt}"
            if pattern is not None and not pattern.search(value):
                yield f"{path}: {value!r:.60} does not match {pattern.pattern!r}"
        elif isinstance(value, dict):
            for name in required:
                if name not in value:
                    yield f"{path}: {name!r} is a required property"
            for name, child in value.items():
                sub = props_explain.get(name)
                if sub is not None:
                    yield from sub(child, f"{path}/{name}" if path != "<root>" else name)
                elif closed:
                    yield f"{path}: additional property {name!r} is not allowed"
        elif isinstance(value, list) and items_explain is not None:
            for index, child in enumerate(value):
                yield from items_explain(child, f"{path}/{index}" if path != "<root>" else str(index))
        elif (
            has_minimum and not isinstance(value, bool) and isinstance(value, (int, float))
            and value < minimum
        ):
            yield f"{path}: {value} is less than the minimum of {minimum}"

    return valid, explain, exact


@cache
def _checker(name: str) -> tuple[Valid, Check] | None:
    document = schemas.load(name)
    try:
        valid, explain, _ = _compile(document, document)
    except NotImplementedError:
        return None
    return valid, explain


def schema_errors(name: str, record: Any) -> list[str]:
    """Validation errors of ``record`` against schemas/<name>.v1.json, empty when valid.

    A compiled checker of the keywords our schemas use (far faster than jsonschema), that also
    checks the ``date-time`` and ``date`` formats; jsonschema when a schema uses more.
    """
    checker = _checker(name)
    if checker is None:
        return schemas.errors(name, record)
    valid, explain = checker
    if valid(record):
        return []
    return list(explain(record, "<root>"))


# -- parse ---------------------------------------------------------------------------------------


def parse_raw_item(value: bytes) -> dict[str, Any]:
    """Decode and validate one ``news.raw`` value; raises :class:`RejectedInput`."""
    try:
        record = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise RejectedInput("parse", "bad_json", str(exc)) from exc
    if not isinstance(record, dict):
        raise RejectedInput("validate", "not_an_object", f"a JSON {type(record).__name__}, not an object")
    problems = schema_errors(schemas.RAW_ITEM, record)
    if problems:
        item_id = record.get("id")
        reason = "missing_id" if not isinstance(item_id, str) or not item_id else "schema"
        raise RejectedInput("validate", reason, "; ".join(problems[:5]))
    return record


# -- normalise -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalisedItem:
    """A raw item made comparable: clean text, canonical URL, UTC times and fingerprints.

    ``event_ms`` orders items (published, else updated, else fetched time; never later than
    fetch time + 1 day); ``seen_ms`` (fetch time) drives the dedup state's TTL clock.
    ``publisher_key`` groups an agency's transmissions (agency, else publisher, else feed name).
    """

    item_id: str
    revision: str
    guid: str | None
    url: str | None
    title: str
    version_marker: str | None
    marker_kind: str | None
    kill_ref: str | None  # title key of the headline a kill notice names
    text: str
    published_at: str | None
    updated_at: str | None
    fetched_at: str
    event_ms: int
    seen_ms: int
    language: str | None
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    source: dict[str, Any]
    publisher_key: str
    title_key: str
    content_hash: str
    signature: str  # MinHash, fingerprint.encode_signature; "" for too little text
    origin: str = ""
    word_count: int = 0  # words of title and body (short texts get a stricter near-dup limit)

    def to_bytes(self) -> bytes:
        """Compact JSON array of the fields, in declaration order (see :meth:`from_bytes`)."""
        return orjson.dumps(_item_values(self))

    @classmethod
    def from_bytes(cls, data: bytes) -> NormalisedItem:
        values = orjson.loads(data)
        values[15] = tuple(values[15])
        values[16] = tuple(values[16])
        return cls(*values)


_ITEM_FIELDS = tuple(f.name for f in fields(NormalisedItem))
assert _ITEM_FIELDS[15:17] == ("authors", "categories")
_item_values = attrgetter(*_ITEM_FIELDS)  # item -> tuple of its field values, in order


def _iso(value: str | None) -> tuple[str | None, int | None]:
    moment = text.parse_utc(value)
    if moment is None:
        return None, None
    return text.iso_utc(moment), text.epoch_ms(moment)


def _language(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


def normalise_item(raw: dict[str, Any], origin: str = "") -> NormalisedItem:
    """Normalise a schema-valid raw item; raises :class:`RejectedInput` (stage "normalise")."""
    try:
        published_at, published_ms = _iso(raw["published_at"])
        updated_at, updated_ms = _iso(raw["updated_at"])
        fetched_at, fetched_ms = _iso(raw["fetched_at"])
    except ValueError as exc:
        raise RejectedInput("normalise", "bad_time", str(exc)) from exc
    assert fetched_at is not None and fetched_ms is not None
    event_ms = published_ms if published_ms is not None else updated_ms
    if event_ms is None or event_ms > fetched_ms + _FUTURE_SLACK.total_seconds() * 1000:
        event_ms = fetched_ms

    title, marker = versions.parse_headline(text.clean_title(raw["title"]))
    content, summary = raw["content"] or "", raw["summary"] or ""
    # the longer of body and summary (a summary is usually the body's first paragraph)
    body = text.html_to_text(content if len(content) >= len(summary) else summary)
    if not title and not body:
        raise RejectedInput("normalise", "empty", "no title and no text after cleaning")
    kind = marker.kind if marker else None
    kill_ref = None
    # the headline's markers are parsed already (parsing the clean title again finds no kill)
    if kind != versions.KILL and versions.is_kill_text(body):
        kind = versions.KILL
    if kind == versions.KILL:
        referenced = versions.referenced_headline(title, body)
        if referenced:
            kill_ref = fingerprint.title_key(versions.parse_headline(referenced)[0])
    source = raw["source"]
    source_out = {
        "feed_url": source["feed_url"],
        "name": source["name"],
        "publisher": source["publisher"],
        "agency": source["agency"],
    }
    publisher_key = (source["agency"] or source["publisher"] or source["name"] or "").strip().casefold()
    digest, signature, word_count = fingerprint.fingerprints(title, body)
    return NormalisedItem(
        item_id=raw["id"],
        revision=raw["revision"],
        guid=raw["guid"],
        url=text.canonical_url(raw["url"]),
        title=title,
        version_marker=marker.label if marker else ("KILL" if kind == versions.KILL else None),
        marker_kind=kind,
        kill_ref=kill_ref,
        text=body,
        published_at=published_at,
        updated_at=updated_at,
        fetched_at=fetched_at,
        event_ms=int(event_ms),
        seen_ms=fetched_ms,
        language=_language(raw["language"]),
        authors=tuple(text.clean_inline(a) for a in raw["authors"] if a.strip()),
        categories=tuple(text.clean_inline(c) for c in raw["categories"] if c.strip()),
        source=source_out,
        publisher_key=publisher_key,
        title_key=fingerprint.title_key(title),
        content_hash=digest,
        signature=signature,
        origin=origin,
        word_count=word_count,
    )


# -- story records -----------------------------------------------------------------------------------


def story_record(
    item: NormalisedItem, story_id: str, version: int, status: str, duplicates: list[dict[str, Any]]
) -> dict[str, Any]:
    """The story dict (schemas/story.v1.json) of one story version, before enrichment.

    Deterministic for a given input: ``processed_at`` is the fetch time of the item that made
    this version, so a re-run after a crash re-delivers identical records.
    """
    return {
        "schema": STORY_SCHEMA,
        "schema_version": STORY_SCHEMA_VERSION,
        "story_id": story_id,
        "version": version,
        "item_id": item.item_id,
        "revision": item.revision,
        "status": status,
        "version_marker": item.version_marker,
        "title": item.title,
        "text": item.text,
        "url": item.url,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "language": item.language,
        "authors": list(item.authors),
        "categories": list(item.categories),
        "source": dict(item.source),
        "duplicates": duplicates,
        "processed_at": item.fetched_at,
    }
