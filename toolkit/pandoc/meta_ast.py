"""Writes the tree's metadata for pandoc: the article's fields, its abstract, and (Markdown) the
registries the toolkit keeps; and asks the pandoc binary which AST version it speaks.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from toolkit.pandoc.registries import REGISTRIES, REGISTRY_KEY
from toolkit.tree.nodes import Document

# Strings YAML reads as numbers ("00", "1e3", "0x1F", "+1", ".inf"): written as block scalars.
_YAML_NUMBER = re.compile(r"(?i)^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?|\.[0-9]+(?:e[-+]?[0-9]+)?"
                          r"|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|\.inf|\.nan)$")




class MetaWriter:
    """The metadata half of ``toolkit.pandoc.to_ast.ToPandoc`` (it gives ``text`` and ``blocks``)."""

    doc: Document
    lossless: bool

    def text(self, s: str) -> list:
        raise NotImplementedError

    def blocks(self, nodes: tuple) -> list:
        raise NotImplementedError

    def meta_value(self, value: Any) -> dict:
        """Plain Python -> pandoc metadata (strings as inlines, so Markdown escapes them)."""
        if isinstance(value, dict):
            return {"t": "MetaMap", "c": {k: self.meta_value(v) for k, v in value.items()}}
        if isinstance(value, (list, tuple)):
            return {"t": "MetaList", "c": [self.meta_value(v) for v in value]}
        if isinstance(value, bool):
            return {"t": "MetaBool", "c": value}
        if isinstance(value, int):
            return {"t": "MetaString", "c": str(value)}
        text = str(value)
        if _YAML_NUMBER.match(text):  # pandoc would write it bare and YAML read it as a number
            return {"t": "MetaBlocks", "c": [{"t": "Plain", "c": self.text(text)}]}
        return {"t": "MetaInlines", "c": self.text(text)}

    def meta(self) -> dict:
        m = self.doc.meta
        fields: dict[str, Any] = {
            "title": m.title, "subtitle": m.subtitle, "kicker": m.kicker, "date": m.date,
            "lang": m.language, "url": m.url, "publisher": m.publisher, "rights": m.rights,
        }
        if m.authors:
            fields["author"] = list(m.authors)
        if m.tags:
            fields["tags" if self.lossless else "keywords"] = list(m.tags)
        if self.lossless:
            fields.update({"site-name": m.site_name, "cover": m.cover})
            if m.extra:  # pairs, not a mapping: pandoc sorts mappings, and the order is the tree's
                fields["extra"] = [list(pair) for pair in m.extra]
            registries = self.registries()
            if registries:
                fields[REGISTRY_KEY] = registries
        out = {k: self.meta_value(v) for k, v in fields.items() if v}
        if self.doc.abstract:
            out["abstract"] = {"t": "MetaBlocks", "c": self.blocks(self.doc.abstract)}
        if m.language:
            out["lang"] = {"t": "MetaString", "c": m.language}
        return out

    def registries(self) -> dict:
        """The document's people, sources, events, entities and abbreviations, defaults left out."""
        out: dict[str, Any] = {}
        for name in REGISTRIES:
            records = []
            for rec in getattr(self.doc, name):
                fields = {}
                for f in dataclasses.fields(rec):
                    value = getattr(rec, f.name)
                    if value != f.default:
                        fields[f.name] = list(value) if isinstance(value, tuple) else value
                records.append(fields)
            if records:
                out[name] = records
        if self.doc.abbreviations:
            out["abbreviations"] = [list(pair) for pair in self.doc.abbreviations]
        return out


def escape_title_block(body: list) -> None:
    """A Markdown file that starts with ``%`` has a title block; escape a paragraph's leading ``%``."""
    first = body[0] if body else None
    if first and first["t"] == "Para" and first["c"] and first["c"][0]["t"] == "Str" \
            and first["c"][0]["c"].startswith("%"):
        rest = first["c"][0]["c"][1:]
        first["c"][0:1] = [{"t": "RawInline", "c": ["markdown", "\\%"]}, *([{"t": "Str", "c": rest}] if rest else [])]


_API_VERSION: tuple[int, ...] | None = None


def api_version() -> tuple[int, ...]:
    """The pandoc-types version of the pandoc binary in use (asked once per process)."""
    global _API_VERSION
    if _API_VERSION is None:
        import json

        from toolkit.pandoc.run import run_pandoc

        raw = run_pandoc(["--from", "markdown", "--to", "json"], b"")
        _API_VERSION = tuple(json.loads(raw)["pandoc-api-version"])
    return _API_VERSION
