"""Reads a toolkit JSON tree back into a Document (the schema version is checked)."""

from __future__ import annotations

from toolkit.errors import SchemaError
from toolkit.guard.decode import decode_text
from toolkit.options import Context
from toolkit.tree.json import loads
from toolkit.tree.nodes import Document
from toolkit.tree.validate import validate

MAX_TREE_NODES = 500_000


def read_json(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    text, _ = decode_text(data, path)
    if text.count('"t"') > MAX_TREE_NODES:  # counted before parsing: each node costs ~600 bytes parsed
        raise SchemaError(f"the tree has over {MAX_TREE_NODES:,} nodes; split the article", path)
    try:
        return validate(loads(text))
    except SchemaError as exc:
        hint = "" if ";" in str(exc) else "; give a tree written by `toolkit convert --to json`"
        raise SchemaError(f"{exc}{hint}", path) from None
