"""Checks that a tree read from outside has the field types its node classes declare, and a sane depth.

The JSON form builds nodes from whatever a file says; a paragraph whose ``children`` is a string,
a heading level of ``"x"`` or a block where an inline belongs would crash a writer far from the
cause. ``validate`` finds the first such field and names its place (``$.blocks[3].level``).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any

from toolkit.errors import SchemaError
from toolkit.tree import nodes

MAX_DEPTH = 100


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(nodes))


def _describe(tp: Any) -> str:
    if tp is type(None):
        return "null"
    if isinstance(tp, type):
        return tp.__name__
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        return " or ".join(_describe(a) for a in typing.get_args(tp))
    if typing.get_origin(tp) is tuple:
        return "a list"
    return str(tp)


def _check(value: Any, tp: Any, where: str, depth: int) -> None:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        for option in typing.get_args(tp):
            if _matches(value, option):
                _check(value, option, where, depth)
                return
        raise SchemaError(f"{where} should be {_describe(tp)}, not {type(value).__name__}")
    if origin is tuple:
        if not isinstance(value, tuple):
            raise SchemaError(f"{where} should be a list, not {type(value).__name__}")
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            for i, item in enumerate(value):
                _check(item, args[0], f"{where}[{i}]", depth)
            return
        if len(value) != len(args):
            raise SchemaError(f"{where} should have {len(args)} items, not {len(value)}")
        for i, (item, arg) in enumerate(zip(value, args, strict=True)):
            _check(item, arg, f"{where}[{i}]", depth)
        return
    if tp is type(None):
        if value is not None:
            raise SchemaError(f"{where} should be null")
        return
    if not _matches(value, tp):
        raise SchemaError(f"{where} should be {_describe(tp)}, not {type(value).__name__}")
    if dataclasses.is_dataclass(tp):
        _check_node(value, where, depth + 1)


def _matches(value: Any, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is tuple:
        return isinstance(value, tuple)
    if origin in (types.UnionType, typing.Union):
        return any(_matches(value, a) for a in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, tp)


def _check_node(node: Any, where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise SchemaError(f"the tree is nested more than {MAX_DEPTH} levels deep at {where}")
    for name, tp in _hints(type(node)).items():
        _check(getattr(node, name), tp, f"{where}.{name}", depth)
    if isinstance(node, nodes.Heading) and not 1 <= node.level <= 9:
        raise SchemaError(f"{where}.level should be 1 to 9, not {node.level}")


def validate(doc: Any) -> nodes.Document:
    """Return ``doc`` if every field has its declared type; raise SchemaError naming the first that does not."""
    if not isinstance(doc, nodes.Document):
        raise SchemaError("the top-level node is not a Document")
    try:
        _check_node(doc, "$", 0)
    except RecursionError:
        raise SchemaError("the tree is nested too deeply") from None
    return doc
