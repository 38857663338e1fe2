"""What an edition's file is called: a slug of the article's title (or its input's name) and the writer's extension.

Used by the pipeline, the batch (which keeps each article's names stable) and writers that name their
sibling files.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from toolkit.registry import get_registry
from toolkit.tree.nodes import Document


def slugify(text: str, fallback: str = "article", limit: int = 80) -> str:
    """A file-name slug that cannot leave its folder: ASCII letters, digits and hyphens."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]
    return slug or fallback


def output_name(doc: Document, input_path: Path | None, fmt: str) -> str:
    ext = get_registry().writer(fmt).extension
    stem = slugify(doc.meta.title or "", fallback=slugify(input_path.stem if input_path else ""))
    return f"{stem}.{ext}"
