"""Stories as Parquet rows: an Arrow schema derived from schemas/story.v1.json, row conversion,
and the ``dt=YYYY-MM-DD`` partition of a story. No Beam here.

Nested objects become Arrow structs and arrays become lists, so both pyarrow and DuckDB query
them natively (``trade.is_trade``, ``fields.countries``); ``date-time`` strings become UTC
timestamps and ``date`` strings become dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import cache
from typing import Any

import pyarrow as pa

import schemas

Converter = Callable[[Any], Any]


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return _resolve(root["$defs"][name], root)
    return node


def _json_type(node: dict[str, Any]) -> str:
    if "const" in node:
        value = node["const"]
        return {bool: "boolean", int: "integer", float: "number"}.get(type(value), "string")
    if "enum" in node:
        return "string"
    kind = node.get("type", "string")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if kinds else "string"
    return str(kind)


def arrow_type(node: dict[str, Any], root: dict[str, Any]) -> pa.DataType:
    """The Arrow type of one JSON Schema node."""
    node = _resolve(node, root)
    kind = _json_type(node)
    if kind == "string":
        fmt = node.get("format")
        if fmt == "date-time":
            return pa.timestamp("us", tz="UTC")
        if fmt == "date":
            return pa.date32()
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(arrow_type(node.get("items", {}), root))
    if kind == "object" and node.get("properties"):
        return pa.struct([pa.field(k, arrow_type(v, root)) for k, v in node["properties"].items()])
    return pa.string()  # free-form object: JSON text


@cache
def story_schema() -> pa.Schema:
    """Arrow schema of the Parquet dataset: every property of the story schema, in order."""
    root = schemas.load(schemas.STORY)
    fields = [pa.field(name, arrow_type(node, root)) for name, node in root["properties"].items()]
    return pa.schema(fields, metadata={"newswire.schema": "newswire.story", "newswire.schema_version": "1"})


def parse_timestamp(text: str) -> datetime:
    """ISO 8601 (``Z`` or offset) -> aware UTC datetime; naive input is taken as UTC."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _converter(kind: pa.DataType) -> Converter | None:
    """A function converting JSON values to what pyarrow expects for ``kind`` (None: as is)."""
    if pa.types.is_timestamp(kind):
        return lambda v: None if v is None else parse_timestamp(v)
    if pa.types.is_date32(kind):
        return lambda v: None if v is None else date.fromisoformat(v)
    if pa.types.is_list(kind):
        inner = _converter(kind.value_type)
        if inner is None:
            return None
        return lambda v: None if v is None else [inner(x) for x in v]
    if pa.types.is_struct(kind):
        parts = {kind.field(i).name: _converter(kind.field(i).type) for i in range(kind.num_fields)}
        active = {k: f for k, f in parts.items() if f is not None}
        if not active:
            return None

        def convert_struct(v: Any) -> Any:
            if v is None:
                return None
            out = dict(v)
            for k, f in active.items():
                if k in out:
                    out[k] = f(out[k])
            return out

        return convert_struct
    return None


@cache
def _row_converters() -> tuple[tuple[str, Converter | None], ...]:
    schema = story_schema()
    return tuple((f.name, _converter(f.type)) for f in schema)


def story_to_row(story: dict[str, Any]) -> dict[str, Any]:
    """One story as a Parquet row of :func:`story_schema`; raises ValueError on unparsable dates."""
    row: dict[str, Any] = {}
    for name, convert in _row_converters():
        value = story.get(name)
        row[name] = convert(value) if convert is not None and value is not None else value
    return row


def partition_of(story: dict[str, Any]) -> str:
    """``dt=YYYY-MM-DD`` (UTC) of the published date, else updated date, else processing date."""
    for name in ("published_at", "updated_at", "processed_at"):
        value = story.get(name)
        if value:
            return "dt=" + parse_timestamp(value).date().isoformat()
    return "dt=unknown"


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of :func:`story_to_row` as an Arrow table of the dataset schema."""
    return pa.Table.from_pylist(rows, schema=story_schema())
