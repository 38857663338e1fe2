"""Turns a Document into its versioned JSON form and back, exactly."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from toolkit.errors import SchemaError
from toolkit.tree.nodes import NODE_TYPES, TREE_VERSION, Document

VERSION_KEY = "toolkit-tree-version"


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        out: dict[str, Any] = {"t": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any, where: str) -> Any:
    if isinstance(value, dict):
        name = value.get("t")
        cls = NODE_TYPES.get(name) if isinstance(name, str) else None
        if cls is None:
            raise SchemaError(f"unknown node type {name!r} at {where}")
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: _decode(v, f"{where}.{k}") for k, v in value.items() if k != "t"}
        unknown = set(kwargs) - names
        if unknown:
            raise SchemaError(f"unknown field(s) {sorted(unknown)} for {name} at {where}")
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise SchemaError(f"bad {name} at {where}: {exc}") from None
    if isinstance(value, list):
        return tuple(_decode(v, f"{where}[{i}]") for i, v in enumerate(value))
    return value


def tree_to_dict(doc: Document) -> dict[str, Any]:
    data = _encode(doc)
    return {VERSION_KEY: TREE_VERSION, **data}


def tree_from_dict(data: Any) -> Document:
    if not isinstance(data, dict) or VERSION_KEY not in data:
        raise SchemaError(f"not a toolkit tree (no {VERSION_KEY!r} key)")
    version = str(data[VERSION_KEY])
    if version.split(".")[0] != TREE_VERSION.split(".")[0]:
        raise SchemaError(
            f"tree schema version {version} is not supported (this toolkit reads {TREE_VERSION}); "
            "convert it again with a matching toolkit"
        )
    body = {k: v for k, v in data.items() if k != VERSION_KEY}
    doc = _decode(body, "$")
    if not isinstance(doc, Document):
        raise SchemaError("the top-level node is not a Document")
    return doc


def dumps(doc: Document, indent: int | None = 1) -> str:
    return json.dumps(tree_to_dict(doc), ensure_ascii=False, indent=indent)


MAX_INT_DIGITS = 40  # a tree's numbers are levels, counts and offsets; Python refuses over 4300 digits anyway


def _small_int(digits: str) -> int:
    """An integer from the JSON text; one too long for a tree is the input's error, not a crash."""
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise SchemaError(f"a number with {len(digits.lstrip('-')):,} digits; a tree's numbers have at most "
                          f"{MAX_INT_DIGITS}")
    return int(digits)


def loads(text: str) -> Document:
    try:
        data = json.loads(text, parse_int=_small_int)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise SchemaError("JSON nested too deeply") from None
    try:
        return tree_from_dict(data)
    except RecursionError:
        raise SchemaError("tree nested too deeply") from None
