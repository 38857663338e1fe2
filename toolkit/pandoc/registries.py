"""The toolkit's own metadata in a pandoc document: site name, extra fields, and the registries
(people, sources, events, entities, abbreviations) that its Markdown writer stores under ``toolkit:``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from toolkit.tree.nodes import Document, Entity, Event, Person, Source

# The metadata key that holds the document's registries (people, sources, ...).
REGISTRY_KEY = "toolkit"
REGISTRIES = {"people": Person, "sources": Source, "events": Event, "entities": Entity}


def _record(cls: type, data: Any) -> Any:
    """One registry record from a metadata mapping; absent fields take their defaults."""
    if not isinstance(data, dict):
        return None
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        default = f.default
        if isinstance(default, int) and not isinstance(default, bool):
            value = int(value) if str(value).strip().lstrip("-").isdigit() else default
        elif isinstance(default, tuple):
            value = tuple(str(x) for x in (value if isinstance(value, list) else [value]))
        else:
            value = "" if value is None else str(value)
        kwargs[f.name] = value
    try:
        return cls(**kwargs)
    except TypeError:
        return None


def apply_toolkit_meta(doc: Document, meta: dict) -> Document:
    """Fill what the toolkit itself wrote into the metadata: site name, extra fields, registries."""
    changes: dict[str, Any] = {}
    m = doc.meta
    meta_changes: dict[str, Any] = {}
    if meta.get("site-name") and not m.site_name:
        meta_changes["site_name"] = str(meta["site-name"])
    extra = meta.get("extra")
    if isinstance(extra, dict) and not m.extra:
        meta_changes["extra"] = tuple((str(k), str(v)) for k, v in extra.items())
    elif isinstance(extra, list) and not m.extra:
        meta_changes["extra"] = tuple((str(x[0]), str(x[1])) for x in extra if isinstance(x, list) and len(x) == 2)
    if meta_changes:
        changes["meta"] = dataclasses.replace(m, **meta_changes)
    reg = meta.get(REGISTRY_KEY)
    if isinstance(reg, dict):
        for name, cls in REGISTRIES.items():
            items = reg.get(name)
            if isinstance(items, list) and not getattr(doc, name):
                changes[name] = tuple(r for r in (_record(cls, x) for x in items) if r is not None)
        abbrs = reg.get("abbreviations")
        if isinstance(abbrs, list) and not doc.abbreviations:
            changes["abbreviations"] = tuple((str(x[0]), str(x[1])) for x in abbrs
                                             if isinstance(x, list) and len(x) == 2)
    return dataclasses.replace(doc, **changes) if changes else doc
