"""Writes the tree as versioned JSON, or the inspect summary JSON."""

from __future__ import annotations

import json

from toolkit.options import Context, Options
from toolkit.tree.json import dumps
from toolkit.tree.nodes import Document
from toolkit.writers.summary import summarize


def render_json(doc: Document, options: Options, ctx: Context) -> bytes:
    return (dumps(doc) + "\n").encode("utf-8")


def render_summary(doc: Document, options: Options, ctx: Context) -> bytes:
    path = str(ctx.input_path) if ctx.input_path else ""
    return (json.dumps(summarize(doc, path, ctx.format), ensure_ascii=False, indent=1) + "\n").encode()
