"""What an edition's file is called: a slug of the article's title (or its input's name) and the writer's extension.

Used by the pipeline, the batch (which keeps each article's names stable) and writers that name their
sibling files.
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.registry import get_registry
from toolkit.tree.nodes import Document


def slugify(text: str, fallback: str = "article", limit: int = 80) -> str:
    """A file-name slug that cannot leave its folder: ASCII letters, digits and hyphens, at most ``limit``
    characters, cut at a word. Other scripts are transliterated by python-slugify ("Ana Petrova" in
    Cyrillic becomes "ana-petrova"); a title with nothing to transliterate gives ``fallback``."""
    from slugify import slugify as transliterated_slug

    slug = transliterated_slug(text or "", max_length=limit, word_boundary=True, save_order=True)
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")  # the library's promise, kept by us
    return slug[:limit].strip("-") or fallback


def output_name(doc: Document, input_path: Path | None, fmt: str) -> str:
    ext = get_registry().writer(fmt).extension
    stem = slugify(doc.meta.title or "", fallback=slugify(input_path.stem if input_path else ""))
    return f"{stem}.{ext}"
