"""Metadata from around the article: its sidecar, a manifest row, ``toolkit.toml``'s [meta] and ``--meta``.

``load_sidecar`` reads ``INPUT.meta.yaml``; ``apply_metadata`` lays a mapping of fields over the
document's own; ``apply_option_metadata`` applies the project's defaults, then ``--meta``. Dates
follow the one rule of ``toolkit.language.dates.parse_metadata_date``.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

from toolkit.config.safe_yaml import MAX_YAML_BYTES, load_yaml
from toolkit.errors import InputError
from toolkit.guard.files import read_bytes
from toolkit.language.dates import metadata_date_problem, parse_metadata_date
from toolkit.options import Context
from toolkit.tree.nodes import Document, Figure, Meta

META_FIELDS = {f.name for f in dataclasses.fields(Meta)}
SCALARS = (str, int, float, bool, datetime.date)


def load_sidecar(path: Path, ctx: Context) -> dict:
    """``INPUT.meta.yaml`` beside the input (e.g. ``article.txt.meta.yaml`` or ``article.meta.yaml``)."""
    for cand in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
        if cand.is_file():
            try:
                text = read_bytes(cand, MAX_YAML_BYTES, "sidecar metadata").decode("utf-8")
            except UnicodeDecodeError:
                raise InputError("sidecar metadata is not UTF-8; save it as UTF-8", str(cand)) from None
            data = load_yaml(text, str(cand)) or {}  # 2018-02-30 unquoted: an InputError naming the key
            if not isinstance(data, dict):
                raise InputError("sidecar metadata must be a mapping of fields", str(cand))
            if isinstance(data.get("date"), str) and not data["date"].strip():
                data["date"] = None  # "date:" and 'date: ""' both mean no date
            if data.get("date") is not None:  # the one date rule (toolkit.language.dates); errors name this file
                try:
                    data["date"] = parse_metadata_date(data["date"])
                except ValueError as exc:
                    raise InputError(metadata_date_problem("date", data["date"], exc), str(cand)) from None
            return data
    return {}


def apply_metadata(doc: Document, data: dict, ctx: Context) -> Document:
    """Override or supply metadata fields (and the lead figure's image) from a mapping."""
    if not data:
        return doc
    changes = {}
    for key, value in data.items():
        key = {"author": "authors", "lang": "language", "dek": "subtitle", "image": "figure_image"}.get(key, key)
        if key == "extra" and isinstance(value, dict):  # free key-value metadata, merged over the reader's
            if all(v is None or isinstance(v, SCALARS) for v in value.values()):
                merged = dict(doc.meta.extra) | {str(k): str(v) for k, v in value.items() if v is not None}
                changes["extra"] = tuple(merged.items())
            else:
                ctx.warn("metadata field 'extra' must map names to texts; ignored")
            continue
        if key == "date":  # the one date rule (toolkit.language.dates); a sidecar's date is already checked
            if value is None or (isinstance(value, str) and not value.strip()):
                changes[key] = None
                continue
            try:
                changes[key] = parse_metadata_date(value)
            except ValueError as exc:  # a manifest row's date, or read(metadata=)'s
                raise InputError(f"metadata {metadata_date_problem('date', value, exc)}",
                                 str(ctx.input_path) if ctx.input_path else None) from None
            continue
        values = value if isinstance(value, list) and key in ("authors", "tags") else [value]
        if not all(v is None or isinstance(v, SCALARS) for v in values):
            ctx.warn(f"metadata field {key!r} must be text (or a list of texts); ignored")
            continue
        if key in ("authors", "tags"):
            changes[key] = tuple(str(v) for v in values if v is not None)
        elif key in META_FIELDS and key != "extra":
            changes[key] = None if value is None else str(value)
        elif key in ("figure_image", "figure_alt"):
            continue
        else:
            ctx.warn(f"unknown metadata field {key!r} ignored")
    doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, **changes))
    image, alt = data.get("image") or data.get("figure_image"), data.get("figure_alt")
    if image or alt:
        blocks = list(doc.blocks)
        idx = next((i for i, b in enumerate(blocks) if isinstance(b, Figure)), None)
        if idx is None:
            blocks.insert(0, Figure(str(image or ""), str(alt or "")))
        else:
            fig = blocks[idx]
            blocks[idx] = dataclasses.replace(fig, src=str(image or fig.src), alt=str(alt or fig.alt))
        doc = dataclasses.replace(doc, blocks=tuple(blocks))
    return doc


def _meta_dict(pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in ("author", "tags"):
            data.setdefault(key, []).append(value)
        else:
            data[key] = value
    return data


def apply_option_metadata(doc, options, ctx):
    """The project's metadata defaults where the article has none, then ``--meta`` over everything."""
    if not options.meta and not options.meta_defaults:
        return doc
    m = doc.meta
    have = {"author": bool(m.authors), "tags": bool(m.tags), "identifier": "identifier" in dict(m.extra),
            "site-name": bool(m.site_name)}
    defaults = {k: v for k, v in _meta_dict(options.meta_defaults).items()
                if not (have[k] if k in have else getattr(m, k.replace("-", "_"), None))}
    data = {**defaults, **_meta_dict(options.meta)}
    identifier = data.pop("identifier", None)
    if "site-name" in data:
        data["site_name"] = data.pop("site-name")
    doc = apply_metadata(doc, data, ctx)
    if identifier:
        extra = (*((k, v) for k, v in doc.meta.extra if k != "identifier"), ("identifier", identifier))
        doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, extra=extra))
    return doc
