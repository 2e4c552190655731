"""The JSON Schema of `briefing.json` (JSON Schema 2020-12), shipped in the package.

A CI job checks a briefing with any standard validator against `briefing.schema.json`, which
every run writes beside `briefing.json` and which the file names in its `$schema`. The schema is
also the source of docs/json.md's field reference (`field_reference`), so the two cannot drift.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_NAME = "briefing.schema.json"


@lru_cache(maxsize=1)
def schema_text() -> str:
    """The schema as shipped, byte for byte."""
    return resources.files(__package__).joinpath(SCHEMA_NAME).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The schema as a JSON object."""
    return json.loads(schema_text())


def field_reference(root: dict[str, Any] | None = None) -> str:
    """docs/json.md's field table: every field's path, JSON type (with null where it can be null)
    and description, read from the schema."""
    root = root or schema()
    rows = ["| field | type | meaning |", "| --- | --- | --- |"]
    for path, node in _fields(root, root, ""):
        rows.append(f"| `{path}` | {_type_of(root, node)} | {node.get('description', '').replace('|', '/')} |")
    return "\n".join(rows) + "\n"


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = {**root["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fields(root: dict[str, Any], node: dict[str, Any], prefix: str):
    node = _resolve(root, node)
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        child = _resolve(root, child)
        yield path, child
        item = _resolve(root, child.get("items", {})) if child.get("type") == "array" or "array" in child.get("type", []) else None
        if item is not None and "properties" in item:
            yield from _fields(root, item, f"{path}[].")
        elif "properties" in child:
            yield from _fields(root, child, f"{path}.")


def _type_of(root: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(root, node)
    kinds = node.get("type")
    if kinds is None and "oneOf" in node:
        return " or ".join(_type_of(root, option) for option in node["oneOf"])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or ["any"])
    shown = []
    for kind in kinds:
        if kind == "array":
            item = _resolve(root, node.get("items", {}))
            inner = "object" if "properties" in item else _type_of(root, item)
            shown.append(f"array of {inner}")
        elif kind == "object" and "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
            shown.append(f"object of {_type_of(root, node['additionalProperties'])}")
        elif kind == "string" and node.get("format") == "date":
            shown.append("date string")
        elif "enum" in node and kind != "null":
            shown.append(" / ".join(json.dumps(v) for v in node["enum"] if v is not None))
        elif "const" in node:
            shown.append(json.dumps(node["const"]))
        else:
            shown.append(kind)
    return " or ".join(shown)


BEGIN_MARK = "<!-- field reference: generated from briefgen/render/briefing.schema.json by `python bench/json_fields.py` -->"
END_MARK = "<!-- end of field reference -->"
